// A supervisor's Reports: how the contacts of some days went, with each agent's share.
import { demoAgents } from './environment.ts';
import { chatAnswered, expect, test } from './fixtures.ts';
import { pageDay, saveWrapUp } from './helpers.ts';

test('a supervisor sees how the last days went, and each agent who answered, and chooses other days', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  await chatAnswered(agent, visitor, 'Hello');
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await expect(agent.page.getByText('Chat ended')).toBeVisible();
  await saveWrapUp(agent.page);

  const supervisor = await signInAgent(demoAgents.supervisor);
  await supervisor.setStatus('Away');
  await supervisor.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Reports' }).click();
  const reports = supervisor.page.getByRole('region', { name: 'Reports' });
  const figure = (name: string) => reports.getByRole('table', { name: 'Totals' }).getByRole('row', { name: new RegExp(`^${name} `) }).getByRole('cell');
  await expect(figure('Contacts')).toHaveText(/^[1-9]\d*$/);
  await expect(figure('Answered by an agent')).toHaveText(/^[1-9]\d* \(\d+%\)$/);
  await expect(figure('Average wait')).toHaveText(/^\d+:\d\d$/);
  await expect(figure('Outcome: Completed')).toHaveText(/^[1-9]\d* \(\d+%\)$/);
  await expect(figure('Outcome: Callback closed')).toHaveText(/^\d+ \(\d+%\)$/);
  await expect(reports.getByRole('table', { name: 'Agents' }).getByRole('row', { name: /^Alex \(Demo agent\) [1-9]/ })).toBeVisible();

  // Days to come: nothing yet.
  const tomorrow = await pageDay(supervisor.page, 1);
  const days = reports.getByRole('form', { name: 'Days to report' });
  await days.getByLabel('From').fill(tomorrow);
  await days.getByLabel('To').fill(tomorrow);
  // From the keyboard, the focus stays on Show while the report comes.
  await days.getByRole('button', { name: 'Show' }).press('Enter');
  // Which days the figures are of is said as they come.
  const tomorrowShown = await supervisor.page.evaluate((day) => new Date(`${day}T00:00`).toLocaleDateString(undefined, { dateStyle: 'medium' }), tomorrow);
  await expect(reports.getByRole('status')).toHaveText(`Contacts begun ${tomorrowShown} to ${tomorrowShown}, both included.`);
  await expect(figure('Contacts')).toHaveText('0');
  await expect(days.getByRole('button', { name: 'Show' })).toBeFocused();
  await expect(figure('Average wait')).toHaveText('—');
  await expect(reports.getByText('No contact was answered on these days.')).toBeVisible();

  // To before From: the browser says so at To, rather than an error above the figures of other days.
  await days.getByLabel('To').fill(await pageDay(supervisor.page, 0));
  await days.getByRole('button', { name: 'Show' }).click();
  await expect(days.getByLabel('To')).toBeFocused();
  expect(await days.getByLabel('To').evaluate((input: HTMLInputElement) => input.validity.rangeUnderflow)).toBe(true);
  await expect(reports.getByRole('alert')).toHaveCount(0);
});
