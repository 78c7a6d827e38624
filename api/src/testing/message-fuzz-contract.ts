// Random runs of valid messages from both sides of a live conversation,
// whatever the state it is in: each message is acknowledged, every refusal is
// a clear error, the conversation goes on, and both sides can still talk and
// hang up. Over real WebSockets against a running host.
import fc from 'fast-check';
import { errorCodes } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import type { ContractHost } from './contract.ts';
import type { TestSocket } from './clients.ts';
import { demoApi } from './demo-api.ts';

const quality = { samples: 5, averageMos: 4.1, worstMos: 3.8, averageLossPercent: 0.4, worstLossPercent: 1, averageVideoLossPercent: null, worstVideoLossPercent: null, recentMos: 4.1, recentLossPercent: 0.4, relayUsed: false, peerRelayUsed: null, reconnects: 0 };

// Every kind of message a participant may send but `hangup`, with values that reach every state.
const message = fc.oneof(
  fc.record({ type: fc.constant('chat'), id: fc.constantFrom('m1', 'm2', 'm3'), text: fc.constantFrom('hello', 'x'.repeat(500), 'a\nb') }),
  fc.record({ type: fc.constant('receipt'), kind: fc.constantFrom('delivered', 'read'), through: fc.nat(8) }),
  fc.record({ type: fc.constant('typing'), typing: fc.boolean() }),
  fc.record({ type: fc.constant('request'), kind: fc.constantFrom('audio', 'video', 'screen', 'chat') }),
  fc.record({ type: fc.constant('consent'), accept: fc.boolean() }),
  fc.constant({ type: 'withdraw' }),
  fc.record({ type: fc.constant('screen'), streamId: fc.constantFrom('s1', null) }),
  fc.record({ type: fc.constant('callback-answer'), accept: fc.boolean() }),
  fc.record({ type: fc.constant('hold'), on: fc.boolean() }),
  fc.constant({ type: 'quality', summary: quality }),
  fc.record({ type: fc.constant('signal'), description: fc.record({ type: fc.constantFrom('offer', 'answer', 'pranswer', 'rollback'), sdp: fc.constant('v=0\r\n') }) }),
  fc.constant({ type: 'signal', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.2 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' } }),
  fc.constant({ type: 'cancel' }),
);
// A side's page may also lose its socket and come back (`resume`), reload
// and join afresh (`reload`), or send what is no message at all.
const garbage = fc.record({ type: fc.constant('garbage'), text: fc.oneof(fc.string(), fc.json(), fc.constantFrom('{"type":"chat","text":"hi","seq":"1"}', '{"type":"hold","on":1}', 'null', '[]')) });
const step = fc.record({
  side: fc.constantFrom('visitor', 'agent'),
  message: fc.oneof({ weight: 12, arbitrary: message }, { weight: 1, arbitrary: fc.constantFrom({ type: 'resume' }, { type: 'reload' }) }, { weight: 1, arbitrary: garbage }),
  again: fc.integer({ min: 0, max: 9 }),
});
const runs = fc.array(step, { minLength: 40, maxLength: 40 });

// An error says what went wrong in words, never what broke inside.
function expectClearErrors(messages: Record<string, unknown>[], context: string) {
  for (const received of messages.filter((m) => m.type === 'error')) {
    expect(errorCodes, context).toContain(received.code);
    expect(String(received.message), context).toMatch(/\w/);
    expect(String(received.message), context).not.toMatch(/TypeError|Cannot read|undefined|SQLITE|Error:|\bat \S+:\d+/);
  }
  expect(messages.filter((m) => m.type === 'ended'), `${context}: the conversation ended by itself`).toEqual([]);
}

/**
 * Defines the conversation-socket fuzz against the demo tenant of a running host.
 * @example describeMessageFuzz(() => beckon, contractSettings.demoPassword);
 */
export function describeMessageFuzz(host: () => ContractHost, password: string): void {
  const { visitorSession, startChat, connectAgent, joinConversation } = demoApi(host, password);

  describe('any run of messages on a conversation', () => {
    const seed = Number(process.env.BECKON_FUZZ_SEED ?? Date.now() % 1_000_000);

    it(`acknowledges each, refuses with clear errors, and leaves both sides able to talk and hang up (seed ${seed})`, async () => {
      for (const [run, steps] of fc.sample(runs, { seed, numRuns: 3 }).entries()) {
        const agent = await connectAgent();
        const chat = await startChat(await visitorSession());
        const sockets: Record<'visitor' | 'agent', TestSocket> = { visitor: await joinConversation(chat.conversationId, chat.token), agent: undefined! };
        const offer = await agent.socket.next('offer');
        agent.socket.send({ type: 'accept', offerId: offer.offerId });
        const assigned = await agent.socket.next('assigned');
        sockets.agent = await joinConversation(chat.conversationId, assigned.token as string);
        await sockets.visitor.next('start');
        await sockets.agent.next('start');
        const tokens = { visitor: chat.token, agent: assigned.token as string };
        const seqs = { visitor: 0, agent: 0 };
        // The number of the last event each side received, to resume from.
        const seen = { visitor: 0, agent: 0 };
        const takeAll = (side: 'visitor' | 'agent') => sockets[side].takeAll().map((received) => {
          if (received.type !== 'ack' && typeof received.seq === 'number') seen[side] = Math.max(seen[side], received.seq);
          return received;
        });
        const sent: string[] = [];
        for (const { side, message: sending, again } of steps) {
          sent.push(`${side} ${JSON.stringify(sending)}`);
          const context = `seed ${seed}, run ${run}, after:\n${sent.join('\n')}`;
          if (sending.type === 'garbage') {
            sockets[side].sendRaw(sending.text);
            // A refusal of the message before may come after its ack: this one's is the first of its kind.
            for (;;) {
              const error = await sockets[side].next('error');
              expectClearErrors([error], context);
              if (error.code === 'invalid_message') break;
            }
          } else if (sending.type === 'resume' || sending.type === 'reload') {
            takeAll(side);
            sockets[side].close();
            await sockets[side].closed;
            // A reloaded page numbers its messages from 1 again.
            if (sending.type === 'reload') seqs[side] = 0;
            sockets[side] = await joinConversation(chat.conversationId, tokens[side], sending.type === 'resume' ? seen[side] : undefined);
          } else {
            // Now and then a message is sent twice with its number, as after a reconnect.
            const seq = again === 0 && seqs[side] > 0 ? seqs[side] : ++seqs[side];
            sockets[side].send({ ...sending, ...(sending.type === 'typing' ? {} : { seq }) });
            if (sending.type !== 'typing') expect((await sockets[side].next('ack')).seq, context).toBe(seq);
          }
          expectClearErrors([...takeAll('visitor'), ...takeAll('agent')], context);
        }

        // Both can still talk, and the call ends for both.
        sockets.visitor.send({ type: 'chat', id: 'last-v', text: 'still there?', seq: ++seqs.visitor });
        sockets.agent.send({ type: 'chat', id: 'last-a', text: 'yes', seq: ++seqs.agent });
        for (const [side, id] of [['agent', 'last-v'], ['visitor', 'last-a']] as const) {
          for (;;) if (((await sockets[side].next('chat')).message as { id: string }).id === id) break;
        }
        sockets.visitor.send({ type: 'hangup', reason: 'hangup', seq: ++seqs.visitor });
        await sockets.visitor.next('ended');
        await sockets.agent.next('ended');
        const wrapUp = await agent.socket.next('wrap-up');
        agent.socket.send({ type: 'wrap-up', contactId: wrapUp.contactId, disposition: 'other', notes: '' });
        await agent.socket.next('wrap-up-ended');
        agent.socket.close();
        await agent.socket.closed;
      }
    }, 120_000);
  });
}
