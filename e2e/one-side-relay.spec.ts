// A call relayed on one side only: the agent's network lets media out only
// through TURN, the visitor's is open. The visitor's own candidate is direct,
// yet its media crosses the agent's relay, so the call's summary must say
// "relay", and on whose side, even from the visitor's report alone.
import { createHmac } from 'node:crypto';
import { describeMediaPath } from '../agent-console/src/format.ts';
import { startCoturn, type Coturn } from './coturn.ts';
import { demoAgents, turn, turnUrl } from './environment.ts';
import { expect, test } from './fixtures.ts';
import { apiSignIn, contactsSince, iceStats } from './helpers.ts';

let coturn: Coturn;
test.beforeAll(async () => {
  coturn = await startCoturn();
});
test.afterAll(async () => {
  await coturn?.stop();
});

/** TURN credentials as Beckon mints them (the TURN REST API scheme), for a browser this server would not send to TURN. */
function turnCredentials(participant: string) {
  const username = `${Math.floor(Date.now() / 1000) + 3600}:${participant}`;
  return { urls: turnUrl, username, credential: createHmac('sha1', turn.secret).update(username).digest('base64') };
}

test("a call relayed on the agent's side only reads 'relay on the agent's side', though the visitor's own candidate was direct", async ({ signInAgent, openVisitor, request, startedAt }) => {
  const agent = await signInAgent(demoAgents.first);
  // The agent's browser behind a network that lets media out only through TURN.
  await agent.page.evaluate((server) => {
    const relayOnly = (configuration?: RTCConfiguration): RTCConfiguration => ({ ...configuration, iceServers: [server], iceTransportPolicy: 'relay' });
    const Tracked = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Tracked {
      constructor(configuration?: RTCConfiguration) {
        super(relayOnly(configuration));
      }

      override setConfiguration(configuration?: RTCConfiguration): void {
        super.setConfiguration(relayOnly(configuration));
      }
    };
  }, turnCredentials('e2e-agent'));
  const visitor = await openVisitor();
  await visitor.startCall('audio');
  await agent.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await expect(visitor.panel.getByText(/\bConnected\b/).first()).toBeVisible();
  await expect.poll(async () => (await iceStats(visitor.page)).selected.remote).toBe('relay');
  expect((await iceStats(visitor.page)).selected.local).not.toBe('relay');
  expect((await iceStats(agent.page)).selected.local).toBe('relay');
  // A few one-second samples, then the visitor hangs up: the agent's console sent no summary yet (it sends every 10 s).
  await visitor.page.waitForTimeout(3000);
  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(agent.page.getByText('Call ended')).toBeVisible();

  const { accessToken } = await apiSignIn(request, demoAgents.first);
  const [contact] = await contactsSince(request, accessToken, startedAt);
  expect(contact?.quality?.visitor).toMatchObject({ relayUsed: false, peerRelayUsed: true });
  expect(describeMediaPath(contact?.quality ?? {})).toBe("relay on the agent's side");

  const wrapUp = agent.page.getByRole('form', { name: 'Wrap-up', exact: true });
  await wrapUp.getByLabel('Outcome').selectOption('Resolved');
  await wrapUp.getByRole('button', { name: 'Save' }).click();
  await agent.page.getByRole('button', { name: 'History' }).click();
  const row = agent.page.getByRole('table').getByRole('row').filter({ hasText: /completed/i }).first();
  await expect(row).toContainText("Connectionrelay on the agent's side");
});
