// The snippet on customers' own sites: a call from an allowed origin works;
// an unknown widget key or a foreign origin fails politely, telling the visitor
// and the host page, and the host page goes on working. What real sites do
// around it (a strict CSP, CSS for every element, the snippet twice, swapping
// the body to navigate, a transform on the body, keyboard shortcuts, a mistyped
// data-queue, a forgotten data-key) leaves the widget working as documented.
// A site's own colour (data-color) dresses the launcher and the panel, with
// text and focus rings that stay readable on it.
import { allowedSiteOrigin, demoAgents, foreignSiteOrigin } from './environment.ts';
import { expect, test } from './fixtures.ts';
import { expectMediaFlowing, focusRing, widgetEvents, type WidgetEvent } from './helpers.ts';

function errorCodes(events: WidgetEvent[]): unknown[] {
  return events.filter((event) => event.name === 'error').map((event) => (event.detail as { code?: unknown } | null)?.code);
}

test('the snippet on an allowed second origin completes a call', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  await agent.setStatus('Available');

  const visitor = await openVisitor(`${allowedSiteOrigin}/`);
  await visitor.startCall('video');
  await expect(visitor.panel.getByRole('status')).toContainText('Waiting for an agent');

  await expect(agent.incomingCall).toContainText(allowedSiteOrigin);
  await agent.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expect(agent.page.getByText(/\bConnected\b/).first()).toBeVisible();
  await expectMediaFlowing(visitor.page, { video: true });

  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(visitor.panel.getByText('Call ended')).toBeVisible();
  await expect(agent.page.getByText('Call ended')).toBeVisible();
});

for (const { title, url, code } of [
  { title: 'an unknown widget key', url: `${allowedSiteOrigin}/?key=nope`, code: 'unknown_widget_key' },
  { title: 'an origin not on the allowlist', url: `${foreignSiteOrigin}/`, code: 'origin_not_allowed' },
]) {
  test(`${title} makes support unavailable and leaves the host page working`, async ({ openVisitor }) => {
    const visitor = await openVisitor(url);
    await visitor.open();
    await expect(visitor.panel.getByText('Support is unavailable right now')).toBeVisible();
    await expect.poll(async () => errorCodes(await widgetEvents(visitor.page))).toContain(code);

    const hostButton = visitor.page.getByRole('button', { name: 'Clicked 0 times' });
    await hostButton.click();
    await expect(visitor.page.getByRole('button', { name: 'Clicked 1 times' })).toBeVisible();
  });
}

test('a snippet without data-key is told to the developer as the page loads, and to the visitor in plain words', async ({ openVisitor }) => {
  const visitor = await openVisitor(`${allowedSiteOrigin}/?key=`);
  await expect(visitor.launcher).toBeVisible();
  const errors = (await visitor.page.consoleMessages()).filter((message) => message.type() === 'error').map((message) => message.text());
  expect(errors).toContainEqual(expect.stringMatching(/^Beckon: the widget\.js script tag has no data-key/));
  const sessions: string[] = [];
  visitor.page.on('request', (request) => request.url().includes('/v1/visitor/session') && sessions.push(request.url()));
  await visitor.open();
  await expect(visitor.panel.getByText('Support is unavailable right now')).toBeVisible();
  await expect(visitor.panel.getByText("This page's support button is not set up yet: it has no widget key.")).toBeVisible();
  await expect.poll(async () => errorCodes(await widgetEvents(visitor.page))).toEqual(['missing_widget_key']);
  // Nothing to ask the server: it could only have said "bad request".
  expect(sessions).toEqual([]);
});

test('a transform on the page\'s body leaves the button at the bottom right of the window', async ({ openVisitor }) => {
  const visitor = await openVisitor(`${allowedSiteOrigin}/`);
  // As pages do to slide between views, or to put the body on its own GPU layer.
  await visitor.page.addStyleTag({ content: 'body { transform: translateZ(0); min-height: 300vh }' });
  await visitor.page.mouse.wheel(0, 800);
  await expect.poll(() => visitor.page.evaluate(() => scrollY)).toBeGreaterThan(0);
  const viewport = visitor.page.viewportSize()!;
  await expect.poll(() => visitor.launcher.boundingBox()).toEqual({ x: viewport.width - 76, y: viewport.height - 76, width: 56, height: 56 });
  await visitor.open();
  const panel = await visitor.panel.boundingBox();
  expect(panel && { right: panel.x + panel.width, bottom: panel.y + panel.height }).toEqual({ right: viewport.width - 20, bottom: viewport.height - 92 });
});

for (const { title, query } of [
  { title: 'a strict Content-Security-Policy (no inline styles, Trusted Types)', query: 'csp=strict' },
  { title: 'CSS that reaches every element', query: 'css=hostile' },
]) {
  test(`on a page with ${title} the widget looks and works as anywhere`, async ({ openVisitor }) => {
    const visitor = await openVisitor(`${allowedSiteOrigin}/?${query}`);
    const viewport = visitor.page.viewportSize()!;
    // The round button, 20 pixels from the bottom right corner.
    await expect.poll(() => visitor.launcher.boundingBox()).toEqual({ x: viewport.width - 76, y: viewport.height - 76, width: 56, height: 56 });
    await visitor.open();
    const panel = await visitor.panel.boundingBox();
    expect(panel && { right: panel.x + panel.width, width: panel.width }).toEqual({ right: viewport.width - 20, width: 360 });
    const message = visitor.panel.getByRole('textbox', { name: 'Message' });
    await expect(message).toHaveCSS('font-size', '15px');

    await message.fill('Hello from a locked-down page');
    await message.press('Enter');
    await expect(visitor.panel.getByRole('status')).toContainText('Waiting for an agent');
    await visitor.panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(visitor.panel.getByText('Chat cancelled')).toBeVisible();
  });
}

test('the snippet twice in the head of a page draws one button that works', async ({ openVisitor }) => {
  const visitor = await openVisitor(`${allowedSiteOrigin}/?snippet=twice`);
  await visitor.open();
  await expect(visitor.page.locator('beckon-widget')).toHaveCount(1);
  await expect(visitor.launcher).toHaveCount(1);
  await visitor.panel.getByRole('button', { name: 'Close' }).click();
  await expect(visitor.panel).toBeHidden();
  await expect(visitor.launcher).toBeFocused();
});

test('a page that swaps its whole body to navigate, as Turbo does, keeps the widget and the call', async ({ connectedCall }) => {
  const { visitor } = await connectedCall('video');
  await visitor.page.evaluate(async () => {
    const next = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
    history.pushState({}, '', '?page=2');
    document.body.replaceWith(document.adoptNode(next.body));
    // Scripts of the new body run, as Turbo makes them.
    for (const parsed of document.body.querySelectorAll('script')) {
      const script = document.createElement('script');
      for (const { name, value } of parsed.attributes) script.setAttribute(name, value);
      script.textContent = parsed.textContent;
      parsed.replaceWith(script);
    }
  });
  await expect(visitor.launcher).toHaveCount(1);
  await expect(visitor.panel.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect.poll(() => visitor.panel.locator('video.remote').evaluate((video: HTMLVideoElement) => !video.paused && video.currentTime > 0)).toBe(true);
  await expectMediaFlowing(visitor.page, { video: true });
  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(visitor.panel.getByText('Call ended')).toBeVisible();
});

test('a mistyped data-queue is told to the developer, and visitors still reach support in the default queue', async ({ openVisitor, signInAgent }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor(`${allowedSiteOrigin}/?queue=Billing`);
  const warnings = (await visitor.page.consoleMessages()).filter((message) => message.type() === 'warning').map((message) => message.text());
  expect(warnings).toContain('Beckon: data-queue="Billing" is not a queue id (lowercase letters, digits, - or _); chats and calls wait in the default queue');
  await visitor.open();
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  await message.fill('Where is my parcel?');
  await message.press('Enter');
  await expect(visitor.panel.getByRole('status')).toContainText('Waiting for an agent');
  const offer = agent.page.getByRole('region', { name: 'Incoming chat' });
  await expect(offer).toContainText(`${allowedSiteOrigin}/?queue=Billing`);
  await visitor.panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(visitor.panel.getByText('Chat cancelled')).toBeVisible();
});

test("the site's colour dresses the launcher, the header and the main buttons, with black or white text and focus rings that read on it", async ({ openVisitor }) => {
  for (const [color, rgb, text] of [
    ['#facc15', 'rgb(250, 204, 21)', 'rgb(0, 0, 0)'],
    ['#0b1f3a', 'rgb(11, 31, 58)', 'rgb(255, 255, 255)'],
  ] as const) {
    const visitor = await openVisitor(`${allowedSiteOrigin}/?color=${encodeURIComponent(color)}`);
    await expect(visitor.launcher).toHaveCSS('background-color', rgb);
    await expect(visitor.launcher).toHaveCSS('color', text);
    // From the keyboard, so that the rings below are the ones a keyboard user sees.
    await visitor.launcher.press('Enter');
    const header = visitor.panel.locator('header');
    await expect(header).toHaveCSS('background-color', rgb);
    await expect(header).toHaveCSS('color', text);
    const send = visitor.panel.getByRole('button', { name: 'Send', exact: true });
    await expect(send).toHaveCSS('background-color', rgb);
    await expect(send).toHaveCSS('color', text);
    for (const control of [visitor.panel.getByRole('button', { name: 'Close' }), send]) {
      const ring = await focusRing(control);
      expect(ring.outline).toMatch(/ solid 3px$/);
      expect(ring.surroundings, `${color}: ${ring.outline}`).toBeGreaterThanOrEqual(3);
    }
    await visitor.page.close();
  }
});

test('a data-color that is not a colour is told to the developer, and the widget keeps its own blue', async ({ openVisitor }) => {
  const visitor = await openVisitor(`${allowedSiteOrigin}/?color=teal`);
  const warnings = (await visitor.page.consoleMessages()).filter((message) => message.type() === 'warning').map((message) => message.text());
  expect(warnings).toContain('Beckon: data-color="teal" is not a colour such as #1d4ed8');
  await expect(visitor.launcher).toHaveCSS('background-color', 'rgb(29, 78, 216)');
});

test("keys typed in the widget are the visitor's text, not the page's shortcuts", async ({ openVisitor }) => {
  const visitor = await openVisitor(`${allowedSiteOrigin}/`);
  const search = visitor.page.getByRole('searchbox', { name: 'Search help (press /)' });
  await visitor.page.keyboard.press('/');
  await expect(search).toBeFocused();

  await visitor.open();
  const message = visitor.panel.getByRole('textbox', { name: 'Message' });
  await message.pressSequentially('and/or');
  await expect(message).toHaveValue('and/or');
  await expect(message).toBeFocused();
  await expect(search).toHaveValue('');
});

test('a printed page leaves the widget out', async ({ openVisitor }) => {
  const visitor = await openVisitor(`${allowedSiteOrigin}/`);
  await visitor.open();
  await visitor.page.emulateMedia({ media: 'print' });
  await expect(visitor.launcher).toBeHidden();
  await expect(visitor.panel).toBeHidden();
  await expect(visitor.page.getByRole('heading', { name: 'Example Shop help centre' })).toBeVisible();
});
