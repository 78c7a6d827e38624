// How a conversation numbers its messages, on the Node host's real
// conversations file. The actor keeps the numbers in memory; a new instance
// over the same storage (a restart, an actor that left memory) must number on
// from what was stored: act on a re-sent message once, and keep a side's
// messages in order after the ones it saw.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationServerMessage } from '@beckon/protocol';
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
const context = {
  actors: {
    directory: () => ({ relayOnly: async () => relayOnly }),
    switchboard: () => ({ settings: async () => ({ maxFileBytes: 1024 }), contactEnded: async () => 'completed' }),
  },
  now: () => 1_700_000_000_000,
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
  const first = actor();
  await first.open({ id: 'c1', tenantId: 'demo', visitorId: 'v1', media: 'video' });
  await first.assign({ agentId: 'a1', agentName: 'Ada' });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

// Both sides joined and the call started; then the agent's socket dropped.
async function callWithAgentAway() {
  const visitor = connect('visitor');
  const agent = connect('agent');
  const first = actor();
  await first.socketOpened(visitor);
  await first.socketOpened(agent);
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
    await actor().socketMessage(agent, signal(6001, 1));
    expect(ports(visitor)).toEqual([6001]);
    const seen = numbers(visitor);
    expect(seen.at(-1)).toBe(Math.max(...seen));
    expect(new Set(seen).size).toBe(seen.length);
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

describe('relay-only', () => {
  const relayCandidate = (port: number, seq: number) => JSON.stringify({
    type: 'signal', seq, candidate: { candidate: `candidate:2 1 udp 1 127.0.0.1 ${port} typ relay raddr 0.0.0.0 rport 0`, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' },
  });
  const policies = (socket: TestSocket) => socket.received.flatMap((message) => (message.type === 'start' ? [message.iceTransportPolicy] : []));

  it('follows the tenant\'s policy as it stands when the call starts, not when the conversation opened', async () => {
    // The conversation opened (beforeEach) before the tenant turned relay-only on.
    relayOnly = true;
    const visitor = connect('visitor');
    const agent = connect('agent');
    const conversation = actor();
    await conversation.socketOpened(visitor);
    await conversation.socketOpened(agent);
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

describe('an ended conversation', () => {
  it('keeps its transcript but nothing kept for a reconnect: no signal, with its network addresses, stays stored', async () => {
    const visitor = connect('visitor');
    const agent = connect('agent');
    const conversation = actor();
    await conversation.socketOpened(visitor);
    await conversation.socketOpened(agent);
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
