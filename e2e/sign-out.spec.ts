// Signing out ends every conversation the agent is in, so the console asks
// first: cancelled, nothing changes; confirmed, the visitor is told.
import { demoAgents } from './environment.ts';
import { expect, test } from './fixtures.ts';

test('signing out in the middle of a chat asks first, and ends it only when confirmed', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  await visitor.open();
  await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('Is anyone there?');
  await visitor.panel.getByRole('textbox', { name: 'Message' }).press('Enter');
  await agent.page.getByRole('region', { name: 'Incoming chat' }).getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByRole('status').first()).toContainText('You are talking with');

  const asked: string[] = [];
  agent.page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await agent.page.getByRole('button', { name: 'Sign out' }).click();
  expect(asked).toEqual(['Signing out ends your conversation with visitors. Sign out?']);
  await expect(agent.page.getByRole('region', { name: /^Conversation with Visitor/ })).toBeVisible();
  await expect(visitor.panel.getByText('Chat ended')).toHaveCount(0);

  agent.page.once('dialog', (dialog) => void dialog.accept());
  await agent.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(agent.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(visitor.panel.getByText('Chat ended')).toBeVisible();
});
