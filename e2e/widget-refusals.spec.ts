// When the browser or the server says no: a blocked microphone, or a queue
// the page asked for that support does not have. The visitor is told in plain
// words, keeps what they wrote, and has a way on; nothing waits in a queue
// that they did not ask for.
import { demoAgents } from './environment.ts';
import { expect, test } from './fixtures.ts';
import { apiSignIn, contactsSince, widgetEvents } from './helpers.ts';

test('a visitor whose microphone is blocked is told so and goes back with Cancel, with nothing queued', async ({ openVisitor, request, startedAt }) => {
  const visitor = await openVisitor();
  await visitor.page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await visitor.page.reload();
  await visitor.open();
  const { panel } = visitor;
  const problem = panel.getByRole('alert');
  const cancel = panel.getByRole('button', { name: 'Cancel', exact: true });

  await panel.getByRole('button', { name: 'Start audio call' }).click();
  await expect(problem).toContainText('We could not use your microphone');
  await expect(problem).not.toContainText('camera');
  await cancel.click();
  await expect(problem).toBeHidden();
  await expect(panel.getByRole('textbox', { name: 'Message' })).toBeFocused();

  // A video call falls back to an audio call, which the blocked microphone stops too; the way back stays after closing the panel.
  await panel.getByRole('button', { name: 'Start video call' }).click();
  await expect(problem).toContainText('We could not use your camera or microphone');
  await panel.getByRole('button', { name: 'Start audio call' }).click();
  await expect(problem).toContainText('We could not use your microphone');
  await panel.getByRole('button', { name: 'Close' }).click();
  await visitor.open();
  await expect(problem).toContainText('We could not use your microphone');
  await cancel.click();
  await expect(panel.getByRole('button', { name: 'Start video call' })).toBeVisible();

  const events = await widgetEvents(visitor.page);
  expect(events.map((event) => event.name)).toEqual(['error', 'error', 'error']);
  const { accessToken } = await apiSignIn(request, demoAgents.first);
  expect(await contactsSince(request, accessToken, startedAt)).toEqual([]);
});

test('a chat started in a queue support does not have: the visitor is told plainly, gets their words back, and sending again reaches support', async ({ openVisitor }) => {
  const visitor = await openVisitor();
  await visitor.page.evaluate(() => (window as unknown as { Beckon(command: string, options: object): void }).Beckon('startChat', { queue: 'nope' }));
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  await expect(message).toBeFocused();
  await message.fill('My parcel is lost');
  await message.press('Enter');

  const status = visitor.panel.getByRole('status');
  await expect(status).toContainText('We could not start the chat');
  await expect(status).toContainText('This page asked for a support team we do not have.');
  await expect(status).not.toContainText('nope');
  await expect(message).toHaveValue('My parcel is lost');
  await expect(message).toBeFocused();

  await message.press('Enter');
  await expect(status).toContainText('Waiting for an agent');
  await expect(visitor.panel.getByRole('log', { name: 'Messages' })).toHaveText(/^You\s*My parcel is lost\s*Sent$/);
  const events = await widgetEvents(visitor.page);
  expect(events.filter((event) => event.name === 'error').map((event) => event.detail)).toEqual([{ code: 'unknown_queue', message: 'There is no queue "nope".' }]);
  expect(events.map((event) => event.name)).toContain('call:queued');

  await visitor.panel.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(visitor.panel.getByText('Chat cancelled')).toBeVisible();
});
