// The API contract: one suite, run over real HTTP and WebSockets against
// every host (the Node process and the Workers runtime), so both behave alike.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokens, generateSigningKeys } from '../auth/tokens.ts';
import { describeAdminApi } from './admin-contract.ts';
import { openSocket, postJson, type TestSocket } from './clients.ts';
import { demoApi } from './demo-api.ts';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './webhook-receiver.ts';

/** A running host under test, started with the contract's settings. */
export interface ContractHost {
  origin: string;
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

    const { signIn, visitorSession, startCall, connectAgent, joinConversation, contacts } = demoApi(() => beckon, password);

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

    const visitorQuality = { samples: 42, averageMos: 4.3, worstMos: 3.9, averageLossPercent: 0.2, worstLossPercent: 1.5, relayUsed: true, reconnects: 1 };
    const agentQuality = { samples: 41, averageMos: 4.4, worstMos: 4.4, averageLossPercent: 0, worstLossPercent: 0, relayUsed: false, reconnects: 0 };

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
        waiting.send({ type: 'cancel', seq: 1 });
        await waiting.next('ended');
        agent.socket.close();
      });

      it('gives offers back when the wrap-up time runs out', async () => {
        const { agent, call } = await endedCall();
        expect(await nextAbout(agent.socket, 'wrap-up-ended', call.conversationId, contractSettings.wrapUpMs + 3000)).toMatchObject({ saved: false });
        agent.socket.close();
      });
    });

    describe('agent presence across dropped connections', () => {
      const reconnect = (accessToken: string) => openSocket(`${ws}/v1/agent/ws?token=${accessToken}`);

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
        const about = (type: string) => (webhook: ReceivedWebhook) =>
          webhook.event.type === type && (webhook.event.data.contact?.id ?? webhook.event.data.contactId) === call.conversationId;
        const created = verified(await hooks.next(about('contact.created')));
        expect(created).toMatchObject({ tenantId: 'demo', data: { contact: { page: 'http://shop.test/help', media: 'audio', queue: 'support' } } });
        const ended = verified(await hooks.next(about('contact.ended')));
        expect(ended.data.contact).toMatchObject({ outcome: 'completed', agent: { name: 'Alex (Demo agent)' } });
        const survey = verified(await hooks.next(about('survey.submitted')));
        expect(survey.data).toEqual({ contactId: call.conversationId, rating: 5, comment: 'Great' });
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
        const response = await fetch(`${beckon.origin}/v1/webhooks/deliveries`, { headers: { Authorization: `Bearer ${call.accessToken}` } });
        const { deliveries } = await response.json();
        expect(deliveries.find((delivery: { id: string }) => delivery.id === delivered.event.id)).toMatchObject({
          event: 'contact.created', url: hooks.url, status: 'delivered', attempts: 3, responseCode: 200, nextAttemptAt: null,
        });
        expect((await fetch(`${beckon.origin}/v1/webhooks/deliveries`)).status).toBe(401);
      });
    });

    describeAdminApi(() => beckon, password);

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
