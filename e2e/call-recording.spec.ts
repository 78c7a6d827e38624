// Recording calls: an admin turns it on in Settings; the visitor is told
// their call is recorded, the agent's console records both sides' sound and
// sends it as it goes, and the team plays it back from History.
import type { APIRequestContext } from '@playwright/test';
import { chatAnswered, expect, test } from './fixtures.ts';
import { demoAdmin, demoAgents } from './environment.ts';
import { announcements, apiSignIn, saveWrapUp } from './helpers.ts';

async function recordCalls(request: APIRequestContext, recordCalls: boolean): Promise<void> {
  const { accessToken } = await apiSignIn(request, demoAdmin);
  const changed = await request.patch('/v1/admin/settings', { headers: { Authorization: `Bearer ${accessToken}` }, data: { recordCalls } });
  expect(changed.status()).toBe(200);
}

test('an admin turns on call recording; the visitor is told, the agent pauses it for a while, and the team plays the call back from History', async ({ signInAgent, openVisitor, request }) => {
  const admin = await signInAgent(demoAdmin);
  await admin.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Admin' }).click();
  const settings = admin.page.getByRole('region', { name: 'Settings' });
  const record = settings.getByLabel(/^Record the sound of calls/);
  try {
    await record.check();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings.getByRole('status')).toHaveText('Settings saved.');

    // The admin takes the call: admins are agents too.
    const agent = admin;
    await agent.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Conversations' }).click();
    const visitor = await openVisitor();
    await visitor.startCall('audio');
    await agent.incomingCall.getByRole('button', { name: 'Accept' }).click();
    await expect(visitor.panel.getByText('This call is recorded.')).toBeVisible();
    await expect(agent.page.getByText("Recording: this call's sound is kept with the contact.")).toBeVisible();
    await expect(agent.page.getByText(/\bConnected\b/).first()).toBeVisible();
    // A few seconds of sound, more than one part of it: first only the visitor's (the agent is muted),
    // then a pause (the visitor reads out a card number) that keeps nothing, then only the agent's.
    const button = (page: typeof agent.page | typeof visitor.panel, name: string) => page.getByRole('button', { name, exact: true });
    await button(agent.page, 'Mute').click();
    await agent.page.waitForTimeout(3000);
    await button(agent.page, 'Pause recording').click();
    await expect(agent.page.getByText('Recording paused: nothing of the call is kept until you resume.')).toBeVisible();
    await agent.page.waitForTimeout(5000);
    await button(agent.page, 'Resume recording').click();
    await expect(agent.page.getByText("Recording: this call's sound is kept with the contact.")).toBeVisible();
    await button(agent.page, 'Unmute').click();
    await button(visitor.panel, 'Mute').click();
    await agent.page.waitForTimeout(3000);
    await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
    await expect(agent.page.getByText('Call ended')).toBeVisible();
    await saveWrapUp(agent.page);

    await agent.page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'History' }).click();
    const history = agent.page.getByRole('region', { name: 'History' });
    await history.getByRole('button', { name: /^Transcript and recording with Visitor/ }).first().click();
    const dialog = agent.page.getByRole('dialog');
    await expect(dialog.locator('audio')).toHaveAttribute('src', /^blob:/);
    await expect(dialog.getByText(/^Recording of the call, from /)).toBeVisible();
    // What was kept is the call's sound: it decodes, lasts about as long as the call, and is not silence.
    const { accessToken } = await apiSignIn(request, demoAdmin);
    const [contact] = (await (await request.get('/v1/contacts?limit=1', { headers: { Authorization: `Bearer ${accessToken}` } })).json()).contacts;
    expect(contact).toMatchObject({ media: 'audio', recorded: true });
    const file = await request.get(`/v1/contacts/${contact.id}/recordings/1`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(file.headers()['content-type']).toBe('audio/webm');
    const heard = await agent.page.evaluate(async (base64: string) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const decoded = await new AudioContext().decodeAudioData(bytes.buffer);
      const samples = decoded.getChannelData(0);
      // The loudest sample within two seconds from `from` (in seconds).
      const loudest = (from: number) => samples.subarray(from * decoded.sampleRate, (from + 2) * decoded.sampleRate).reduce((most, sample) => Math.max(most, Math.abs(sample)), 0);
      return { seconds: decoded.duration, visitor: loudest(0.5), agent: loudest(decoded.duration - 2.5) };
    }, (await file.body()).toString('base64'));
    // About 6 of the 11 seconds: the 5 paused ones are not in it.
    expect(heard.seconds).toBeGreaterThan(4);
    expect(heard.seconds).toBeLessThan(8.5);
    // Both sides are in it: the visitor's voice, which the console receives, and the agent's own.
    expect(heard.visitor).toBeGreaterThan(0.01);
    expect(heard.agent).toBeGreaterThan(0.01);
    // The console signs out at the end of the journey, which the open dialog would keep it from.
    await dialog.getByRole('button', { name: 'Close' }).click();
  } finally {
    const { accessToken } = await apiSignIn(request, demoAdmin);
    const restored = await request.patch('/v1/admin/settings', { headers: { Authorization: `Bearer ${accessToken}` }, data: { recordCalls: false } });
    expect(restored.status()).toBe(200);
  }
});

test('a visitor the agent asks to take a chat to a call reads that it is recorded before they accept', async ({ signInAgent, openVisitor, request }) => {
  await recordCalls(request, true);
  try {
    const agent = await signInAgent(demoAgents.first);
    const visitor = await openVisitor();
    const { conversation } = await chatAnswered(agent, visitor, 'Can we talk?');
    await conversation.getByRole('button', { name: 'Voice call' }).click();
    const prompt = visitor.panel.getByRole('group', { name: /asks for a voice call/ });
    await expect(prompt).toContainText('This call is recorded.');
    await prompt.getByRole('button', { name: 'Accept' }).click();
    // Said to a visitor who hears the panel too.
    await expect(visitor.panel.getByRole('status').filter({ hasText: 'This call is recorded.' })).toBeVisible();
    await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
    await saveWrapUp(agent.page);
  } finally {
    await recordCalls(request, false);
  }
});

test('a screen reader hears the agent pause the recording, and it stays paused when their console reloads during the call', async ({ connectedCall, request }) => {
  await recordCalls(request, true);
  try {
    const { agent, visitor } = await connectedCall('audio');
    await agent.page.getByRole('button', { name: 'Pause recording' }).click();
    // Said to an agent who hears the console too.
    await expect.poll(() => announcements(agent.page)).toContain('Recording paused: nothing of the call is kept until you resume.');
    await agent.page.reload();
    await expect(agent.page.getByText(/\bConnected\b/).first()).toBeVisible();
    await expect(agent.page.getByText('Recording paused: nothing of the call is kept until you resume.')).toBeVisible();
    await agent.page.getByRole('button', { name: 'Resume recording' }).click();
    await expect(agent.page.getByText("Recording: this call's sound is kept with the contact.")).toBeVisible();
    await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
    await saveWrapUp(agent.page);
  } finally {
    await recordCalls(request, false);
  }
});
