// The API contract against the Node host on a free port with its own data directory.
import { spawn, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiContract, contractSettings, contractWebhookReceiver } from '../testing/contract.ts';
import { postJson, postJsonFrom, requestJson } from '../testing/clients.ts';
import { demoApi } from '../testing/demo-api.ts';
import { addGlobex } from '../testing/globex.ts';
import { openFilesUnder } from '../testing/open-files.ts';
import { limits } from '@beckon/protocol';
import { trustedProxiesSetting } from './node/client-address.ts';
import { startNodeHost } from './node.ts';

apiContract('Node', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-'));
  const { url } = await contractWebhookReceiver();
  const start = (port: number) => startNodeHost({
    port,
    host: '127.0.0.1',
    dataDir,
    demoPassword: contractSettings.demoPassword,
    demoOrigins: contractSettings.demoOrigins,
    build: false,
    ringTimeoutMs: contractSettings.ringTimeoutMs,
    reconnectGraceMs: contractSettings.reconnectGraceMs,
    wrapUpMs: contractSettings.wrapUpMs,
    demoWebhook: { url, secret: contractSettings.webhookSecret },
    webhookFirstRetryMs: contractSettings.webhookFirstRetryMs,
    visitorSessionsPerMinute: contractSettings.visitorSessionsPerMinute,
    searchWindowMs: contractSettings.searchWindowMs,
    log: () => {},
  });
  let beckon = await start(0);
  return {
    origin: beckon.origin,
    // Loopback is all of 127/8: another source address is another client.
    client: (n) => ({ localAddress: `127.0.0.${10 + n}` }),
    async restart() {
      await beckon.stop();
      beckon = await start(beckon.port);
    },
    async stop() {
      await beckon.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

// Relay-only needs a host started with TURN settings, so it runs on Node only.
const password = contractSettings.demoPassword;

describe('a relay-only tenant', () => {
  const ice = { stunUrls: ['stun:127.0.0.1:3478'], turnUrls: ['turn:127.0.0.1:3478?transport=udp'], turnSecret: 'relay-test-secret' };
  let relayHost: Awaited<ReturnType<typeof startNodeHost>>;
  let relayDataDir: string;
  const relay = demoApi(() => relayHost, password);

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
    return { agent, offer, visitor, agentSide, visitorId, agentId: agent.session.agent.id };
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

  it('tells the agent with the offer how its start will make the peer connection, so it can make it while accepting', async () => {
    const { agent, offer, visitor, agentSide, agentId } = await connectedCall();
    const start = await agentSide.next('start');
    const peer = offer.peer as { iceServers: { urls: string[]; username?: string }[]; iceTransportPolicy: string; maxFileBytes: number };
    expect(peer.iceTransportPolicy).toBe('relay');
    expect(peer.maxFileBytes).toBe(start.maxFileBytes);
    expect(peer.iceServers.map((server) => server.urls)).toEqual((start.iceServers as { urls: string[] }[]).map((server) => server.urls));
    expect(peer.iceServers[1]!.username!.split(':')[1]).toBe(agentId);
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
    // A socket keeps order: the first candidate the agent hears is the relay one, without the visitor's public address.
    const relayedHidden = 'candidate:3 1 udp 41885439 203.0.113.7 50010 typ relay raddr 0.0.0.0 rport 0';
    expect(await agentSide.next('signal')).toEqual({ type: 'signal', candidate: candidate(relayedHidden), seq: expect.any(Number) });

    const sdp = (lines: string[]) => ['v=0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', ...lines, 'a=mid:0', ''].join('\r\n');
    agentSide.send({ type: 'signal', description: { type: 'offer', sdp: sdp([`a=${host}`, `a=${relayed}`, `a=${srflx}`]) } });
    expect(await visitor.next('signal')).toEqual({ type: 'signal', description: { type: 'offer', sdp: sdp([`a=${relayedHidden}`]) }, seq: expect.any(Number) });

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

describe('a host that stops', () => {
  it('closes every file of its data directory, the directory\'s, the switchboards\' and the conversations\'', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-stop-'));
    const host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    const api = demoApi(() => host, password);
    const agent = await api.connectAgent();
    const call = await api.startCall(await api.visitorSession());
    await api.joinConversation(call.conversationId, call.token);
    await agent.socket.next('offer');
    expect(openFilesUnder(dataDir)).toEqual(expect.arrayContaining(['/directory.sqlite', '/conversations.sqlite']));
    await host.stop();
    expect(openFilesUnder(dataDir)).toEqual([]);
    rmSync(dataDir, { recursive: true, force: true });
  });

});

describe('a host listening on an IPv6 address', () => {
  it('writes it in brackets, so that its URLs open and its demo page may embed the widget', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-ipv6-'));
    const host = await startNodeHost({ port: 0, host: '::1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    try {
      expect(host.origin).toBe(`http://[::1]:${host.port}`);
      await demoApi(() => host, password).visitorSession();
    } finally {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a demo tenant an admin has made their own', () => {
  // Removing agent@demo.test used to make the next start a first one: every demo agent left, its admin too, got a new password.
  it('keeps its admin\'s password and its queues as the admin left them at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-demo-'));
    const start = async () => {
      const lines: string[] = [];
      const host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoOrigins: [], build: false, log: (line) => lines.push(line) });
      return { host, password: /Password: +(\S+) +\(shown once/.exec(lines.join('\n'))?.[1] };
    };
    const first = await start();
    const adminPassword = first.password!;
    const api = demoApi(() => first.host, adminPassword);
    const admin = { Authorization: `Bearer ${(await api.signIn('admin@demo.test')).accessToken}` };
    const { body } = await requestJson('GET', `${first.host.origin}/v1/admin/agents`, undefined, admin);
    const agent = body.agents.find((each: { email: string }) => each.email === 'agent@demo.test');
    expect((await requestJson('DELETE', `${first.host.origin}/v1/admin/agents/${agent.id}`, undefined, admin)).status).toBe(204);
    expect((await requestJson('DELETE', `${first.host.origin}/v1/admin/queues/es`, undefined, admin)).status).toBe(204);
    await first.host.stop();

    const second = await start();
    try {
      expect(second.password).toBeUndefined();
      const again = { Authorization: `Bearer ${(await demoApi(() => second.host, adminPassword).signIn('admin@demo.test')).accessToken}` };
      const queues = await requestJson('GET', `${second.host.origin}/v1/admin/queues`, undefined, again);
      expect(queues.body.queues.map((queue: { id: string }) => queue.id)).not.toContain('es');
    } finally {
      await second.host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a demo tenant on a host with BECKON_DEMO_PASSWORD', () => {
  it('gets that password at every start without printing it, and keeps the skills and capacity an admin gave its agents', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-demo-'));
    const logged: string[] = [];
    const start = (demoPassword: string) => startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword, demoOrigins: [], build: false, log: (line) => logged.push(line) });
    const agentOf = async (host: { origin: string }, admin: Record<string, string>) =>
      (await requestJson('GET', `${host.origin}/v1/admin/agents`, undefined, admin)).body.agents.find((each: { email: string }) => each.email === 'agent@demo.test');
    const first = await start('first password');
    const admin = { Authorization: `Bearer ${(await demoApi(() => first, 'first password').signIn('admin@demo.test')).accessToken}` };
    const { id } = await agentOf(first, admin);
    expect((await requestJson('PATCH', `${first.origin}/v1/admin/agents/${id}`, { skills: ['billing'], capacity: 1 }, admin)).status).toBe(200);
    await first.stop();

    const second = await start('second password');
    try {
      const again = { Authorization: `Bearer ${(await demoApi(() => second, 'second password').signIn('admin@demo.test')).accessToken}` };
      expect(await agentOf(second, again)).toMatchObject({ skills: ['billing'], capacity: 1 });
      // The banner names where the password comes from, and keeps it out of the logs.
      expect(logged.join('\n')).toMatch(/Password: +BECKON_DEMO_PASSWORD$/m);
      expect(logged.join('\n')).not.toMatch(/first password|second password/);
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a host that makes its data directory', () => {
  // It holds transcripts, password hashes, webhook secrets and the signing keys: other users of the machine read none of it.
  it('makes it readable by its own user only', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'beckon-api-mode-'));
    const dataDir = join(parent, 'data');
    const host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    await host.stop();
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    rmSync(parent, { recursive: true, force: true });
  });
});

describe('a host asked about tenants it does not have', () => {
  it('makes no storage for the tenant a made-up refresh token or invite link names', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-ghost-'));
    const host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    const url = (path: string) => `${host.origin}${path}`;
    expect((await requestJson('POST', url('/v1/auth/refresh'), { refreshToken: 'ghost1.secret' })).status).toBe(401);
    expect((await requestJson('GET', url('/v1/invites/ghost2.secret'))).status).toBe(404);
    expect((await requestJson('POST', url('/v1/invites/ghost3.secret'), { password: 'long enough password' })).status).toBe(404);
    expect(readdirSync(join(dataDir, 'switchboards')).filter((file) => file.startsWith('ghost'))).toEqual([]);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('an email that signs in to another tenant', () => {
  it('is invited like any other, so an admin cannot learn who uses Beckon elsewhere; only the link\'s holder is told, and their sign-in stays as it was', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-tenants-'));
    await addGlobex(dataDir);
    const host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    const url = (path: string) => `${host.origin}${path}`;
    const { accessToken } = await demoApi(() => host, password).signIn('admin@demo.test');
    const invite = (email: string) => requestJson('POST', url('/v1/admin/agents'), { name: 'New agent', email }, { Authorization: `Bearer ${accessToken}` });

    const [taken, free] = [await invite('grace@globex.test'), await invite('ada@demo.test')];
    expect([taken.status, free.status]).toEqual([201, 201]);
    expect(Object.keys(taken.body.invite)).toEqual(Object.keys(free.body.invite));
    expect(await requestJson('POST', url(`/v1/invites/${taken.body.invite.token}`), { password: 'a long new password' })).toEqual({
      status: 409,
      body: { error: { code: 'conflict', message: 'This email already signs in to another Beckon team. Ask your admin to invite you with another email.' } },
    });
    expect((await requestJson('POST', url('/v1/auth/sign-in'), { email: 'grace@globex.test', password: 'grace password' })).body.agent).toMatchObject({ name: 'Grace' });
    expect((await requestJson('POST', url(`/v1/invites/${free.body.invite.token}`), { password: 'a long new password' })).status).toBe(200);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('an agent who searches the contacts too often', () => {
  it('holds back only themselves, not an agent of another tenant on the same host and address', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-searches-'));
    await addGlobex(dataDir);
    const host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    const signIn = async (email: string, agentPassword: string) => (await postJson(`${host.origin}/v1/auth/sign-in`, { email, password: agentPassword })).body.accessToken as string;
    const search = async (accessToken: string) => (await fetch(`${host.origin}/v1/contacts?text=refund`, { headers: { Authorization: `Bearer ${accessToken}` } })).status;
    const demoAgent = await signIn('agent@demo.test', password);
    for (let n = 0; n < limits.searchesPerAgent.max; n++) expect(await search(demoAgent)).toBe(200);
    expect(await search(demoAgent)).toBe(429);
    expect(await search(await signIn('grace@globex.test', 'grace password'))).toBe(200);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('a host counting wrong passwords', () => {
  it('tells clients apart by the address their connection comes from, not by a header anyone can send', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-throttle-'));
    const host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    const signIn = (attempt: number) => postJson(`${host.origin}/v1/auth/sign-in`, { email: 'agent@demo.test', password: `guess ${attempt}` }, {
      'CF-Connecting-IP': `198.51.100.${attempt}`,
      'X-Forwarded-For': `203.0.113.${attempt}`,
    });
    for (let attempt = 1; attempt <= 10; attempt++) expect((await signIn(attempt)).status).toBe(401);
    expect((await signIn(11)).status).toBe(429);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('a contact an admin deletes', () => {
  it('leaves nothing of its chat in the data directory\'s files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-erase-'));
    const host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    const api = demoApi(() => host, password);
    // Two chats left in the queue; the first is deleted, the second kept.
    const chat = async (text: string) => {
      const started = await api.startChat(await api.visitorSession());
      const visitor = await api.joinConversation(started.conversationId, started.token);
      visitor.send({ type: 'chat', id: 'v1', text, seq: 1 });
      await visitor.next('chat');
      visitor.send({ type: 'cancel', seq: 2 });
      await visitor.next('ended');
      return started.conversationId as string;
    };
    const deleted = await chat(`${'A long story. '.repeat(250)} My card number is 4111-1111-1111-1111.`);
    await chat('My order number is 12345');
    const { accessToken } = await api.signIn('admin@demo.test');
    expect((await requestJson('DELETE', `${host.origin}/v1/admin/contacts/${deleted}`, undefined, { Authorization: `Bearer ${accessToken}` })).status).toBe(204);
    await host.stop();
    const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.sqlite') || file.endsWith('-wal'));
    const everything = Buffer.concat(files.map((file) => readFileSync(join(dataDir, file)))).toString('latin1');
    expect(everything).toContain('My order number is 12345');
    expect(everything).not.toContain('4111-1111-1111-1111');
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('a tenant that keeps contacts for a year', () => {
  it('sets its alarm a year ahead, rather than firing it at once, over and over', async () => {
    const overflows: Error[] = [];
    const listen = (warning: Error) => void (warning.name === 'TimeoutOverflowWarning' && overflows.push(warning));
    process.on('warning', listen);
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-keep-'));
    const host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    try {
      const api = demoApi(() => host, password);
      const { accessToken } = await api.signIn('admin@demo.test');
      expect((await requestJson('PATCH', `${host.origin}/v1/admin/settings`, { keepContactsDays: 365 }, { Authorization: `Bearer ${accessToken}` })).status).toBe(200);
      const message = { name: 'Robin', email: 'robin@example.com', text: 'Please call me', media: 'chat', page: `${host.origin}/demo/` };
      expect((await postJson(`${host.origin}/v1/messages`, message, { Origin: host.origin, Authorization: `Bearer ${await api.visitorSession()}` })).status).toBe(200);
      await new Promise((wait) => setTimeout(wait, 300));
      expect(overflows).toEqual([]);
      expect((await api.contacts(accessToken)).map((contact) => contact.outcome)).toEqual(['message']);
    } finally {
      process.off('warning', listen);
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a host started again', () => {
  it("forgets the visitors' addresses that fell due while it was stopped, also of a tenant nobody uses", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-wake-'));
    await addGlobex(dataDir);
    // A contact of Globex's from 8 days ago still keeping its visitor's address, as a host stopped for a while left it.
    const file = new DatabaseSync(join(dataDir, 'switchboards', 'globex.sqlite'));
    file.prepare(
      "INSERT INTO contacts (id, visitor_id, visitor_label, visitor_address, page, media, state, outcome, created_at, ended_at, queue_id) VALUES ('old', 'v', 'Visitor 0LD0', '203.0.113.7', '', 'chat', 'ended', 'cancelled', ?1, ?1, 'support')",
    ).run(Date.now() - 8 * 86_400_000);
    file.close();
    const host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    try {
      const read = new DatabaseSync(join(dataDir, 'switchboards', 'globex.sqlite'), { readOnly: true });
      await vi.waitFor(() => expect(read.prepare("SELECT visitor_address FROM contacts WHERE id = 'old'").get()).toEqual({ visitor_address: null }), { timeout: 3000 });
      read.close();
    } finally {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a host behind a reverse proxy it trusts', () => {
  it('counts each visitor by the address the proxy forwards, and believes the header only from the proxy', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-proxy-'));
    const host = await startNodeHost({
      port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {},
      visitorSessionsPerMinute: 2, trustedProxies: trustedProxiesSetting('127.0.0.1'),
    });
    const session = (localAddress: string, forwardedFor: string) =>
      postJsonFrom({ localAddress, headers: { Origin: host.origin, 'X-Forwarded-For': forwardedFor } }, `${host.origin}/v1/visitor/session`, { key: 'demo' });
    // Through the proxy (127.0.0.1): one visitor's allowance is theirs alone.
    expect((await session('127.0.0.1', '203.0.113.1')).status).toBe(200);
    expect((await session('127.0.0.1', '203.0.113.1')).status).toBe(200);
    expect((await session('127.0.0.1', '203.0.113.1')).status).toBe(429);
    expect((await session('127.0.0.1', '203.0.113.2')).status).toBe(200);
    // Straight from elsewhere: the header is anyone's, so the connection counts.
    expect((await session('127.0.0.9', '198.51.100.1')).status).toBe(200);
    expect((await session('127.0.0.9', '198.51.100.2')).status).toBe(200);
    expect((await session('127.0.0.9', '198.51.100.3')).status).toBe(429);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('a host whose port is taken', () => {
  it('says which port and how to choose another, and keeps none of its files open', async () => {
    const [firstDir, secondDir] = [mkdtempSync(join(tmpdir(), 'beckon-api-port-')), mkdtempSync(join(tmpdir(), 'beckon-api-port-'))];
    const first = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir: firstDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    await expect(startNodeHost({ port: first.port, host: '127.0.0.1', dataDir: secondDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} }))
      .rejects.toThrow(`port ${first.port} on 127.0.0.1 is in use: stop what uses it, or choose another port with PORT`);
    expect(openFilesUnder(secondDir)).toEqual([]);

    // From the command line: the message, without a stack trace.
    expect(await startFromCommandLine({ PORT: String(first.port), BECKON_DATA_DIR: secondDir })).toEqual({
      code: 1,
      stderr: `Beckon could not start: port ${first.port} on 127.0.0.1 is in use: stop what uses it, or choose another port with PORT`,
    });
    await first.stop();
    for (const dir of [firstDir, secondDir]) rmSync(dir, { recursive: true, force: true });
  });
});

describe('a host started with a setting it cannot use', () => {
  it('names the setting and what it takes, and does not start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-settings-'));
    // Signing keys a full disk cut short as they were first written.
    const keysCutShort = join(dataDir, 'c');
    mkdirSync(keysCutShort);
    writeFileSync(join(keysCutShort, 'signing-keys.json'), '{"privateJwk":{"kty":"EC","x":"U4JQ');
    const refusals = await Promise.all([
      startFromCommandLine({ BECKON_DATA_DIR: dataDir, PORT: 'abc' }),
      startFromCommandLine({ BECKON_DATA_DIR: dataDir, PORT: '0', BECKON_DEMO_ORIGINS: 'https://shop.example, shop.example/help' }),
      startFromCommandLine({ BECKON_DATA_DIR: dataDir, PORT: '0', BECKON_WRAP_UP_SECONDS: '1 minute' }),
      startFromCommandLine({ BECKON_DATA_DIR: dataDir, PORT: '0', BECKON_WRAP_UP_SECONDS: '1000000000000' }),
      startFromCommandLine({ BECKON_DATA_DIR: dataDir, PORT: '0', BECKON_RING_TIMEOUT_MS: '0' }),
      startFromCommandLine({ BECKON_DATA_DIR: dataDir, PORT: '0', BECKON_RING_TIMEOUT_MS: '1000000000000' }),
      startFromCommandLine({ BECKON_DATA_DIR: dataDir, PORT: '0', BECKON_RECONNECT_GRACE_MS: '1000000000000' }),
      startFromCommandLine({ BECKON_DATA_DIR: dataDir, PORT: '0', BECKON_DEMO_RELAY_ONLY: 'enabled' }),
      startFromCommandLine({ BECKON_DATA_DIR: dataDir, PORT: '0', BECKON_BUILD: 'skip' }),
      startFromCommandLine({ BECKON_DATA_DIR: dataDir, PORT: '0', BECKON_DEMO_WEBHOOK_URL: 'crm.example/hooks/beckon', BECKON_DEMO_WEBHOOK_SECRET: 'whsec_x' }),
      startFromCommandLine({ BECKON_DATA_DIR: dataDir, PORT: '0', BECKON_METRICS_TOKEN: 'metrics' }),
      // These open their data directories before they listen: one each.
      startFromCommandLine({ BECKON_DATA_DIR: join(dataDir, 'a'), PORT: '0', HOST: '192.0.2.1' }),
      startFromCommandLine({ BECKON_DATA_DIR: join(dataDir, 'b'), PORT: '0', HOST: 'beckon.invalid' }),
      startFromCommandLine({ BECKON_DATA_DIR: keysCutShort, PORT: '0' }),
    ]);
    expect(refusals).toEqual([
      { code: 1, stderr: 'Beckon could not start: PORT must be a whole number from 0 to 65535, not "abc"' },
      { code: 1, stderr: 'Beckon could not start: BECKON_DEMO_ORIGINS: "shop.example/help": origin must be a page origin such as https://shop.example, without a path' },
      { code: 1, stderr: 'Beckon could not start: BECKON_WRAP_UP_SECONDS must be a whole number from 0 to 3600, not "1 minute"' },
      { code: 1, stderr: 'Beckon could not start: BECKON_WRAP_UP_SECONDS must be a whole number from 0 to 3600, not "1000000000000"' },
      { code: 1, stderr: 'Beckon could not start: BECKON_RING_TIMEOUT_MS must be a whole number from 1000 to 300000, not "0"' },
      { code: 1, stderr: 'Beckon could not start: BECKON_RING_TIMEOUT_MS must be a whole number from 1000 to 300000, not "1000000000000"' },
      { code: 1, stderr: 'Beckon could not start: BECKON_RECONNECT_GRACE_MS must be a whole number from 0 to 3600000, not "1000000000000"' },
      { code: 1, stderr: 'Beckon could not start: BECKON_DEMO_RELAY_ONLY must be 1, true, yes or on, or 0, false, no or off, not "enabled"' },
      { code: 1, stderr: 'Beckon could not start: BECKON_BUILD must be 1, true, yes or on, or 0, false, no or off, not "skip"' },
      { code: 1, stderr: 'Beckon could not start: BECKON_DEMO_WEBHOOK_URL must be an http:// or https:// URL, not "crm.example/hooks/beckon"' },
      { code: 1, stderr: 'Beckon could not start: BECKON_METRICS_TOKEN is too short: use at least 16 random characters (openssl rand -hex 16)' },
      { code: 1, stderr: 'Beckon could not start: HOST is "192.0.2.1", which is no address of this machine: choose one it has, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every address)' },
      { code: 1, stderr: 'Beckon could not start: HOST is "beckon.invalid", which is no address of this machine: choose one it has, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every address)' },
      { code: 1, stderr: `Beckon could not start: ${keysCutShort}/signing-keys.json is not the signing keys Beckon made: restore it from a backup, or delete it to make new ones (which signs everyone out)` },
    ]);
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('a data directory backed up while its host runs', () => {
  // `npm run backup -- <directory>`, as an operator runs it: its exit code and what it printed.
  const runBackup = async (dataDir: string, into: string) => {
    const run = spawn(process.execPath, [fileURLToPath(new URL('../../../scripts/backup.ts', import.meta.url)), into], { env: { ...process.env, BECKON_DATA_DIR: dataDir } });
    let output = '';
    run.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    run.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((exited) => run.once('exit', exited));
    return { code, output: output.trim() };
  };

  it('is a copy a new host starts from, with its contacts and its sessions, and is never written over', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-backed-up-'));
    const into = join(mkdtempSync(join(tmpdir(), 'beckon-backup-')), 'copy');
    const host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    const api = demoApi(() => host, password);
    const started = await api.startChat(await api.visitorSession());
    const visitor = await api.joinConversation(started.conversationId, started.token);
    visitor.send({ type: 'chat', id: 'v1', text: 'My order number is 12345', seq: 1 });
    await visitor.next('chat');
    const { accessToken } = await api.signIn('admin@demo.test');

    const made = await runBackup(dataDir, into);
    expect(made).toEqual({ code: 0, output: `Backed up 3 database files and the signing keys from ${dataDir} to ${into}.` });
    expect(statSync(into).mode & 0o777).toBe(0o700);
    expect(statSync(join(into, 'signing-keys.json')).mode & 0o777).toBe(0o600);
    // Into the same directory again: refused, and the copy stays as it was.
    expect(await runBackup(dataDir, into)).toEqual({ code: 1, output: `Backup failed: ${into} has files in it already; back up into a new or empty directory.` });
    expect((await runBackup(join(dataDir, 'nothing'), `${into}-2`)).output).toMatch(/^Backup failed: .+ is no Beckon data directory/);
    await host.stop();

    const restored = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir: into, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    try {
      // The access token of before still works: the signing keys came along.
      const { status, body } = await requestJson('GET', `${restored.origin}/v1/contacts`, undefined, { Authorization: `Bearer ${accessToken}` });
      expect(status).toBe(200);
      expect(body.contacts.map((contact: { id: string }) => contact.id)).toContain(started.conversationId);
      const transcript = await requestJson('GET', `${restored.origin}/v1/contacts/${started.conversationId}/transcript`, undefined, { Authorization: `Bearer ${accessToken}` });
      expect(transcript.body.messages).toMatchObject([{ text: 'My order number is 12345' }]);
    } finally {
      await restored.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(dirname(into), { recursive: true, force: true });
    }
  });
  it('is refused inside the data directory, also by way of a link to it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-linked-'));
    const link = join(mkdtempSync(join(tmpdir(), 'beckon-link-')), 'data');
    symlinkSync(dataDir, link);
    const made = new DatabaseSync(join(dataDir, 'directory.sqlite'));
    made.close();
    try {
      expect(await runBackup(dataDir, join(dataDir, 'copy'))).toEqual({ code: 1, output: 'Backup failed: back up outside the data directory.' });
      expect(await runBackup(dataDir, join(link, 'copy'))).toEqual({ code: 1, output: 'Backup failed: back up outside the data directory.' });
      expect(readdirSync(dataDir)).toEqual(['directory.sqlite']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(dirname(link), { recursive: true, force: true });
    }
  });

  it('is readable by its own user only, also in an empty directory that was there already and when a file cannot be copied', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-unreadable-'));
    const into = mkdtempSync(join(tmpdir(), 'beckon-backup-'));
    chmodSync(into, 0o755);
    const made = new DatabaseSync(join(dataDir, 'directory.sqlite'));
    made.exec('CREATE TABLE t (x)');
    made.close();
    // A file that is no database: the copy stops part way, and what it left is the operator's alone.
    writeFileSync(join(dataDir, 'broken.sqlite'), 'not a database, but as long as a header would be');
    try {
      expect((await runBackup(dataDir, into)).code).toBe(1);
      expect(statSync(into).mode & 0o777).toBe(0o700);
      for (const file of readdirSync(into)) expect(statSync(join(into, file)).mode & 0o077, file).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(into, { recursive: true, force: true });
    }
  });
});

describe('a host started from the command line', () => {
  // A service manager (systemd, Docker) stops `npm start` by signalling npm: the server itself must stop, not be left running.
  it('stops with `npm start` when npm is sent SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-npm-'));
    const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
    const cli = spawn(npm[0]!, [...npm.slice(1), 'start'], { env: { ...process.env, PORT: '0', BECKON_DATA_DIR: dataDir, BECKON_DEMO_PASSWORD: password, BECKON_BUILD: '0' } });
    try {
      const origin = await startedOrigin(cli);
      expect((await fetch(`${origin}/v1/health`)).status).toBe(200);
      await stopCommandLine(cli);
      await expect(fetch(`${origin}/v1/health`)).rejects.toThrow();
    } finally {
      cli.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('takes the ring timeout and wrap-up from its environment as the tenants\' defaults', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-cli-'));
    const cli = spawnCommandLine({ PORT: '0', BECKON_DATA_DIR: dataDir, BECKON_DEMO_PASSWORD: password, BECKON_RING_TIMEOUT_MS: '7000', BECKON_WRAP_UP_SECONDS: '12' });
    try {
      const origin = await startedOrigin(cli);
      const { accessToken } = await demoApi(() => ({ origin }), password).signIn('admin@demo.test');
      const { status, body } = await requestJson('GET', `${origin}/v1/admin/settings`, undefined, { Authorization: `Bearer ${accessToken}` });
      expect(status).toBe(200);
      expect(body.settings).toMatchObject({ ringTimeoutSeconds: 7, wrapUpSeconds: 12 });
    } finally {
      await stopCommandLine(cli);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('listens on 127.0.0.1 with a blank HOST, as with none, not on every address', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-cli-'));
    const cli = spawnCommandLine({ PORT: '0', HOST: '', BECKON_DATA_DIR: dataDir, BECKON_DEMO_PASSWORD: password });
    try {
      expect(await startedOrigin(cli)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await stopCommandLine(cli);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

// The origin a host started from the command line prints in its banner.
function startedOrigin(cli: ChildProcessWithoutNullStreams): Promise<string> {
  let stdout = '';
  return new Promise<string>((started, failed) => {
    cli.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Demo support page: (\S+)\/demo\//.exec(stdout);
      if (match) started(match[1]!);
    });
    cli.once('exit', (code) => failed(new Error(`exited with ${code}: ${stdout}`)));
  });
}

async function stopCommandLine(cli: ChildProcessWithoutNullStreams): Promise<void> {
  if (cli.exitCode !== null || cli.signalCode !== null) return;
  const exited = new Promise((done) => cli.once('exit', done));
  cli.kill('SIGTERM');
  await exited;
}

// `npm start`'s own entry, serving the bundles as built, with these settings added.
function spawnCommandLine(settings: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [fileURLToPath(new URL('./node.ts', import.meta.url))], { env: { ...process.env, BECKON_BUILD: '0', ...settings } });
}

// The same, for one that should not start: how it exited and what it printed on stderr.
async function startFromCommandLine(settings: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const cli = spawnCommandLine(settings);
  let stderr = '';
  cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // One that started after all is stopped: it shows as no exit code.
  const stopper = setTimeout(() => cli.kill('SIGKILL'), 15_000);
  const code = await new Promise<number | null>((exited) => cli.once('exit', exited));
  clearTimeout(stopper);
  return { code, stderr: stderr.trim() };
}

// A full disk, made with a file size limit on a host in a process of its own.
describe('a host whose disk is full', () => {
  const processes: ChildProcess[] = [];
  let restarted: Awaited<ReturnType<typeof startNodeHost>> | undefined;
  let dataDir: string;
  afterAll(async () => {
    for (const child of processes) child.kill('SIGKILL');
    await restarted?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('closes the sockets whose messages it could not store, acknowledges and relays none of them, and relays them once after a restart', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-full-'));
    // Every file of that process may grow to 2 MiB; past it a write fails as on a full disk.
    const child = spawn('bash', ['-c', `trap '' XFSZ; ulimit -f 2048; exec "$0" api/src/runtime/node.ts`, process.execPath], {
      cwd: fileURLToPath(new URL('../../../', import.meta.url)),
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', BECKON_DATA_DIR: dataDir, BECKON_DEMO_PASSWORD: password, BECKON_BUILD: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    processes.push(child);
    const exited = new Promise((done) => child.once('exit', done));
    let output = '';
    for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await vi.waitFor(() => expect(output).toMatch(/API: +http:\/\/127\.0\.0\.1:\d+\/v1\//), { timeout: 30_000, interval: 50 });
    let origin = /API: +(http:\/\/127\.0\.0\.1:\d+)\/v1\//.exec(output)![1]!;
    const api = demoApi(() => ({ origin }), password);

    const agent = await api.connectAgent();
    const call = await api.startCall(await api.visitorSession());
    const visitor = await api.joinConversation(call.conversationId, call.token);
    const offer = await agent.socket.next('offer');
    agent.socket.send({ type: 'accept', offerId: offer.offerId });
    const assigned = await agent.socket.next('assigned');
    const agentSide = await api.joinConversation(call.conversationId, assigned.token as string);
    const visitorSeen = (await visitor.next('start')).seq as number;
    let agentSeen = (await agentSide.next('start')).seq as number;

    // Large descriptions, one at a time, until one cannot be stored.
    const description = (n: number) => ({ type: 'offer', sdp: `v=0\r\na=x-number:${n}\r\n${'a=x-padding:0123456789\r\n'.repeat(800)}` });
    let acknowledged = 0;
    for (let seq = 1; seq <= 300; seq++) {
      visitor.send({ type: 'signal', description: description(seq), seq });
      if (!(await visitor.next('ack', 2000).catch(() => null))) break;
      acknowledged = seq;
      const relayed = await agentSide.next('signal');
      expect(relayed.description).toEqual(description(seq));
      agentSeen = relayed.seq as number;
    }
    expect(acknowledged).toBeGreaterThan(0);
    expect(acknowledged).toBeLessThan(300);
    expect(await visitor.closed).toBe(1011);
    expect(await agentSide.closed).toBe(1011);
    await expect(agentSide.next('signal', 100)).rejects.toThrow(/no 'signal'/);
    expect(output).toContain('could not commit');
    const health = await fetch(`${origin}/v1/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ error: { code: 'unavailable' } });

    // Room again: the same data on a host with no limit. The visitor sends what was not acknowledged again.
    child.kill('SIGKILL');
    await exited;
    restarted = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    origin = restarted.origin;
    expect((await fetch(`${origin}/v1/health`)).status).toBe(200);
    const visitorBack = await api.joinConversation(call.conversationId, call.token, visitorSeen);
    const agentBack = await api.joinConversation(call.conversationId, assigned.token as string, agentSeen);
    visitorBack.send({ type: 'signal', description: description(acknowledged + 1), seq: acknowledged + 1 });
    expect(await visitorBack.next('ack')).toEqual({ type: 'ack', seq: acknowledged + 1 });
    // Numbered past every number the agent's page has seen: a restarted host may skip some, never repeat one.
    const relayedAgain = await agentBack.next('signal');
    expect(relayedAgain).toEqual({ type: 'signal', description: description(acknowledged + 1), seq: expect.any(Number) });
    expect(relayedAgain.seq).toBeGreaterThan(agentSeen);
    await expect(agentBack.next('signal', 300)).rejects.toThrow(/no 'signal'/);
    visitorBack.send({ type: 'hangup', reason: 'hangup', seq: acknowledged + 2 });
    await agentBack.next('ended');
    agent.socket.close();
  }, 60_000);
});


describe('a host with metrics', () => {
  const token = '5f0c8e1d2b7a4c6e9f3a1b2c';
  let host: Awaited<ReturnType<typeof startNodeHost>>;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'beckon-api-metrics-'));
    host = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir, demoPassword: password, demoOrigins: [], build: false, metricsToken: token, log: () => {} });
  });
  afterAll(async () => {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  // The samples of a scrape, by name and labels; every sample's metric has its HELP and TYPE.
  const scrape = async () => {
    const response = await fetch(`${host.origin}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const samples = new Map<string, number>();
    const described = new Set<string>();
    for (const line of (await response.text()).trimEnd().split('\n')) {
      const comment = /^# (HELP|TYPE) (beckon_[a-z_]+) (.+)$/.exec(line);
      if (comment) {
        if (comment[1] === 'TYPE') expect(['counter', 'gauge']).toContain(comment[3]);
        described.add(`${comment[1]} ${comment[2]}`);
        continue;
      }
      const sample = /^(beckon_[a-z_]+)(\{[a-z]+="[^"]*"\})? (\S+)$/.exec(line);
      expect(sample, line).not.toBeNull();
      expect(described).toContain(`HELP ${sample![1]}`);
      expect(described).toContain(`TYPE ${sample![1]}`);
      expect(Number.isFinite(Number(sample![3])), line).toBe(true);
      samples.set(`${sample![1]}${sample![2] ?? ''}`, Number(sample![3]));
    }
    return samples;
  };

  it('answers only its bearer token', async () => {
    for (const authorization of [undefined, `Bearer ${token}x`, `Bearer ${token.slice(1)}`, token]) {
      const response = await fetch(`${host.origin}/metrics`, { headers: authorization ? { Authorization: authorization } : {} });
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain('beckon_');
    }
  });

  it('counts open sockets by kind, the messages they send, and HTTP answers by class', async () => {
    const before = await scrape();
    expect(before.get('beckon_sockets_open{kind="agent"}')).toBe(0);
    expect(before.get('beckon_storage_failing')).toBe(0);
    expect(before.get('beckon_memory_bytes{kind="resident"}')).toBeGreaterThan(10_000_000);
    expect(before.has('beckon_event_loop_delay_seconds{quantile="0.99"}')).toBe(true);
    await fetch(`${host.origin}/v1/no-such-thing`);
    const agent = await demoApi(() => host, password).connectAgent();
    agent.socket.send({ type: 'presence', status: 'away' });
    await agent.socket.next('presence');
    const during = await scrape();
    expect(during.get('beckon_sockets_open{kind="agent"}')).toBe(1);
    expect(during.get('beckon_socket_messages_total')).toBeGreaterThanOrEqual((before.get('beckon_socket_messages_total') ?? 0) + 1);
    expect(during.get('beckon_http_responses_total{code="4xx"}')).toBe((before.get('beckon_http_responses_total{code="4xx"}') ?? 0) + 1);
    expect(during.get('beckon_actors_loaded{kind="switchboard"}')).toBe(1);
    agent.socket.close();
    await agent.socket.closed;
    await vi.waitFor(async () => expect((await scrape()).get('beckon_sockets_open{kind="agent"}')).toBe(0));
  });

  it('has none on a host without a token', async () => {
    const plainDir = mkdtempSync(join(tmpdir(), 'beckon-api-no-metrics-'));
    const plain = await startNodeHost({ port: 0, host: '127.0.0.1', dataDir: plainDir, demoPassword: password, demoOrigins: [], build: false, log: () => {} });
    try {
      const response = await fetch(`${plain.origin}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
      expect(response.status).toBe(404);
    } finally {
      await plain.stop();
      rmSync(plainDir, { recursive: true, force: true });
    }
  });
});
