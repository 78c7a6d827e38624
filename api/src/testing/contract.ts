// The API contract: one suite, run over real HTTP and WebSockets against
// every host (the Node process and the Workers runtime), so both behave alike.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { limits, socketProtocol, socketProtocols, type Board, type CallbackTask } from '@beckon/protocol';
import { createTokens, generateSigningKeys } from '../auth/tokens.ts';
import { describeAdminApi } from './admin-contract.ts';
import { openSocket, postJson, postJsonFrom, requestJson, type ClientAddress, type TestSocket } from './clients.ts';
import { demoApi } from './demo-api.ts';
import { describeMessageFuzz } from './message-fuzz-contract.ts';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './webhook-receiver.ts';

/** A running host under test, started with the contract's settings. */
export interface ContractHost {
  origin: string;
  /** The n-th client address other than the tests' usual one (n from 1), as this host tells clients apart. */
  client(n: number): ClientAddress;
  /** Stops the host and starts it again on the same port and the same storage. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** What every host must be started with for the contract to hold. */
export const contractSettings = {
  demoPassword: 'correct horse battery staple',
  demoOrigins: ['http://shop.test'],
  ringTimeoutMs: 1500,
  reconnectGraceMs: 1000,
  wrapUpMs: 1000,
  /** The demo tenant's webhook endpoint is `contractWebhookReceiver()`'s URL, signing with this secret. */
  webhookSecret: 'whsec_contract',
  webhookFirstRetryMs: 100,
  /** Above what the suite itself opens from one address in a minute. */
  visitorSessionsPerMinute: 100,
  /** An agent's searches of the contacts are counted in seconds, not a minute, so that a test can wait one out. */
  searchWindowMs: 3000,
};

let receiver: Promise<WebhookReceiver> | null = null;

/**
 * The loopback webhook receiver the contract's host must send the demo tenant's events to.
 * @example const { url } = await contractWebhookReceiver(); startNodeHost({ …, demoWebhook: { url, secret: contractSettings.webhookSecret } });
 */
export function contractWebhookReceiver(): Promise<WebhookReceiver> {
  receiver ??= startWebhookReceiver();
  return receiver;
}

/**
 * Defines the contract suite for one host.
 * @example apiContract('Node', () => startContractNodeHost());
 */
export function apiContract(hostName: string, start: () => Promise<ContractHost>): void {
  describe(`the API on ${hostName}`, () => {
    const password = contractSettings.demoPassword;
    let beckon: ContractHost;
    let ws: string;

    beforeAll(async () => {
      beckon = await start();
      ws = beckon.origin.replace('http', 'ws');
    }, 120_000);
    afterAll(async () => {
      await beckon?.stop();
      await (await contractWebhookReceiver()).stop();
    }, 30_000);

    const { signIn, visitorSession, startCall, startChat, connectAgent, joinConversation, contacts } = demoApi(() => beckon, password);

    // A visitor calls and the first demo agent takes the offer; the visitor's socket is open.
    const answeredCall = async () => {
      const agent = await connectAgent();
      const call = await startCall(await visitorSession());
      const visitor = await joinConversation(call.conversationId, call.token);
      const offer = await agent.socket.next('offer');
      agent.socket.send({ type: 'accept', offerId: offer.offerId });
      const assigned = await agent.socket.next('assigned');
      return { agent, call, visitor, agentToken: assigned.token as string };
    };

    describe('the demo site', () => {
      it('serves the demo page, and answers a browser\'s favicon request with no content rather than a 404', async () => {
        const page = await fetch(`${beckon.origin}/demo/`);
        expect([page.status, await page.text()]).toEqual([200, expect.stringContaining('widget.js')]);
        const favicon = await fetch(`${beckon.origin}/favicon.ico`);
        expect([favicon.status, await favicon.text()]).toEqual([204, '']);
      });
    });

    describe('the agent console', () => {
      it('may not be framed by another site, and runs only its own scripts, talking only to its own origin', async () => {
        const page = await fetch(`${beckon.origin}/console/`);
        expect(page.status).toBe(200);
        const policy = (page.headers.get('Content-Security-Policy') ?? '').split('; ');
        expect(policy).toEqual(expect.arrayContaining(["default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]));
        expect(page.headers.get('X-Frame-Options')).toBe('DENY');
      });
    });

    describe('agent sign-in', () => {
      it('refuses a wrong password with the one error shape and no detail', async () => {
        const { status, body } = await postJson(`${beckon.origin}/v1/auth/sign-in`, { email: 'agent@demo.test', password: 'nope' });
        expect(status).toBe(401);
        expect(body).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong email or password.' } });
        const unknown = await postJson(`${beckon.origin}/v1/auth/sign-in`, { email: 'nobody@demo.test', password });
        expect(unknown.body).toEqual(body);
      });

      it('rotates refresh tokens: each refresh answers a new one', async () => {
        const session = await signIn();
        const first = await postJson(`${beckon.origin}/v1/auth/refresh`, { refreshToken: session.refreshToken });
        expect(first.status).toBe(200);
        expect(first.body.agent.email).toBe('agent@demo.test');
        expect(first.body.refreshToken).not.toBe(session.refreshToken);
      });

      it('gives a refresh token used twice at once (a duplicated console tab) a successor each, and each goes on', async () => {
        const refresh = (refreshToken: string) => postJson(`${beckon.origin}/v1/auth/refresh`, { refreshToken });
        const shared = (await signIn()).refreshToken;
        const [first, second] = [await refresh(shared), await refresh(shared)];
        expect([first.status, second.status]).toEqual([200, 200]);
        expect(first.body.refreshToken).not.toBe(second.body.refreshToken);
        expect((await refresh(first.body.refreshToken)).status).toBe(200);
        expect((await refresh(second.body.refreshToken)).status).toBe(200);
        // A spent token coming back later is a stolen copy: refresh-tokens.test.ts ends its sign-in.
      });

      it('ends the session on sign-out: its refresh token stops working', async () => {
        const session = await signIn();
        const signOut = await requestJson('POST', `${beckon.origin}/v1/auth/sign-out`, { refreshToken: session.refreshToken });
        expect(signOut.status).toBe(204);
        expect((await postJson(`${beckon.origin}/v1/auth/refresh`, { refreshToken: session.refreshToken })).status).toBe(401);
        // Signing out twice, or with a token that never was, is no error: there is nothing to end.
        expect((await requestJson('POST', `${beckon.origin}/v1/auth/sign-out`, { refreshToken: session.refreshToken })).status).toBe(204);
        expect((await requestJson('POST', `${beckon.origin}/v1/auth/sign-out`, { refreshToken: 'ghost.secret' })).status).toBe(204);
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

      it('answers a visitor\'s request from no website or another one with 403, saying which website it needs', async () => {
        const token = await visitorSession();
        const call = (headers: Record<string, string>) => postJson(`${beckon.origin}/v1/calls`, { media: 'chat', page: 'http://shop.test/help' }, { Authorization: `Bearer ${token}`, ...headers });
        expect(await call({})).toMatchObject({
          status: 403,
          body: { error: { code: 'origin_not_allowed', message: `A visitor's request carries the Origin of the website its session was made for (${beckon.origin}).` } },
        });
        expect(await call({ Origin: 'http://shop.test' })).toMatchObject({ status: 403, body: { error: { message: 'This session belongs to another website.' } } });
      });

      it('refuses malformed, invalid and oversized bodies with a clear error', async () => {
        const url = `${beckon.origin}/v1/visitor/session`;
        expect(await postJson(url, '{not json', { Origin: beckon.origin })).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
        expect(await postJson(url, { key: 7 }, { Origin: beckon.origin })).toMatchObject({ status: 400, body: { error: { message: 'key must be a string' } } });
        const huge = await postJson(url, { key: 'x'.repeat(20_000) }, { Origin: beckon.origin });
        expect(huge).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } });
        const token = await visitorSession();
        const badMedia = await postJson(`${beckon.origin}/v1/calls`, { media: 'hologram' }, { Origin: beckon.origin, Authorization: `Bearer ${token}` });
        expect(badMedia).toMatchObject({ status: 400, body: { error: { message: 'media must be one of chat, audio, video' } } });
      });

      it('binds a visitor session to the page origin it was made for', async () => {
        const token = await visitorSession('http://shop.test');
        const elsewhere = await postJson(`${beckon.origin}/v1/calls`, { media: 'audio', page: '' }, { Origin: 'http://evil.test', Authorization: `Bearer ${token}` });
        expect(elsewhere.status).toBe(403);
      });
    });

    const visitorQuality = { samples: 42, averageMos: 4.3, worstMos: 3.9, averageLossPercent: 0.2, worstLossPercent: 1.5, averageVideoLossPercent: 0.5, worstVideoLossPercent: 2.5, recentMos: 4.2, recentLossPercent: 0.3, relayUsed: true, peerRelayUsed: false, reconnects: 1 };
    const agentQuality = { samples: 41, averageMos: 4.4, worstMos: 4.4, averageLossPercent: 0, worstLossPercent: 0, averageVideoLossPercent: null, worstVideoLossPercent: null, recentMos: 4.4, recentLossPercent: 0, relayUsed: false, peerRelayUsed: true, reconnects: 0 };

    describe('limits on anonymous visitors', () => {
      // A session asked for from a loopback address of the test's own, so the
      // rest of the suite (from 127.0.0.1) keeps its allowance.
      const sessionFrom = (address: string) => new Promise<{ status: number; retryAfter: string | undefined; body: any }>((done, fail) => {
        const request = http.request(`${beckon.origin}/v1/visitor/session`, {
          method: 'POST', localAddress: address, headers: { 'Content-Type': 'application/json', Origin: beckon.origin },
        }, (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => done({ status: response.statusCode!, retryAfter: response.headers['retry-after'], body: JSON.parse(text) }));
        });
        request.on('error', fail);
        request.end(JSON.stringify({ key: 'demo' }));
      });
      const loopback = () => `127.0.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

      it('refuses an address more visitor sessions a minute than the limit, with 429 and when to try again', async () => {
        const address = loopback();
        for (let n = 0; n < contractSettings.visitorSessionsPerMinute; n++) expect((await sessionFrom(address)).status).toBe(200);
        const refused = await sessionFrom(address);
        expect(refused).toMatchObject({ status: 429, body: { error: { code: 'rate_limited', message: expect.stringMatching(/^Support is getting too many requests from your network\. Please try again in \d+ seconds?\.$|a minute\.$/) } } });
        expect(Number(refused.retryAfter)).toBeGreaterThan(0);
        expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
        // Another address is served as before.
        expect((await sessionFrom(loopback())).status).toBe(200);
      });

      it('refuses a visitor session more conversations than the limit, whichever kind it asks for', async () => {
        const headers = { Origin: beckon.origin, Authorization: `Bearer ${await visitorSession()}` };
        const message = { media: 'chat', page: 'http://shop.test/help', name: 'Ada', email: 'ada@example.com', text: 'Hello' };
        for (let n = 0; n < limits.contactsPerVisitorSession.max; n++) expect((await postJson(`${beckon.origin}/v1/messages`, message, headers)).status).toBe(200);
        const response = await fetch(`${beckon.origin}/v1/calls`, {
          method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ media: 'video', page: 'http://shop.test/help' }),
        });
        expect(response.status).toBe(429);
        expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(500);
        expect(await response.json()).toEqual({ error: { code: 'rate_limited', message: 'You have started too many conversations in a short time. Please try again in 10 minutes.' } });
        // Another visitor is not held back by this one.
        expect((await postJson(`${beckon.origin}/v1/messages`, message, { ...headers, Authorization: `Bearer ${await visitorSession()}` })).status).toBe(200);
      });

      it('refuses a participant\'s chat messages past the limit with an error on the socket, keeping every one it took', async () => {
        const agent = await connectAgent();
        const chat = await startChat(await visitorSession());
        const visitor = await joinConversation(chat.conversationId, chat.token);
        const { max } = limits.chatMessagesPerParticipant;
        for (let seq = 1; seq <= max + 1; seq++) visitor.send({ type: 'chat', id: `m${seq}`, text: `Message ${seq}`, seq });
        expect(await visitor.next('error')).toEqual({ type: 'error', code: 'rate_limited', message: 'You are sending messages too quickly. Please wait a few seconds and send it again.', refusedSeq: max + 1 });
        const echoes = [];
        for (let n = 1; n <= max; n++) echoes.push((await visitor.next<{ type: 'chat'; message: { n: number; id: string } }>('chat')).message);
        expect(echoes.map((message) => message.id)).toEqual(Array.from({ length: max }, (_, index) => `m${index + 1}`));
        await expect(visitor.next('chat', 300)).rejects.toThrow(/no 'chat'/);
        visitor.send({ type: 'cancel', seq: max + 2 });
        await visitor.next('ended');
        agent.socket.close();
      });

      it('caps what waits for a participant who never takes it, refusing the sender past it and losing nothing it accepted', async () => {
        const { agent, call, visitor, agentToken } = await answeredCall();
        const agentSide = await joinConversation(call.conversationId, agentToken);
        const started = await agentSide.next('start');
        await visitor.next('start');
        // The agent's page stays connected but never reconnects to say what it has: all of it is kept.
        const sdp = 'v'.repeat(limits.maxSdpChars);
        const enough = Math.ceil(limits.maxWaitingChars / sdp.length) + 2;
        for (let seq = 1; seq <= enough; seq++) visitor.send({ type: 'signal', description: { type: 'offer', sdp }, seq });
        const refused = await visitor.next('error', 30_000);
        expect(refused).toMatchObject({ code: 'backlog_full' });
        let relayed = 0;
        let last = started.seq as number;
        for (;;) {
          const signal = await agentSide.next<{ type: 'signal'; seq: number }>('signal', 500).catch(() => null);
          if (!signal) break;
          relayed++;
          last = signal.seq;
        }
        expect(relayed * sdp.length).toBeGreaterThanOrEqual(limits.maxWaitingChars);
        expect(relayed).toBeLessThan(enough);
        // Back with what it has: nothing is kept any more, and the visitor's signals go through again.
        const back = await joinConversation(call.conversationId, agentToken, last);
        await expect(back.next('signal', 300)).rejects.toThrow(/no 'signal'/);
        visitor.send({ type: 'signal', description: { type: 'offer', sdp: 'v=0' }, seq: enough + 1 });
        expect(await back.next('signal')).toMatchObject({ description: { sdp: 'v=0' } });
        visitor.send({ type: 'hangup', reason: 'hangup', seq: enough + 2 });
        await visitor.next('ended');
        agent.socket.close();
      }, 60_000);
    });

    describe('a call from queue to hang-up', () => {
      it('takes a call whose visitor never joins its conversation out of the queue once four grace periods have passed', async () => {
        const { accessToken } = await signIn();
        const call = await startCall(await visitorSession());
        // A page that asked for a call and never came (or a script asking for calls by the hundred) leaves no one waiting for good.
        await new Promise((resume) => setTimeout(resume, 4 * contractSettings.reconnectGraceMs + 1000));
        expect((await contacts(accessToken)).find((contact) => contact.id === call.conversationId)).toMatchObject({ outcome: 'cancelled' });
        const late = await joinConversation(call.conversationId, call.token);
        expect(await late.next('ended')).toMatchObject({ reason: 'cancelled' });
      });

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
        expect(await visitor.next('accepted')).toMatchObject({ type: 'accepted', agent: { name: 'Alex (Demo agent)' } });

        const agentSide = await joinConversation(call.conversationId, assigned.token as string);
        expect(await visitor.next('start')).toMatchObject({ polite: true });
        expect(await agentSide.next('start')).toMatchObject({ polite: false });

        const description = { type: 'offer', sdp: 'v=0\r\n' };
        agentSide.send({ type: 'signal', description });
        expect(await visitor.next('signal')).toEqual({ type: 'signal', description, seq: expect.any(Number) });
        const candidate = { candidate: 'candidate:1 1 udp 1 127.0.0.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' };
        visitor.send({ type: 'signal', candidate });
        expect(await agentSide.next('signal')).toEqual({ type: 'signal', candidate, seq: expect.any(Number) });

        visitor.sendRaw('{"type":"signal"}');
        expect(await visitor.next('error')).toMatchObject({ code: 'invalid_message' });
        visitor.sendRaw(JSON.stringify({ type: 'signal', description: { type: 'offer', sdp: 'x'.repeat(70_000) } }));
        expect(await visitor.next('error')).toMatchObject({ code: 'message_too_large' });
        agentSide.send({ type: 'cancel' });
        expect(await agentSide.next('error')).toMatchObject({ code: 'conflict' });

        visitor.send({ type: 'quality', summary: { ...visitorQuality, samples: 999_999 } });
        expect(await visitor.next('error')).toMatchObject({ code: 'invalid_message', message: 'summary.samples must be an integer from 0 to 86400' });
        visitor.send({ type: 'quality', summary: { ...visitorQuality, averageMos: 3 } });
        expect(await visitor.next('error')).toMatchObject({ code: 'invalid_message', message: 'summary.worstMos cannot be better than summary.averageMos' });
        // A later summary from the same side replaces the earlier one.
        visitor.send({ type: 'quality', summary: { ...visitorQuality, samples: 1 } });
        visitor.send({ type: 'quality', summary: { ...visitorQuality, address: '192.0.2.7' } });
        agentSide.send({ type: 'quality', summary: agentQuality });
        // Each socket's messages are handled in order: once this is refused, the summary before it is in.
        agentSide.sendRaw('{"type":"quality","summary":null}');
        expect(await agentSide.next('error')).toMatchObject({ code: 'invalid_message', message: 'summary must be an object' });

        visitor.send({ type: 'hangup', reason: 'hangup' });
        expect(await visitor.next('ended')).toMatchObject({ reason: 'hangup', outcome: 'completed' });
        expect(await agentSide.next('ended')).toMatchObject({ reason: 'hangup', outcome: 'completed' });
        await Promise.all([visitor.closed, agentSide.closed]);

        const [contact] = (await contacts(agent.session.accessToken)).filter((c) => c.id === call.conversationId);
        expect(contact).toMatchObject({ outcome: 'completed', agent: { name: 'Alex (Demo agent)' } });
        expect(contact?.quality).toEqual({ visitor: visitorQuality, agent: agentQuality });
        agent.socket.close();
      });

      it('holds the socket an agent opens with the offer\'s token while it rings, silent until the call is theirs, then starts the call first', async () => {
        const agent = await connectAgent();
        const call = await startCall(await visitorSession());
        const visitor = await joinConversation(call.conversationId, call.token);
        const offer = await agent.socket.next('offer');
        const agentSide = await joinConversation(call.conversationId, offer.token as string);
        agentSide.send({ type: 'chat', id: 'early', text: 'Too soon', seq: 1 });
        expect(await agentSide.next('error')).toMatchObject({ code: 'conflict', message: 'The conversation has not been handed to you yet.' });

        agent.socket.send({ type: 'accept', offerId: offer.offerId });
        // The call starts first (numbered from 1), then the agent hears where things stand.
        expect(await agentSide.next('start')).toMatchObject({ polite: false, seq: 1 });
        expect(await agentSide.next('media')).toMatchObject({ media: 'video', seq: 2 });
        expect(await visitor.next('start')).toMatchObject({ polite: true });
        await agent.socket.next('assigned');

        visitor.send({ type: 'hangup', reason: 'hangup' });
        expect(await agentSide.next('ended')).toMatchObject({ reason: 'hangup' });
        await Promise.all([visitor.closed, agentSide.closed]);
        agent.socket.close();
      });

      it('takes a socket\'s token as its subprotocol, answering with Beckon\'s, and from the query of pages loaded before', async () => {
        const call = await startCall(await visitorSession());
        const url = `${ws}/v1/conversations/${call.conversationId}/ws`;
        const inHeader = new WebSocket(url, socketProtocols(call.token));
        await new Promise((opened, failed) => {
          inHeader.onopen = opened;
          inHeader.onerror = () => failed(new Error('the socket was refused'));
        });
        expect(inHeader.protocol).toBe(socketProtocol);
        inHeader.close();
        const inQuery = await openSocket(`${url}?token=${call.token}`);
        await inQuery.next('queued');
        inQuery.send({ type: 'cancel' });
        await expect(openSocket(url)).rejects.toThrow(/could not open/);
      });

      it('refuses a conversation socket whose token is for another conversation', async () => {
        const first = await startCall(await visitorSession());
        const second = await startCall(await visitorSession());
        const status = await new Promise<number | undefined>((answered) => {
          const request = http.get(`${beckon.origin}/v1/conversations/${second.conversationId}/ws`, {
            headers: {
              Connection: 'Upgrade',
              Upgrade: 'websocket',
              'Sec-WebSocket-Version': '13',
              'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
              'Sec-WebSocket-Protocol': socketProtocols(first.token).join(', '),
            },
          });
          request.on('response', (response) => answered(response.statusCode));
          request.on('upgrade', () => answered(101));
        });
        expect(status).toBe(403);
        for (const call of [first, second]) (await joinConversation(call.conversationId, call.token)).send({ type: 'cancel' });
      });
    });

    describe('wrap-up', () => {
      // The agent may still be wrapping up a call of an earlier test: skip what is about other calls.
      const nextAbout = async (socket: TestSocket, type: string, contactId: string, timeoutMs?: number) => {
        for (;;) {
          const message = await socket.next(type, timeoutMs);
          if (message.contactId === contactId) return message;
        }
      };
      const endedCall = async () => {
        const { agent, call, visitor } = await answeredCall();
        await visitor.next('accepted');
        visitor.send({ type: 'hangup', reason: 'hangup', seq: 1 });
        await visitor.next('ended');
        expect(await nextAbout(agent.socket, 'wrap-up', call.conversationId)).toMatchObject({ until: expect.any(Number) });
        return { agent, call };
      };

      it('holds offers while the agent records the call, and keeps what they record', async () => {
        const { agent, call } = await endedCall();
        const next = await startCall(await visitorSession());
        const waiting = await joinConversation(next.conversationId, next.token);
        await expect(agent.socket.next('offer', 300)).rejects.toThrow(/no 'offer'/);

        agent.socket.send({ type: 'wrap-up', contactId: call.conversationId, disposition: 'sideways', notes: '' });
        expect(await agent.socket.next('error')).toMatchObject({ code: 'invalid_message' });
        agent.socket.send({ type: 'wrap-up', contactId: next.conversationId, disposition: 'resolved', notes: '' });
        expect(await agent.socket.next('error')).toMatchObject({ code: 'conflict' });
        agent.socket.send({ type: 'wrap-up', contactId: call.conversationId, disposition: 'follow-up', notes: 'Send the <b>new</b> router' });
        expect(await nextAbout(agent.socket, 'wrap-up-ended', call.conversationId)).toEqual({ type: 'wrap-up-ended', contactId: call.conversationId, saved: true });
        expect((await agent.socket.next('offer')).conversationId).toBe(next.conversationId);

        const [recorded] = (await contacts(agent.session.accessToken)).filter((c) => c.id === call.conversationId);
        expect(recorded).toMatchObject({ wrapUp: { disposition: 'follow-up', notes: 'Send the <b>new</b> router', seconds: expect.any(Number) } });
        // The tenant's endpoint hears it too, for its CRM.
        const hook = await (await contractWebhookReceiver()).next((webhook) => webhook.event.type === 'contact.wrapped-up' && webhook.event.data.contactId === call.conversationId);
        expect(hook.event.data).toEqual({
          contactId: call.conversationId,
          agent: { id: agent.session.agent.id, name: 'Alex (Demo agent)' },
          wrapUp: { disposition: 'follow-up', notes: 'Send the <b>new</b> router', reason: null, seconds: expect.any(Number) },
        });
        waiting.send({ type: 'cancel', seq: 1 });
        await waiting.next('ended');
        agent.socket.close();
      });

      it("offers the team's wrap-up reasons, keeps the one chosen, refuses one the team no longer has, and counts them in reports", async () => {
        const admin = { Authorization: `Bearer ${(await signIn('admin@demo.test')).accessToken}` };
        const setReasons = (reasons: unknown) => requestJson('PATCH', `${beckon.origin}/v1/admin/settings`, { wrapUpReasons: reasons }, admin);
        expect((await setReasons(['Billing', ' Delivery ', 'billing', 'Returns'])).body.settings.wrapUpReasons).toEqual(['Billing', 'Delivery', 'Returns']);
        expect(await setReasons('Billing')).toMatchObject({ status: 400, body: { error: { message: 'wrapUpReasons must be a list of at most 50 names' } } });
        expect(await setReasons(['Bill\ning'])).toMatchObject({ status: 400 });
        expect(await setReasons(Array.from({ length: 51 }, (_, n) => `Reason ${n}`))).toMatchObject({ status: 400 });
        try {
          const { agent, call } = await endedCall();
          agent.socket.close();
          await agent.socket.closed;
          // A console that opens mid wrap-up (a reload) hears the reasons too.
          const again = await openSocket(`${ws}/v1/agent/ws`, agent.session.accessToken);
          expect(await nextAbout(again, 'wrap-up', call.conversationId)).toMatchObject({ reasons: ['Billing', 'Delivery', 'Returns'] });
          await setReasons(['Billing', 'Delivery']);
          again.send({ type: 'wrap-up', contactId: call.conversationId, disposition: 'resolved', notes: 'Parcel found', reason: 'Returns' });
          expect(await again.next('error')).toMatchObject({ code: 'conflict', message: '"Returns" is no longer one of your team\'s wrap-up reasons: choose another.' });
          again.send({ type: 'wrap-up', contactId: call.conversationId, disposition: 'resolved', notes: 'Parcel found', reason: 'Delivery' });
          expect(await nextAbout(again, 'wrap-up-ended', call.conversationId)).toMatchObject({ saved: true });
          const [kept] = (await contacts(agent.session.accessToken)).filter((c) => c.id === call.conversationId);
          expect(kept?.wrapUp).toEqual({ disposition: 'resolved', notes: 'Parcel found', seconds: expect.any(Number), reason: 'Delivery' });
          const hook = await (await contractWebhookReceiver()).next((webhook) => webhook.event.type === 'contact.wrapped-up' && webhook.event.data.contactId === call.conversationId);
          expect(hook.event.data.wrapUp).toMatchObject({ disposition: 'resolved', reason: 'Delivery' });
          const report = await requestJson('GET', `${beckon.origin}/v1/reports?from=${Date.now() - 3_600_000}&to=${Date.now() + 1000}`, undefined, admin);
          expect(report.body.reasons).toContainEqual({ name: 'Delivery', contacts: 1 });
          again.close();
        } finally {
          await setReasons([]);
        }
      });

      it('gives offers back when the wrap-up time runs out', async () => {
        const { agent, call } = await endedCall();
        expect(await nextAbout(agent.socket, 'wrap-up-ended', call.conversationId, contractSettings.wrapUpMs + 3000)).toMatchObject({ saved: false });
        agent.socket.close();
      });
    });

    describe('agent presence across dropped connections', () => {
      const reconnect = (accessToken: string) => openSocket(`${ws}/v1/agent/ws`, accessToken);

      it('keeps an agent\'s status through a short drop, and sets Away after the grace period', async () => {
        const { session, socket } = await connectAgent();
        socket.close();
        await socket.closed;
        const back = await reconnect(session.accessToken);
        expect(await back.next('presence')).toEqual({ type: 'presence', status: 'available' });
        back.close();
        await back.closed;
        await new Promise((wait) => setTimeout(wait, contractSettings.reconnectGraceMs + 1500));
        const late = await reconnect(session.accessToken);
        expect(await late.next('presence')).toEqual({ type: 'presence', status: 'away', reason: 'connection-lost' });
        late.send({ type: 'presence', status: 'available' });
        expect(await late.next('presence')).toEqual({ type: 'presence', status: 'available' });
        late.close();
      });

      it('keeps a console open with the fresh access token it hands over, and refuses another agent\'s', async () => {
        const { socket } = await connectAgent();
        socket.send({ type: 'renew', token: (await signIn()).accessToken });
        socket.send({ type: 'renew', token: (await signIn('agent2@demo.test')).accessToken });
        expect(await socket.next('error')).toMatchObject({ code: 'unauthorized' });
        socket.send({ type: 'presence', status: 'away' });
        expect(await socket.next('presence')).toEqual({ type: 'presence', status: 'away' });
        socket.send({ type: 'presence', status: 'available' });
        await socket.next('presence');
        socket.close();
        await socket.closed;
      });

      it('makes an agent who signs out offline at once, and Available at the next sign-in', async () => {
        const { session, socket } = await connectAgent();
        socket.send({ type: 'presence', status: 'away' });
        await socket.next('presence');
        socket.send({ type: 'leave' });
        socket.close();
        await socket.closed;
        const next = await reconnect(session.accessToken);
        expect(await next.next('presence')).toEqual({ type: 'presence', status: 'available' });
        next.close();
      });
    });

    describe('resuming a conversation', () => {
      const connectedCall = async () => {
        const { agent, call, visitor, agentToken } = await answeredCall();
        const agentSide = await joinConversation(call.conversationId, agentToken);
        const start = await visitor.next('start');
        await agentSide.next('start');
        return { agent, call, visitor, agentSide, lastSeen: start.seq as number };
      };
      const candidate = (port: number) => ({ candidate: `candidate:1 1 udp 1 127.0.0.2 ${port} typ host`, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' });

      it('gives a reconnecting participant what it missed, once, and acts on a re-sent message once', async () => {
        const { agent, call, visitor, agentSide, lastSeen } = await connectedCall();
        visitor.close();
        await visitor.closed;
        agentSide.send({ type: 'signal', candidate: candidate(5001), seq: 1 });
        expect(await agentSide.next('ack')).toEqual({ type: 'ack', seq: 1 });

        const back = await joinConversation(call.conversationId, call.token, lastSeen);
        expect(await back.next('signal')).toEqual({ type: 'signal', candidate: candidate(5001), seq: lastSeen + 1 });
        await expect(back.next('start', 300)).rejects.toThrow(/no 'start'/);

        back.send({ type: 'signal', candidate: candidate(5002), seq: 1 });
        back.send({ type: 'signal', candidate: candidate(5002), seq: 1 });
        expect(await back.next('ack')).toEqual({ type: 'ack', seq: 1 });
        expect(await back.next('ack')).toEqual({ type: 'ack', seq: 1 });
        expect(await agentSide.next('signal')).toMatchObject({ candidate: candidate(5002) });
        await expect(agentSide.next('signal', 300)).rejects.toThrow(/no 'signal'/);

        back.send({ type: 'hangup', reason: 'hangup', seq: 2 });
        expect(await agentSide.next('ended')).toMatchObject({ reason: 'hangup', outcome: 'completed' });
        agent.socket.close();
      });

      it('starts new peer connections on both sides when a participant comes back from a reload', async () => {
        const { agent, call, visitor, agentSide } = await connectedCall();
        visitor.close();
        const reloaded = await joinConversation(call.conversationId, call.token);
        expect(await reloaded.next('accepted')).toMatchObject({ agent: { name: 'Alex (Demo agent)' } });
        expect(await reloaded.next('start')).toMatchObject({ polite: true });
        expect(await agentSide.next('start')).toMatchObject({ polite: false });
        reloaded.send({ type: 'hangup', reason: 'hangup', seq: 1 });
        await agentSide.next('ended');
        agent.socket.close();
      });

      it('ends a call whose participant does not come back within the grace period', async () => {
        const { agent, visitor, agentSide } = await connectedCall();
        visitor.close();
        expect(await agentSide.next('ended', contractSettings.reconnectGraceMs + 4000)).toMatchObject({ reason: 'left' });
        agent.socket.close();
      });
    });

    describe('chat and escalation', () => {
      // A visitor's chat, taken by the first demo agent; both sockets open and their peer connections started.
      const answeredChat = async () => {
        const agent = await connectAgent();
        const chat = await startChat(await visitorSession());
        const visitor = await joinConversation(chat.conversationId, chat.token);
        visitor.send({ type: 'chat', id: 'v1', text: 'Hello, my order is late', seq: 1 });
        expect(await visitor.next('chat')).toMatchObject({ message: { n: 1, id: 'v1', from: 'visitor', text: 'Hello, my order is late' } });
        const offer = await agent.socket.next('offer');
        expect(offer.media).toBe('chat');
        agent.socket.send({ type: 'accept', offerId: offer.offerId });
        const assigned = await agent.socket.next('assigned');
        const agentSide = await joinConversation(chat.conversationId, assigned.token as string);
        expect(await visitor.next('start')).toMatchObject({ polite: true, maxFileBytes: 100 * 1024 * 1024 });
        await agentSide.next('start');
        return { agent, chat, visitor, agentSide };
      };
      const hangUp = async (sides: { agent: { socket: TestSocket }; visitor: TestSocket }) => {
        sides.visitor.send({ type: 'hangup', reason: 'hangup' });
        await sides.visitor.next('ended');
        sides.agent.socket.close();
        await sides.agent.socket.closed;
      };

      it('keeps the chat from the queue on, with receipts and typing, and shows the transcript to the tenant only', async () => {
        const sides = await answeredChat();
        const { agentSide, visitor, chat } = sides;
        expect(await agentSide.next('media')).toMatchObject({ media: 'chat' });
        expect(await agentSide.next('chat')).toMatchObject({ message: { n: 1, from: 'visitor', text: 'Hello, my order is late' } });
        agentSide.send({ type: 'receipt', kind: 'read', through: 1, seq: 1 });
        expect(await visitor.next('receipt')).toMatchObject({ participant: 'agent', kind: 'read', through: 1 });
        agentSide.send({ type: 'typing', typing: true });
        expect(await visitor.next('typing')).toEqual({ type: 'typing', participant: 'agent', typing: true });
        agentSide.send({ type: 'chat', id: 'a1', text: '<img src=x onerror=alert(1)> Let me check', seq: 2 });
        expect(await visitor.next('chat')).toMatchObject({ message: { n: 2, from: 'agent', text: '<img src=x onerror=alert(1)> Let me check' } });
        // A re-sent message (same id, after a reconnect) is kept once.
        agentSide.send({ type: 'chat', id: 'a1', text: '<img src=x onerror=alert(1)> Let me check', seq: 3 });
        agentSide.send({ type: 'chat', id: 'a2', text: 'Found it', seq: 4 });
        expect(await visitor.next('chat')).toMatchObject({ message: { n: 3, id: 'a2' } });

        const { accessToken } = await signIn();
        const transcript = await fetch(`${beckon.origin}/v1/contacts/${chat.conversationId}/transcript`, { headers: { Authorization: `Bearer ${accessToken}` } });
        expect((await transcript.json()).messages.map((m: { from: string; text: string }) => `${m.from}: ${m.text}`)).toEqual([
          'visitor: Hello, my order is late',
          'agent: <img src=x onerror=alert(1)> Let me check',
          'agent: Found it',
        ]);
        const strangerTokens = await createTokens(await generateSigningKeys());
        const stranger = await strangerTokens.issue({ kind: 'access', tenantId: 'other', agentId: 'x', role: 'agent' });
        expect((await fetch(`${beckon.origin}/v1/contacts/${chat.conversationId}/transcript`, { headers: { Authorization: `Bearer ${stranger}` } })).status).toBe(401);
        expect((await fetch(`${beckon.origin}/v1/contacts/${crypto.randomUUID()}/transcript`, { headers: { Authorization: `Bearer ${accessToken}` } })).status).toBe(404);
        await hangUp(sides);
      });

      it('gives a page that joins afresh (a reload, another tab) the whole chat once, and stops the older page', async () => {
        const sides = await answeredChat();
        const { chat, visitor, agentSide } = sides;
        agentSide.send({ type: 'chat', id: 'a1', text: 'Hi there', seq: 1 });
        await visitor.next('chat');
        const tab = await joinConversation(chat.conversationId, chat.token);
        expect(await visitor.closed).toBe(4409);
        expect(await tab.next('accepted')).toMatchObject({ agent: { name: 'Alex (Demo agent)' } });
        expect((await tab.next('chat')).message).toMatchObject({ n: 1, text: 'Hello, my order is late' });
        expect((await tab.next('chat')).message).toMatchObject({ n: 2, text: 'Hi there' });
        await expect(tab.next('chat', 300)).rejects.toThrow(/no 'chat'/);
        await hangUp({ ...sides, visitor: tab });
      });

      it('escalates to video only with consent, steps down at once, and lets only the agent ask for the screen', async () => {
        const sides = await answeredChat();
        const { agent, chat, visitor, agentSide } = sides;
        visitor.send({ type: 'consent', accept: true, seq: 2 });
        expect(await visitor.next('error')).toMatchObject({ code: 'conflict', message: 'There is nothing to answer.' });
        visitor.send({ type: 'request', kind: 'video', seq: 3 });
        expect(await agentSide.next('request')).toMatchObject({ kind: 'video', by: 'visitor' });
        expect(await visitor.next('request')).toMatchObject({ kind: 'video', by: 'visitor' });
        visitor.send({ type: 'consent', accept: true, seq: 4 });
        expect(await visitor.next('error')).toMatchObject({ message: 'There is nothing to answer.' });
        agentSide.send({ type: 'consent', accept: true, seq: 1 });
        for (const side of [visitor, agentSide]) expect(await side.next('request-answered')).toMatchObject({ kind: 'video', accepted: true });
        // Past each snapshot's own `media`, the escalation.
        for (const side of [agentSide, visitor]) {
          expect(await side.next('media')).toMatchObject({ media: 'chat' });
          expect(await side.next('media')).toMatchObject({ media: 'video' });
        }

        visitor.send({ type: 'request', kind: 'audio', seq: 5 });
        expect(await agentSide.next('media')).toMatchObject({ media: 'audio' });
        visitor.send({ type: 'request', kind: 'screen', seq: 6 });
        expect(await visitor.next('error')).toMatchObject({ message: 'Only the agent asks to see a screen.' });
        agentSide.send({ type: 'request', kind: 'screen', seq: 2 });
        expect(await visitor.next('request')).toMatchObject({ kind: 'screen', by: 'agent' });
        visitor.send({ type: 'consent', accept: false, seq: 7 });
        expect(await agentSide.next('request-answered')).toMatchObject({ kind: 'screen', accepted: false });
        visitor.send({ type: 'screen', streamId: 'screen-1', seq: 8 });
        expect(await agentSide.next('screen')).toEqual({ type: 'screen', participant: 'visitor', streamId: 'screen-1', seq: expect.any(Number) });

        const history = await contacts(agent.session.accessToken);
        expect(history.find((c) => c.id === chat.conversationId)).toMatchObject({ media: 'video' });
        await hangUp(sides);
      });

      it('lets a side take its own request back, and only its own', async () => {
        const sides = await answeredChat();
        const { visitor, agentSide } = sides;
        visitor.send({ type: 'withdraw', seq: 2 });
        expect(await visitor.next('error')).toMatchObject({ code: 'conflict', message: 'You have no request waiting.' });
        visitor.send({ type: 'request', kind: 'video', seq: 3 });
        await agentSide.next('request');
        agentSide.send({ type: 'withdraw', seq: 1 });
        expect(await agentSide.next('error')).toMatchObject({ message: 'You have no request waiting.' });
        visitor.send({ type: 'withdraw', seq: 4 });
        for (const side of [visitor, agentSide]) expect(await side.next('request-withdrawn')).toMatchObject({ kind: 'video', by: 'visitor' });
        agentSide.send({ type: 'consent', accept: true, seq: 2 });
        expect(await agentSide.next('error')).toMatchObject({ message: 'There is nothing to answer.' });
        await hangUp(sides);
      });

      it('lets no chat become a second call for an agent already in one', async () => {
        const sides = await answeredChat();
        const { agent, visitor, agentSide } = sides;
        visitor.send({ type: 'request', kind: 'video', seq: 2 });
        await agentSide.next('request');
        // A video call comes in, and the agent takes it with the chat's request still open.
        const call = await startCall(await visitorSession());
        const caller = await joinConversation(call.conversationId, call.token);
        const offer = await agent.socket.next('offer');
        agent.socket.send({ type: 'accept', offerId: offer.offerId });
        const callSide = await joinConversation(call.conversationId, (await agent.socket.next('assigned')).token as string);
        await callSide.next('start');
        agentSide.send({ type: 'consent', accept: true, seq: 1 });
        expect(await agentSide.next('error')).toMatchObject({ code: 'conflict', message: 'You are in a call in another conversation; end it first, or decline.' });
        agentSide.send({ type: 'consent', accept: false, seq: 2 });
        expect(await visitor.next('request-answered')).toMatchObject({ kind: 'video', accepted: false });
        visitor.send({ type: 'request', kind: 'audio', seq: 3 });
        expect(await visitor.next('error')).toMatchObject({ message: 'Your agent is in another call; ask again in a moment.' });
        agentSide.send({ type: 'request', kind: 'video', seq: 3 });
        expect(await agentSide.next('error')).toMatchObject({ message: 'You are in a call in another conversation; end it first.' });
        // Once that call ends, the chat may become one.
        caller.send({ type: 'hangup', reason: 'hangup', seq: 1 });
        await caller.next('ended');
        visitor.send({ type: 'request', kind: 'audio', seq: 4 });
        expect(await agentSide.next('request')).toMatchObject({ kind: 'audio', by: 'visitor' });
        await hangUp(sides);
      });

      it('gives an agent in a call another chat but not another call', async () => {
        const call = await answeredCall();
        const agentSide = await joinConversation(call.call.conversationId, call.agentToken);
        await agentSide.next('start');
        const chat = await startChat(await visitorSession());
        const video = await startCall(await visitorSession());
        const offer = await call.agent.socket.next('offer');
        expect(offer.conversationId).toBe(chat.conversationId);
        await expect(call.agent.socket.next('offer', 500)).rejects.toThrow(/no 'offer'/);
        call.agent.socket.send({ type: 'decline', offerId: offer.offerId });
        for (const waiting of [chat, video]) {
          const socket = await joinConversation(waiting.conversationId, waiting.token);
          socket.send({ type: 'cancel' });
          await socket.next('ended');
        }
        await hangUp(call);
      });
    });

    describe('transfers', () => {
      // Alex answers a chat in the support queue; Sam (skill es) is signed in too.
      const chatWithAlex = async () => {
        const sam = await connectAgent('agent2@demo.test');
        sam.socket.send({ type: 'presence', status: 'away' });
        await sam.socket.next('presence');
        const alex = await connectAgent('agent@demo.test');
        const chat = await startChat(await visitorSession());
        const visitor = await joinConversation(chat.conversationId, chat.token);
        const offer = await alex.socket.next('offer');
        alex.socket.send({ type: 'accept', offerId: offer.offerId });
        const assigned = await alex.socket.next('assigned');
        const alexSide = await joinConversation(chat.conversationId, assigned.token as string);
        await alexSide.next('start');
        visitor.send({ type: 'chat', id: 'v1', text: '¿Hablan español?', seq: 1 });
        await alexSide.next('chat');
        sam.socket.send({ type: 'presence', status: 'available' });
        await sam.socket.next('presence');
        return { alex, sam, chat, visitor, alexSide };
      };
      const finish = async (visitor: TestSocket, ...agents: { socket: TestSocket }[]) => {
        visitor.send({ type: 'hangup', reason: 'hangup', seq: 99 });
        await visitor.next('ended');
        for (const agent of agents) agent.socket.close();
        await Promise.all(agents.map((agent) => agent.socket.closed));
      };

      it('hands a conversation blind to another queue: the visitor waits again, keeps the chat, and the agent who answers gets it', async () => {
        const { alex, sam, chat, visitor, alexSide } = await chatWithAlex();
        const targets = await (await fetch(`${beckon.origin}/v1/transfer-targets`, { headers: { Authorization: `Bearer ${alex.session.accessToken}` } })).json();
        expect(targets.queues).toContainEqual({ id: 'es', name: 'Soporte en español' });
        expect(targets.agents).toContainEqual({ id: sam.session.agent.id, name: 'Sam (Demo agent)', status: 'available' });
        expect(targets.agents.map((agent: { id: string }) => agent.id)).not.toContain(alex.session.agent.id);
        alex.socket.send({ type: 'transfer', contactId: chat.conversationId, to: { queue: 'es' }, warm: false, note: '' });
        expect(await alexSide.next('ended')).toMatchObject({ reason: 'transferred' });
        expect(await visitor.next('transferred')).toMatchObject({ to: 'Soporte en español' });
        const offer = await sam.socket.next('offer');
        expect(offer.conversationId).toBe(chat.conversationId);
        sam.socket.send({ type: 'accept', offerId: offer.offerId });
        const assigned = await sam.socket.next('assigned');
        expect(await visitor.next('accepted')).toMatchObject({ agent: { name: 'Alex (Demo agent)' } });
        expect(await visitor.next('accepted')).toMatchObject({ agent: { name: 'Sam (Demo agent)' } });
        const samSide = await joinConversation(chat.conversationId, assigned.token as string);
        expect((await samSide.next('chat')).message).toMatchObject({ text: '¿Hablan español?' });
        await samSide.next('start');
        const history = await contacts(sam.session.accessToken);
        expect(history.find((c) => c.id === chat.conversationId)).toMatchObject({ agent: { name: 'Sam (Demo agent)' } });
        await finish(visitor, alex, sam);
      });

      it('offers a conversation handed to a queue to anyone but the agent who handed it on', async () => {
        const { alex, sam, chat, visitor, alexSide } = await chatWithAlex();
        sam.socket.send({ type: 'presence', status: 'away' });
        await sam.socket.next('presence');
        alex.socket.send({ type: 'transfer', contactId: chat.conversationId, to: { queue: 'support' }, warm: false, note: '' });
        expect(await alexSide.next('ended')).toMatchObject({ reason: 'transferred' });
        await expect(alex.socket.next('offer', 500)).rejects.toThrow(/no 'offer'/);
        sam.socket.send({ type: 'presence', status: 'available' });
        expect((await sam.socket.next('offer')).conversationId).toBe(chat.conversationId);
        await finish(visitor, alex, sam);
      });

      it('rings a warm transfer while the agent stays with the visitor, and moves the conversation only when answered', async () => {
        const { alex, sam, chat, visitor, alexSide } = await chatWithAlex();
        const transfer = { type: 'transfer', contactId: chat.conversationId, to: { agent: sam.session.agent.id }, warm: true, note: 'Wants Spanish' };
        alex.socket.send(transfer);
        const first = await sam.socket.next('offer');
        expect(first.transfer).toEqual({ from: 'Alex (Demo agent)', note: 'Wants Spanish' });
        sam.socket.send({ type: 'decline', offerId: first.offerId });
        expect(await alex.socket.next('transfer-ended')).toMatchObject({ result: 'declined' });
        alexSide.send({ type: 'chat', id: 'a1', text: 'Still here', seq: 1 });
        expect((await visitor.next('chat')).message).toMatchObject({ n: 1 });
        expect((await visitor.next('chat')).message).toMatchObject({ text: 'Still here' });

        alex.socket.send(transfer);
        const second = await sam.socket.next('offer');
        sam.socket.send({ type: 'accept', offerId: second.offerId });
        expect(await alex.socket.next('transfer-ended')).toMatchObject({ result: 'accepted' });
        expect(await alexSide.next('ended')).toMatchObject({ reason: 'transferred' });
        expect(await visitor.next('transferred')).toMatchObject({ to: 'Sam (Demo agent)' });
        const assigned = await sam.socket.next('assigned');
        const samSide = await joinConversation(chat.conversationId, assigned.token as string);
        expect(await samSide.next('start')).toMatchObject({ polite: false });
        expect(await visitor.next('start')).toMatchObject({ polite: true });
        await finish(visitor, alex, sam);
      });

      it('refuses transfers of another agent\'s conversation, to an unknown queue, and warm ones to a queue', async () => {
        const { alex, sam, chat, visitor } = await chatWithAlex();
        sam.socket.send({ type: 'transfer', contactId: chat.conversationId, to: { queue: 'es' }, warm: false, note: '' });
        expect(await sam.socket.next('error')).toMatchObject({ code: 'conflict', message: 'That conversation is not yours to transfer.' });
        alex.socket.send({ type: 'transfer', contactId: chat.conversationId, to: { queue: 'nope' }, warm: false, note: '' });
        expect(await alex.socket.next('error')).toMatchObject({ message: 'There is no queue "nope".' });
        alex.socket.send({ type: 'transfer', contactId: chat.conversationId, to: { queue: 'es' }, warm: true, note: '' });
        expect(await alex.socket.next('error')).toMatchObject({ code: 'invalid_message', message: 'a warm transfer goes to an agent' });
        await finish(visitor, alex, sam);
      });
    });

    describe('the supervisor\'s board', () => {
      const openBoard = async (email: string) => {
        const { accessToken } = await signIn(email);
        return openSocket(`${ws}/v1/supervisor/ws`, accessToken);
      };
      // The next board that passes the check: boards come whenever anything changed.
      const boardWhere = async (board: TestSocket, check: (value: Board) => boolean) => {
        for (;;) {
          const { board: value } = await board.next<{ type: 'board'; board: Board }>('board');
          if (check(value)) return value;
        }
      };

      it('lets a supervisor listen in on a call through the agent\'s console, and ends it with the call', async () => {
        const board = await openBoard('supervisor@demo.test');
        const call = await answeredCall();
        board.send({ type: 'monitor', contactId: call.call.conversationId });
        const started = await board.next('monitor-started');
        expect(started).toMatchObject({ contactId: call.call.conversationId, iceTransportPolicy: 'all', iceServers: expect.any(Array) });
        const asked = await call.agent.socket.next('monitor');
        expect(asked).toMatchObject({ monitorId: started.monitorId, supervisor: { name: 'Morgan (Demo supervisor)' } });
        call.agent.socket.send({ type: 'monitor-signal', monitorId: asked.monitorId, description: { type: 'offer', sdp: 'v=0' } });
        expect(await board.next('monitor-signal')).toEqual({ type: 'monitor-signal', monitorId: started.monitorId, description: { type: 'offer', sdp: 'v=0' } });
        board.send({ type: 'monitor-signal', monitorId: started.monitorId, description: { type: 'answer', sdp: 'v=0' } });
        expect(await call.agent.socket.next('monitor-signal')).toMatchObject({ description: { type: 'answer' } });
        // The visitor is never told.
        await expect(call.visitor.next('monitor', 300)).rejects.toThrow(/no 'monitor'/);
        // Another supervisor's board can neither stop it nor signal on it: it is this supervisor's.
        const other = await openBoard('admin@demo.test');
        other.send({ type: 'monitor-stop', monitorId: started.monitorId });
        other.send({ type: 'monitor-signal', monitorId: started.monitorId, description: { type: 'offer', sdp: 'v=0' } });
        await expect(call.agent.socket.next('monitor-ended', 300)).rejects.toThrow(/no 'monitor-ended'/);
        await expect(call.agent.socket.next('monitor-signal', 300)).rejects.toThrow(/no 'monitor-signal'/);
        other.close();

        call.visitor.send({ type: 'hangup', reason: 'hangup' });
        expect(await board.next('monitor-ended')).toEqual({ type: 'monitor-ended', monitorId: started.monitorId });
        expect(await call.agent.socket.next('monitor-ended')).toEqual({ type: 'monitor-ended', monitorId: started.monitorId });
        board.send({ type: 'monitor', contactId: call.call.conversationId });
        expect(await board.next('error')).toMatchObject({ message: 'That call is not live.' });
        call.agent.socket.close();
        board.close();
      });

      it('is for supervisors only', async () => {
        await expect(openBoard('agent@demo.test')).rejects.toThrow(/could not open/);
      });

      it('closes the board of a supervisor an admin makes an agent, ending their listening in, and opens none for them after', async () => {
        const supervisor = await signIn('supervisor@demo.test');
        const board = await openSocket(`${ws}/v1/supervisor/ws`, supervisor.accessToken);
        const call = await answeredCall();
        board.send({ type: 'monitor', contactId: call.call.conversationId });
        const { monitorId } = await board.next('monitor-started');
        await call.agent.socket.next('monitor');
        const { accessToken: admin } = await signIn('admin@demo.test');
        const setRole = (role: string) => requestJson('PATCH', `${beckon.origin}/v1/admin/agents/${supervisor.agent.id}`, { role }, { Authorization: `Bearer ${admin}` });
        expect(await setRole('agent')).toMatchObject({ status: 200, body: { agent: { role: 'agent' } } });
        try {
          expect(await board.closed).toBe(4403);
          expect(await call.agent.socket.next('monitor-ended')).toEqual({ type: 'monitor-ended', monitorId });
          await expect(openSocket(`${ws}/v1/supervisor/ws`, supervisor.accessToken)).rejects.toThrow(/could not open/);
        } finally {
          expect(await setRole('supervisor')).toMatchObject({ status: 200 });
        }
        call.visitor.send({ type: 'hangup', reason: 'hangup' });
        await call.visitor.next('ended');
        call.agent.socket.close();
      });

      it('shows how each call is going now (its last 30 seconds), not the average since it began', async () => {
        const board = await openBoard('supervisor@demo.test');
        const call = await answeredCall();
        const agentSide = await joinConversation(call.call.conversationId, call.agentToken);
        await agentSide.next('start');
        // Two good minutes, then half a minute of a bad line: the average still looks fine.
        const wentBad = { ...agentQuality, samples: 150, averageMos: 3.9, worstMos: 2.1, averageLossPercent: 2.4, worstLossPercent: 12, recentMos: 2.1, recentLossPercent: 12 };
        agentSide.send({ type: 'quality', summary: wentBad });
        const isThisCall = (b: Board) => b.calls.find((c) => c.contactId === call.call.conversationId);
        const shown = await boardWhere(board, (b) => isThisCall(b)?.recentMos != null);
        expect(isThisCall(shown)).toMatchObject({ recentMos: 2.1, recentLossPercent: 12 });

        agentSide.send({ type: 'quality', summary: { ...wentBad, samples: 160, recentMos: 4.3, recentLossPercent: 0.1 } });
        const recovered = await boardWhere(board, (b) => isThisCall(b)?.recentMos === 4.3);
        expect(isThisCall(recovered)).toMatchObject({ recentLossPercent: 0.1 });

        call.visitor.send({ type: 'hangup', reason: 'hangup' });
        await Promise.all([call.visitor.next('ended'), agentSide.next('ended')]);
        call.agent.socket.close();
        board.close();
      });

      it('shows a call on hold, and counts and times its holds in History and the contact.ended webhook', async () => {
        const hooks = await contractWebhookReceiver();
        const board = await openBoard('supervisor@demo.test');
        const call = await answeredCall();
        const agentSide = await joinConversation(call.call.conversationId, call.agentToken);
        await agentSide.next('start');
        const isThisCall = (b: Board) => b.calls.find((c) => c.contactId === call.call.conversationId);
        await boardWhere(board, (b) => isThisCall(b)?.heldSince === null);

        agentSide.send({ type: 'hold', on: true });
        expect(await call.visitor.next('hold')).toMatchObject({ on: true });
        expect(await agentSide.next('hold')).toMatchObject({ on: true });
        const held = await boardWhere(board, (b) => typeof isThisCall(b)?.heldSince === 'number');
        expect(isThisCall(held)!.heldSince).toBeGreaterThanOrEqual(isThisCall(held)!.since);
        // Only the agent holds a call.
        call.visitor.send({ type: 'hold', on: false });
        expect(await call.visitor.next('error')).toMatchObject({ code: 'conflict', message: 'Only the agent can put a call on hold.' });
        await new Promise((wait) => setTimeout(wait, 1100));
        agentSide.send({ type: 'hold', on: false });
        expect(await call.visitor.next('hold')).toMatchObject({ on: false });
        await boardWhere(board, (b) => isThisCall(b)?.heldSince === null);
        // A hold still on when the call ends counts too.
        agentSide.send({ type: 'hold', on: true });
        await call.visitor.next('hold');
        call.visitor.send({ type: 'hangup', reason: 'hangup' });
        await Promise.all([call.visitor.next('ended'), agentSide.next('ended')]);

        const [contact] = (await contacts(call.agent.session.accessToken)).filter((c) => c.id === call.call.conversationId);
        expect(contact?.hold).toEqual({ times: 2, seconds: expect.any(Number) });
        expect(contact!.hold!.seconds).toBeGreaterThanOrEqual(1);
        const ended = await hooks.next((webhook) => webhook.event.type === 'contact.ended' && webhook.event.data.contact?.id === call.call.conversationId);
        expect(ended.event.data.contact).toMatchObject({ hold: contact!.hold });
        call.agent.socket.close();
        board.close();
      });

      it('shows queues, agents and contacts live, reassigns a waiting contact and carries whispers both ways', async () => {
        const board = await openBoard('supervisor@demo.test');
        const first = await connectAgent('agent@demo.test');
        const second = await connectAgent('agent2@demo.test');
        const chat = await startChat(await visitorSession());
        const ringing = await boardWhere(board, (b) => b.waiting.some((w) => w.id === chat.conversationId && w.ringing !== null));
        expect(ringing.queues.find((q) => q.id === 'support')).toMatchObject({ waiting: 1, longestWaitingSince: expect.any(Number) });
        const offered = ringing.waiting.find((w) => w.id === chat.conversationId)!;
        const [ringingAgent, otherAgent] = offered.ringing === first.session.agent.id ? [first, second] : [second, first];
        const firstOffer = await ringingAgent.socket.next('offer');

        board.send({ type: 'reassign', contactId: chat.conversationId, agentId: otherAgent.session.agent.id });
        expect(await ringingAgent.socket.next('offer-withdrawn')).toMatchObject({ offerId: firstOffer.offerId, reason: 'reassigned' });
        const offer = await otherAgent.socket.next('offer');
        otherAgent.socket.send({ type: 'accept', offerId: offer.offerId });
        await otherAgent.socket.next('assigned');
        const taken = await boardWhere(board, (b) => b.agents.find((a) => a.id === otherAgent.session.agent.id)!.contacts.length === 1);
        expect(taken.waiting).toEqual([]);
        expect(taken.agents.find((a) => a.id === otherAgent.session.agent.id)).toMatchObject({ status: 'available', contacts: [{ id: chat.conversationId, media: 'chat' }] });

        board.send({ type: 'whisper', to: otherAgent.session.agent.id, text: 'Offer the refund' });
        expect((await otherAgent.socket.next('whisper')).whisper).toMatchObject({ from: { name: 'Morgan (Demo supervisor)' }, text: 'Offer the refund' });
        const echo = await board.next<{ type: 'whisper'; whisper: { from: { id: string } } }>('whisper');
        otherAgent.socket.send({ type: 'whisper', to: echo.whisper.from.id, text: 'Done, they are happy' });
        expect((await board.next('whisper')).whisper).toMatchObject({ from: { id: otherAgent.session.agent.id }, text: 'Done, they are happy' });
        expect((await otherAgent.socket.next('whisper')).whisper).toMatchObject({ text: 'Done, they are happy' });
        board.send({ type: 'whisper', to: 'nobody', text: 'Hello?' });
        expect(await board.next('error')).toMatchObject({ code: 'conflict', message: 'That person is not signed in.' });

        const visitor = await joinConversation(chat.conversationId, chat.token);
        visitor.send({ type: 'hangup', reason: 'hangup' });
        await visitor.next('ended');
        for (const agent of [first, second]) agent.socket.close();
        board.close();
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
        // Back from a break just now: the second agent is the less idle one, whatever earlier tests did.
        for (const status of ['away', 'available']) {
          second.socket.send({ type: 'presence', status });
          await second.socket.next('presence');
        }
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

      it('routes by skill: a queue\'s calls go only to agents with its skills', async () => {
        const alex = track(await connectAgent('agent@demo.test'));
        const sam = track(await connectAgent('agent2@demo.test'));
        const spanish = await startCall(await visitorSession(), undefined, 'es');
        const visitor = await joinConversation(spanish.conversationId, spanish.token);
        expect((await sam.socket.next('offer')).conversationId).toBe(spanish.conversationId);
        await expect(alex.socket.next('offer', 300)).rejects.toThrow(/no 'offer'/);
        visitor.send({ type: 'cancel', seq: 1 });
        await visitor.next('ended');
        const billing = await startCall(await visitorSession(), undefined, 'billing');
        const second = await joinConversation(billing.conversationId, billing.token);
        expect((await alex.socket.next('offer')).conversationId).toBe(billing.conversationId);
        second.send({ type: 'cancel', seq: 1 });
        await second.next('ended');
        await closeAll();
      });

      it('refuses a queue the tenant does not have', async () => {
        const response = await postJson(`${beckon.origin}/v1/calls`, { media: 'audio', queue: 'nope' }, { Origin: beckon.origin, Authorization: `Bearer ${await visitorSession()}` });
        expect(response).toMatchObject({ status: 400, body: { error: { code: 'unknown_queue' } } });
        const malformed = await postJson(`${beckon.origin}/v1/calls`, { media: 'audio', queue: 'Not A Queue' }, { Origin: beckon.origin, Authorization: `Bearer ${await visitorSession()}` });
        expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
      });

      it('tells waiting visitors an estimated wait, unknown while nobody who could answer is signed in', async () => {
        const sam = track(await connectAgent('agent2@demo.test'));
        sam.socket.send({ type: 'presence', status: 'away' });
        await sam.socket.next('presence');
        const first = await startCall(await visitorSession(), undefined, 'es');
        const firstVisitor = await joinConversation(first.conversationId, first.token);
        expect(await firstVisitor.next('queued')).toMatchObject({ position: 1, estimatedWaitSeconds: null });
        sam.socket.send({ type: 'presence', status: 'available' });
        await sam.socket.next('offer');
        const second = await startCall(await visitorSession(), undefined, 'es');
        const secondVisitor = await joinConversation(second.conversationId, second.token);
        // Sam is ringing for the first visitor: the second waits two default handle times (2 × 240 s).
        expect(await secondVisitor.next('queued')).toMatchObject({ position: 2, estimatedWaitSeconds: 480 });
        for (const visitor of [firstVisitor, secondVisitor]) {
          visitor.send({ type: 'cancel', seq: 1 });
          await visitor.next('ended');
        }
        await closeAll();
      });

      it('leaves an agent who declined a visitor out of that visitor\'s wait', async () => {
        const sam = track(await connectAgent('agent2@demo.test'));
        const call = await startCall(await visitorSession(), undefined, 'es');
        const visitor = await joinConversation(call.conversationId, call.token);
        await visitor.next('queued');
        const offer = await sam.socket.next('offer');
        sam.socket.send({ type: 'decline', offerId: offer.offerId });
        // Sam is free again but is not offered this visitor again: nobody who could answer is left.
        expect(await visitor.next('queued')).toMatchObject({ position: 1, estimatedWaitSeconds: null });
        visitor.send({ type: 'cancel', seq: 1 });
        await visitor.next('ended');
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
        expect(recorded).not.toHaveProperty('quality');
        // No call, so nothing to measure: a summary from the queue is refused.
        stayer.send({ type: 'quality', summary: visitorQuality });
        expect(await stayer.next('error')).toMatchObject({ code: 'conflict' });
        stayer.send({ type: 'cancel' });
        await stayer.next('ended');
        await closeAll();
      });
    });

    describe('blocking a visitor', () => {
      // A visitor of their own address leaves a message: a contact the team can block them from.
      const visitorFrom = (n: number) => {
        const client = beckon.client(n);
        const from = (token?: string) => ({ ...client, headers: { ...client.headers, Origin: beckon.origin, ...(token && { Authorization: `Bearer ${token}` }) } });
        return {
          session: () => postJsonFrom(from(), `${beckon.origin}/v1/visitor/session`, { key: 'demo' }),
          message: (token: string) => postJsonFrom(from(token), `${beckon.origin}/v1/messages`, { media: 'chat', page: 'http://shop.test/help', name: 'Mal', email: 'mal@example.com', text: 'You again' }),
          call: (token: string) => postJsonFrom(from(token), `${beckon.origin}/v1/calls`, { media: 'video', page: 'http://shop.test/help' }),
        };
      };

      it('refuses the blocked visitor\'s address sessions and conversations until an admin lifts the block, and serves every other address', async () => {
        const mal = visitorFrom(7);
        const session = await mal.session();
        expect(session.status).toBe(200);
        const { body: left } = await mal.message(session.body.token);
        const agent = await signIn();
        const block = (contactId: string, body: unknown, token = agent.accessToken) => requestJson('POST', `${beckon.origin}/v1/contacts/${contactId}/block`, body, { Authorization: `Bearer ${token}` });

        const blocked = await block(left.contactId, { days: 7, reason: 'Threatened the agent' });
        expect(blocked).toEqual({
          status: 201,
          body: { block: { id: expect.any(String), visitor: expect.stringMatching(/^Visitor /), contactId: left.contactId, reason: 'Threatened the agent', blockedBy: agent.agent.name, createdAt: expect.any(Number), expiresAt: expect.any(Number) } },
        });
        expect(blocked.body.block.expiresAt - blocked.body.block.createdAt).toBe(7 * 86_400_000);

        const refusal = { error: { code: 'visitor_blocked', message: "This site's support team has blocked requests from your network for a time." } };
        // The session they had starts nothing more, and a new one is refused.
        expect(await mal.call(session.body.token)).toMatchObject({ status: 403, body: refusal });
        expect(await mal.message(session.body.token)).toMatchObject({ status: 403, body: refusal });
        expect(await mal.session()).toMatchObject({ status: 403, body: refusal });
        // Another address is served, but not with the session Mal had.
        expect((await visitorFrom(8).session()).status).toBe(200);
        expect(await visitorFrom(8).call(session.body.token)).toMatchObject({ status: 403, body: { error: { code: 'visitor_blocked' } } });

        // Admins see the block and lift it; agents may not.
        const admin = await signIn('admin@demo.test');
        const blocks = (token: string) => requestJson('GET', `${beckon.origin}/v1/admin/visitor-blocks`, undefined, { Authorization: `Bearer ${token}` });
        expect((await blocks(agent.accessToken)).status).toBe(403);
        expect(await blocks(admin.accessToken)).toEqual({ status: 200, body: { blocks: [blocked.body.block] } });
        const lift = (token: string) => requestJson('DELETE', `${beckon.origin}/v1/admin/visitor-blocks/${blocked.body.block.id}`, undefined, { Authorization: `Bearer ${token}` });
        expect((await lift(agent.accessToken)).status).toBe(403);
        expect((await lift(admin.accessToken)).status).toBe(204);
        expect((await lift(admin.accessToken)).status).toBe(404);
        expect((await mal.session()).status).toBe(200);
      });

      it("ends the blocked visitor's other conversations still waiting, which their tokens would keep them in, and no one else's on their network", async () => {
        const mal = visitorFrom(10);
        const { body: session } = await mal.session();
        const { body: call } = await mal.call(session.token);
        const waiting = await joinConversation(call.conversationId, call.token);
        // Someone else on the same network, waiting too.
        const { body: bystander } = await mal.call((await mal.session()).body.token);
        const { body: left } = await mal.message(session.token);
        const agent = await signIn();
        const blocked = await requestJson('POST', `${beckon.origin}/v1/contacts/${left.contactId}/block`, { days: 1 }, { Authorization: `Bearer ${agent.accessToken}` });
        expect(blocked.status).toBe(201);
        expect(await waiting.next('ended')).toMatchObject({ reason: 'left' });
        const live = (await contacts(agent.accessToken)).filter((contact) => contact.endedAt === null).map((contact) => contact.id);
        expect(live).toContain(bystander.conversationId);
        expect(live).not.toContain(call.conversationId);
        const stillWaiting = await joinConversation(bystander.conversationId, bystander.token);
        stillWaiting.send({ type: 'cancel', seq: 1 });
        await stillWaiting.next('ended');
        const admin = await signIn('admin@demo.test');
        expect((await requestJson('DELETE', `${beckon.origin}/v1/admin/visitor-blocks/${blocked.body.block.id}`, undefined, { Authorization: `Bearer ${admin.accessToken}` })).status).toBe(204);
      });

      it("refuses the blocked visitor's rating of the call, ends their call-back request, and keeps one block for them however often they are blocked", async () => {
        const mal = visitorFrom(11);
        const { body: session } = await mal.session();
        const agent = await connectAgent();
        const { body: call } = await mal.call(session.token);
        const visitor = await joinConversation(call.conversationId, call.token);
        agent.socket.send({ type: 'accept', offerId: (await agent.socket.next('offer')).offerId });
        await visitor.next('accepted');
        visitor.send({ type: 'hangup', reason: 'hangup', seq: 1 });
        await visitor.next('ended');
        agent.socket.close();
        await agent.socket.closed;
        const callback = await postJsonFrom(
          { ...beckon.client(11), headers: { ...beckon.client(11).headers, Origin: beckon.origin, Authorization: `Bearer ${session.token}` } },
          `${beckon.origin}/v1/callbacks`, { media: 'audio', page: 'http://shop.test/help', name: 'Mal' },
        );
        expect(callback.status).toBe(200);
        const { body: left } = await mal.message(session.token);

        const block = (contactId: string) => requestJson('POST', `${beckon.origin}/v1/contacts/${contactId}/block`, { days: 1, reason: 'Insults' }, { Authorization: `Bearer ${agent.session.accessToken}` });
        expect((await block(call.conversationId)).status).toBe(201);
        const again = await block(left.contactId);
        expect(again.status).toBe(201);

        const rated = await postJsonFrom(
          { ...beckon.client(11), headers: { ...beckon.client(11).headers, Origin: beckon.origin, Authorization: `Bearer ${call.token}` } },
          `${beckon.origin}/v1/contacts/${call.conversationId}/survey`, { rating: 1, comment: 'More insults' },
        );
        expect(rated).toMatchObject({ status: 403, body: { error: { code: 'visitor_blocked' } } });
        const waitingForCallBack = (await contacts(agent.session.accessToken)).filter((contact) => contact.id === callback.body.conversationId);
        expect(waitingForCallBack).toEqual([expect.objectContaining({ endedAt: expect.any(Number) })]);

        const admin = await signIn('admin@demo.test');
        const { body } = await requestJson('GET', `${beckon.origin}/v1/admin/visitor-blocks`, undefined, { Authorization: `Bearer ${admin.accessToken}` });
        expect(body.blocks).toEqual([again.body.block]);
        expect((await requestJson('DELETE', `${beckon.origin}/v1/admin/visitor-blocks/${again.body.block.id}`, undefined, { Authorization: `Bearer ${admin.accessToken}` })).status).toBe(204);
        expect((await mal.session()).status).toBe(200);
      });

      it('refuses a block of no contact of the tenant, a malformed one, and one without a signed-in agent', async () => {
        const agent = await signIn();
        const block = (contactId: string, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${agent.accessToken}` }) =>
          requestJson('POST', `${beckon.origin}/v1/contacts/${contactId}/block`, body, headers);
        expect(await block(crypto.randomUUID(), { days: 1 })).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: 'No such contact.' } } });
        const { body: left } = await visitorFrom(9).message((await visitorFrom(9).session()).body.token);
        expect(await block(left.contactId, { days: 0 })).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: 'days must be an integer from 1 to 365' } } });
        expect(await block(left.contactId, { days: 1, reason: 'x'.repeat(101) })).toMatchObject({ status: 400 });
        expect((await block(left.contactId, { days: 1 }, {})).status).toBe(401);
        expect((await block(left.contactId, { days: 1 }, { Authorization: `Bearer ${await visitorSession()}` })).status).toBe(401);
        // Nothing was blocked by the refusals.
        expect((await visitorFrom(9).session()).status).toBe(200);
      });
    });

    describe('recording calls', () => {
      const put = (conversationId: string, token: string, segment: number, part: number, bytes: Uint8Array) =>
        fetch(`${beckon.origin}/v1/conversations/${conversationId}/recordings/${segment}/parts/${part}`, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'audio/webm' }, body: new Blob([bytes.slice()]) });
      const begin = (conversationId: string, token: string) => requestJson('POST', `${beckon.origin}/v1/conversations/${conversationId}/recordings`, undefined, { Authorization: `Bearer ${token}` });
      // A call the agent has taken, both sides in its conversation.
      // Visitors of an address of their own, so that the default one stays under its limit of sessions a minute.
      let visitors = 30;
      const takenCall = async (media = 'audio') => {
        const agent = await connectAgent();
        const client = beckon.client(visitors++);
        const session = await postJsonFrom({ ...client, headers: { ...client.headers, Origin: beckon.origin } }, `${beckon.origin}/v1/visitor/session`, { key: 'demo' });
        const call = await startCall(session.body.token, beckon.origin, undefined, media);
        const visitor = await joinConversation(call.conversationId, call.token);
        agent.socket.send({ type: 'accept', offerId: (await agent.socket.next('offer')).offerId });
        const assigned = await agent.socket.next('assigned');
        const agentSide = await joinConversation(call.conversationId, assigned.token as string);
        return { agent, call, visitor, agentSide, agentToken: assigned.token as string };
      };
      const setRecording = async (recordCalls: boolean) => {
        const admin = await signIn('admin@demo.test');
        expect((await requestJson('PATCH', `${beckon.origin}/v1/admin/settings`, { recordCalls }, { Authorization: `Bearer ${admin.accessToken}` })).status).toBe(200);
      };

      it("tells both sides a call is recorded, keeps what the agent's console sends in order, and plays it to the team from History", async () => {
        await setRecording(true);
        try {
          const hooks = await contractWebhookReceiver();
          const { agent, call, visitor, agentSide, agentToken } = await takenCall();
          expect(await visitor.next('start')).toMatchObject({ recording: true });
          expect(await agentSide.next('start')).toMatchObject({ recording: true });
          expect((await begin(call.conversationId, call.token)).status).toBe(403);
          const started = await begin(call.conversationId, agentToken);
          expect(started).toEqual({ status: 201, body: { segment: 1 } });
          // Recorded for History once there is sound to play, not when a console merely began.
          expect((await contacts(agent.session.accessToken)).find((c) => c.id === call.conversationId)).not.toHaveProperty('recorded');

          const first = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]);
          const second = new Uint8Array([4, 5, 6]);
          expect((await put(call.conversationId, agentToken, 1, 0, first)).status).toBe(204);
          // Sent again (its answer was lost): taken once.
          expect((await put(call.conversationId, agentToken, 1, 0, first)).status).toBe(204);
          const ahead = await put(call.conversationId, agentToken, 1, 2, second);
          expect(ahead.status).toBe(409);
          expect((await ahead.json()).error.message).toBe('Part 2 is ahead of the parts received; send the ones before it first.');
          expect((await put(call.conversationId, agentToken, 1, 1, second)).status).toBe(204);
          expect((await put(call.conversationId, agentToken, 2, 0, second)).status).toBe(404);
          expect((await put(call.conversationId, call.token, 1, 2, second)).status).toBe(403);
          expect((await put(call.conversationId, agentToken, 1, -1, second)).status).toBe(400);

          // The call ends; what the console recorded up to the end still comes in.
          visitor.send({ type: 'hangup', reason: 'hangup', seq: 1 });
          await visitor.next('ended');
          const ended = await hooks.next((webhook) => webhook.event.type === 'contact.ended' && webhook.event.data.contact?.id === call.conversationId);
          expect(ended.event.data.contact).toMatchObject({ recorded: true });
          const last = new Uint8Array([7, 8]);
          expect((await put(call.conversationId, agentToken, 1, 2, last)).status).toBe(204);

          const team = agent.session.accessToken;
          const listed = await requestJson('GET', `${beckon.origin}/v1/contacts/${call.conversationId}/recordings`, undefined, { Authorization: `Bearer ${team}` });
          expect(listed).toEqual({ status: 200, body: { recordings: [{ segment: 1, startedAt: expect.any(Number), bytes: 12 }] } });
          const file = await fetch(`${beckon.origin}/v1/contacts/${call.conversationId}/recordings/1`, { headers: { Authorization: `Bearer ${team}` } });
          expect(file.headers.get('content-type')).toBe('audio/webm');
          expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([...first, ...second, ...last]);
          expect((await fetch(`${beckon.origin}/v1/contacts/${call.conversationId}/recordings/1`)).status).toBe(401);
          expect((await fetch(`${beckon.origin}/v1/contacts/${crypto.randomUUID()}/recordings`, { headers: { Authorization: `Bearer ${team}` } })).status).toBe(404);
          const contact = (await contacts(team)).find((c) => c.id === call.conversationId);
          expect(contact).toMatchObject({ recorded: true });

          // Kept with the contact, and deleted with it.
          agent.socket.send({ type: 'wrap-up', contactId: call.conversationId, disposition: 'resolved', notes: '' });
          await agent.socket.next('wrap-up-ended');
          const admin = await signIn('admin@demo.test');
          expect((await requestJson('DELETE', `${beckon.origin}/v1/admin/contacts/${call.conversationId}`, undefined, { Authorization: `Bearer ${admin.accessToken}` })).status).toBe(204);
          expect((await fetch(`${beckon.origin}/v1/contacts/${call.conversationId}/recordings/1`, { headers: { Authorization: `Bearer ${team}` } })).status).toBe(404);
          agent.socket.close();
        } finally {
          await setRecording(false);
        }
      });

      it('records nothing of a team that does not record calls, nor of a chat', async () => {
        const { agent, call, visitor, agentSide, agentToken } = await takenCall();
        expect(await agentSide.next('start')).toMatchObject({ recording: false });
        expect(await begin(call.conversationId, agentToken)).toMatchObject({ status: 409, body: { error: { message: 'This team does not record calls: an admin turns it on in Settings.' } } });
        visitor.send({ type: 'hangup', reason: 'hangup', seq: 1 });
        await visitor.next('ended');
        expect((await contacts(agent.session.accessToken)).find((c) => c.id === call.conversationId)).not.toHaveProperty('recorded');
        agent.socket.close();

        await setRecording(true);
        try {
          const chat = await takenCall('chat');
          expect(await begin(chat.call.conversationId, chat.agentToken)).toMatchObject({ status: 409, body: { error: { message: 'There is no call with sound under way to record.' } } });
          chat.visitor.send({ type: 'hangup', reason: 'hangup', seq: 1 });
          await chat.visitor.next('ended');
          chat.agent.socket.close();
        } finally {
          await setRecording(false);
        }
      });
    });

    describe('surveys and webhooks', () => {
      const completedCall = async (page = 'http://shop.test/help') => {
        const agent = await connectAgent();
        const visitorToken = await visitorSession();
        const { body: call } = await postJson(`${beckon.origin}/v1/calls`, { media: 'audio', page }, { Origin: beckon.origin, Authorization: `Bearer ${visitorToken}` });
        const visitor = await joinConversation(call.conversationId, call.token);
        const offer = await agent.socket.next('offer');
        agent.socket.send({ type: 'accept', offerId: offer.offerId });
        await visitor.next('accepted');
        visitor.send({ type: 'hangup', reason: 'hangup' });
        await visitor.next('ended');
        agent.socket.close();
        await agent.socket.closed;
        return { conversationId: call.conversationId as string, token: call.token as string, accessToken: agent.session.accessToken };
      };
      const submit = (conversationId: string, token: string, body: unknown) =>
        postJson(`${beckon.origin}/v1/contacts/${conversationId}/survey`, body, { Authorization: `Bearer ${token}`, Origin: 'http://shop.test' });
      const verified = (webhook: ReceivedWebhook) => {
        const timestamp = String(webhook.headers['beckon-timestamp']);
        const expected = createHmac('sha256', contractSettings.webhookSecret).update(`${timestamp}.${webhook.body}`).digest('hex');
        expect(webhook.headers['beckon-signature']).toBe(`v1=${expected}`);
        expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(300);
        expect(webhook.headers['content-type']).toBe('application/json');
        return webhook.event;
      };
      // A webhook of one type about one contact.
      const about = (type: string, contactId: string) => (webhook: ReceivedWebhook) =>
        webhook.event.type === type && (webhook.event.data.contact?.id ?? webhook.event.data.contactId) === contactId;

      it('reports to supervisors how the contacts of a span went: outcomes, waits, handling, surveys and each agent', async () => {
        const from = Date.now();
        const call = await completedCall();
        await submit(call.conversationId, call.token, { rating: 4 });
        const waiting = await startCall(await visitorSession());
        const left = await joinConversation(waiting.conversationId, waiting.token);
        left.send({ type: 'cancel' });
        await left.next('ended');
        const to = Date.now() + 1;
        const report = async (query: string, email = 'supervisor@demo.test') => {
          const response = await fetch(`${beckon.origin}/v1/reports?${query}`, { headers: { Authorization: `Bearer ${(await signIn(email)).accessToken}` } });
          return { status: response.status, body: await response.json() };
        };
        const { status, body } = await report(`from=${from}&to=${to}`);
        expect(status).toBe(200);
        expect(body).toMatchObject({
          from, to, contacts: 2, live: 0, answered: 1,
          outcomes: { completed: 1, cancelled: 1 }, media: { audio: 1, video: 1 },
          surveys: 1, averageRating: 4, averageMos: null,
          agents: [{ name: 'Alex (Demo agent)', answered: 1, averageRating: 4 }],
        });
        expect(body.averageWaitSeconds).toBeGreaterThanOrEqual(0);
        expect(body.averageHandleSeconds).toBeGreaterThanOrEqual(0);
        // Nothing begun before the span counts.
        expect((await report(`from=${from - 60_000}&to=${from}`)).body).toMatchObject({ contacts: expect.any(Number) });
        expect((await report(`from=${to}&to=${to + 60_000}`)).body).toMatchObject({ contacts: 0, answered: 0, averageWaitSeconds: null, agents: [] });

        expect((await report(`from=${from}&to=${to}`, 'agent@demo.test')).status).toBe(403);
        expect(await report(`from=${to}&to=${from}`)).toMatchObject({ status: 400, body: { error: { message: 'to must be after from' } } });
        expect(await report(`from=${from}`)).toMatchObject({ status: 400, body: { error: { message: 'to must be a time in milliseconds since 1970' } } });
        expect(await report(`from=0&to=${to}`)).toMatchObject({ status: 400, body: { error: { message: 'a report covers at most 366 days' } } });
      });

      it('keeps the visitor\'s survey once, shows it in History and refuses a second one', async () => {
        const call = await completedCall();
        const saved = await submit(call.conversationId, call.token, { rating: 4, comment: '  <b>Quick</b> and friendly ' });
        expect(saved).toEqual({ status: 200, body: { survey: { rating: 4, comment: '<b>Quick</b> and friendly' } } });
        const again = await submit(call.conversationId, call.token, { rating: 1 });
        expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
        const [contact] = (await contacts(call.accessToken)).filter((c) => c.id === call.conversationId);
        expect(contact).toMatchObject({ outcome: 'completed', survey: { rating: 4, comment: '<b>Quick</b> and friendly' } });
      });

      it('refuses a malformed survey, another conversation\'s token, no token, and a call that never connected', async () => {
        const call = await completedCall();
        const other = await startCall(await visitorSession());
        expect(await submit(call.conversationId, call.token, { rating: 7 })).toMatchObject({ status: 400, body: { error: { code: 'bad_request', message: 'rating must be an integer from 1 to 5' } } });
        expect(await submit(call.conversationId, call.token, { rating: 3, comment: 'x'.repeat(1001) })).toMatchObject({ status: 400 });
        expect(await submit(call.conversationId, other.token, { rating: 3 })).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
        expect(await submit(call.conversationId, 'nope', { rating: 3 })).toMatchObject({ status: 401 });
        // A call that never connected has nothing to rate.
        expect(await submit(other.conversationId, other.token, { rating: 3 })).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
        (await joinConversation(other.conversationId, other.token)).send({ type: 'cancel' });
        const [contact] = (await contacts(call.accessToken)).filter((c) => c.id === call.conversationId);
        expect(contact?.survey).toBeUndefined();
      });

      it('tells the tenant\'s endpoint of each contact and survey, signed with its secret', async () => {
        const hooks = await contractWebhookReceiver();
        const call = await completedCall();
        await submit(call.conversationId, call.token, { rating: 5, comment: 'Great' });
        const created = verified(await hooks.next(about('contact.created', call.conversationId)));
        expect(created).toMatchObject({ tenantId: 'demo', data: { contact: { page: 'http://shop.test/help', media: 'audio', queue: 'support' } } });
        const ended = verified(await hooks.next(about('contact.ended', call.conversationId)));
        expect(ended.data.contact).toMatchObject({ outcome: 'completed', agent: { name: 'Alex (Demo agent)' } });
        const survey = verified(await hooks.next(about('survey.submitted', call.conversationId)));
        expect(survey.data).toEqual({ contactId: call.conversationId, rating: 5, comment: 'Great' });
      });

      it('lets an admin delete an ended contact with all that is kept of it, and tells the endpoint', async () => {
        const hooks = await contractWebhookReceiver();
        const call = await completedCall();
        await submit(call.conversationId, call.token, { rating: 2, comment: 'Call me on 555-0100' });
        const survey = await hooks.next(about('survey.submitted', call.conversationId));
        const { accessToken: admin } = await signIn('admin@demo.test');
        const remove = (contactId: string, accessToken = admin) =>
          requestJson('DELETE', `${beckon.origin}/v1/admin/contacts/${contactId}`, undefined, { Authorization: `Bearer ${accessToken}` });
        const deliveries = async () => (await requestJson('GET', `${beckon.origin}/v1/webhooks/deliveries`, undefined, { Authorization: `Bearer ${admin}` })).body.deliveries as { id: string }[];
        expect((await deliveries()).some((delivery) => delivery.id === survey.event.id)).toBe(true);

        expect((await remove(call.conversationId, call.accessToken)).status).toBe(403);
        // The agent's wrap-up of it runs for a second: their notes go on the record first.
        expect(await remove(call.conversationId)).toMatchObject({ status: 409, body: { error: { code: 'conflict', message: expect.stringContaining('wrapping') } } });
        const waiting = await startCall(await visitorSession());
        expect(await remove(waiting.conversationId)).toMatchObject({ status: 409, body: { error: { message: expect.stringContaining('not over') } } });
        (await joinConversation(waiting.conversationId, waiting.token)).send({ type: 'cancel' });
        await vi.waitFor(async () => expect((await remove(call.conversationId)).status).toBe(204), { timeout: 5000, interval: 250 });

        verified(await hooks.next(about('contact.deleted', call.conversationId)));
        expect((await contacts(admin)).some((contact) => contact.id === call.conversationId)).toBe(false);
        expect((await requestJson('GET', `${beckon.origin}/v1/contacts/${call.conversationId}/transcript`, undefined, { Authorization: `Bearer ${admin}` })).status).toBe(404);
        expect((await deliveries()).some((delivery) => delivery.id === survey.event.id)).toBe(false);
        expect(await remove(call.conversationId)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
        // The visitor's page can no longer rate what is gone.
        expect((await submit(call.conversationId, call.token, { rating: 5 })).status).toBe(404);
      });

      it('retries with backoff until the endpoint takes the event, and logs every attempt', async () => {
        const hooks = await contractWebhookReceiver();
        const page = `http://shop.test/flaky-${crypto.randomUUID()}`;
        hooks.failFirst(page, 2);
        const call = await completedCall(page);
        const delivered = await hooks.next((webhook) => webhook.event.type === 'contact.created' && webhook.body.includes(page));
        const attempts = hooks.received.filter((webhook) => webhook.event.id === delivered.event.id);
        expect(attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200]);
        // The backoff doubles: 100 ms before the second attempt, 200 ms before the third.
        expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(90);
        expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(190);
        const log = async (accessToken: string) => fetch(`${beckon.origin}/v1/webhooks/deliveries`, { headers: { Authorization: `Bearer ${accessToken}` } });
        expect((await log(call.accessToken)).status).toBe(403);
        const { deliveries } = await (await log((await signIn('supervisor@demo.test')).accessToken)).json();
        expect(deliveries.find((delivery: { id: string }) => delivery.id === delivered.event.id)).toMatchObject({
          event: 'contact.created', url: hooks.url, status: 'delivered', attempts: 3, responseCode: 200, nextAttemptAt: null,
        });
        expect((await fetch(`${beckon.origin}/v1/webhooks/deliveries`)).status).toBe(401);
      });
    });

    describe('business hours, messages and callbacks', () => {
      const headers = async (token?: string) => ({ Origin: beckon.origin, Authorization: `Bearer ${token ?? (await visitorSession())}` });
      const admin = () => signIn('admin@demo.test');
      const putHours = async (queue: string, body: unknown, token?: string) => {
        const response = await fetch(`${beckon.origin}/v1/admin/queues/${queue}/hours`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? (await admin()).accessToken}` },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: await response.json() };
      };
      const neverOpen = { timeZone: 'UTC', weekly: {} };
      const requestCallback = async (body: Record<string, unknown>, token?: string) =>
        postJson(`${beckon.origin}/v1/callbacks`, { queue: 'billing', media: 'video', page: 'http://shop.test/help', name: 'Ada', ...body }, await headers(token));
      const message = { queue: 'billing', media: 'audio', page: 'http://shop.test/help', name: '  Ada Lovelace ', email: 'ada@example.com', text: 'Please <b>call</b> me about invoice 42.' };
      let sockets: TestSocket[] = [];
      const tracked = <T extends TestSocket>(socket: T) => (sockets.push(socket), socket);
      // The list changes at every step of a call back: wait for the one the test is about.
      const callbacksWhere = async (socket: TestSocket, matches: (callbacks: CallbackTask[]) => boolean, timeoutMs?: number) => {
        for (;;) {
          const { callbacks } = await socket.next<{ type: 'callbacks'; callbacks: CallbackTask[] }>('callbacks', timeoutMs);
          if (matches(callbacks)) return callbacks;
        }
      };

      afterEach(async () => {
        for (const socket of sockets) socket.close();
        sockets = [];
        expect((await putHours('billing', { hours: null, maxWaitSeconds: null })).status).toBe(200);
      });

      it('lets only admins read and set a queue\'s hours, and refuses bad hours with a clear error', async () => {
        const { accessToken } = await signIn();
        expect(await putHours('billing', { hours: null, maxWaitSeconds: null }, accessToken)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
        expect((await fetch(`${beckon.origin}/v1/admin/queues/billing/hours`)).status).toBe(401);
        expect(await putHours('billing', { hours: { timeZone: 'Mars/Olympus', weekly: {} }, maxWaitSeconds: null })).toMatchObject({
          status: 400, body: { error: { code: 'bad_request', message: 'hours.timeZone must be an IANA time zone such as Europe/Berlin' } },
        });
        expect(await putHours('billing', { hours: { timeZone: 'UTC', weekly: { mon: [['17:00', '09:00']] } }, maxWaitSeconds: null })).toMatchObject({
          status: 400, body: { error: { message: 'hours.weekly.mon[0] must end after it starts' } },
        });
        expect(await putHours('nope', { hours: null, maxWaitSeconds: null })).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
        const hours = { timeZone: 'Europe/Berlin', weekly: { tue: [['13:00', '17:00'], ['09:00', '12:00']] }, closedOn: ['2031-12-25'] };
        const saved = await putHours('billing', { hours, maxWaitSeconds: 300 });
        expect(saved).toMatchObject({ status: 200, body: { hours: { timeZone: 'Europe/Berlin', weekly: { tue: [['09:00', '12:00'], ['13:00', '17:00']], mon: [] }, closedOn: ['2031-12-25'] }, maxWaitSeconds: 300 } });
        const read = await fetch(`${beckon.origin}/v1/admin/queues/billing/hours`, { headers: { Authorization: `Bearer ${(await admin()).accessToken}` } });
        expect(await read.json()).toEqual(saved.body);
      });

      it('answers a call in a closed queue with closed and the next opening, and queues nothing', async () => {
        // Open only tomorrow (UTC), 09:00 to 10:00.
        const tomorrow = new Date(Date.now() + 86_400_000);
        const day = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][tomorrow.getUTCDay()]!;
        const opening = Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 9);
        expect((await putHours('billing', { hours: { timeZone: 'UTC', weekly: { [day]: [['09:00', '10:00']] } }, maxWaitSeconds: null })).body).toMatchObject({ open: false, nextOpening: opening });
        const alex = tracked((await connectAgent()).socket);
        const call = await postJson(`${beckon.origin}/v1/calls`, { media: 'video', queue: 'billing' }, await headers());
        expect(call).toEqual({ status: 200, body: { closed: true, queue: 'billing', nextOpening: opening } });
        // As a page asks its own origin: a GET carries no Origin header.
        const status = await fetch(`${beckon.origin}/v1/queues/billing/status`, { headers: { Authorization: `Bearer ${await visitorSession()}` } });
        expect(await status.json()).toEqual({ queue: 'billing', open: false, nextOpening: opening });
        await expect(alex.next('offer', 300)).rejects.toThrow(/no 'offer'/);
        const open = await fetch(`${beckon.origin}/v1/queues/support/status`, { headers: await headers() });
        expect(await open.json()).toMatchObject({ queue: 'support', open: true });
        expect((await fetch(`${beckon.origin}/v1/queues/nope/status`, { headers: await headers() })).status).toBe(400);
      });

      it('keeps a visitor\'s message as a contact, lists it in History and tells the webhooks', async () => {
        await putHours('billing', { hours: neverOpen, maxWaitSeconds: null });
        expect(await postJson(`${beckon.origin}/v1/messages`, { ...message, email: 'not an address' }, await headers())).toMatchObject({
          status: 400, body: { error: { message: 'email must be an email address' } },
        });
        expect(await postJson(`${beckon.origin}/v1/messages`, { ...message, text: 'x'.repeat(2001) }, await headers())).toMatchObject({ status: 400 });
        expect(await postJson(`${beckon.origin}/v1/messages`, { ...message, text: '   ' }, await headers())).toMatchObject({ status: 400, body: { error: { message: 'text must not be empty' } } });
        const sent = await postJson(`${beckon.origin}/v1/messages`, message, await headers());
        expect(sent.status).toBe(200);
        const { contactId } = sent.body;
        const written = { name: 'Ada Lovelace', email: 'ada@example.com', text: 'Please <b>call</b> me about invoice 42.' };
        const [contact] = (await contacts((await signIn()).accessToken)).filter((c) => c.id === contactId);
        expect(contact).toMatchObject({ outcome: 'message', agent: null, durationSeconds: 0, message: written });
        const hooks = await contractWebhookReceiver();
        const about = (type: string) => (webhook: ReceivedWebhook) => webhook.event.type === type && webhook.event.data.contact?.id === contactId;
        expect((await hooks.next(about('contact.created'))).event.data.contact).toMatchObject({ queue: 'billing', message: written });
        expect((await hooks.next(about('contact.ended'))).event.data.contact).toMatchObject({ outcome: 'message', message: written });
      });

      it('pages History newest first and finds contacts by what they say, when they began, their outcome or their agent', async () => {
        await putHours('billing', { hours: neverOpen, maxWaitSeconds: null });
        const marker = `order-${crypto.randomUUID().slice(0, 8)}`;
        const ids: string[] = [];
        for (const [n, text] of [[1, `Where is ${marker}?`], [2, `Save 50% on ${marker}`], [3, `Refund ${marker}, please`]] as const) {
          const sent = await postJson(`${beckon.origin}/v1/messages`, { ...message, email: `buyer${n}@example.com`, text }, await headers());
          ids.push(sent.body.contactId as string);
        }
        // More searches than one agent may make in a short time: two agents take turns.
        const searchers = [(await signIn()).accessToken, (await signIn('agent2@demo.test')).accessToken];
        let searches = 0;
        const history = async (query: string) => {
          const accessToken = searchers[searches++ % searchers.length]!;
          const response = await fetch(`${beckon.origin}/v1/contacts?${query}`, { headers: { Authorization: `Bearer ${accessToken}` } });
          return { status: response.status, body: await response.json() };
        };
        const listed = (answer: { body: { contacts: { id: string }[] } }) => answer.body.contacts.map((contact) => contact.id);
        // Newest first; two begun in the same millisecond come in a fixed order all the same.
        const all = listed(await history(`text=${marker}`));
        expect([...all].sort()).toEqual([...ids].sort());
        const first = await history(`text=${marker}&limit=2`);
        expect(listed(first)).toEqual(all.slice(0, 2));
        const rest = await history(`text=${marker}&limit=2&before=${encodeURIComponent(first.body.next)}`);
        expect([listed(rest), rest.body.next]).toEqual([all.slice(2), null]);

        expect(listed(await history(`text=${encodeURIComponent(' BUYER2@example.com ')}`))).toEqual([ids[1]]);
        // % and _ are letters here, not patterns.
        expect(listed(await history(`text=${encodeURIComponent('50%')}&outcome=message`))).toContain(ids[1]);
        expect(listed(await history(`text=${encodeURIComponent('50%')}`))).not.toContain(ids[0]);
        expect(listed(await history(`text=${encodeURIComponent(marker.replace('-', '_'))}`))).toEqual([]);
        expect(listed(await history(`text=${marker}&outcome=cancelled`))).toEqual([]);
        expect(listed(await history(`text=${marker}&agent=nobody`))).toEqual([]);
        expect(listed(await history(`text=${marker}&outcome=message`))).toEqual(all);
        // When they began: from (inclusive) until before to.
        const begun = ((await history(`text=${marker}`)).body.contacts as { id: string; createdAt: number }[]).map((contact) => contact.createdAt);
        expect(listed(await history(`text=${marker}&from=${begun[0]}`))).toEqual(all.filter((_, index) => begun[index] === begun[0]));
        expect(listed(await history(`text=${marker}&to=${begun.at(-1)}`))).toEqual([]);
        expect(listed(await history(`text=${marker}&from=${begun.at(-1)}&to=${begun[0]! + 1}`))).toEqual(all);

        expect(await history('limit=0')).toMatchObject({ status: 400, body: { error: { message: 'limit must be a whole number from 1 to 500' } } });
        expect(await history('before=yesterday')).toMatchObject({ status: 400, body: { error: { message: 'before must be the next cursor of an earlier page' } } });
        expect(await history('outcome=won')).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
        expect(await history('from=yesterday')).toMatchObject({ status: 400, body: { error: { message: 'from must be a time in milliseconds since 1970' } } });
      });

      it('tells a visitor who waits past the maximum, keeps their place, and takes their message instead', async () => {
        await putHours('billing', { hours: null, maxWaitSeconds: 1 });
        const alex = await connectAgent();
        tracked(alex.socket).send({ type: 'presence', status: 'away' });
        await alex.socket.next('presence');
        const visitorToken = await visitorSession();
        const call = await startCall(visitorToken, undefined, 'billing');
        const visitor = tracked(await joinConversation(call.conversationId, call.token));
        expect(await visitor.next('queued')).toMatchObject({ position: 1 });
        expect(await visitor.next('long-wait', 4000)).toMatchObject({ waitedSeconds: 1 });
        // A reloaded page is told again, and still has its place.
        const reloaded = tracked(await joinConversation(call.conversationId, call.token));
        expect(await reloaded.next('queued')).toMatchObject({ position: 1 });
        expect(await reloaded.next('long-wait')).toMatchObject({ waitedSeconds: 1 });

        // Another visitor cannot turn this call into their message.
        const stranger = await postJson(`${beckon.origin}/v1/messages`, { ...message, conversationId: call.conversationId }, await headers());
        expect(stranger).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
        const sent = await postJson(`${beckon.origin}/v1/messages`, { ...message, conversationId: call.conversationId }, await headers(visitorToken));
        expect(sent).toEqual({ status: 200, body: { contactId: call.conversationId } });
        expect(await reloaded.next('ended')).toMatchObject({ reason: 'message', outcome: 'message' });
        const again = await postJson(`${beckon.origin}/v1/messages`, { ...message, conversationId: call.conversationId }, await headers(visitorToken));
        expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
        const [contact] = (await contacts(alex.session.accessToken)).filter((c) => c.id === call.conversationId);
        expect(contact).toMatchObject({ outcome: 'message', message: { name: 'Ada Lovelace' } });
      });

      it('calls a visitor back once the queue opens: the agent starts the call and the visitor takes it', async () => {
        await putHours('billing', { hours: neverOpen, maxWaitSeconds: null });
        const requested = await requestCallback({ email: ' ada@example.com ' });
        expect(requested.status).toBe(200);
        const { conversationId, token } = requested.body;
        const visitor = tracked(await joinConversation(conversationId, token));
        expect(await visitor.next('callback-waiting')).toEqual({ type: 'callback-waiting', seq: expect.any(Number) });
        const alex = await connectAgent();
        tracked(alex.socket);
        // Closed: nobody sees the callback yet.
        await expect(alex.socket.next('callbacks', 300)).rejects.toThrow(/no 'callbacks'/);
        alex.socket.send({ type: 'call-back', contactId: conversationId });
        expect(await alex.socket.next('error')).toMatchObject({ code: 'conflict' });

        await putHours('billing', { hours: null, maxWaitSeconds: null });
        const task = { contactId: conversationId, queue: 'billing', name: 'Ada', email: 'ada@example.com', page: 'http://shop.test/help', media: 'video', reachable: true, calling: false };
        expect(await alex.socket.next('callbacks')).toEqual({ type: 'callbacks', callbacks: [{ ...task, requestedAt: expect.any(Number) }] });
        alex.socket.send({ type: 'call-back', contactId: conversationId });
        expect(await visitor.next('callback-ringing')).toMatchObject({ agent: { name: 'Alex (Demo agent)' } });
        expect(await alex.socket.next('callbacks')).toMatchObject({ callbacks: [{ contactId: conversationId, calling: true }] });

        visitor.send({ type: 'callback-answer', accept: true, seq: 1 });
        expect(await visitor.next('accepted')).toMatchObject({ agent: { name: 'Alex (Demo agent)' } });
        const assigned = await alex.socket.next('assigned');
        expect(assigned).toMatchObject({ conversationId, media: 'video', caller: { page: 'http://shop.test/help' } });
        expect(await alex.socket.next('callbacks')).toEqual({ type: 'callbacks', callbacks: [] });
        const agentSide = tracked(await joinConversation(conversationId, assigned.token as string));
        expect(await visitor.next('start')).toMatchObject({ polite: true });
        expect(await agentSide.next('start')).toMatchObject({ polite: false });
        agentSide.send({ type: 'hangup', reason: 'hangup' });
        expect(await visitor.next('ended')).toMatchObject({ reason: 'hangup', outcome: 'completed' });
        const [contact] = (await contacts(alex.session.accessToken)).filter((c) => c.id === conversationId);
        expect(contact).toMatchObject({ outcome: 'completed', agent: { name: 'Alex (Demo agent)' }, callback: { name: 'Ada', email: 'ada@example.com' } });
      });

      it('calls back a visitor who was writing with the call they asked for', async () => {
        const alex = await connectAgent();
        tracked(alex.socket).send({ type: 'presence', status: 'away' });
        await alex.socket.next('presence');
        const visitorToken = await visitorSession();
        const chat = await startChat(visitorToken);
        const visitor = tracked(await joinConversation(chat.conversationId, chat.token));
        await visitor.next('queued');
        expect(await visitor.next('media')).toMatchObject({ media: 'chat' });
        expect(await requestCallback({ conversationId: chat.conversationId, media: 'audio' }, visitorToken)).toMatchObject({ status: 200 });
        await visitor.next('callback-waiting');
        expect(await visitor.next('media')).toMatchObject({ media: 'audio' });
        expect(await callbacksWhere(alex.socket, (list) => list.some((task) => task.contactId === chat.conversationId))).toMatchObject([{ media: 'audio' }]);
        // A page that comes back waits for the same call.
        const reloaded = tracked(await joinConversation(chat.conversationId, chat.token));
        await reloaded.next('callback-waiting');
        expect(await reloaded.next('media')).toMatchObject({ media: 'audio' });
        alex.socket.send({ type: 'callback-done', contactId: chat.conversationId });
        expect(await reloaded.next('ended')).toMatchObject({ reason: 'callback-done' });
      });

      it('passes on a declined call back, shows a visitor who left, and lets the agent close the callback', async () => {
        const alex = await connectAgent();
        tracked(alex.socket);
        alex.socket.send({ type: 'presence', status: 'away' });
        await alex.socket.next('presence');
        // A waiting visitor asks to be called back instead: the same conversation waits for the call.
        const visitorToken = await visitorSession();
        const call = await startCall(visitorToken, undefined, 'billing');
        const visitor = tracked(await joinConversation(call.conversationId, call.token));
        await visitor.next('queued');
        expect(await requestCallback({ conversationId: call.conversationId }, await visitorSession())).toMatchObject({ status: 404 });
        const converted = await requestCallback({ conversationId: call.conversationId }, visitorToken);
        expect(converted).toMatchObject({ status: 200, body: { conversationId: call.conversationId } });
        await visitor.next('callback-waiting');
        expect(await alex.socket.next('callbacks')).toMatchObject({ callbacks: [{ contactId: call.conversationId, name: 'Ada', email: null }] });
        // Away: no calling back.
        alex.socket.send({ type: 'call-back', contactId: call.conversationId });
        expect(await alex.socket.next('error')).toMatchObject({ code: 'conflict' });
        alex.socket.send({ type: 'presence', status: 'available' });
        await alex.socket.next('presence');
        alex.socket.send({ type: 'call-back', contactId: call.conversationId });
        await visitor.next('callback-ringing');
        visitor.send({ type: 'callback-answer', accept: false, seq: 1 });
        expect(await alex.socket.next('callback-unanswered')).toEqual({ type: 'callback-unanswered', contactId: call.conversationId, reason: 'declined' });
        expect(await visitor.next('ended')).toMatchObject({ reason: 'declined', outcome: 'declined' });

        const gone = await requestCallback({ email: 'gone@example.com' });
        const goneId = gone.body.conversationId;
        const leaving = await joinConversation(goneId, gone.body.token);
        await leaving.next('callback-waiting');
        // The declined callback is gone from the list; the new one is there.
        expect(await callbacksWhere(alex.socket, (list) => list.some((task) => task.contactId === goneId))).toMatchObject([{ contactId: goneId, reachable: true, calling: false }]);
        leaving.close();
        await callbacksWhere(alex.socket, (list) => list.some((task) => task.contactId === goneId && !task.reachable), contractSettings.reconnectGraceMs + 4000);
        alex.socket.send({ type: 'call-back', contactId: goneId });
        expect(await alex.socket.next('error')).toMatchObject({ code: 'conflict', message: 'The visitor has left the page.' });
        alex.socket.send({ type: 'callback-done', contactId: goneId });
        await callbacksWhere(alex.socket, (list) => list.length === 0);
        const recorded = await contacts(alex.session.accessToken);
        expect(recorded.find((c) => c.id === goneId)).toMatchObject({ outcome: 'callback-done', callback: { email: 'gone@example.com' } });
        expect(recorded.find((c) => c.id === call.conversationId)).toMatchObject({ outcome: 'declined', callback: { name: 'Ada' } });
      });
    });

    describeAdminApi(() => beckon, password);
    describeMessageFuzz(() => beckon, password);

    describe('restarts', () => {
      it('keeps the queue, the conversation and the contact history across a restart', async () => {
        const agent = await connectAgent();
        agent.socket.send({ type: 'presence', status: 'away' });
        await agent.socket.next('presence');
        const ended = await startCall(await visitorSession());
        const endedVisitor = await joinConversation(ended.conversationId, ended.token);
        endedVisitor.send({ type: 'cancel' });
        await endedVisitor.next('ended');
        const waiting = await startCall(await visitorSession());
        // The waiting visitor's page joins, as a page does at once (one that never joins leaves the queue).
        const waitingVisitor = await joinConversation(waiting.conversationId, waiting.token);
        await waitingVisitor.next('queued');
        const before = await contacts(agent.session.accessToken);
        agent.socket.close();
        await agent.socket.closed;

        await beckon.restart();

        const visitor = await joinConversation(waiting.conversationId, waiting.token);
        expect(await visitor.next('queued')).toMatchObject({ position: 1 });
        const back = await connectAgent();
        const offer = await back.socket.next('offer');
        expect(offer.conversationId).toBe(waiting.conversationId);
        back.socket.send({ type: 'accept', offerId: offer.offerId });
        expect(await visitor.next('accepted')).toMatchObject({ agent: { name: 'Alex (Demo agent)' } });
        const after = await contacts(back.session.accessToken);
        expect(after.find((c) => c.id === ended.conversationId)).toEqual(before.find((c) => c.id === ended.conversationId));
        expect(after.find((c) => c.id === ended.conversationId)).toMatchObject({ outcome: 'cancelled' });
        visitor.send({ type: 'hangup', reason: 'hangup' });
        await visitor.next('ended');
        back.socket.close();
      }, 120_000);
    });
  });
}
