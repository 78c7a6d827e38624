// How a conversation numbers its messages, on the Node host's real
// conversations file. The actor keeps the numbers in memory; a new instance
// over the same storage (a restart, an actor that left memory) must number on
// from what was stored: act on a re-sent stored message once, and keep a
// side's messages in order after the ones it saw. Signals for a participant
// whose socket is open are kept in memory, not stored, until that socket
// closes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { limits, type ConversationServerMessage } from '@beckon/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConversationStore, type ConversationStore } from '../runtime/node/conversation-store.ts';
import { readMigrations } from '../runtime/node/migrations.ts';
import { noIceServers } from '../auth/turn.ts';
import { Conversation, type ParticipantAttachment } from './conversation.ts';
import type { ActorContext, ActorSocket } from './host.ts';

interface TestSocket extends ActorSocket<ParticipantAttachment> { received: ConversationServerMessage[] }

let dir: string;
let store: ConversationStore;
let sockets: TestSocket[];

let relayOnly: boolean;
let recordCalls: boolean;
let now: number;
// What the Switchboard heard of holds.
let holds: boolean[];
const context = {
  actors: {
    directory: () => ({ relayOnly: async () => relayOnly }),
    switchboard: () => ({
      settings: async () => ({ maxFileBytes: 1024, recordCalls }),
      contactRecorded: async () => {},
      contactEnded: async () => 'completed',
      mediaChanged: async () => {},
      agentOnAnotherCall: async () => false,
      holdChanged: async (_id: string, on: boolean) => void holds.push(on),
    }),
  },
  now: () => now,
  ice: noIceServers,
} as unknown as ActorContext;
const host = { sockets: () => sockets, setAlarm: () => {} };
const actor = () => new Conversation(store.storage('c1'), host, context);

function connect(participant: 'visitor' | 'agent', since?: number): TestSocket {
  const socket: TestSocket = {
    attachment: { participant, participantId: participant === 'visitor' ? 'v1' : 'a1', since },
    received: [],
    send: (text) => socket.received.push(JSON.parse(text) as ConversationServerMessage),
    close: () => (sockets = sockets.filter((other) => other !== socket)),
    reattach: () => {},
  };
  sockets.push(socket);
  return socket;
}

const candidate = (port: number) => ({ candidate: `candidate:1 1 udp 1 127.0.0.2 ${port} typ host`, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' });
const signal = (port: number, seq: number) => JSON.stringify({ type: 'signal', candidate: candidate(port), seq });
const ports = (socket: TestSocket) => socket.received.flatMap((message) => (message.type === 'signal' && 'candidate' in message ? [Number(message.candidate.candidate.split(' ')[5])] : []));
const numbers = (socket: TestSocket) => socket.received.flatMap((message) => ('seq' in message && message.type !== 'ack' ? [message.seq as number] : []));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'beckon-conversation-'));
  store = openConversationStore(join(dir, 'conversations.sqlite'), readMigrations('conversation'));
  sockets = [];
  relayOnly = false;
  recordCalls = false;
  holds = [];
  now = 1_700_000_000_000;
  const first = actor();
  await first.open({ id: 'c1', tenantId: 'demo', visitorId: 'v1', media: 'video' });
  await first.assign({ agentId: 'a1', agentName: 'Ada' });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

// Both sides joined and the call started.
async function callStarted() {
  const visitor = connect('visitor');
  const agent = connect('agent');
  const conversation = actor();
  await conversation.socketOpened(visitor);
  await conversation.socketOpened(agent);
  return { visitor, agent, conversation };
}

// The call started; then the agent's socket dropped.
async function callWithAgentAway() {
  const { visitor, agent } = await callStarted();
  const lastSeen = Math.max(...numbers(agent));
  agent.close();
  return { visitor, lastSeen };
}

describe('message numbers', () => {
  it('are read back from storage: a re-sent signal is relayed once, and each side gets the rest in order', async () => {
    const { visitor, lastSeen } = await callWithAgentAway();
    const first = actor();
    await first.socketMessage(visitor, signal(5001, 1));
    await first.socketMessage(visitor, signal(5002, 2));
    await first.socketMessage(visitor, signal(5002, 2));

    // The process restarted: a new actor, nothing in memory.
    const second = actor();
    await second.socketMessage(visitor, signal(5002, 2));
    await second.socketMessage(visitor, signal(5003, 3));
    expect(visitor.received.filter((message) => message.type === 'ack')).toHaveLength(5);

    const agent = connect('agent', lastSeen);
    const third = actor();
    await third.socketOpened(agent);
    expect(ports(agent)).toEqual([5001, 5002, 5003]);
    await third.socketMessage(agent, signal(6001, 1));
    await third.socketMessage(agent, signal(6001, 1));
    expect(ports(visitor)).toEqual([6001]);
    const seen = numbers(visitor);
    expect(seen.at(-1)).toBe(Math.max(...seen));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('of signals in flight are stored ahead: a restarted host never gives a page a number it has seen', async () => {
    const { visitor, agent } = await callStarted();
    const first = actor();
    for (let seq = 1; seq <= 3; seq++) await first.socketMessage(visitor, signal(5000 + seq, seq));
    expect(ports(agent)).toEqual([5001, 5002, 5003]);
    const seen = Math.max(...numbers(agent));

    // The process restarted; the agent's page reconnects and the visitor writes.
    const back = connect('agent', seen);
    agent.close();
    const second = actor();
    await second.socketOpened(back);
    await second.socketMessage(visitor, chat('m1', 4));
    expect(back.received).toContainEqual(expect.objectContaining({ type: 'chat' }));
    expect(Math.min(...numbers(back))).toBeGreaterThan(seen);
  });

  it('start again from 1 for a page that reloads, whatever the earlier page had sent', async () => {
    const { visitor } = await callWithAgentAway();
    const first = actor();
    for (let seq = 1; seq <= 3; seq++) await first.socketMessage(visitor, signal(5000 + seq, seq));
    visitor.close();

    const reloaded = connect('visitor');
    await actor().socketOpened(reloaded);
    await actor().socketMessage(reloaded, JSON.stringify({ type: 'chat', id: 'm1', text: 'Still there?', seq: 1 }));
    expect(reloaded.received).toContainEqual(expect.objectContaining({ type: 'chat', message: expect.objectContaining({ text: 'Still there?' }) }));
  });
});

describe('signals for a participant whose socket is open', () => {
  const storedSignals = () => store.storage('c1').exec<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE json_extract(message, '$.type') = 'signal'")[0]!.n;

  it('go at once and are not stored; a page that reconnects gets those it missed, in order with the rest', async () => {
    const { visitor, agent, conversation } = await callStarted();
    const before = Math.max(...numbers(agent));
    await conversation.socketMessage(visitor, signal(5001, 1));
    await conversation.socketMessage(visitor, chat('m1', 2));
    await conversation.socketMessage(visitor, signal(5002, 3));
    expect(ports(agent)).toEqual([5001, 5002]);
    expect(acks(visitor)).toEqual([1, 2, 3]);
    expect(storedSignals()).toBe(0);

    // The agent's socket was dead since the first signal: a new one says so, before the old one is seen to close.
    const back = connect('agent', before + 1);
    await conversation.socketOpened(back);
    expect(back.received.map((message) => message.type)).toEqual(['chat', 'signal']);
    expect(ports(back)).toEqual([5002]);
    expect(numbers(back)).toEqual([before + 2, before + 3]);
    agent.close();
    await conversation.socketClosed(agent);
    expect(storedSignals()).toBe(0);
  });

  it('wait in storage once the participant\'s last socket closes, and reach them after a restart', async () => {
    const { visitor, agent, conversation } = await callStarted();
    const before = Math.max(...numbers(agent));
    await conversation.socketMessage(visitor, signal(5001, 1));
    await conversation.socketMessage(visitor, signal(5002, 2));
    agent.close();
    await conversation.socketClosed(agent);
    expect(storedSignals()).toBe(2);

    const back = connect('agent', before);
    await actor().socketOpened(back);
    expect(ports(back)).toEqual([5001, 5002]);
    // The restarted host still knows how far the visitor's messages went.
    await actor().socketMessage(visitor, signal(5002, 2));
    expect(ports(back)).toEqual([5001, 5002]);
  });

  it('are let go of once the page has read them, where the host can tell: one question at a time', async () => {
    const { visitor, agent, conversation } = await callStarted();
    const questions: (() => void)[] = [];
    agent.confirm = (delivered) => questions.push(delivered);
    const before = Math.max(...numbers(agent));
    await conversation.socketMessage(visitor, signal(5001, 1));
    await conversation.socketMessage(visitor, signal(5002, 2));
    expect(questions).toHaveLength(1);
    // The page read the first; the second went out after the question.
    questions[0]!();
    await conversation.socketMessage(visitor, signal(5003, 3));
    expect(questions).toHaveLength(2);

    // A second socket of the agent's page, saying it saw nothing new: it gets only what was not confirmed.
    const back = connect('agent', before);
    await conversation.socketOpened(back);
    expect(ports(back)).toEqual([5002, 5003]);
  });

  it('are relayed the same way outside the socket events, for a host with none queued; anything else is left to them, untouched', async () => {
    const { visitor, agent, conversation } = await callStarted();
    expect(conversation.relaySignalNow(visitor, signal(5001, 1))).toBe(true);
    expect(conversation.relaySignalNow(visitor, signal(5001, 1))).toBe(true);
    expect(ports(agent)).toEqual([5001]);
    expect(acks(visitor)).toEqual([1, 1]);
    const heard = () => visitor.received.length + agent.received.length;
    const before = heard();
    expect(conversation.relaySignalNow(visitor, chat('m1', 2))).toBe(false);
    expect(conversation.relaySignalNow(visitor, '{"type":"signal"')).toBe(false);
    // Past the bound of what is held in memory, it is stored first, as a socket event does.
    const offer = (seq: number) => JSON.stringify({ type: 'signal', description: { type: 'offer', sdp: 'v'.repeat(limits.maxSdpChars) }, seq });
    let seq = 1;
    while (conversation.relaySignalNow(visitor, offer(++seq)) && seq < 1000);
    expect(storedSignals()).toBe(0);
    await conversation.socketMessage(visitor, offer(seq));
    // The first signal, the offers held before, and this one.
    expect(storedSignals()).toBe(seq);
    // For a participant who is away, too.
    agent.close();
    const asked = heard();
    expect(conversation.relaySignalNow(visitor, signal(5002, seq + 1))).toBe(false);
    expect(heard()).toBe(asked);
    expect(before).toBeLessThan(asked);
    await conversation.socketMessage(visitor, signal(5002, seq + 1));
    expect(storedSignals()).toBe(seq + 1);
  });

  it('are held in memory only up to a bound: past it, they are stored', async () => {
    const { visitor, conversation } = await callStarted();
    const offer = (seq: number) => JSON.stringify({ type: 'signal', description: { type: 'offer', sdp: 'v'.repeat(limits.maxSdpChars) }, seq });
    let seq = 0;
    while (!storedSignals() && seq < 1000) await conversation.socketMessage(visitor, offer(++seq));
    expect(storedSignals()).toBe(seq);
    // The one after the bound was passed is stored with those held before it.
    expect((seq - 2) * limits.maxSdpChars).toBeLessThan(256 * 1024);
    expect((seq - 1) * (limits.maxSdpChars + 100)).toBeGreaterThan(256 * 1024);
  });
});

describe('relay-only', () => {
  const relayCandidate = (port: number, seq: number) => JSON.stringify({
    type: 'signal', seq, candidate: { candidate: `candidate:2 1 udp 1 127.0.0.1 ${port} typ relay raddr 0.0.0.0 rport 0`, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' },
  });
  const policies = (socket: TestSocket) => socket.received.flatMap((message) => (message.type === 'start' ? [message.iceTransportPolicy] : []));

  it('follows the tenant\'s policy as it stands when the call starts, not when the conversation opened', async () => {
    // The conversation opened (beforeEach) before the tenant turned relay-only on.
    relayOnly = true;
    const { visitor, agent, conversation } = await callStarted();
    expect(new Set([...policies(visitor), ...policies(agent)])).toEqual(new Set(['relay']));
    await conversation.socketMessage(visitor, signal(5001, 1));
    await conversation.socketMessage(visitor, relayCandidate(5002, 2));
    // A restarted host reads the policy back with the conversation.
    await actor().socketMessage(visitor, signal(5003, 3));
    expect(ports(agent)).toEqual([5002]);

    // Turned off again: the call keeps the policy it started with until it starts again (a reload).
    relayOnly = false;
    await actor().socketMessage(visitor, signal(5004, 4));
    expect(ports(agent)).toEqual([5002]);
    visitor.close();
    const reloaded = connect('visitor');
    await actor().socketOpened(reloaded);
    expect(policies(reloaded)).toEqual(['all']);
    await actor().socketMessage(reloaded, signal(5005, 1));
    expect(ports(agent)).toEqual([5002, 5005]);
  });
});

describe('an offer the agent made while it rang, sent with Accept', () => {
  const offer = { description: { type: 'offer' as const, sdp: 'v=0\r\na=candidate:1 1 udp 1 127.0.0.2 5000 typ host\r\n' } };
  const prepared = [offer, { candidate: candidate(5001) }, { candidate: candidate(5002) }];
  // A new conversation the agent's console joined while it rang, then accepted.
  async function ringing(visitorHere: boolean) {
    const conversation = new Conversation(store.storage('c2'), host, context);
    await conversation.open({ id: 'c2', tenantId: 'demo', visitorId: 'v1', media: 'video' });
    const visitor = visitorHere ? connect('visitor') : null;
    if (visitor) await conversation.socketOpened(visitor);
    const agent = connect('agent');
    await conversation.socketOpened(agent);
    await conversation.assign({ agentId: 'a1', agentName: 'Ada', prepared });
    return { conversation, visitor, agent };
  }
  const kinds = (socket: TestSocket) => socket.received.map((message) => (message.type === 'signal' ? ('description' in message ? message.description.type : 'candidate') : message.type));

  it('reaches the visitor right after their start, and the agent\'s start says it did', async () => {
    const { visitor, agent } = await ringing(true);
    if (!visitor) throw new Error('the visitor joined');
    expect(kinds(visitor).slice(-4)).toEqual(['start', 'offer', 'candidate', 'candidate']);
    expect(ports(visitor)).toEqual([5001, 5002]);
    expect(agent.received[0]).toMatchObject({ type: 'start', polite: false, prepared: true });
  });

  it('is relayed as any signal of a relay-only call: no host candidate reaches the visitor', async () => {
    relayOnly = true;
    const { visitor } = await ringing(true);
    if (!visitor) throw new Error('the visitor joined');
    expect(kinds(visitor).slice(-2)).toEqual(['start', 'offer']);
    expect(JSON.stringify(visitor.received)).not.toContain('typ host');
  });

  it('is dropped when the call does not start with the accept: the later start is a new one', async () => {
    const { conversation, agent } = await ringing(false);
    const visitor = connect('visitor');
    await conversation.socketOpened(visitor);
    expect(kinds(visitor)).not.toContain('offer');
    expect(agent.received.find((message) => message.type === 'start')).not.toHaveProperty('prepared');
  });
});

describe('an ended conversation', () => {
  it('keeps its transcript but nothing kept for a reconnect: no signal, with its network addresses, stays stored', async () => {
    const { visitor, agent, conversation } = await callStarted();
    await conversation.socketMessage(visitor, signal(5001, 1));
    await conversation.socketMessage(visitor, JSON.stringify({ type: 'chat', id: 'm1', text: 'Thanks, bye', seq: 2 }));
    const stored = () => store.storage('c1').exec<{ n: number }>('SELECT COUNT(*) AS n FROM outbox')[0]!.n;
    expect(stored()).toBeGreaterThan(0);

    await conversation.socketMessage(visitor, JSON.stringify({ type: 'hangup', reason: 'hangup', seq: 3 }));
    expect(visitor.received.at(-1)).toMatchObject({ type: 'ended', reason: 'hangup' });
    expect(stored()).toBe(0);
    expect(actor().transcript()).toEqual([expect.objectContaining({ text: 'Thanks, bye', from: 'visitor' })]);

    // A page that comes back hears that it ended, and nothing else.
    const back = connect('visitor', 1);
    await actor().socketOpened(back);
    expect(back.received).toEqual([{ type: 'ended', reason: 'hangup', outcome: 'completed' }]);
  });
});

const chat = (id: string, seq: number) => JSON.stringify({ type: 'chat', id, text: `Message ${id}`, seq });
const errors = (socket: TestSocket) => socket.received.flatMap((message) => (message.type === 'error' ? [message.code] : []));
const acks = (socket: TestSocket) => socket.received.flatMap((message) => (message.type === 'ack' ? [message.seq] : []));

describe('chat messages in a burst', () => {
  it('are refused past the limit per participant, with an error, and taken again once the window has passed', async () => {
    const { visitor, agent, conversation } = await callStarted();
    const { max, windowMs } = limits.chatMessagesPerParticipant;
    for (let seq = 1; seq <= max + 1; seq++) await conversation.socketMessage(visitor, chat(`m${seq}`, seq));
    expect(conversation.transcript()).toHaveLength(max);
    expect(errors(visitor)).toEqual(['rate_limited']);
    // The error names the message it refuses, which the page offers to send again.
    expect(visitor.received.find((message) => message.type === 'error')).toMatchObject({ refusedSeq: max + 1 });
    // Handled (refused), so the page does not send it again by itself after a reconnect.
    expect(acks(visitor)).toContain(max + 1);
    expect(agent.received.filter((message) => message.type === 'chat')).toHaveLength(max);

    // The agent has a limit of their own.
    await conversation.socketMessage(agent, chat('a1', 1));
    expect(errors(agent)).toEqual([]);

    now += windowMs;
    await conversation.socketMessage(visitor, chat(`m${max + 1}`, max + 2));
    expect(conversation.transcript().at(-1)).toMatchObject({ id: `m${max + 1}`, from: 'visitor' });
  });
});

describe('what waits for a participant who is away', () => {
  const offer = (seq: number) => JSON.stringify({ type: 'signal', description: { type: 'offer', sdp: 'v'.repeat(limits.maxSdpChars) }, seq });

  it('is capped: the other side is refused past it, and everything it accepted reaches the participant when they are back', async () => {
    const { visitor, lastSeen } = await callWithAgentAway();
    const conversation = actor();
    let seq = 0;
    while (!errors(visitor).length && seq < 1000) await conversation.socketMessage(visitor, offer(++seq));
    const accepted = seq - 1;
    expect(errors(visitor)).toEqual(['backlog_full']);
    expect(accepted * limits.maxSdpChars).toBeGreaterThanOrEqual(limits.maxWaitingChars);
    expect(acks(visitor)).toContain(seq);
    // A chat would wait for the agent too: refused, not stored.
    await conversation.socketMessage(visitor, chat('m1', ++seq));
    expect(errors(visitor)).toEqual(['backlog_full', 'backlog_full']);
    expect(conversation.transcript()).toEqual([]);
    // A new instance (a restart) counts what is stored.
    await actor().socketMessage(visitor, offer(++seq));
    expect(errors(visitor)).toHaveLength(3);

    const agent = connect('agent', lastSeen);
    await actor().socketOpened(agent);
    const offers = agent.received.filter((message) => message.type === 'signal');
    expect(offers).toHaveLength(accepted);
    // Back: what they took is no longer kept, and the visitor may send again.
    const back = connect('agent', Math.max(...numbers(agent)));
    agent.close();
    await actor().socketOpened(back);
    await actor().socketMessage(visitor, signal(5001, ++seq));
    expect(ports(back)).toEqual([5001]);
  });

  it('is capped in number too, counting small messages', async () => {
    const { visitor } = await callWithAgentAway();
    const conversation = actor();
    let seq = 0;
    while (!errors(visitor).length && seq <= limits.maxWaitingMessages) await conversation.socketMessage(visitor, signal(5000, ++seq));
    expect(errors(visitor)).toEqual(['backlog_full']);
    expect(store.storage('c1').exec<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE participant = 'agent'")[0]!.n).toBe(limits.maxWaitingMessages);
  });
});

describe('hold', () => {
  const holdEvents = (socket: TestSocket) => socket.received.flatMap((message) => (message.type === 'hold' ? [message.on] : []));
  const kinds = (socket: TestSocket) => socket.received.map((message) => message.type).filter((type) => type === 'hold' || type === 'media' || type === 'transferred');

  it('is the agent’s: both sides hear of it, the Switchboard times it, and a reloaded page starts on hold', async () => {
    const { visitor, agent, conversation } = await callStarted();
    await conversation.socketMessage(agent, JSON.stringify({ type: 'hold', on: true, seq: 1 }));
    // Said again (a re-sent message, another click): nothing new.
    await conversation.socketMessage(agent, JSON.stringify({ type: 'hold', on: true, seq: 2 }));
    expect(holdEvents(visitor)).toEqual([true]);
    expect(holdEvents(agent)).toEqual([true]);
    expect(holds).toEqual([true]);

    visitor.close();
    now += 83_400;
    const reloaded = connect('visitor');
    await actor().socketOpened(reloaded);
    expect(holdEvents(reloaded)).toEqual([true]);
    // How long so far, for the agent's console to go on counting after a reload.
    expect(reloaded.received).toContainEqual({ type: 'hold', on: true, heldSeconds: 83, seq: expect.any(Number) });

    await actor().socketMessage(agent, JSON.stringify({ type: 'hold', on: false, seq: 3 }));
    expect(holdEvents(reloaded)).toEqual([true, false]);
    expect(holds).toEqual([true, false]);
  });

  it('is refused past a few holds of the call a minute, with an error; taking it off hold never is, and it is taken again once the window has passed', async () => {
    const { visitor, agent, conversation } = await callStarted();
    const { max, windowMs } = limits.holdsPerCall;
    let seq = 0;
    const hold = (on: boolean) => conversation.socketMessage(agent, JSON.stringify({ type: 'hold', on, seq: ++seq }));
    for (let n = 0; n < max; n++) {
      await hold(true);
      now += 4_000;
      await hold(false);
    }
    // The limit reached, the last hold still ends, and the next is refused.
    await hold(true);
    expect(agent.received.filter((message) => message.type === 'error')).toEqual([
      { type: 'error', code: 'rate_limited', message: 'You have put this call on hold too often in a short time. Please try again in 40 seconds.', refusedSeq: seq },
    ]);
    expect(holdEvents(visitor)).toEqual(Array.from({ length: max }, () => [true, false]).flat());
    expect(holds).toHaveLength(2 * max);
    // Once the first hold is a minute old, the next is taken.
    now += windowMs - 20_000 - 1;
    await hold(true);
    expect(errors(agent)).toEqual(['rate_limited', 'rate_limited']);
    now += 1;
    await hold(true);
    await hold(false);
    expect(holdEvents(visitor).slice(-2)).toEqual([true, false]);
    expect(errors(agent)).toEqual(['rate_limited', 'rate_limited']);
  });

  it('is refused from the visitor, and in a chat', async () => {
    const { visitor, agent, conversation } = await callStarted();
    await conversation.socketMessage(visitor, JSON.stringify({ type: 'hold', on: true, seq: 1 }));
    expect(visitor.received.at(-1)).toEqual({ type: 'error', code: 'conflict', message: 'Only the agent can put a call on hold.' });
    await conversation.socketMessage(agent, JSON.stringify({ type: 'request', kind: 'chat', seq: 1 }));
    await conversation.socketMessage(agent, JSON.stringify({ type: 'hold', on: true, seq: 2 }));
    expect(agent.received.at(-1)).toEqual({ type: 'error', code: 'conflict', message: 'There is no call to put on hold.' });
    expect(holdEvents(agent)).toEqual([]);
    expect(holds).toEqual([]);
  });

  it('ends with the call: back to chat, or a transfer to another agent', async () => {
    const { visitor, agent, conversation } = await callStarted();
    await conversation.socketMessage(agent, JSON.stringify({ type: 'hold', on: true, seq: 1 }));
    await conversation.socketMessage(agent, JSON.stringify({ type: 'request', kind: 'audio', seq: 2 }));
    await conversation.socketMessage(agent, JSON.stringify({ type: 'request', kind: 'chat', seq: 3 }));
    expect(kinds(visitor).slice(-4)).toEqual(['hold', 'media', 'hold', 'media']);
    expect(holdEvents(visitor)).toEqual([true, false]);
    expect(holds).toEqual([true, false]);

    await conversation.socketMessage(agent, JSON.stringify({ type: 'request', kind: 'video', seq: 4 }));
    await conversation.socketMessage(visitor, JSON.stringify({ type: 'consent', accept: true, seq: 1 }));
    await conversation.socketMessage(agent, JSON.stringify({ type: 'hold', on: true, seq: 5 }));
    await conversation.handOver({ agentId: 'a2', agentName: 'Bo' }, 'Bo');
    expect(kinds(visitor).slice(-3)).toEqual(['hold', 'hold', 'transferred']);
    expect(holdEvents(visitor)).toEqual([true, false, true, false]);
  });
});

describe('a recording of the call', () => {
  const part = new Uint8Array([1, 2, 3]);

  it.each([
    ['a queue', null],
    ['another agent', { agentId: 'a2', agentName: 'Bo' }],
  ])("takes its agent's last parts for a minute after they handed the call to %s, then no more", async (_to, next) => {
    recordCalls = true;
    const { conversation } = await callStarted();
    const segment = (await conversation.beginRecording('a1')) as number;
    expect(await conversation.addRecordingPart('a1', segment, 0, part)).toBe('saved');
    await conversation.handOver(next, 'Elsewhere');
    // What the console recorded up to the transfer.
    now += 5_000;
    expect(await conversation.addRecordingPart('a1', segment, 1, part)).toBe('saved');
    expect(await conversation.beginRecording('a1')).toBe('conflict');
    // Long after it, the agent who left adds nothing to the call's recording.
    now += 60_000;
    expect(await conversation.addRecordingPart('a1', segment, 2, part)).toBe('conflict');
  });
});
