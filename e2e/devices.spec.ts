// The visitor's and the agent's camera and microphone: the check before the
// queue, switching cameras mid-call, and a microphone that goes away.
import { demoAgents } from './environment.ts';
import { expect, test } from './fixtures.ts';
import { expectMediaFlowing, expectVideoPlaying, sentTrack, widgetEvents } from './helpers.ts';

test('a visitor sees and hears their devices before joining, then the call connects', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  await visitor.open();
  await visitor.panel.getByRole('button', { name: 'Start video call' }).click();

  await expect(visitor.panel.getByText('Check your camera and microphone')).toBeVisible();
  await expectVideoPlaying(visitor.panel.getByLabel('Your camera preview'));
  // The fake microphone beeps: the meter moves with it.
  const meter = visitor.panel.getByRole('meter', { name: 'Microphone level' });
  await expect.poll(() => meter.evaluate((element) => (element as HTMLMeterElement).value), { intervals: [50], message: 'the meter hears the microphone' }).toBeGreaterThan(0);
  await expect(visitor.panel.getByRole('combobox', { name: 'Camera' }).getByRole('option')).toHaveText(['fake_device_0', 'fake_device_1', 'fake_device_2']);
  await expect(visitor.panel.getByRole('combobox', { name: 'Microphone' })).toHaveValue('default');
  // Keyboard first: the check's first action has focus, and nothing reached support yet.
  await expect(visitor.panel.getByRole('button', { name: 'Join call' })).toBeFocused();
  expect((await widgetEvents(visitor.page)).map((event) => event.name)).not.toContain('call:queued');
  await expect(agent.incomingCall).toBeHidden();

  await visitor.page.keyboard.press('Enter');
  await expect(visitor.panel.getByRole('status')).toContainText('Waiting for an agent');
  await agent.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expectMediaFlowing(agent.page, { video: true });
  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(agent.page.getByText('Call ended')).toBeVisible();
});

test('Cancel on the check releases the devices and tells support nothing', async ({ openVisitor }) => {
  const visitor = await openVisitor();
  await visitor.open();
  await visitor.panel.getByRole('button', { name: 'Start audio call' }).click();
  await visitor.panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(visitor.panel.getByRole('button', { name: 'Start audio call' })).toBeVisible();
  expect(await widgetEvents(visitor.page)).toEqual([]);
});

test('mid-call, the visitor switches cameras without a new connection, and video keeps flowing', async ({ connectedCall }) => {
  const { agent, visitor } = await connectedCall('video');
  const connections = () => visitor.page.evaluate(() => window.__peerConnections?.length);
  const before = await connections();
  expect(await sentTrack(visitor.page, 'video')).toMatchObject({ label: 'fake_device_0' });

  await visitor.panel.getByRole('button', { name: 'Devices' }).click();
  await visitor.panel.getByRole('combobox', { name: 'Camera' }).selectOption({ label: 'fake_device_2' });
  await expect.poll(() => sentTrack(visitor.page, 'video')).toMatchObject({ label: 'fake_device_2', readyState: 'live', enabled: true });
  await expectMediaFlowing(agent.page, { video: true });
  await expectVideoPlaying(visitor.panel.getByLabel('Your video'));
  expect(await connections()).toBe(before);
});

test('mid-call, the agent switches cameras, and a camera turned off stays off', async ({ connectedCall }) => {
  const { agent, visitor } = await connectedCall('video');
  const camera = agent.page.getByRole('combobox', { name: 'Camera' });
  await camera.selectOption({ label: 'fake_device_2' });
  await expect.poll(() => sentTrack(agent.page, 'video')).toMatchObject({ label: 'fake_device_2', readyState: 'live' });
  await expectMediaFlowing(visitor.page, { video: true });
  // A camera turned off stays off on the new camera.
  await agent.page.getByRole('button', { name: 'Turn camera off' }).click();
  await camera.selectOption({ label: 'fake_device_0' });
  await expect.poll(() => sentTrack(agent.page, 'video')).toMatchObject({ label: 'fake_device_0', readyState: 'live', enabled: false });
});

test('a microphone unplugged mid-call gives way to the default one and the agent keeps hearing the visitor', async ({ connectedCall }) => {
  const { agent, visitor } = await connectedCall('audio');
  // Chromium fires no `ended` for stop(), so the unplug is the stop followed by the event the browser would fire.
  const unplugged = await visitor.page.evaluate(async () => {
    const track = window.__peerConnections!.at(-1)!.getSenders().find((sender) => sender.track?.kind === 'audio')!.track!;
    let endedByStop = false;
    track.addEventListener('ended', () => (endedByStop = true), { once: true });
    track.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopped = endedByStop;
    track.dispatchEvent(new Event('ended'));
    return { id: track.id, endedByStop: stopped };
  });
  expect(unplugged.endedByStop).toBe(false);

  await expect.poll(async () => (await sentTrack(visitor.page, 'audio'))?.id, { message: 'a new microphone track is sent' }).not.toBe(unplugged.id);
  expect(await sentTrack(visitor.page, 'audio')).toMatchObject({ readyState: 'live', enabled: true });
  await expectMediaFlowing(agent.page, { video: false });
  await expect(visitor.panel.getByText(/disconnected/)).toHaveCount(0);
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
});
