// Hosts every actor in this one process: the directory and each switchboard
// get an SQLite file of their own, the conversations share one; each actor
// has its sockets in memory, its alarm as a timer, and its socket events one
// at a time.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Conversation, type ParticipantAttachment } from '../../actors/conversation.ts';
import { Directory } from '../../actors/directory.ts';
import type { ActorContext, ActorHost, ActorSocket, Actors } from '../../actors/host.ts';
import { Switchboard, type AgentAttachment } from '../../actors/switchboard.ts';
import type { Tokens } from '../../auth/tokens.ts';
import type { IceConfig } from '../../auth/turn.ts';
import type { WebhookRetry } from '../../webhooks/outbox.ts';
import { migrate } from '../../storage/storage.ts';
import { readMigrations } from './migrations.ts';
import { openConversationStore } from './conversation-store.ts';
import { openSqlite, writeFailures } from './sqlite.ts';

/** An actor that takes socket events and alarms. */
interface SocketActor<A> {
  socketOpened(socket: ActorSocket<A>): Promise<void>;
  socketMessage(socket: ActorSocket<A>, text: string): Promise<void>;
  socketClosed(socket: ActorSocket<A>): Promise<void>;
  alarm?(): Promise<void>;
}

interface Entry<T, A> {
  actor: T;
  events: SocketActor<A>;
  /** Gives back what the actor holds open: a switchboard's file; nothing for a conversation, whose rows are in the shared file. */
  release(): void;
  sockets: Set<ActorSocket<A>>;
  timer: NodeJS.Timeout | null;
  /** When the alarm of `timer` is due. */
  alarmAt: number | null;
  queue: Promise<void>;
  /** Events queued or running. */
  pending: number;
  lastUsed: number;
}

export interface NodeActors extends Actors {
  /** Runs a socket event on its actor, after the ones before it. */
  socketEvent<A>(target: { actor: 'switchboard'; tenantId: string } | { actor: 'conversation'; conversationId: string }, run: (events: SocketActor<A>, sockets: Set<ActorSocket<A>>) => Promise<void>): Promise<void>;
  /**
   * Relays a signal between two connected sides at once when its
   * conversation has no socket event queued or running, so it keeps its
   * place among them; false when it is to take its turn as a socket event.
   * Most of a call's messages are signals, and a turn behind the queue's
   * promises cost each of them a few microseconds (docs/performance.md).
   */
  relaySignalNow(conversationId: string, socket: ActorSocket<ParticipantAttachment>, text: string): boolean;
  /**
   * Runs `deliver` once the conversations' writes so far are committed (at
   * once when none is waiting), or `lost` if the commit failed: what a
   * socket or a response carries out of the process may depend on them.
   */
  afterCommit(deliver: () => void, lost: () => void): void;
  /** Whether a write failed for want of room (a full disk) in the last 30 seconds. */
  storageFailing(): boolean;
  /** How many actors are in memory now: idle ones leave it. */
  loaded(): { switchboards: number; conversations: number };
  /** Stops the actors; resolves once their files are closed. */
  close(): Promise<void>;
}

const idleEvictionMs = 5 * 60_000;
// How often idle actors leave memory, and sleeping ones are woken for their alarms.
const sweepMs = 60_000;
// The longest delay setTimeout takes (2^31 − 1 ms).
const longestTimerMs = 2_147_483_647;

/**
 * Creates the in-process actor registry over a data directory.
 * @example const actors = createNodeActors({ dataDir: './data', tokens, ringTimeoutMs: 30_000, reconnectGraceMs: 15_000, wrapUpMs: 30_000, ice: noIceServers, webhookRetry: defaultWebhookRetry });
 */
export function createNodeActors(options: {
  dataDir: string;
  tokens: Tokens;
  ringTimeoutMs: number;
  reconnectGraceMs: number;
  wrapUpMs: number;
  ice: IceConfig;
  webhookRetry: WebhookRetry;
  /** Visitor sessions one client address may open in a minute. */
  visitorSessionsPerMinute?: number;
  /** The window in which an agent's searches of the contacts are counted, when not a minute. */
  searchWindowMs?: number;
}): NodeActors {
  mkdirSync(join(options.dataDir, 'switchboards'), { recursive: true });
  // Writes that failed for want of room, in any of the files: health reports them.
  const failures = writeFailures();
  const openStorage = (path: string, kind: 'directory' | 'switchboard') => {
    const storage = openSqlite(path, { onWriteFailed: failures.note });
    migrate(storage, readMigrations(kind));
    return storage;
  };
  const directoryStorage = openStorage(join(options.dataDir, 'directory.sqlite'), 'directory');
  const directory = new Directory(directoryStorage, Date.now, options.visitorSessionsPerMinute);
  // Earlier versions kept a file per conversation under conversations/: they are moved in.
  const conversationStore = openConversationStore(join(options.dataDir, 'conversations.sqlite'), readMigrations('conversation'), join(options.dataDir, 'conversations'), failures.note);
  const switchboards = new Map<string, Entry<Switchboard, AgentAttachment>>();
  const conversations = new Map<string, Entry<Conversation, ParticipantAttachment>>();
  // Actors that left memory with an alarm still to come (a visitor's address
  // to forget in 7 days, contacts to delete), by when it is due.
  const sleeping = { switchboards: new Map<string, number>(), conversations: new Map<string, number>() };
  let closed = false;
  // A conversation keeps some of its rows in memory; after a failed commit it reads them again.
  conversationStore.whenUndone(() => {
    for (const entry of conversations.values()) entry.actor.forget();
  });

  function host<A>(entry: () => Entry<unknown, A>): ActorHost<A> {
    const alarms: ActorHost<A> = {
      sockets: () => [...entry().sockets],
      setAlarm(at) {
        const current = entry();
        if (current.timer) clearTimeout(current.timer);
        current.alarmAt = at;
        if (at === null) return void (current.timer = null);
        // A timer holds at most 24.8 days (a longer one fires at once); an alarm further off (contacts kept for a year) waits in steps.
        const wait = Math.max(0, at - Date.now());
        current.timer = setTimeout(() => {
          current.timer = null;
          current.alarmAt = null;
          if (wait > longestTimerMs) return alarms.setAlarm(at);
          void enqueue(current, () => current.events.alarm?.() ?? Promise.resolve());
        }, Math.min(wait, longestTimerMs));
      },
    };
    return alarms;
  }

  function switchboardEntry(tenantId: string) {
    let entry = switchboards.get(tenantId);
    if (!entry) {
      const storage = openStorage(join(options.dataDir, 'switchboards', `${safeName(tenantId)}.sqlite`), 'switchboard');
      sleeping.switchboards.delete(tenantId);
      const actor = new Switchboard(tenantId, storage, host(() => entry!), context);
      entry = newEntry(actor, () => (actor.stop(), storage.close()), {
        socketOpened: (socket) => actor.agentSocketOpened(socket),
        socketMessage: (socket, text) => actor.agentSocketMessage(socket, text),
        socketClosed: (socket) => actor.agentSocketClosed(socket),
        alarm: () => actor.alarm(),
      });
      switchboards.set(tenantId, entry);
      // Offers that were ringing when the process stopped time out as usual; queued webhooks go out.
      void enqueue(entry, () => actor.alarm());
    }
    entry.lastUsed = Date.now();
    return entry;
  }

  function conversationEntry(conversationId: string) {
    let entry = conversations.get(conversationId);
    if (!entry) {
      const actor = new Conversation(conversationStore.storage(conversationId), host(() => entry!), context);
      sleeping.conversations.delete(conversationId);
      entry = newEntry(actor, () => {}, actor);
      conversations.set(conversationId, entry);
      // A grace period that was running when the process stopped runs on.
      void enqueue(entry, () => actor.alarm());
    }
    entry.lastUsed = Date.now();
    return entry;
  }

  const actors: NodeActors = {
    directory: () => directory,
    switchboard: (tenantId) => switchboardEntry(tenantId).actor,
    conversation: (conversationId) => conversationEntry(conversationId).actor,
    socketEvent(target, run) {
      if (closed) return Promise.resolve();
      const entry = (target.actor === 'switchboard' ? switchboardEntry(target.tenantId) : conversationEntry(target.conversationId)) as unknown as Entry<unknown, never>;
      return enqueue(entry, () => run(entry.events as never, entry.sockets as never));
    },
    relaySignalNow(conversationId, socket, text) {
      const entry = conversations.get(conversationId);
      if (closed || !entry || entry.pending) return false;
      entry.lastUsed = Date.now();
      return entry.actor.relaySignalNow(socket, text);
    },
    afterCommit: (deliver, lost) => conversationStore.afterCommit(deliver, lost),
    storageFailing: failures.recent,
    loaded: () => ({ switchboards: switchboards.size, conversations: conversations.size }),
    async close() {
      closed = true;
      clearInterval(sweeper);
      for (const registry of [switchboards, conversations] as Map<string, Entry<unknown, unknown>>[]) {
        for (const entry of registry.values()) {
          if (entry.timer) clearTimeout(entry.timer);
          entry.release();
        }
        registry.clear();
      }
      await conversationStore.close();
      directoryStorage.close();
    },
  };
  const context: ActorContext = {
    actors,
    tokens: options.tokens,
    now: () => Date.now(),
    ringTimeoutMs: options.ringTimeoutMs,
    reconnectGraceMs: options.reconnectGraceMs,
    wrapUpMs: options.wrapUpMs,
    ice: options.ice,
    webhookRetry: options.webhookRetry,
    searchWindowMs: options.searchWindowMs,
  };

  // Alarms were timers of the process before this one: every tenant's switchboard
  // wakes once, so that what fell due meanwhile is done and its next alarm set,
  // also for a tenant nobody uses now (its visitors' addresses are forgotten
  // after 7 days, its contacts after the days it keeps them).
  for (const file of readdirSync(join(options.dataDir, 'switchboards'))) {
    const tenantId = /^([A-Za-z0-9_-]{1,64})\.sqlite$/.exec(file)?.[1];
    if (tenantId) switchboardEntry(tenantId);
  }

  // Idle actors leave memory and give back their file handles; they come back
  // on the next use, or a sweep before their alarm is due (an actor wakes by
  // running its alarm, which does what is due and sets the next one). Without
  // this every tenant used in the last week would stay in memory for its
  // visitors' addresses alone.
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const [registry, asleep] of [[switchboards, sleeping.switchboards], [conversations, sleeping.conversations]] as [Map<string, Entry<unknown, unknown>>, Map<string, number>][]) {
      for (const [key, entry] of registry) {
        if (entry.sockets.size || entry.pending || now - entry.lastUsed < idleEvictionMs) continue;
        if (entry.alarmAt !== null && entry.alarmAt - now < 2 * sweepMs) continue;
        if (entry.timer) clearTimeout(entry.timer);
        if (entry.alarmAt !== null) asleep.set(key, entry.alarmAt);
        entry.release();
        registry.delete(key);
      }
    }
    for (const [tenantId, at] of sleeping.switchboards) if (at - now < 2 * sweepMs) switchboardEntry(tenantId);
    for (const [conversationId, at] of sleeping.conversations) if (at - now < 2 * sweepMs) conversationEntry(conversationId);
  }, sweepMs);
  sweeper.unref();

  return actors;
}

function newEntry<T, A>(actor: T, release: () => void, events: SocketActor<A>): Entry<T, A> {
  return { actor, events, release, sockets: new Set(), timer: null, alarmAt: null, queue: Promise.resolve(), pending: 0, lastUsed: Date.now() };
}

function enqueue(entry: { queue: Promise<void>; pending: number; lastUsed: number }, work: () => Promise<void>): Promise<void> {
  entry.lastUsed = Date.now();
  entry.pending++;
  entry.queue = entry.queue.then(work).catch((error) => console.error(error)).finally(() => entry.pending--);
  return entry.queue;
}

// Ids come from our own tokens, but a file name gets only safe characters all the same.
function safeName(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new Error(`unsafe actor id ${id}`);
  return id;
}
