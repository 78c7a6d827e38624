// Every screen a visitor or an agent meets, held to the WCAG 2.2 A and AA
// rules a machine can check (axe-core): names, roles, contrast, labels,
// keyboard access to what scrolls, in the widget's shadow root as in the
// console. What a rule cannot judge (focus order, what is said and when) the
// other accessibility journeys check by hand.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { demoAdmin, demoAgents } from './environment.ts';
import { chatAnswered, expect, test } from './fixtures.ts';
import { closedAllWeek, saveWrapUp, setBillingHours } from './helpers.ts';

const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What breaks a rule on the page as it is now, one line per rule and element. */
async function violations(page: Page): Promise<string[]> {
  const { violations: found } = await new AxeBuilder({ page }).withTags(wcag).analyze();
  return found.flatMap((rule) => rule.nodes.map((node) => `${rule.id} (${rule.help}): ${node.target.join(' > ')} ${node.failureSummary ?? ''}`));
}

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  expect(await violations(page), screen).toEqual([]);
}

test('a video call breaks no WCAG rule, for the visitor, the agent or a supervisor listening in, from the launcher to the survey and the wrap-up', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  await expect(visitor.launcher).toBeVisible();
  await expectNoViolations(visitor.page, 'the support page with the launcher');
  await visitor.open();
  await expectNoViolations(visitor.page, 'the panel, before a conversation');

  await visitor.panel.getByRole('button', { name: 'Start video call' }).click();
  await expect(visitor.panel.getByRole('button', { name: 'Join call' })).toBeVisible();
  await expectNoViolations(visitor.page, 'the device check');
  await visitor.panel.getByRole('button', { name: 'Join call' }).click();
  await expect(agent.incomingCall).toBeVisible();
  await expectNoViolations(visitor.page, 'the panel while the call rings');
  await expectNoViolations(agent.page, 'the console with a ringing call');

  await agent.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expect(agent.page.getByText(/\bConnected\b/).first()).toBeVisible();
  await expectNoViolations(visitor.page, 'the panel in a video call');
  await expectNoViolations(agent.page, 'the console in a video call');

  // A supervisor listens in and whispers: the Board, and the whisper in the agent's console.
  const supervisor = await signInAgent(demoAgents.supervisor);
  await supervisor.setStatus('Away');
  await supervisor.page.getByRole('button', { name: 'Board' }).click();
  const board = supervisor.page.getByRole('region', { name: 'Board' });
  await board.getByRole('button', { name: /^Listen to Visitor/ }).click();
  await expect(board.getByText('Listening to the call.')).toBeVisible();
  await board.getByLabel('Whisper to Alex (Demo agent)').fill('Offer the refund');
  await board.getByLabel('Whisper to Alex (Demo agent)').press('Enter');
  await expect(agent.page.getByRole('region', { name: 'From your supervisor' })).toContainText('Offer the refund');
  await expectNoViolations(supervisor.page, 'the Board while listening to a call');
  await expectNoViolations(agent.page, 'the console with a whisper');

  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(visitor.panel.getByRole('group', { name: /How was your/ })).toBeVisible();
  await expectNoViolations(visitor.page, 'the panel with the survey');
  await expect(agent.page.getByRole('form', { name: 'Wrap-up', exact: true })).toBeVisible();
  await expectNoViolations(agent.page, 'the console with the wrap-up');
  await saveWrapUp(agent.page);
});

test('a chat breaks no WCAG rule on either side', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  const { agentSays, conversation } = await chatAnswered(agent, visitor, 'My parcel never came');
  await agentSays('Let me look it up.');
  await expectNoViolations(visitor.page, 'the panel in a chat');
  await expectNoViolations(agent.page, 'the console in a chat');
  await conversation.getByRole('button', { name: 'Block visitor…' }).click();
  await expectNoViolations(agent.page, 'the console asking to block the visitor');
  await conversation.getByRole('button', { name: 'Cancel' }).click();
  const name = (await conversation.getByRole('heading', { level: 2 }).textContent())!;
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await saveWrapUp(agent.page);

  // History's block form, below the table, for the contact just ended.
  await agent.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'History' }).click();
  await agent.page.getByRole('row').filter({ hasText: name }).first().getByRole('button', { name: /^Block / }).click();
  const form = agent.page.getByRole('form', { name: `Block ${name}` });
  await expect(form).toBeVisible();
  await agent.page.waitForLoadState('networkidle');
  await expectNoViolations(agent.page, 'History asking to block a visitor');
  await form.getByRole('button', { name: 'Cancel' }).click();
});

test('outside business hours, the widget\'s callback and message forms break no WCAG rule', async ({ openVisitor, request }) => {
  await setBillingHours(request, closedAllWeek);
  try {
    const visitor = await openVisitor();
    await visitor.open();
    await visitor.page.evaluate(() => window.Beckon?.('startCall', { video: true, queue: 'billing' }));
    await expect(visitor.panel.getByText('We are closed right now')).toBeVisible();
    await expectNoViolations(visitor.page, 'the closed notice');
    await visitor.panel.getByRole('button', { name: 'Request a callback' }).click();
    await expect(visitor.panel.getByRole('form', { name: 'Request a callback' })).toBeVisible();
    await expectNoViolations(visitor.page, 'the callback form');
    await visitor.panel.getByRole('button', { name: 'Back', exact: true }).click();
    await visitor.panel.getByRole('button', { name: 'Leave a message' }).click();
    await expect(visitor.panel.getByRole('form', { name: 'Leave a message' })).toBeVisible();
    await expectNoViolations(visitor.page, 'the message form');
  } finally {
    await setBillingHours(request, null);
  }
});

test('the console\'s pages break no WCAG rule', async ({ page, signInAgent }) => {
  await page.goto('/console/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectNoViolations(page, 'the sign-in page');

  // The admin sees every page there is.
  const admin = await signInAgent(demoAdmin);
  const pages = admin.page.getByRole('navigation', { name: 'Pages' });
  const names = await pages.getByRole('button').allTextContents();
  expect(names.length).toBeGreaterThan(3);
  for (const name of names) {
    await pages.getByRole('button', { name }).click();
    await expect(admin.page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await admin.page.waitForLoadState('networkidle');
    await expectNoViolations(admin.page, `the ${name} page`);
  }

  // The identity secret, shown once in the Admin page; made for this alone, then removed.
  await pages.getByRole('button', { name: 'Admin' }).click();
  const identity = admin.page.getByRole('region', { name: 'Identity verification' });
  await expect(identity.getByText(/^(No identity secret|In use:)/)).toBeVisible();
  const make = identity.getByRole('button', { name: /^(Make|Replace) secret$/ });
  admin.page.on('dialog', (dialog) => void dialog.accept());
  await make.click();
  await expect(identity.getByRole('group', { name: 'Identity secret' })).toBeVisible();
  await expectNoViolations(admin.page, 'the Admin page showing a new identity secret');
  await identity.getByRole('button', { name: 'Done' }).click();
  await identity.getByRole('button', { name: 'Remove secret' }).click();
  await expect(identity.getByText('No identity secret: every visitor is anonymous.')).toBeVisible();
});
