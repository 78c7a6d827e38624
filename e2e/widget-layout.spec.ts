// The panel on small screens: whatever the viewport, its header with Close and
// the message box stay in view, and so do the button that ends what the
// visitor is in (Hang up in a call, Cancel in the queue); only the middle
// scrolls, and it brings a new message into view. And a message longer than
// the limit is never cut without a word.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Whether the control is inside the viewport and the one under a click at its centre (nothing covers it). */
async function reachable(control: Locator): Promise<string> {
  return control.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const inside = box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
    if (!inside) return `outside the ${innerWidth}×${innerHeight} viewport: ${Math.round(box.left)},${Math.round(box.top)} to ${Math.round(box.right)},${Math.round(box.bottom)}`;
    const hit = (element.getRootNode() as ShadowRoot).elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit && element.contains(hit) ? 'reachable' : `covered by ${hit?.outerHTML.slice(0, 80)}`;
  });
}

async function expectReachable(page: Page, controls: Record<string, Locator>): Promise<void> {
  const { width, height } = page.viewportSize()!;
  for (const [name, control] of Object.entries(controls)) {
    await expect.poll(() => reachable(control), { message: `${name} at ${width}×${height}` }).toBe('reachable');
  }
}

test('in a video call, Close, Hang up and the message box stay in view on a laptop, a phone and at 200% zoom', async ({ connectedCall }, testInfo) => {
  const { visitor } = await connectedCall('video');
  const { page, panel } = visitor;
  const viewports: [number, number][] = [
    [1280, 720],
    [375, 667],
    [640, 360],
  ];
  for (const [width, height] of viewports) {
    await page.setViewportSize({ width, height });
    await expectReachable(page, {
      Close: panel.getByRole('button', { name: 'Close' }),
      'Hang up': panel.getByRole('button', { name: 'Hang up' }),
      'the message box': panel.getByRole('textbox', { name: 'Message' }),
      Send: panel.getByRole('button', { name: 'Send', exact: true }),
    });
    await page.screenshot({ path: testInfo.outputPath(`call-${width}x${height}.png`) });
  }
});

test('in a video call on a phone, a message from the agent comes into view below the call, and the page under the panel stays put', async ({ connectedCall }) => {
  const { agent, visitor } = await connectedCall('video');
  const { page, panel } = visitor;
  const reply = agent.page.getByRole('form', { name: 'Reply' }).getByRole('textbox', { name: 'Message' });
  const messages = panel.getByRole('log', { name: 'Messages' });

  await page.setViewportSize({ width: 360, height: 740 });
  await reply.fill('The page you asked for: https://example.com/help');
  await reply.press('Enter');
  await expectReachable(page, { "the agent's message": messages.getByText('The page you asked for') });

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.evaluate(() => scrollTo(0, 100));
  await reply.fill('Anything else?');
  await reply.press('Enter');
  await expectReachable(page, { "the agent's second message": messages.getByText('Anything else?') });
  expect(await page.evaluate(() => scrollY)).toBe(100);
});

test('in a voice call on a laptop, the call\'s status and its captions show above the controls', async ({ connectedCall }) => {
  const { visitor } = await connectedCall('audio');
  await visitor.page.setViewportSize({ width: 1280, height: 720 });
  await visitor.panel.getByRole('button', { name: 'Show captions' }).click();
  // This browser cannot caption here, and says so where the captions go.
  await expectReachable(visitor.page, {
    'the status': visitor.panel.getByRole('status').getByText('Connected', { exact: true }),
    'the captions': visitor.panel.getByRole('region', { name: 'Captions' }),
  });
});

test('waiting in the queue on a phone, Send and Cancel stay in view however long the chat grows', async ({ openVisitor }, testInfo) => {
  const visitor = await openVisitor();
  const { page, panel } = visitor;
  await page.setViewportSize({ width: 375, height: 667 });
  await visitor.open();
  const message = panel.getByRole('textbox', { name: 'Message' });
  for (const line of ['Hello', 'My invoice is wrong', 'It says March', 'but I paid in February', 'Can you check?', 'Thanks']) {
    await message.fill(line);
    await message.press('Enter');
  }
  await expect(panel.getByRole('status')).toContainText('Waiting for an agent');
  await expectReachable(page, {
    Close: panel.getByRole('button', { name: 'Close' }),
    'the message box': message,
    Send: panel.getByRole('button', { name: 'Send', exact: true }),
    Cancel: panel.getByRole('button', { name: 'Cancel', exact: true }),
  });
  await page.screenshot({ path: testInfo.outputPath('queue-375x667.png') });
});

test('at 200% zoom the header stays in view through the device check', async ({ openVisitor }, testInfo) => {
  const visitor = await openVisitor();
  const { page, panel } = visitor;
  await page.setViewportSize({ width: 640, height: 360 });
  await visitor.open();
  await panel.getByRole('button', { name: 'Start video call' }).click();
  const join = panel.getByRole('button', { name: 'Join call' });
  await expect(join).toBeVisible();
  await join.scrollIntoViewIfNeeded();
  await expectReachable(page, { Close: panel.getByRole('button', { name: 'Close' }), 'Join call': join });
  await page.screenshot({ path: testInfo.outputPath('check-640x360.png') });
});

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
