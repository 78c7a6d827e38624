// The whole chat-first journey between the widget and the console: a visitor
// writes, an agent answers, the visitor asks for video, the agent shares a
// screen the visitor draws on, both type real-time text, a 50 MB file goes
// peer to peer and arrives whole, the visitor hangs up, and the transcript is
// in History. Then: the agent's escalation declined (nothing captured), and a
// reload mid-chat, the visitor's or the agent's, that resumes without duplicates.
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { demoAgentName as agentName, demoAgents, reconnectGraceMs } from './environment.ts';
import { chatAnswered, expect, test } from './fixtures.ts';
import { countCaptures, expectMediaFlowing } from './helpers.ts';

// Painted pixels of the drawing canvas in a region: drawings show as coloured strokes over the picture.
const paintedPixels = (page: Page, region: string) =>
  page.getByRole('region', { name: region }).locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  });

test('chat, video on the visitor\'s request, a screen with drawings, real-time text and a 50 MB file, then the transcript in History', async ({ signInAgent, openVisitor }) => {
  test.setTimeout(240_000);
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  const { conversation, visitorLog, reply } = await chatAnswered(agent, visitor, 'Hello, my router blinks red');

  await reply.getByRole('textbox', { name: 'Message' }).fill('Let us look at it together');
  await reply.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(visitorLog).toContainText('Let us look at it together');
  await expect(conversation.getByText(/· Read$/).first()).toBeVisible();

  // The visitor asks for video; the agent consents.
  await visitor.panel.getByRole('button', { name: 'Video call' }).click();
  const asks = agent.page.getByRole('region', { name: /asks for a video call$/ });
  await asks.getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expect(conversation.getByText(/\bConnected\b/).first()).toBeVisible();
  await Promise.all([expectMediaFlowing(visitor.page, { video: true }), expectMediaFlowing(agent.page, { video: true })]);

  // The agent shares a screen; the visitor draws on it and the stroke shows over the agent's own preview.
  await conversation.getByRole('button', { name: 'Share my screen' }).click();
  const shared = visitor.panel.getByRole('region', { name: `${agentName}'s screen` });
  await expect(shared).toBeVisible();
  const canvas = shared.locator('canvas');
  await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0).toBeGreaterThan(20);
  // The mouse works in the viewport: the screen may sit lower in the panel.
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await visitor.page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25);
  await visitor.page.mouse.down();
  for (let step = 1; step <= 10; step++) await visitor.page.mouse.move(box.x + box.width * (0.25 + step * 0.05), box.y + box.height * (0.25 + step * 0.05));
  await visitor.page.mouse.up();
  await expect.poll(() => paintedPixels(agent.page, 'Your shared screen'), { message: 'the visitor\'s stroke on the agent\'s side' }).toBeGreaterThan(50);
  await shared.getByRole('button', { name: 'Clear drawings' }).click();
  await expect.poll(() => paintedPixels(agent.page, 'Your shared screen')).toBe(0);
  // The same from the keyboard: Enter puts the pen down, the arrows draw, Enter lifts it.
  await shared.getByRole('application', { name: `Point and draw over ${agentName}'s shared screen` }).focus();
  for (const key of ['Enter', 'Shift+ArrowRight', 'Shift+ArrowDown', 'Shift+ArrowRight', 'Enter']) await visitor.page.keyboard.press(key);
  await expect.poll(() => paintedPixels(agent.page, 'Your shared screen'), { message: 'the visitor\'s keyboard stroke on the agent\'s side' }).toBeGreaterThan(50);
  // Escape hides the pen and leaves the panel open.
  await visitor.page.keyboard.press('Escape');
  await expect(visitor.panel).toBeVisible();
  await shared.getByRole('button', { name: 'Clear drawings' }).click();
  const stopSharing = conversation.getByRole('button', { name: 'Stop sharing' });
  await expect(stopSharing).not.toHaveAttribute('aria-pressed');
  await stopSharing.click();
  await expect(shared).toBeHidden();

  // The agent asks to see the visitor's screen and draws on it from the keyboard; the visitor sees the stroke.
  await conversation.getByRole('button', { name: 'Ask to see screen' }).click();
  await visitor.panel.getByRole('group', { name: /asks to see your screen$/ }).getByRole('button', { name: 'Accept' }).click();
  const visitorScreen = conversation.getByRole('region', { name: 'Visitor\'s screen' });
  await expect(visitorScreen).toBeVisible();
  await visitorScreen.getByRole('button', { name: 'Draw', exact: true }).click();
  await visitorScreen.getByRole('application', { name: /^Drawings over visitor's screen/ }).focus();
  for (const key of ['Enter', 'Shift+ArrowLeft', 'Shift+ArrowUp', 'Shift+ArrowLeft', 'Enter']) await agent.page.keyboard.press(key);
  await expect.poll(() => paintedPixels(visitor.page, 'Your screen'), { message: 'the agent\'s keyboard stroke on the visitor\'s side' }).toBeGreaterThan(50);
  await visitor.panel.getByRole('region', { name: 'Your screen' }).getByRole('button', { name: 'Stop sharing' }).click();
  await expect(visitorScreen).toBeHidden();

  // Real-time text both ways, character by character.
  await reply.getByRole('checkbox', { name: 'Real-time text' }).check();
  await reply.getByRole('textbox', { name: 'Message' }).pressSequentially('Try the reset', { delay: 40 });
  await expect(visitor.panel.getByRole('region', { name: 'Agent is typing (real-time text)' })).toContainText('Try the reset');
  await reply.getByRole('textbox', { name: 'Message' }).press('Enter');
  await visitor.panel.getByRole('button', { name: 'Real-time text' }).click();
  await visitor.panel.getByRole('textbox', { name: 'Message' }).pressSequentially('Done, it is green', { delay: 40 });
  await expect(conversation.getByRole('region', { name: 'Visitor is typing (real-time text)' })).toContainText('Done, it is green');
  await visitor.panel.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(conversation.getByRole('log', { name: 'Messages' })).toContainText('Done, it is green');

  // 50 MB from the agent: the visitor accepts, it arrives with the same SHA-256.
  const file = randomBytes(50 * 1024 * 1024);
  const sha256 = createHash('sha256').update(file).digest('hex');
  const path = test.info().outputPath('router-log.bin');
  await writeFile(path, file);
  await reply.getByLabel('Send a file').setInputFiles(path);
  const offered = visitor.panel.getByRole('listitem', { name: 'router-log.bin' });
  await offered.getByRole('button', { name: 'Accept file' }).click();
  const save = offered.getByRole('link', { name: /^Save router-log\.bin/ });
  await expect(save).toBeVisible({ timeout: 120_000 });
  const arrived = await save.evaluate(async (link: HTMLAnchorElement) => {
    const bytes = await (await fetch(link.href)).arrayBuffer();
    return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  });
  expect(arrived).toBe(sha256);
  await expect(conversation.getByRole('listitem', { name: 'router-log.bin' })).toContainText('arrived whole');

  // The agent goes back to chat: the call ends on both sides, the conversation goes on.
  await conversation.getByRole('button', { name: 'Back to chat' }).click();
  await expect(conversation.getByRole('button', { name: 'Hang up' })).toBeHidden();
  await expect(visitor.panel.getByRole('button', { name: 'Hang up' })).toBeHidden();
  await expect(visitor.panel.getByLabel('Support agent video')).toHaveCount(0);
  await reply.getByRole('textbox', { name: 'Message' }).fill('Anything else?');
  await reply.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(visitorLog).toContainText('Anything else?');

  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await expect(visitor.panel.getByText(/(Call|Chat) ended/).first()).toBeVisible();
  // This conversation's own wrap-up (an earlier one may still wait beside it).
  const wrapUp = conversation.getByRole('form', { name: 'Wrap-up' });
  await wrapUp.getByLabel('Outcome').selectOption('Resolved');
  await wrapUp.getByRole('button', { name: 'Save' }).click();
  await expect(wrapUp).toBeHidden();

  await agent.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'History' }).click();
  const history = agent.page.getByRole('region', { name: 'History' });
  await history.getByRole('button', { name: 'Transcript' }).first().click();
  const transcript = agent.page.getByRole('dialog', { name: /^Transcript: Visitor/ });
  for (const line of ['Hello, my router blinks red', 'Let us look at it together', 'Try the reset', 'Done, it is green']) await expect(transcript).toContainText(line);
  await transcript.getByRole('button', { name: 'Close' }).click();
  await expect(transcript).toBeHidden();
});

test('the agent asks for video and the visitor declines: nothing is captured, and real-time text works in the chat', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  const captures = await countCaptures(visitor.page);
  const { conversation } = await chatAnswered(agent, visitor, 'Can you see my problem?');
  await conversation.getByRole('button', { name: 'Video call' }).click();
  const prompt = visitor.panel.getByRole('group', { name: /asks for a video call/ });
  await prompt.getByRole('button', { name: 'Decline' }).click();
  await expect(agent.page.getByText(/declined the video call/)).toBeVisible();
  expect(await captures()).toBe(0);
  // Real-time text needs no call: it runs on the chat's data-only peer connection.
  const reply = conversation.getByRole('form', { name: 'Reply' });
  await reply.getByRole('checkbox', { name: 'Real-time text' }).check();
  await reply.getByRole('textbox', { name: 'Message' }).pressSequentially('We can write', { delay: 40 });
  await expect(visitor.panel.getByRole('region', { name: 'Agent is typing (real-time text)' })).toContainText('We can write');
  await visitor.panel.getByRole('button', { name: 'End chat' }).click();
  await expect(visitor.panel.getByText('Chat ended')).toBeVisible();
});

for (const reloading of ['visitor', 'agent'] as const) {
  test(`a reload mid-chat (the ${reloading}'s) resumes the conversation on both sides without duplicate messages`, async ({ signInAgent, openVisitor }) => {
    const agent = await signInAgent(demoAgents.first);
    const visitor = await openVisitor();
    const { conversation, visitorLog, agentSays } = await chatAnswered(agent, visitor, 'First question');
    await agentSays('First answer');

    if (reloading === 'visitor') {
      await visitor.page.reload();
      // A page in a conversation opens the panel again by itself.
      await expect(visitor.panel).toBeVisible();
    } else {
      await agent.page.reload();
    }
    const agentLog = conversation.getByRole('log', { name: 'Messages' });
    for (const log of [visitorLog, agentLog]) {
      await expect(log.locator('.message')).toHaveCount(2);
      await expect(log.getByText('First question')).toHaveCount(1);
      await expect(log.getByText('First answer')).toHaveCount(1);
    }
    // Longer than the grace period: the reload was a return, not a departure.
    await agent.page.waitForTimeout(reconnectGraceMs + 1000);
    await expect(visitor.panel.getByRole('status').first()).toContainText(`You are talking with ${agentName}`);

    await agentSays('Still there?');
    await visitor.panel.getByRole('textbox', { name: 'Message' }).fill('Yes');
    await visitor.panel.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(agentLog.getByText('Yes', { exact: true })).toHaveCount(1);
    for (const log of [visitorLog, agentLog]) await expect(log.locator('.message')).toHaveCount(4);
    await visitor.panel.getByRole('button', { name: 'End chat' }).click();
    await expect(visitor.panel.getByText('Chat ended')).toBeVisible();
    await expect(agent.page.getByText('Chat ended').first()).toBeVisible();
  });
}
