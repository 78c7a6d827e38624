// When the browser or the server says no: a blocked microphone. The visitor
// is told in plain words and has a way on; nothing waits in a queue that they
// did not ask for.
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
