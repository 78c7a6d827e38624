// An agent working in another tab: the console's title counts the visitor's
// unread messages, and once the agent turned desktop notifications on, a new
// message that arrives while the console is out of sight shows as one.
import { demoAgents } from './environment.ts';
import { chatAnswered, expect, test } from './fixtures.ts';
import { saveWrapUp, setPageVisible } from './helpers.ts';

declare global {
  interface Window {
    __notifications?: { title: string; body?: string }[];
  }
}

test('the tab title counts unread messages, and desktop notifications tell of one that comes while the console is hidden', async ({ signInAgent, openVisitor, baseURL }) => {
  const agent = await signInAgent(demoAgents.first);
  // The browser's prompt cannot be answered here: the permission is given as an agent's click on it would.
  await agent.page.context().grantPermissions(['notifications'], { origin: baseURL });
  // The desktop's notifications cannot be seen here: the page keeps what it showed.
  await agent.page.context().addInitScript(() => {
    const Shown = window.Notification;
    window.__notifications = [];
    window.Notification = class extends Shown {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        window.__notifications!.push({ title, body: options?.body });
      }
    } as typeof Notification;
  });
  await agent.page.reload();
  await expect(agent.page.getByLabel('Status')).toBeVisible();
  // Already on: nothing to turn on.
  await expect(agent.page.getByRole('button', { name: 'Turn on desktop notifications' })).toHaveCount(0);

  const visitor = await openVisitor();
  const { visitorLog } = await chatAnswered(agent, visitor, 'Hello');
  await expect(agent.page).toHaveTitle('Beckon — Agent console');
  const visitorSays = async (text: string) => {
    const box = visitor.panel.getByRole('textbox', { name: 'Message' });
    await box.fill(text);
    await box.press('Enter');
    await expect(visitorLog).toContainText(text);
  };
  await agent.page.getByRole('button', { name: 'History' }).click();
  await visitorSays('Are you there?');
  await expect(agent.page).toHaveTitle('(1) Beckon — Agent console');

  // The agent switches to another tab.
  await setPageVisible(agent.page, false);
  await visitorSays('My order 1042 has not arrived');
  await expect(agent.page).toHaveTitle('(2) Beckon — Agent console');
  await expect.poll(() => agent.page.evaluate(() => window.__notifications)).toEqual([{ title: expect.stringMatching(/^Visitor .+ wrote$/), body: 'My order 1042 has not arrived' }]);

  await setPageVisible(agent.page, true);
  await agent.page.getByRole('button', { name: /^Conversations/ }).click();
  await expect(agent.page).toHaveTitle('Beckon — Agent console');
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await saveWrapUp(agent.page);
});

test('turning desktop notifications on says what the browser answered, and keeps the keyboard focus in the console', async ({ signInAgent, baseURL }) => {
  const agent = await signInAgent(demoAgents.first);
  // A browser that has not been asked yet (headless Chromium starts out blocking them).
  await agent.page.context().clearPermissions();
  await agent.page.reload();
  const turnOn = agent.page.getByRole('button', { name: 'Turn on desktop notifications' });
  await expect(turnOn).toBeVisible();
  // The browser's prompt cannot be answered here: the permission is given as the agent's Allow would.
  await agent.page.context().grantPermissions(['notifications'], { origin: baseURL });
  await turnOn.press('Enter');
  await expect(agent.page.getByRole('status').filter({ hasText: 'Desktop notifications are on.' })).toBeVisible();
  await expect(turnOn).toHaveCount(0);
  await expect(agent.page.getByRole('heading', { name: 'Beckon agent console' })).toBeFocused();
});
