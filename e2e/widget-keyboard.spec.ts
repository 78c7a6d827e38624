// The widget from the keyboard alone (and seen in forced colors): closing the panel puts the visitor back
// on the button that opened it (the launcher or the page's own), and a button they are on never turns into
// End chat under them, so one more key press cannot end the conversation.
import { expect, test } from './fixtures.ts';
import { answerNextChat, focusRing, widgetEvents } from './helpers.ts';

test('focus returns to Contact support however the panel is closed', async ({ openVisitor }) => {
  const visitor = await openVisitor();
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  const close = visitor.panel.getByRole('button', { name: 'Close' });
  const closes: [string, () => Promise<void>][] = [
    ['Escape in the message box', () => message.press('Escape')],
    ['Escape on Send', () => visitor.panel.getByRole('button', { name: 'Send', exact: true }).press('Escape')],
    ['a click on Close', () => close.click()],
    ['Enter on Close', () => close.press('Enter')],
  ];
  for (const [how, closePanel] of closes) {
    await visitor.launcher.press('Enter');
    await expect(message, how).toBeFocused();
    await closePanel();
    await expect(visitor.panel, how).toBeHidden();
    await expect(visitor.launcher, how).toBeFocused();
  }
});

test("a panel opened from the page's own button gives focus back to that button as it closes", async ({ openVisitor }) => {
  const visitor = await openVisitor();
  const pageButton = visitor.page.getByRole('button', { name: 'Chat with Beckon' });
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  await pageButton.press('Enter');
  await expect(message).toBeFocused();
  await message.press('Escape');
  await expect(visitor.panel).toBeHidden();
  await expect(pageButton).toBeFocused();
});

test('a button the visitor is on never turns into End chat: not as the agent accepts, not after Continue here', async ({ openVisitor, request, baseURL }) => {
  const visitor = await openVisitor();
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  const endChat = visitor.panel.getByRole('button', { name: 'End chat' });
  const status = visitor.panel.getByRole('status');
  await visitor.open();
  await message.fill('Hello');
  await message.press('Enter');
  await expect(status).toContainText('Waiting for an agent');
  const cancel = visitor.panel.getByRole('button', { name: 'Cancel', exact: true });
  await cancel.focus();
  await expect(cancel).toBeFocused();

  const agent = await answerNextChat(request, baseURL!);
  try {
    await expect(status).toContainText('You are talking with Alex');
    await expect(message).toBeFocused();
    await expect(endChat).not.toBeFocused();

    const tab = await visitor.page.context().newPage();
    await tab.goto('/demo/');
    await expect(visitor.panel.getByText('This conversation continues in another tab')).toBeVisible();
    await visitor.page.bringToFront();
    await visitor.panel.getByRole('button', { name: 'Continue here' }).focus();
    await visitor.page.keyboard.press('Enter');
    await expect(status).toContainText('You are talking with Alex');
    await expect(message).toBeFocused();
    await expect(endChat).not.toBeFocused();
    // The key press that would have ended the chat types a space instead.
    await visitor.page.keyboard.press('Space');
    await expect(message).toHaveValue(' ');
    await expect(status).toContainText('You are talking with Alex');
    expect((await widgetEvents(visitor.page)).filter((event) => event.name === 'call:ended')).toEqual([]);
  } finally {
    agent.leave();
  }
});

test('in Windows high-contrast (forced colors) the button and the panel keep an edge', async ({ openVisitor }) => {
  const visitor = await openVisitor();
  await visitor.page.emulateMedia({ forcedColors: 'active' });
  await expect(visitor.launcher).toHaveCSS('border-top-style', 'solid');
  await expect(visitor.launcher).not.toHaveCSS('border-top-width', '0px');
  await visitor.launcher.press('Enter');
  await expect(visitor.panel).toHaveCSS('border-top-style', 'solid');
  await expect(visitor.panel).not.toHaveCSS('border-top-width', '0px');
});

test('the focus ring stands out at least 3:1 from the page, the white panel and the blue button and header (WCAG 1.4.11)', async ({ openVisitor }) => {
  const visitor = await openVisitor();
  const launcherRing = await focusRing(visitor.launcher);
  expect(launcherRing.outline).toMatch(/ solid 3px$/);
  expect(launcherRing.surroundings).toBeGreaterThanOrEqual(3);
  expect(launcherRing.fill).toBeGreaterThanOrEqual(3);

  await visitor.launcher.press('Enter');
  await expect(visitor.panel).toBeVisible();
  for (const control of [
    visitor.panel.getByRole('button', { name: 'Close' }),
    visitor.panel.getByRole('textbox', { name: 'Message' }),
    visitor.panel.getByRole('button', { name: 'Send', exact: true }),
    visitor.panel.getByRole('button', { name: 'Start video call' }),
  ]) {
    const ring = await focusRing(control);
    const name = await control.evaluate((element) => element.getAttribute('aria-label') ?? element.textContent);
    expect(ring.outline, `${name}`).toMatch(/ solid 3px$/);
    expect(ring.surroundings, `${name} against ${ring.outline}`).toBeGreaterThanOrEqual(3);
    if (ring.fill !== null) expect(ring.fill, `${name}'s own colour`).toBeGreaterThanOrEqual(3);
  }
});

test("Escape that closes the panel, from a button as from the message box or the support button, does not reach the page's own Escape handlers", async ({ openVisitor }) => {
  const visitor = await openVisitor();
  // A page closing its own menus and dialogs on Escape, as many do.
  await visitor.page.evaluate(() => {
    (window as Window & { pageEscapes?: number }).pageEscapes = 0;
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') (window as Window & { pageEscapes?: number }).pageEscapes! += 1;
    });
  });
  const pageEscapes = () => visitor.page.evaluate(() => (window as Window & { pageEscapes?: number }).pageEscapes);
  for (const control of [
    visitor.panel.getByRole('button', { name: 'Send', exact: true }),
    visitor.panel.getByRole('button', { name: 'Start audio call' }),
    visitor.panel.getByRole('button', { name: 'Close' }),
    visitor.panel.getByRole('textbox', { name: 'Message' }),
    // The button itself, the panel open beside it.
    visitor.launcher,
  ]) {
    await visitor.launcher.press('Enter');
    await control.press('Escape');
    await expect(visitor.panel).toBeHidden();
    await expect(visitor.launcher).toBeFocused();
  }
  expect(await pageEscapes()).toBe(0);
  // Escape the widget has no use for (on the button, the panel closed) is the page's.
  await visitor.launcher.press('Escape');
  expect(await pageEscapes()).toBe(1);
});
