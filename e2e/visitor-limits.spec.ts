// Anyone can read a page's widget key, so support counts what visitors open.
// A visitor who runs into a limit (writing in a burst, or one of many
// visitors behind one address) is told in plain words, with when to try
// again, and keeps what they wrote.
import { limits } from '@beckon/protocol';
import { limitedOrigin, limitedPort } from './environment.ts';
import { expect, test, withOwnNodeHost } from './fixtures.ts';

test('a visitor who writes faster than support takes messages gets the one that did not go back, is told why, and sends it again', async ({ openVisitor }) => {
  const visitor = await openVisitor();
  await visitor.open();
  const { panel } = visitor;
  const message = panel.getByRole('textbox', { name: 'Message' });
  const log = panel.getByRole('log', { name: 'Messages' });
  const { max, windowMs } = limits.chatMessagesPerParticipant;
  for (let n = 1; n <= max + 1; n++) {
    await message.fill(`Message ${n}`);
    await message.press('Enter');
  }
  await expect(panel.getByText('You are sending messages too quickly. Please wait a few seconds and send it again.')).toBeVisible();
  await expect(message).toHaveValue(`Message ${max + 1}`);
  await expect(log.getByText(`Message ${max}`, { exact: true })).toBeVisible();
  await expect(log.getByText(`Message ${max + 1}`, { exact: true })).toHaveCount(0);
  await expect(log.getByText('Sending…', { exact: true })).toHaveCount(0);

  // A few seconds later it goes.
  await visitor.page.waitForTimeout(windowMs);
  await message.press('Enter');
  await expect(message).toHaveValue('');
  await expect(panel.getByText('You are sending messages too quickly.', { exact: false })).toHaveCount(0);
  await expect(log.getByText(`Message ${max + 1}`, { exact: true })).toBeVisible();
  await expect(log.getByText('Sent', { exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
});

test.describe('on a Beckon that allows one visitor session a minute per address', () => {
  test.use({ baseURL: limitedOrigin });
  withOwnNodeHost(limitedPort, { BECKON_VISITOR_SESSIONS_PER_MINUTE: '1' });

  test('the next visitor from that address is told support is busy with their network, and when to try again', async ({ openVisitor }) => {
    const first = await openVisitor();
    const session = first.page.waitForResponse((response) => response.url().endsWith('/v1/visitor/session'));
    await first.open();
    expect((await session).status()).toBe(200);
    await expect(first.panel.getByRole('textbox', { name: 'Message' })).toBeVisible();

    const second = await openVisitor();
    await second.open();
    await expect(second.panel.getByText(/^Support is getting too many requests from your network\. Please try again in (\d+ seconds|a minute)\.$/)).toBeVisible();
    await expect(second.panel.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  });
});
