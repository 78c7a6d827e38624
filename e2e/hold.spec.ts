// Hold: the agent puts a video call on hold and takes it off. Meanwhile
// neither side sends sound or pictures, both are told, what the visitor
// switches waits for the end of the hold, the Board shows it, and History
// keeps how often and how long the call was on hold.
import { expect, test } from './fixtures.ts';
import { energyHeard, expectMediaFlowing, expectVideoPlaying, sentTrack, silence } from './helpers.ts';

test('an agent holds a call and resumes it: nothing is sent meanwhile, and History times the hold', async ({ connectedCall }) => {
  const { agent, visitor } = await connectedCall('video');
  const visitorButton = (name: string) => visitor.panel.getByRole('button', { name, exact: true });
  expect(await energyHeard(visitor.page)).toBeGreaterThan(silence);

  await agent.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(visitor.panel.getByRole('status').filter({ hasText: 'On hold' })).toBeVisible();
  await expect(visitor.panel.getByText(/can't hear or see you until they're back/)).toBeVisible();
  // Said over the agent's picture too, which is black while the call is on hold.
  await expect(visitor.panel.locator('.stage').getByText('On hold', { exact: true })).toBeVisible();
  await expect(agent.page.getByRole('status').filter({ hasText: 'On hold: Visitor' })).toBeVisible();
  await expect(agent.page.getByText(/^On hold for 0:0\d$/)).toBeVisible();
  // The visitor's own preview says their camera is paused, rather than showing it black.
  await expect(visitor.panel.getByText('Camera paused', { exact: true })).toBeVisible();
  await expect(visitor.panel.locator('video[aria-label="Your video"]')).toHaveCount(0);
  // Each side stops its own sending: the visitor's camera and microphone, and what the agent sends.
  expect(await sentTrack(visitor.page, 'audio')).toMatchObject({ readyState: 'live', enabled: false });
  expect(await sentTrack(visitor.page, 'video')).toMatchObject({ readyState: 'live', enabled: false });
  expect(await sentTrack(agent.page, 'audio')).toMatchObject({ readyState: 'live', enabled: false });
  // Once what was on its way has played out.
  await expect.poll(() => energyHeard(visitor.page), { timeout: 10_000 }).toBeLessThan(silence);

  // Muted while on hold: still muted once the call is back.
  await visitorButton('Mute').click();
  await agent.page.getByRole('button', { name: 'Resume call' }).click();
  await expect(visitor.panel.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await expect(agent.page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  expect(await sentTrack(visitor.page, 'audio')).toMatchObject({ enabled: false });
  expect(await sentTrack(visitor.page, 'video')).toMatchObject({ enabled: true });
  await expectVideoPlaying(visitor.panel.getByLabel('Your video'));
  expect(await energyHeard(visitor.page)).toBeGreaterThan(silence);
  await visitorButton('Unmute').click();
  await expectMediaFlowing(agent.page, { video: true });
  expect(await energyHeard(agent.page)).toBeGreaterThan(silence);

  await visitorButton('Hang up').click();
  await expect(agent.page.getByText('Call ended')).toBeVisible();
  const wrapUp = agent.page.getByRole('form', { name: 'Wrap-up', exact: true });
  await wrapUp.getByLabel('Outcome').selectOption('Resolved');
  await wrapUp.getByRole('button', { name: 'Save' }).click();
  await agent.page.getByRole('button', { name: 'History' }).click();
  const row = agent.page.getByRole('table').getByRole('row').filter({ hasText: /completed/i }).first();
  await expect(row).toContainText(/On hold 0:0[2-9] \(once\)/);
});

test('a microphone switched on hold, on either side, is heard once the call resumes', async ({ connectedCall }) => {
  const { agent, visitor } = await connectedCall('audio');
  await agent.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(visitor.panel.getByRole('status').filter({ hasText: 'On hold' })).toBeVisible();
  // A voice call has nothing to see.
  await expect(visitor.panel.getByText(/can't hear you until they're back/)).toBeVisible();
  await expect(agent.page.getByRole('status').filter({ hasText: /^On hold: Visitor \w+ cannot hear you, nor you them$/ })).toBeVisible();

  const visitorBefore = await sentTrack(visitor.page, 'audio');
  await visitor.panel.getByRole('button', { name: 'Devices' }).click();
  await visitor.panel.getByRole('combobox', { name: 'Microphone' }).selectOption({ index: 1 });
  await expect.poll(async () => (await sentTrack(visitor.page, 'audio'))?.id).not.toBe(visitorBefore?.id);
  expect(await sentTrack(visitor.page, 'audio')).toMatchObject({ readyState: 'live', enabled: false });
  const agentBefore = await sentTrack(agent.page, 'audio');
  await agent.page.getByRole('combobox', { name: 'Microphone' }).selectOption({ index: 1 });
  await expect.poll(async () => (await sentTrack(agent.page, 'audio'))?.id).not.toBe(agentBefore?.id);
  expect(await sentTrack(agent.page, 'audio')).toMatchObject({ readyState: 'live', enabled: false });

  await agent.page.getByRole('button', { name: 'Resume call' }).click();
  await expect(visitor.panel.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  expect(await energyHeard(agent.page)).toBeGreaterThan(silence);
  expect(await energyHeard(visitor.page)).toBeGreaterThan(silence);
});

for (const reloading of ['visitor', 'agent'] as const) {
  test(`a call stays on hold through a reload of the ${reloading}'s page, and resumes with sound and pictures both ways`, async ({ connectedCall }) => {
    const { agent, visitor } = await connectedCall('video');
    const holdTime = agent.page.getByText(/^On hold for \d+:\d\d$/);
    const secondsOnHold = async () => {
      const [minutes, seconds] = (await holdTime.textContent())!.replace('On hold for ', '').split(':').map(Number);
      return minutes! * 60 + seconds!;
    };
    await agent.page.getByRole('button', { name: 'Hold', exact: true }).click();
    await expect(agent.page.getByText('On hold for 0:05')).toBeVisible();

    await (reloading === 'visitor' ? visitor.page : agent.page).reload();
    await expect(visitor.panel.getByRole('status').filter({ hasText: 'On hold' })).toBeVisible();
    await expect(agent.page.getByRole('status').filter({ hasText: 'On hold: Visitor' })).toBeVisible();
    // The time on hold goes on from where it was, on the console that reloaded too.
    await expect(holdTime).toBeVisible();
    expect(await secondsOnHold()).toBeGreaterThanOrEqual(5);
    // The devices captured again after the reload send nothing either.
    for (const page of [visitor.page, agent.page]) {
      for (const kind of ['audio', 'video'] as const) await expect.poll(() => sentTrack(page, kind)).toMatchObject({ readyState: 'live', enabled: false });
    }
    for (const page of [visitor.page, agent.page]) await expect.poll(() => energyHeard(page), { timeout: 10_000 }).toBeLessThan(silence);

    await agent.page.getByRole('button', { name: 'Resume call' }).click();
    await expect(visitor.panel.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
    await Promise.all([expectMediaFlowing(visitor.page, { video: true }), expectMediaFlowing(agent.page, { video: true })]);
    expect(await energyHeard(visitor.page)).toBeGreaterThan(silence);
    expect(await energyHeard(agent.page)).toBeGreaterThan(silence);
  });
}

test('a voice call on hold that becomes a video call keeps both new cameras off until the call resumes', async ({ connectedCall }) => {
  const { agent, visitor } = await connectedCall('audio');
  await agent.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(visitor.panel.getByRole('status').filter({ hasText: 'On hold' })).toBeVisible();

  await visitor.panel.getByRole('button', { name: 'Switch to video' }).click();
  await agent.page.getByRole('region', { name: /asks for a video call$/ }).getByRole('button', { name: 'Accept' }).click();
  for (const page of [visitor.page, agent.page]) await expect.poll(() => sentTrack(page, 'video')).toMatchObject({ readyState: 'live', enabled: false });
  await expect(visitor.panel.getByRole('status').filter({ hasText: 'On hold' })).toBeVisible();

  await agent.page.getByRole('button', { name: 'Resume call' }).click();
  for (const page of [visitor.page, agent.page]) await expect.poll(() => sentTrack(page, 'video')).toMatchObject({ readyState: 'live', enabled: true });
  await Promise.all([expectMediaFlowing(visitor.page, { video: true }), expectMediaFlowing(agent.page, { video: true })]);
});
