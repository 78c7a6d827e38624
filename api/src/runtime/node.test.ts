// The API over real HTTP and WebSockets against the Node host on a free port.
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokens, generateSigningKeys } from '../auth/tokens.ts';
import { openSocket, postJson, type TestSocket } from '../testing/clients.ts';
import { startNodeHost } from './node.ts';

const password = 'correct horse battery staple';
let beckon: Awaited<ReturnType<typeof startNodeHost>>;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-'));
  beckon = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: ['http://shop.test'], build: false, ringTimeoutMs: 1500, log: () => {} });
});
afterAll(async () => {
  await beckon.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// The demo tenant's API on one host, as a visitor's page and an agent's console use it.
const demoApi = (host: () => { origin: string }) => {
  const signIn = async (email = 'agent@demo.test') => {
    const { status, body } = await postJson(`${host().origin}/v1/auth/sign-in`, { email, password });
    expect(status).toBe(200);
    return body as { accessToken: string; refreshToken: string; agent: { id: string; name: string } };
  };
  const visitorSession = async (origin = host().origin) => {
    const { status, body } = await postJson(`${host().origin}/v1/visitor/session`, { key: 'demo' }, { Origin: origin });
    expect(status).toBe(200);
    return body.token as string;
  };
  const startCall = async (token: string, origin = host().origin) => {
    const { status, body } = await postJson(`${host().origin}/v1/calls`, { media: 'video', page: 'http://shop.test/help' }, { Origin: origin, Authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    return body as { conversationId: string; token: string; position: number };
  };
  const ws = () => host().origin.replace('http', 'ws');
  const connectAgent = async (email?: string) => {
    const session = await signIn(email);
    const socket = await openSocket(`${ws()}/v1/agent/ws?token=${session.accessToken}`);
    expect(await socket.next('presence')).toMatchObject({ status: 'available' });
    return { session, socket };
  };
  const joinConversation = (conversationId: string, token: string) => openSocket(`${ws()}/v1/conversations/${conversationId}/ws?token=${token}`);
  const contacts = async (accessToken: string) => {
    const response = await fetch(`${host().origin}/v1/contacts`, { headers: { Authorization: `Bearer ${accessToken}` } });
    return (await response.json()).contacts as { id: string; outcome: string; agent: { name: string } | null; durationSeconds: number }[];
  };
  return { signIn, visitorSession, startCall, connectAgent, joinConversation, contacts };
};
const { signIn, visitorSession, startCall, connectAgent, joinConversation, contacts } = demoApi(() => beckon);

describe('agent sign-in', () => {
  it('refuses a wrong password with the one error shape and no detail', async () => {
    const { status, body } = await postJson(`${beckon.origin}/v1/auth/sign-in`, { email: 'agent@demo.test', password: 'nope' });
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong email or password.' } });
    const unknown = await postJson(`${beckon.origin}/v1/auth/sign-in`, { email: 'nobody@demo.test', password });
    expect(unknown.body).toEqual(body);
  });

  it('rotates refresh tokens: each works once', async () => {
    const session = await signIn();
    const first = await postJson(`${beckon.origin}/v1/auth/refresh`, { refreshToken: session.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.agent.email).toBe('agent@demo.test');
    const again = await postJson(`${beckon.origin}/v1/auth/refresh`, { refreshToken: session.refreshToken });
    expect(again.status).toBe(401);
  });

  it('refuses missing, forged and visitor tokens on agent endpoints', async () => {
    expect((await fetch(`${beckon.origin}/v1/contacts`)).status).toBe(401);
    const forger = await createTokens(await generateSigningKeys());
    const forged = await forger.issue({ kind: 'access', tenantId: 'demo', agentId: 'x', role: 'admin' });
    const response = await fetch(`${beckon.origin}/v1/contacts`, { headers: { Authorization: `Bearer ${forged}` } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'unauthorized', message: 'Missing or expired credentials.' } });
    const visitor = await visitorSession();
    expect((await fetch(`${beckon.origin}/v1/contacts`, { headers: { Authorization: `Bearer ${visitor}` } })).status).toBe(401);
  });
});

describe('visitor sessions', () => {
  it('answers 401 to an unknown widget key and 403 to an origin not on the allowlist', async () => {
    const unknown = await postJson(`${beckon.origin}/v1/visitor/session`, { key: 'nope' }, { Origin: beckon.origin });
    expect(unknown).toMatchObject({ status: 401, body: { error: { code: 'unknown_widget_key' } } });
    const foreign = await postJson(`${beckon.origin}/v1/visitor/session`, { key: 'demo' }, { Origin: 'http://evil.test' });
    expect(foreign).toMatchObject({ status: 403, body: { error: { code: 'origin_not_allowed' } } });
    await visitorSession('http://shop.test');
  });

  it('refuses malformed, invalid and oversized bodies with a clear error', async () => {
    const url = `${beckon.origin}/v1/visitor/session`;
    expect(await postJson(url, '{not json', { Origin: beckon.origin })).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect(await postJson(url, { key: 7 }, { Origin: beckon.origin })).toMatchObject({ status: 400, body: { error: { message: 'key must be a string' } } });
    const huge = await postJson(url, { key: 'x'.repeat(20_000) }, { Origin: beckon.origin });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } });
    const token = await visitorSession();
    const badMedia = await postJson(`${beckon.origin}/v1/calls`, { media: 'hologram' }, { Origin: beckon.origin, Authorization: `Bearer ${token}` });
    expect(badMedia).toMatchObject({ status: 400, body: { error: { message: 'media must be one of audio, video' } } });
  });

  it('binds a visitor session to the page origin it was made for', async () => {
    const token = await visitorSession('http://shop.test');
    const elsewhere = await postJson(`${beckon.origin}/v1/calls`, { media: 'audio', page: '' }, { Origin: 'http://evil.test', Authorization: `Bearer ${token}` });
    expect(elsewhere.status).toBe(403);
  });
});

describe('a call from queue to hang-up', () => {
  it('offers to the agent, relays signaling, ends for both and records the contact', async () => {
    const agent = await connectAgent();
    const call = await startCall(await visitorSession());
    expect(call.position).toBe(1);
    const visitor = await joinConversation(call.conversationId, call.token);
    expect(await visitor.next('queued')).toMatchObject({ position: 1 });

    const offer = await agent.socket.next('offer');
    expect(offer).toMatchObject({ conversationId: call.conversationId, media: 'video', caller: { page: 'http://shop.test/help' } });
    agent.socket.send({ type: 'accept', offerId: offer.offerId });
    const assigned = await agent.socket.next('assigned');
    expect(await visitor.next('accepted')).toEqual({ type: 'accepted', agent: { name: 'Alex (Demo agent)' } });

    const agentSide = await joinConversation(call.conversationId, assigned.token as string);
    // No ICE servers configured: host candidates only, and no relay policy.
    expect(await visitor.next('start')).toEqual({ type: 'start', polite: true, iceServers: [], iceTransportPolicy: 'all' });
    expect(await agentSide.next('start')).toEqual({ type: 'start', polite: false, iceServers: [], iceTransportPolicy: 'all' });

    const description = { type: 'offer', sdp: 'v=0\r\n' };
    agentSide.send({ type: 'signal', description });
    expect(await visitor.next('signal')).toEqual({ type: 'signal', description });
    const candidate = { candidate: 'candidate:1 1 udp 1 127.0.0.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' };
    visitor.send({ type: 'signal', candidate });
    expect(await agentSide.next('signal')).toEqual({ type: 'signal', candidate });

    visitor.sendRaw('{"type":"signal"}');
    expect(await visitor.next('error')).toMatchObject({ code: 'invalid_message' });
    visitor.sendRaw(JSON.stringify({ type: 'signal', description: { type: 'offer', sdp: 'x'.repeat(70_000) } }));
    expect(await visitor.next('error')).toMatchObject({ code: 'message_too_large' });
    agentSide.send({ type: 'cancel' });
    expect(await agentSide.next('error')).toMatchObject({ code: 'conflict' });

    visitor.send({ type: 'hangup', reason: 'hangup' });
    expect(await visitor.next('ended')).toMatchObject({ reason: 'hangup', outcome: 'completed' });
    expect(await agentSide.next('ended')).toMatchObject({ reason: 'hangup', outcome: 'completed' });
    await Promise.all([visitor.closed, agentSide.closed]);

    const [contact] = (await contacts(agent.session.accessToken)).filter((c) => c.id === call.conversationId);
    expect(contact).toMatchObject({ outcome: 'completed', agent: { name: 'Alex (Demo agent)' } });
    agent.socket.close();
  });

  it('refuses a conversation socket whose token is for another conversation', async () => {
    const first = await startCall(await visitorSession());
    const second = await startCall(await visitorSession());
    const status = await new Promise<number | undefined>((answered) => {
      const request = http.get(`${beckon.origin}/v1/conversations/${second.conversationId}/ws?token=${first.token}`, {
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
      });
      request.on('response', (response) => answered(response.statusCode));
      request.on('upgrade', () => answered(101));
    });
    expect(status).toBe(403);
    for (const call of [first, second]) (await joinConversation(call.conversationId, call.token)).send({ type: 'cancel' });
  });
});

describe('routing', () => {
  let sockets: TestSocket[] = [];
  const track = <T extends { socket: TestSocket }>(value: T) => (sockets.push(value.socket), value);
  const closeAll = async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(sockets.map((socket) => socket.closed));
    sockets = [];
  };

  it('offers the longest-idle agent first and re-offers to the next on decline', async () => {
    const first = track(await connectAgent('agent@demo.test'));
    const second = track(await connectAgent('agent2@demo.test'));
    const call = await startCall(await visitorSession());
    const visitor = await joinConversation(call.conversationId, call.token);
    const offer = await first.socket.next('offer');
    first.socket.send({ type: 'decline', offerId: offer.offerId });
    const reOffer = await second.socket.next('offer');
    expect(reOffer.conversationId).toBe(call.conversationId);
    second.socket.send({ type: 'accept', offerId: reOffer.offerId });
    expect(await visitor.next('accepted')).toMatchObject({ agent: { name: 'Sam (Demo agent)' } });
    visitor.close();
    await closeAll();
  });

  it('sets an agent who lets the ring time out Away, and keeps the call queued', async () => {
    const agent = track(await connectAgent());
    const call = await startCall(await visitorSession());
    const visitor = await joinConversation(call.conversationId, call.token);
    const offer = await agent.socket.next('offer');
    expect(await agent.socket.next('offer-withdrawn', 4000)).toMatchObject({ offerId: offer.offerId, reason: 'timeout' });
    expect(await agent.socket.next('presence')).toEqual({ type: 'presence', status: 'away', reason: 'missed-offer' });
    visitor.send({ type: 'cancel' });
    expect(await visitor.next('ended')).toMatchObject({ reason: 'cancelled', outcome: 'missed' });
    await closeAll();
  });

  it('records a visitor who closes the tab while queued as cancelled, and tells the queue', async () => {
    const agent = track(await connectAgent());
    agent.socket.send({ type: 'presence', status: 'away' });
    await agent.socket.next('presence');
    const leaving = await startCall(await visitorSession());
    const staying = await startCall(await visitorSession());
    expect(staying.position).toBe(2);
    const leaver = await joinConversation(leaving.conversationId, leaving.token);
    const stayer = await joinConversation(staying.conversationId, staying.token);
    expect(await stayer.next('queued')).toMatchObject({ position: 2 });
    leaver.close();
    expect(await stayer.next('queued')).toMatchObject({ position: 1 });
    const recorded = (await contacts(agent.session.accessToken)).find((c) => c.id === leaving.conversationId);
    expect(recorded).toMatchObject({ outcome: 'cancelled', agent: null, durationSeconds: 0 });
    stayer.send({ type: 'cancel' });
    await stayer.next('ended');
    await closeAll();
  });
});

describe('a relay-only tenant', () => {
  const ice = { stunUrls: ['stun:127.0.0.1:3478'], turnUrls: ['turn:127.0.0.1:3478?transport=udp'], turnSecret: 'relay-test-secret' };
  let relayHost: Awaited<ReturnType<typeof startNodeHost>>;
  let relayDataDir: string;
  const relay = demoApi(() => relayHost);

  beforeAll(async () => {
    relayDataDir = mkdtempSync(join(tmpdir(), 'beckon-api-relay-'));
    relayHost = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir: relayDataDir, demoPassword: password, demoOrigins: [], build: false, ice, demoRelayOnly: true, log: () => {} });
  });
  afterAll(async () => {
    await relayHost.stop();
    rmSync(relayDataDir, { recursive: true, force: true });
  });

  const connectedCall = async () => {
    const agent = await relay.connectAgent();
    const visitorToken = await relay.visitorSession();
    const call = await relay.startCall(visitorToken);
    const visitor = await relay.joinConversation(call.conversationId, call.token);
    const offer = await agent.socket.next('offer');
    agent.socket.send({ type: 'accept', offerId: offer.offerId });
    const assigned = await agent.socket.next('assigned');
    const agentSide = await relay.joinConversation(call.conversationId, assigned.token as string);
    const { visitorId } = decodeJwt<{ visitorId: string }>(visitorToken);
    return { agent, visitor, agentSide, visitorId, agentId: agent.session.agent.id };
  };

  it('starts the call relay-only, each side with a TURN credential of its own that the TURN server can check', async () => {
    const startedAt = Math.floor(Date.now() / 1000);
    const { agent, visitor, agentSide, visitorId, agentId } = await connectedCall();
    const starts = { [visitorId]: await visitor.next('start'), [agentId]: await agentSide.next('start') };
    for (const [participantId, start] of Object.entries(starts)) {
      expect(start.iceTransportPolicy).toBe('relay');
      const [stun, turn] = start.iceServers as { urls: string[]; username?: string; credential?: string }[];
      expect(stun).toEqual({ urls: ice.stunUrls });
      expect(turn?.urls).toEqual(ice.turnUrls);
      const [expiry, owner] = turn!.username!.split(':');
      expect(owner).toBe(participantId);
      // The conversation token's lifetime, four hours.
      expect(Number(expiry) - startedAt).toBeGreaterThanOrEqual(4 * 3600 - 1);
      expect(Number(expiry) - startedAt).toBeLessThanOrEqual(4 * 3600 + 5);
      // What coturn computes with --use-auth-secret, here with Node's own HMAC.
      expect(turn!.credential).toBe(createHmac('sha1', ice.turnSecret).update(turn!.username!).digest('base64'));
    }
    expect(starts[visitorId]!.polite).toBe(true);
    visitor.send({ type: 'hangup', reason: 'hangup' });
    await Promise.all([visitor.closed, agentSide.closed]);
    agent.socket.close();
  });

  it('relays relay candidates only, and strips other candidates from descriptions', async () => {
    const { agent, visitor, agentSide } = await connectedCall();
    const candidate = (line: string) => ({ candidate: line, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' });
    const host = 'candidate:1 1 udp 2122260223 192.168.1.20 54400 typ host generation 0';
    const srflx = 'candidate:2 1 udp 1686052607 198.51.100.9 54400 typ srflx raddr 192.168.1.20 rport 54400';
    const relayed = 'candidate:3 1 udp 41885439 203.0.113.7 50010 typ relay raddr 198.51.100.9 rport 54400';
    visitor.send({ type: 'signal', candidate: candidate(host) });
    visitor.send({ type: 'signal', candidate: candidate(srflx) });
    visitor.send({ type: 'signal', candidate: candidate(relayed) });
    // A socket keeps order: the first candidate the agent hears is the relay one.
    expect(await agentSide.next('signal')).toEqual({ type: 'signal', candidate: candidate(relayed) });

    const sdp = (lines: string[]) => ['v=0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', ...lines, 'a=mid:0', ''].join('\r\n');
    agentSide.send({ type: 'signal', description: { type: 'offer', sdp: sdp([`a=${host}`, `a=${relayed}`, `a=${srflx}`]) } });
    expect(await visitor.next('signal')).toEqual({ type: 'signal', description: { type: 'offer', sdp: sdp([`a=${relayed}`]) } });

    agentSide.send({ type: 'signal', candidate: candidate(host) });
    agentSide.send({ type: 'hangup', reason: 'hangup' });
    await visitor.next('ended');
    await expect(visitor.next('signal', 200)).rejects.toThrow(/no 'signal'/);
    agent.socket.close();
  });

  it('will not start a relay-only demo without a TURN server', async () => {
    await expect(startNodeHost({ port: 0, host: '127.0.0.1', dataDir: relayDataDir, demoOrigins: [], build: false, demoRelayOnly: true, log: () => {} })).rejects.toThrow(/TURN/);
  });
});
