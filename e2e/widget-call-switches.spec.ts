// The visitor's microphone and camera switches in a call: what they switched
// off stays off through a reload, and the agent hears nothing until they
// switch it back on; the visitor's own preview says the camera is off. Who
// talks while muted is told so.
import { expect, test } from './fixtures.ts';
import { energyHeard, sentTrack, silence } from './helpers.ts';

test('a reload mid-call keeps the microphone muted and the camera off, until the visitor turns them on', async ({ connectedCall }) => {
  const { agent, visitor } = await connectedCall('video');
  const button = (name: string) => visitor.panel.getByRole('button', { name, exact: true });
  await button('Mute').click();
  await button('Turn camera off').click();
  await expect(button('Unmute')).toBeVisible();
  await expect(button('Turn camera on')).toBeVisible();
  // The visitor's own preview says the camera is off, rather than showing a black picture.
  await expect(visitor.panel.getByText('Camera off', { exact: true })).toBeVisible();
  await expect(visitor.panel.locator('video[aria-label="Your video"]')).toHaveCount(0);

  await visitor.page.reload();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expect(button('Unmute')).toBeVisible();
  await expect(button('Turn camera on')).toBeVisible();
  expect(await sentTrack(visitor.page, 'audio')).toMatchObject({ readyState: 'live', enabled: false });
  expect(await sentTrack(visitor.page, 'video')).toMatchObject({ readyState: 'live', enabled: false });
  // The agent's new connection hears silence, not the fake microphone's beeps.
  expect(await energyHeard(agent.page)).toBeLessThan(silence);

  await button('Unmute').click();
  await button('Turn camera on').click();
  await expect(button('Mute')).toBeVisible();
  await expect(visitor.panel.getByText('Camera off', { exact: true })).toHaveCount(0);
  await expect(visitor.panel.locator('video[aria-label="Your video"]')).toHaveCount(1);
  expect(await sentTrack(visitor.page, 'video')).toMatchObject({ enabled: true });
  expect(await energyHeard(agent.page)).toBeGreaterThan(silence);

  await button('Hang up').click();
  await expect(agent.page.getByText('Call ended')).toBeVisible();
});

test('a visitor or an agent who talks while muted is told so, and is still not heard', async ({ connectedCall }) => {
  const { agent, visitor } = await connectedCall('audio');
  const told = 'You are muted. Unmute to be heard.';
  // The fake microphone beeps twice a second: someone talking.
  await visitor.panel.getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(visitor.panel.getByText(told)).toBeVisible();
  expect(await energyHeard(agent.page)).toBeLessThan(silence);
  await visitor.panel.getByRole('button', { name: 'Unmute', exact: true }).click();
  await expect(visitor.panel.getByText(told)).toHaveCount(0);
  expect(await energyHeard(agent.page)).toBeGreaterThan(silence);

  const call = agent.page.getByRole('region', { name: 'Current call' });
  await call.getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(call.getByText(told)).toBeVisible();
  expect(await energyHeard(visitor.page)).toBeLessThan(silence);
  await call.getByRole('button', { name: 'Unmute', exact: true }).click();
  await expect(call.getByText(told)).toHaveCount(0);
});
