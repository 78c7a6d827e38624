// A tenant that keeps addresses private: every call goes through the TURN
// relay, so neither the visitor nor the agent learns the other's IP address.
// This Beckon's demo tenant is relay-only and mints credentials for a real
// coturn; the journey proves media flows both ways over relay candidates and
// that no host or server-reflexive candidate ever reaches the other side.
import { demoAgents, relayOnlyOrigin, turnUrl } from './environment.ts';
import { startCoturn, type Coturn } from './coturn.ts';
import { expect, test } from './fixtures.ts';
import { apiSignIn, contactsSince, iceStats, remoteCandidates } from './helpers.ts';

test.use({ baseURL: relayOnlyOrigin });

let coturn: Coturn;
test.beforeAll(async () => {
  coturn = await startCoturn();
});
test.afterAll(async () => {
  await coturn?.stop();
});

test('a relay-only call connects through TURN and reveals no address', async ({ connectedCall, request, startedAt }, testInfo) => {
  const { agent, visitor } = await connectedCall('video');
  // The visitor's one connection (made while they waited, before `start` said how) is relay-only, through the TURN server.
  const configurations = await visitor.page.evaluate(() =>
    window.__peerConnections!.map((connection) => ({ policy: connection.getConfiguration().iceTransportPolicy, urls: connection.getConfiguration().iceServers?.flatMap((server) => server.urls) })),
  );
  expect(configurations).toEqual([{ policy: 'relay', urls: [turnUrl] }]);

  for (const [who, page] of [['visitor', visitor.page], ['agent', agent.page]] as const) {
    const { selected, remoteTypes } = await iceStats(page);
    expect(selected, `${who}'s selected candidate pair`).toEqual({ local: 'relay', remote: 'relay' });
    expect(remoteTypes.length, `${who}'s remote candidates in stats`).toBeGreaterThan(0);
    expect(new Set(remoteTypes), `${who}'s remote candidate types in stats`).toEqual(new Set(['relay']));
    const given = await remoteCandidates(page);
    expect(given.length, `candidates ${who} was given`).toBeGreaterThan(0);
    const revealing = given.filter((line) => !/ typ relay( |$)/.test(line));
    expect(revealing, `candidates ${who} was given that are not relays`).toEqual([]);
    await testInfo.attach(`${who} remote candidates`, { contentType: 'text/plain', body: given.join('\n') });
  }

  await visitor.panel.getByRole('button', { name: 'Hang up' }).click();
  await expect(agent.page.getByText('Call ended')).toBeVisible();
  const { accessToken } = await apiSignIn(request, demoAgents.first);
  const [contact] = await contactsSince(request, accessToken, startedAt);
  expect(contact).toMatchObject({ media: 'video', outcome: 'completed' });
  // coturn accepted the credentials Beckon minted: one TURN user (<expiry>:<participant>) each.
  const users = new Set([...coturn.log().matchAll(/user <(\d+:[^>]+)>: incoming packet ALLOCATE processed, success/g)].map((match) => match[1]));
  expect(users.size, coturn.log().slice(-4000)).toBe(2);
});
