// What an agent with a screen reader or a keyboard meets in the console: where
// the focus goes after signing in (or failing to), a ringing offer said once
// without taking the focus from a reply being typed, a wrap-up said as it
// starts and ends but not at every tick of its countdown, reached and left by
// keyboard, and named for its visitor when its conversation is gone.
import { demoAgents, demoPassword, wrapUpSeconds } from './environment.ts';
import { chatAnswered, expect, test } from './fixtures.ts';
import { announcements, focusRing } from './helpers.ts';

test('focus stays on the sign-in form after a wrong password, and moves to the console\'s heading after signing in', async ({ page }) => {
  await page.goto('/console/');
  await page.getByLabel('Email').fill(demoAgents.second);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password');
  const password = page.getByLabel('Password');
  await expect(password).toBeFocused();

  await password.fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beckon agent console' })).toBeFocused();
  const status = page.getByLabel('Status');
  await expect(status).toBeEnabled();
  await status.selectOption('Away');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('a call ringing while the agent types a reply is said once, and the typing goes on', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const { reply } = await chatAnswered(agent, await openVisitor(), 'Where is my order?');
  const message = reply.getByRole('textbox', { name: 'Message' });
  await message.pressSequentially('Let me check');

  const saidBefore = (await announcements(agent.page)).length;
  const caller = await openVisitor();
  await caller.startCall('audio');
  await expect(agent.incomingCall).toBeVisible();
  const visitor = (await agent.incomingCall.getByRole('heading').textContent())?.match(/Visitor \w+/)?.[0];
  await message.pressSequentially(' your order', { delay: 50 });
  // The card counts the ring down every second meanwhile.
  await agent.page.waitForTimeout(2500);
  await expect(message).toBeFocused();
  await expect(message).toHaveValue('Let me check your order');
  const ringing = (await announcements(agent.page)).slice(saidBefore).filter((text) => text.startsWith('Incoming'));
  expect(ringing).toEqual([`Incoming voice call from ${visitor}`]);
  await agent.incomingCall.getByRole('button', { name: 'Decline' }).click();
});

test('a wrap-up is said as it starts and as offers come in again, not at every second of its countdown', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  const { conversation } = await chatAnswered(agent, visitor, 'Thanks, that was all');
  const saidBefore = (await announcements(agent.page)).length;
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();

  // This conversation's own wrap-up (one of an earlier journey may still wait beside it).
  const wrapUp = conversation.getByRole('form', { name: 'Wrap-up' });
  // The countdown still shows.
  await expect(wrapUp).toContainText(/New offers in \d s, or as soon as you save\./);
  await wrapUp.getByLabel('Notes').pressSequentially('Asked about delivery', { delay: 50 });
  await expect(wrapUp).toContainText('New offers are coming in again.');
  // Said once the Switchboard ends the hold, which the countdown on screen may show a moment before.
  await expect
    .poll(async () => (await announcements(agent.page)).slice(saidBefore).filter((text) => /offers/i.test(text)))
    .toEqual([`Wrap-up started: new offers in ${wrapUpSeconds} s, or as soon as you save.`, 'New offers are coming in again.']);
  await wrapUp.getByLabel('Outcome').selectOption('Resolved');
  await wrapUp.getByRole('button', { name: 'Save' }).click();
  await expect(wrapUp).toBeHidden();
});

test('the focus ring stands out at least 3:1 from the page, the panels and the blue buttons (WCAG 1.4.11)', async ({ page }) => {
  await page.goto('/console/');
  for (const control of [page.getByLabel('Email'), page.getByLabel('Password'), page.getByRole('button', { name: 'Sign in' })]) {
    const ring = await focusRing(control);
    const name = await control.evaluate((element) => element.getAttribute('id') ?? element.textContent);
    expect(ring.outline, `${name}`).toMatch(/ solid 3px$/);
    expect(ring.surroundings, `${name} against ${ring.outline}`).toBeGreaterThanOrEqual(3);
    if (ring.fill !== null) expect(ring.fill, `${name}'s own colour`).toBeGreaterThanOrEqual(3);
  }
});

test('from the keyboard, End conversation leads to the wrap-up, and its Save back to the list', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const { conversation } = await chatAnswered(agent, await openVisitor(), 'That is all, thanks');
  await conversation.getByRole('button', { name: 'End conversation' }).press('Enter');

  const wrapUp = conversation.getByRole('form', { name: 'Wrap-up' });
  const outcome = wrapUp.getByLabel('Outcome');
  await expect(outcome).toBeFocused();
  await outcome.selectOption('Resolved');
  await agent.page.keyboard.press('Tab');
  await expect(wrapUp.getByLabel('Notes')).toBeFocused();
  await agent.page.keyboard.type('Answered in the chat');
  await agent.page.keyboard.press('Tab');
  await agent.page.keyboard.press('Enter');
  await expect(wrapUp).toBeHidden();
  await expect(agent.page.getByRole('heading', { name: 'Active conversations' })).toBeFocused();
});

test('a wrap-up still open after a reload says whose it is', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  const { conversation } = await chatAnswered(agent, visitor, 'Bye for now');
  const visitorName = await conversation.getByRole('heading', { level: 2 }).first().textContent();
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await expect(conversation.getByRole('form', { name: 'Wrap-up' })).toBeVisible();

  // The ended conversation is not joined again; its wrap-up waits on its own.
  await agent.page.reload();
  await expect(agent.page.getByRole('region', { name: /^Conversation with/ })).toHaveCount(0);
  const wrapUp = agent.page.getByRole('form', { name: `Wrap-up: ${visitorName}` });
  await expect(wrapUp.getByRole('heading', { name: `Wrap-up: ${visitorName}` })).toBeVisible();
  await wrapUp.getByLabel('Outcome').selectOption('Resolved');
  await wrapUp.getByRole('button', { name: 'Save' }).click();
  await expect(wrapUp).toBeHidden();
});
