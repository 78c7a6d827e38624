// Random runs of valid messages from both sides of a live conversation,
// whatever the state it is in: each message is acknowledged, every refusal is
// a clear error, the conversation goes on, and both sides can still talk and
// hang up. Over real WebSockets against a running host.
import fc from 'fast-check';
import { errorCodes, type Board } from '@beckon/protocol';
import { describe, expect, it } from 'vitest';
import type { ContractHost } from './contract.ts';
import { openSocket, postJsonFrom, type TestSocket } from './clients.ts';
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
    // `internal`: handling the message failed (the host logs why).
    expect(received.code, `${context}\n${String(received.message)}`).not.toBe('internal');
    expect(String(received.message), context).toMatch(/\w/);
    expect(String(received.message), context).not.toMatch(/TypeError|Cannot read|undefined|SQLITE|Error:|\bat \S+:\d+/);
  }
}

// What agents and supervisors send, with ids picked at run time from the
// latest they were given (`pick`), now and then made up (`madeUp`).
const pick = { pick: fc.nat(), madeUp: fc.nat(5).map((n) => n === 0) };
const agentMessage = fc.oneof(
  fc.record({ type: fc.constantFrom('accept', 'accept', 'decline'), ...pick }),
  fc.record({ type: fc.constant('presence'), status: fc.constantFrom('available', 'away') }),
  fc.record({ type: fc.constant('wrap-up'), disposition: fc.constantFrom('resolved', 'other'), ...pick }),
  fc.record({ type: fc.constant('whisper'), ...pick }),
  fc.record({ type: fc.constant('transfer'), to: fc.constantFrom('support', 'billing', 'es', 'agent', 'nobody'), warm: fc.boolean(), ...pick }),
  fc.record({ type: fc.constantFrom('call-back', 'callback-done'), ...pick }),
  fc.constant({ type: 'leave' }),
);
const boardMessage = fc.oneof(
  fc.record({ type: fc.constantFrom('reassign', 'monitor', 'monitor-stop', 'whisper'), agent: fc.nat(1), ...pick }),
);
const teamStep = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('visit'), media: fc.constantFrom('chat', 'audio', 'video'), queue: fc.constantFrom('support', 'billing', 'es') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('visitor-ends'), how: fc.constantFrom('hangup', 'cancel'), ...pick }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('agent'), agent: fc.nat(1), message: agentMessage }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('board'), message: boardMessage }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reconnect'), agent: fc.nat(2) }) },
);

/**
 * Defines the conversation-socket fuzz against the demo tenant of a running host.
 * @example describeMessageFuzz(() => beckon, contractSettings.demoPassword);
 */
export function describeMessageFuzz(host: () => ContractHost, password: string): void {
  const { signIn, startCall, startChat, connectAgent, joinConversation } = demoApi(host, password);
  // The fuzz's visitors come from an address of their own, so the rest of the suite keeps its allowance of visitor sessions.
  const visitorSession = async () => {
    const client = host().client(90);
    const { status, body } = await postJsonFrom({ ...client, headers: { ...client.headers, Origin: host().origin } }, `${host().origin}/v1/visitor/session`, { key: 'demo' });
    expect(status).toBe(200);
    return body.token as string;
  };

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
          const received = [...takeAll('visitor'), ...takeAll('agent')];
          expectClearErrors(received, context);
          expect(received.filter((m) => m.type === 'ended'), `${context}: the conversation ended by itself`).toEqual([]);
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
  describe("any run of messages on the agents' and supervisors' sockets", () => {
    const seed = Number(process.env.BECKON_FUZZ_SEED ?? Date.now() % 1_000_000);

    it(`refuses with clear errors, closes no socket, and leaves the team answering the next call (seed ${seed})`, async () => {
      const ws = host().origin.replace('http', 'ws');
      const team = [await connectAgent('agent@demo.test'), await connectAgent('agent2@demo.test')];
      const supervisor = await signIn('supervisor@demo.test');
      const openBoard = () => openSocket(`${ws}/v1/supervisor/ws`, supervisor.accessToken);
      let board = await openBoard();
      // A socket of the team that closes without the test closing it is a failure.
      const closedEarly: string[] = [];
      const closing = new Set<TestSocket>();
      const watch = (socket: TestSocket, name: string) => void socket.closed.then((code) => closing.has(socket) || closedEarly.push(`${name} (${code})`));
      const sockets = () => [...team.map((agent) => agent.socket), board];
      sockets().forEach((socket, index) => watch(socket, `socket ${index}`));
      const given = { offers: [[], []] as string[][], contacts: [] as string[], monitors: [] as string[], assigned: [[], []] as string[][] };
      const visitors = new Map<string, TestSocket>();
      const joined: TestSocket[] = [];
      const choose = (list: string[], { pick, madeUp }: { pick: number; madeUp: boolean }) =>
        madeUp || list.length === 0 ? `made-up-${pick}` : list[list.length - 1 - (pick % Math.min(3, list.length))]!;
      // Reads what everyone received: the ids the team is given, and every error.
      const readAll = async (context: string) => {
        await new Promise((wait) => setTimeout(wait, 20));
        const received: Record<string, unknown>[] = [...board.takeAll()];
        for (const message of received) if (message.type === 'board') lastBoard = message.board as Board;
        for (const visitor of visitors.values()) received.push(...visitor.takeAll());
        for (const side of joined) received.push(...side.takeAll());
        for (const [index, agent] of team.entries()) {
          for (const message of agent.socket.takeAll()) {
            if (message.type === 'assigned') given.assigned[index]!.push(message.conversationId as string);
            received.push(message);
            if (message.type === 'offer') given.offers[index]!.push(message.offerId as string);
            if (message.type === 'monitor') given.monitors.push(message.monitorId as string);
            // The console joins each conversation it is given.
            if (message.type === 'assigned') joined.push(await joinConversation(message.conversationId as string, message.token as string));
          }
        }
        expectClearErrors(received, context);
        expect(closedEarly, context).toEqual([]);
      };

      let lastBoard: Board | null = null;
      const done: string[] = [];
      for (const step of fc.sample(fc.array(teamStep, { minLength: 60, maxLength: 60 }), { seed, numRuns: 1 })[0]!) {
        done.push(JSON.stringify(step));
        const context = `seed ${seed}, after:\n${done.join('\n')}`;
        if (step.kind === 'visit') {
          const call = await startCall(await visitorSession(), host().origin, step.queue, step.media);
          given.contacts.push(call.conversationId);
          visitors.set(call.conversationId, await joinConversation(call.conversationId, call.token));
        } else if (step.kind === 'visitor-ends') {
          const id = choose([...visitors.keys()], step);
          visitors.get(id)?.send({ type: step.how, ...(step.how === 'hangup' ? { reason: 'hangup' } : {}) });
        } else if (step.kind === 'reconnect') {
          const index = step.agent;
          const socket = sockets()[index]!;
          closing.add(socket);
          socket.close();
          await socket.closed;
          if (index === 2) board = await openBoard();
          else team[index] = await connectAgent(index === 0 ? 'agent@demo.test' : 'agent2@demo.test');
          watch(sockets()[index]!, `socket ${index}`);
        } else if (step.kind === 'board') {
          const { type, agent } = step.message;
          const contactId = choose(given.contacts, step.message);
          const agentId = team[agent]!.session.agent.id;
          if (type === 'reassign') board.send({ type, contactId, agentId });
          if (type === 'monitor') board.send({ type, contactId });
          if (type === 'monitor-stop') board.send({ type, monitorId: choose(given.monitors, step.message) });
          if (type === 'whisper') board.send({ type, to: step.message.madeUp ? 'nobody' : agentId, text: 'How is it going?' });
        } else {
          const agent = team[step.agent]!;
          const other = team[1 - step.agent]!;
          const sending = step.message;
          const contactId = 'pick' in sending ? choose(sending.pick % 4 === 0 ? given.contacts : given.assigned[step.agent]!, sending) : '';
          if (sending.type === 'accept' || sending.type === 'decline') agent.socket.send({ type: sending.type, offerId: choose(given.offers[step.agent]!, sending) });
          if (sending.type === 'presence') agent.socket.send(sending);
          if (sending.type === 'leave') agent.socket.send(sending);
          if (sending.type === 'wrap-up') agent.socket.send({ type: 'wrap-up', contactId, disposition: sending.disposition, notes: '' });
          if (sending.type === 'whisper') agent.socket.send({ type: 'whisper', to: sending.madeUp ? 'nobody' : supervisor.agent.id, text: 'Need help' });
          if (sending.type === 'call-back' || sending.type === 'callback-done') agent.socket.send({ type: sending.type, contactId });
          if (sending.type === 'transfer') {
            const to = sending.to === 'agent' ? { agent: other.session.agent.id } : sending.to === 'nobody' ? { agent: 'nobody' } : { queue: sending.to };
            agent.socket.send({ type: 'transfer', contactId, to, warm: sending.warm && 'agent' in to, note: '' });
          }
        }
        await readAll(context);
      }

      // Every visitor leaves; the agents are Available again once their wrap-ups are over.
      const context = `seed ${seed}, after:\n${done.join('\n')}`;
      for (const visitor of visitors.values()) {
        visitor.send({ type: 'cancel' });
        visitor.send({ type: 'hangup', reason: 'hangup' });
      }
      await Promise.all([...visitors.values()].map((visitor) => Promise.race([visitor.next('ended', 10_000), visitor.closed])));
      for (const agent of team) agent.socket.send({ type: 'presence', status: 'available' });
      await readAll(context);
      // The supervisors' board forgets them all: no one waits or talks, and both agents are free.
      const settled = (now: Board | null) => now !== null &&
        team.every((agent) => now.agents.some((a) => a.id === agent.session.agent.id && a.status === 'available' && !a.wrappingUp)) &&
        ![...now.waiting.map((w) => w.id), ...now.calls.map((c) => c.contactId), ...now.agents.flatMap((a) => a.contacts.map((c) => c.id))].some((id) => given.contacts.includes(id));
      while (!settled(lastBoard)) {
        const next = await board.next<{ type: 'board'; board: Board }>('board', 10_000).catch(() => null);
        expect(next, `${context}\nthe board still shows: ${JSON.stringify(lastBoard)}`).not.toBeNull();
        lastBoard = next!.board;
      }

      // And the next visitor is answered as usual.
      await readAll(context);
      const call = await startChat(await visitorSession());
      const visitor = await joinConversation(call.conversationId, call.token);
      const answering = await Promise.any(team.map(async (agent) => ({ agent, offer: await agent.socket.next('offer', 10_000) })));
      answering.agent.socket.send({ type: 'accept', offerId: answering.offer.offerId });
      expect(await visitor.next('accepted'), context).toMatchObject({ type: 'accepted' });
      visitor.send({ type: 'hangup', reason: 'hangup' });
      await visitor.next('ended');
      for (const socket of [...sockets(), ...joined, ...visitors.values(), visitor]) {
        closing.add(socket);
        socket.close();
      }
    }, 120_000);
  });
}
