// The message box and its limit: a message longer than the limit is never
// cut without a word.
import { expect, test } from './fixtures.ts';

test('a pasted message over 4,000 characters is cut with a word, and the visitor sees how many are left near the limit', async ({ openVisitor }) => {
  const visitor = await openVisitor();
  const { panel } = visitor;
  await visitor.open();
  const message = panel.getByRole('textbox', { name: 'Message' });
  await message.fill('x'.repeat(3_850));
  await expect(panel).toContainText('150 characters left');
  await expect(message).toHaveAccessibleDescription('150 characters left');
  await expect(panel).not.toContainText('Your message was cut');

  await message.fill('y'.repeat(10_000));
  await expect(panel).toContainText('Your message was cut to 4,000 characters.');
  await expect(panel).toContainText('0 characters left');
  await expect(message).toHaveValue('y'.repeat(4_000));

  // What was sent is what the box showed; the notice goes with it.
  await message.press('Enter');
  await expect(panel.getByRole('log', { name: 'Messages' })).toContainText('y'.repeat(4_000));
  await expect(panel).not.toContainText('Your message was cut');
  await expect(panel).not.toContainText('characters left');
});
