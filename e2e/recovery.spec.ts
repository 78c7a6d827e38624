// Calls that survive what happens to real visitors and agents: a script that
// failed to load, a reload in the queue or mid-call (the visitor's or the
// agent's), and the network (here the TURN relay) going away and coming back.
import { demoAgents, reconnectGraceMs, relayOnlyOrigin } from './environment.ts';
import { startCoturn } from './coturn.ts';
import { expect, test } from './fixtures.ts';
import { apiSignIn, contactsSince, expectMediaFlowing, inboundMedia } from './helpers.ts';

test('a conversation whose features fail to load (the network dropped) loads them again, and the call connects', async ({ signInAgent, openVisitor }) => {
  const agent = await signInAgent(demoAgents.first);
  const visitor = await openVisitor();
  await visitor.open();
  // From here on the only script the page fetches is the conversation's features; the first try fails.
  let fetches = 0;
  await visitor.page.route('**/widget-chunk-*.js', (route) => (fetches++ === 0 ? route.abort('internetdisconnected') : route.continue()));
  await visitor.panel.getByRole('button', { name: 'Start audio call' }).click();
  await visitor.panel.getByRole('button', { name: 'Join call' }).click();
  await agent.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expectMediaFlowing(visitor.page, { video: false });
  // The failed fetch and the one that loaded it.
  expect(fetches).toBe(2);
  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(agent.page.getByText('Call ended')).toBeVisible();
});

test('a visitor who reloads while queued keeps their place', async ({ signInAgent, openVisitor, request, startedAt }) => {
  const agent = await signInAgent(demoAgents.first);
  await agent.setStatus('Away');
  const first = await openVisitor();
  await first.startCall('audio');
  await expect(first.panel.getByRole('status')).toContainText('You are number 1 in the queue');
  const second = await openVisitor();
  await second.startCall('audio');
  await expect(second.panel.getByRole('status')).toContainText('You are number 2 in the queue');

  await first.page.reload();
  await expect(first.panel.getByRole('status')).toContainText('You are number 1 in the queue');
  // Longer than the grace period: the reload was a return, not a departure.
  await first.page.waitForTimeout(reconnectGraceMs + 1000);
  await expect(first.panel.getByRole('status')).toContainText('You are number 1 in the queue');
  await expect(second.panel.getByRole('status')).toContainText('You are number 2 in the queue');

  await agent.setStatus('Available');
  await agent.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await expect(first.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await first.panel.getByRole('button', { name: 'Hang up' }).click();
  await second.panel.getByRole('button', { name: 'Cancel' }).click();

  const { accessToken } = await apiSignIn(request, demoAgents.first);
  const contacts = await contactsSince(request, accessToken, startedAt);
  expect(contacts.map((contact) => contact.outcome).sort()).toEqual(['cancelled', 'completed']);
});

test('a visitor who reloads mid-call is back in the same call', async ({ connectedCall, request, startedAt }) => {
  const { agent, visitor } = await connectedCall('video');

  await visitor.page.reload();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expect(agent.page.getByRole('region', { name: 'Current call' })).toBeVisible();
  // New peer connections on both sides, and media in both directions again.
  await Promise.all([expectMediaFlowing(visitor.page, { video: true }), expectMediaFlowing(agent.page, { video: true })]);

  await agent.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(visitor.panel.getByText('Call ended')).toBeVisible();
  const { accessToken } = await apiSignIn(request, demoAgents.first);
  const contacts = await contactsSince(request, accessToken, startedAt);
  expect(contacts).toHaveLength(1);
  expect(contacts[0]).toMatchObject({ outcome: 'completed', media: 'video' });
});

test('an agent who reloads mid-call is back in the same call, and the visitor too', async ({ connectedCall, request, startedAt }) => {
  const { agent, visitor } = await connectedCall('audio');

  await agent.page.reload();
  const call = agent.page.getByRole('region', { name: 'Current call' });
  await expect(call.getByRole('status').filter({ hasText: /^Connected$/ })).toBeVisible();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await Promise.all([expectMediaFlowing(visitor.page, { video: false }), expectMediaFlowing(agent.page, { video: false })]);
  // Longer than the grace period: the reload was a return, not a departure.
  await agent.page.waitForTimeout(reconnectGraceMs + 1000);
  await expect(call.getByRole('status').filter({ hasText: /^Connected$/ })).toBeVisible();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();

  await call.getByRole('button', { name: 'Hang up' }).click();
  await expect(visitor.panel.getByText('Call ended')).toBeVisible();
  const { accessToken } = await apiSignIn(request, demoAgents.first);
  const contacts = await contactsSince(request, accessToken, startedAt);
  expect(contacts).toHaveLength(1);
  expect(contacts[0]).toMatchObject({ outcome: 'completed', media: 'audio' });
});

test.describe('on a relay-only tenant', () => {
  test.use({ baseURL: relayOnlyOrigin });

  test('a call recovers by itself when the TURN relay goes down and comes back', async ({ connectedCall }, testInfo) => {
    let coturn = await startCoturn();
    try {
      const { agent, visitor } = await connectedCall('video');

      await coturn.stop();
      await expect(visitor.panel.getByText('Reconnecting…')).toBeVisible();
      await expect(agent.page.getByText('Reconnecting…')).toBeVisible();
      await visitor.page.waitForTimeout(2000);

      coturn = await startCoturn();
      const back = Date.now();
      const frames = await Promise.all([inboundMedia(visitor.page), inboundMedia(agent.page)]);
      const recovered = async (page: typeof visitor.page, before: number) => {
        await expect.poll(async () => (await inboundMedia(page)).framesDecoded, { intervals: [100], timeout: 15_000 }).toBeGreaterThan(before);
        return Date.now() - back;
      };
      const [visitorMs, agentMs] = await Promise.all([recovered(visitor.page, frames[0].framesDecoded), recovered(agent.page, frames[1].framesDecoded)]);
      testInfo.annotations.push({ type: 'recovery', description: `video decoded again ${visitorMs} ms (visitor) and ${agentMs} ms (agent) after the relay returned` });
      console.log(`recovery after the relay returned: visitor ${visitorMs} ms, agent ${agentMs} ms`);
      expect(Math.max(visitorMs, agentMs)).toBeLessThanOrEqual(3000);
      await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
      await expect(agent.page.getByText(/\bConnected\b/).first()).toBeVisible();
      await agent.page.getByRole('button', { name: 'Hang up' }).click();
    } finally {
      await coturn.stop();
    }
  });
});
