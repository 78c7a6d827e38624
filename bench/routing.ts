// Routing at the size of a big support floor: 1,000 agents and 10,000
// waiting contacts in one tenant. Two figures: the pure planner on that
// state, and the real Switchboard (SQLite on disk, every write committed)
// routing contacts one accepted offer at a time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActorContext, ActorSocket, ConversationApi, DirectoryApi } from '../api/src/actors/host.ts';
import { Switchboard, type AgentAttachment } from '../api/src/actors/switchboard.ts';
import { createTokens, generateSigningKeys } from '../api/src/auth/tokens.ts';
import { planOffers, type RoutingAgent, type WaitingContact } from '../api/src/routing/routing.ts';
import { migrate } from '../api/src/storage/storage.ts';
import { readMigrations } from '../api/src/runtime/node/migrations.ts';
import { openSqlite } from '../api/src/runtime/node/sqlite.ts';
import { defaultWebhookRetry } from '../api/src/webhooks/outbox.ts';
import { printTable, saveResults, type BenchOptions } from './report.ts';

const skills = ['billing', 'es', 'de', 'hardware', 'vip'];
// A fixed seed, so every run routes the same floor.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const queues = [{ id: 'support', skills: [] as string[] }, ...skills.map((skill) => ({ id: skill, skills: [skill] }))];

export interface RoutingFigures {
  agents: number;
  waiting: number;
  planner: { offers: number; planMs: number; microsPerDecision: number };
  switchboard: { routed: number; seconds: number; contactsPerSecond: number; msPerRoute: number };
}

/**
 * Measures the planner and the Switchboard on one floor.
 * @example const figures = await benchRouting({ agents: 1000, waiting: 10000, route: 200 });
 */
export async function benchRouting(size: { agents: number; waiting: number; route: number }): Promise<RoutingFigures> {
  return { agents: size.agents, waiting: size.waiting, planner: plannerFigures(size), switchboard: await switchboardFigures(size) };
}

function plannerFigures(size: { agents: number; waiting: number }) {
  const agents: RoutingAgent[] = Array.from({ length: size.agents }, (_, i) => ({
    id: `a${i}`, status: 'available', idleSince: Math.floor(random() * 1e6), skills: [pick(skills), pick(skills)], capacity: 1, active: 0, onCall: false, ringing: false, wrappingUp: false,
  }));
  const contacts: WaitingContact[] = Array.from({ length: size.waiting }, (_, i) => {
    const queue = pick(queues);
    return { id: `c${i}`, createdAt: i, queueId: queue.id, priority: queue.id === 'vip' ? 5 : 0, skills: queue.skills, call: true, offered: false, declinedBy: [] };
  });
  const runs: number[] = [];
  let offers = 0;
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    offers = planOffers(contacts, agents).length;
    runs.push(performance.now() - started);
  }
  const planMs = runs.sort((a, b) => a - b)[3]!;
  return { offers, planMs: round(planMs), microsPerDecision: round((planMs * 1000) / offers) };
}

async function switchboardFigures(size: { agents: number; waiting: number; route: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'beckon-bench-routing-'));
  const storage = openSqlite(join(dir, 'switchboard.sqlite'));
  try {
    migrate(storage, readMigrations('switchboard'));
    const sockets: ActorSocket<AgentAttachment>[] = [];
    const inbox = new Map<string, { type: string; offerId?: string }[]>();
    const conversation: ConversationApi = { open: async () => {}, queued: async () => {}, assign: async () => {}, recordQuality: async () => {} } as unknown as ConversationApi;
    // An offer says whether the tenant is relay-only (for the peer connection its console makes while it rings).
    const directory = { relayOnly: async () => false } as unknown as DirectoryApi;
    const context: ActorContext = {
      actors: { directory: () => directory, switchboard: () => { throw new Error('unused'); }, conversation: () => conversation },
      tokens: await createTokens(await generateSigningKeys()),
      now: () => Date.now(),
      ringTimeoutMs: 30_000,
      reconnectGraceMs: 15_000,
      wrapUpMs: 0,
      ice: { stunUrls: [], turnUrls: [], turnSecret: null },
      webhookRetry: defaultWebhookRetry,
    };
    const switchboard = new Switchboard('bench', storage, { sockets: () => sockets, setAlarm: () => {} }, context);
    for (const queue of queues) await switchboard.saveQueue({ id: queue.id, name: queue.id, priority: queue.id === 'vip' ? 5 : 0, skills: queue.skills });

    // The floor: agents signed in but Away, then a long queue (set up directly; only routing is measured).
    for (let i = 0; i < size.agents; i++) {
      const email = `agent${i}@bench.test`;
      const agentId = await switchboard.addAgent({ email, name: `Agent ${i}`, role: 'agent', passwordHash: 'x' });
      await switchboard.setAgentRouting(email, { skills: [pick(skills), pick(skills)], capacity: 1 });
      storage.exec("UPDATE agents SET status = 'away', idle_since = ? WHERE id = ?", Math.floor(random() * 1e6), agentId);
      const messages: { type: string; offerId?: string }[] = [];
      inbox.set(agentId, messages);
      sockets.push({ attachment: { agentId, expiresAt: Number.POSITIVE_INFINITY }, send: (text) => void messages.push(JSON.parse(text)), close: () => {}, reattach: () => {} });
    }
    storage.transaction(() => {
      for (let i = 0; i < size.waiting; i++) {
        storage.exec(
          "INSERT INTO contacts (id, visitor_id, visitor_label, page, media, state, created_at, queue_id) VALUES (?, ?, ?, '', 'audio', 'queued', ?, ?)",
          `c${i}`, `v${i}`, `Visitor ${i}`, i, pick(queues).id,
        );
      }
    });

    // One agent after another comes back and answers: two routing decisions per contact.
    const started = performance.now();
    let routes = 0;
    let routed = 0;
    for (const socket of sockets.slice(0, size.route)) {
      await switchboard.agentSocketMessage(socket, JSON.stringify({ type: 'presence', status: 'available' }));
      routes++;
      const offer = inbox.get(socket.attachment.agentId)!.find((message) => message.type === 'offer');
      if (!offer) continue;
      await switchboard.agentSocketMessage(socket, JSON.stringify({ type: 'accept', offerId: offer.offerId }));
      routes++;
      routed++;
    }
    const seconds = (performance.now() - started) / 1000;
    return { routed, seconds: round(seconds), contactsPerSecond: round(routed / seconds), msPerRoute: round((seconds * 1000) / routes) };
  } finally {
    storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Runs the routing benchmark, prints its table and saves bench/results/routing.json.
 * @example await runRouting({ quick: true });
 */
export async function runRouting(options: BenchOptions): Promise<void> {
  const figures = await benchRouting(options.quick ? { agents: 100, waiting: 1000, route: 50 } : { agents: 1000, waiting: 10_000, route: 100 });
  await saveResults('routing', figures, options);
  printTable(`Routing: ${figures.agents} agents, ${figures.waiting} waiting contacts in one tenant`, [
    { where: 'planner (pure function)', decisions: figures.planner.offers, 'ms per plan': figures.planner.planMs, 'µs per decision': figures.planner.microsPerDecision },
    { where: 'Switchboard (SQLite)', decisions: figures.switchboard.routed, 'ms per plan': figures.switchboard.msPerRoute, 'contacts routed per s': figures.switchboard.contactsPerSecond },
  ]);
}
