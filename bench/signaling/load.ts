// The signaling load generator, a process of its own so that it does not share
// the server's event loop. Beckon: every pair is a real visitor and a real
// agent (sign-in, visitor session, call, offer, accept, both conversation
// sockets, `start`), then signals with `seq` as the rtc engine sends them. The
// floor and the protocol relay: each pair is two sockets in one room. Then all
// get the same messages at the same rate, and each message's one-way latency is
// measured here, where it is both sent and received. Pairs connect in
// steps, so that the benchmark can read what each step costs.
//
// Started with fork(): the plan is argv[2]; progress goes back over IPC.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { socketProtocols } from '@beckon/protocol';
import { percentile } from '../report.ts';
import { benchAgentEmail, connectSteps, goOn, signalId, signalMessage, type LoadPlan, type LoadProgress } from './load-plan.ts';

const plan = JSON.parse(process.argv[2]!) as LoadPlan;
const origin = `http://127.0.0.1:${plan.port}`;
const socketBase = `ws://127.0.0.1:${plan.port}`;
const report = (progress: LoadProgress) => process.send!(progress);
// Reports a phase and waits for the benchmark to have read the server.
const reportAndWait = (progress: LoadProgress) => new Promise<void>((resumed) => {
  process.once('message', (message) => message === goOn && resumed());
  report(progress);
});

interface Side { socket: WebSocket; seq: number }

async function post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function open(url: string): Promise<WebSocket> {
  return opening(new WebSocket(url));
}

function opening(socket: WebSocket): Promise<WebSocket> {
  return new Promise((opened, failed) => {
    socket.once('open', () => opened(socket));
    socket.once('error', failed);
  });
}

// Resolves on the first message of a type; the socket keeps its other listeners.
// Listen before the socket opens: a server's greeting can come in the same read as the upgrade.
function next(socket: WebSocket, type: string): Promise<Record<string, unknown>> {
  return new Promise((found) => {
    const listen = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.type !== type) return;
      socket.off('message', listen);
      found(message);
    };
    socket.on('message', listen);
  });
}

// Runs work(from) … work(to - 1), `width` at a time.
async function inBatches(from: number, to: number, width: number, work: (index: number) => Promise<void>): Promise<void> {
  let nextIndex = from;
  await Promise.all(Array.from({ length: Math.min(width, to - from) }, async () => {
    while (nextIndex < to) await work(nextIndex++);
  }));
}

// Pairs `from` … `to - 1`.
async function beckonPairs(from: number, to: number): Promise<Side[][]> {
  // Each agent joins the conversation it was assigned; that may happen before the visitor's call request returns.
  interface Joined { socket: WebSocket; started: Promise<unknown> }
  const joined = new Map<string, Promise<Joined>>();
  const resolvers = new Map<string, (agent: Joined) => void>();
  const agentIn = (conversationId: string) => {
    if (!joined.has(conversationId)) joined.set(conversationId, new Promise((found) => resolvers.set(conversationId, found)));
    return joined.get(conversationId)!;
  };
  await inBatches(from, to, 16, async (index) => {
    const { accessToken } = await post<{ accessToken: string }>('/v1/auth/sign-in', { email: benchAgentEmail(index), password: plan.password });
    const agent = new WebSocket(`${socketBase}/v1/agent/ws`, socketProtocols(accessToken));
    const greeted = next(agent, 'presence');
    agent.on('message', async (data) => {
      const message = JSON.parse(String(data)) as { type: string; offerId?: string; conversationId?: string; token?: string };
      if (message.type === 'offer') agent.send(JSON.stringify({ type: 'accept', offerId: message.offerId }));
      if (message.type !== 'assigned') return;
      const conversationId = message.conversationId!;
      void agentIn(conversationId);
      const socket = new WebSocket(`${socketBase}/v1/conversations/${conversationId}/ws`, socketProtocols(message.token!));
      const started = next(socket, 'start');
      resolvers.get(conversationId)!({ socket: await opening(socket), started });
    });
    await opening(agent);
    await greeted;
  });
  const pairs: Side[][] = [];
  await inBatches(from, to, 16, async () => {
    const session = await post<{ token: string }>('/v1/visitor/session', { key: 'demo' }, { origin });
    const call = await post<{ conversationId: string; token: string }>(
      '/v1/calls', { media: 'video', page: `${origin}/demo/` }, { origin, authorization: `Bearer ${session.token}` },
    );
    const visitor = new WebSocket(`${socketBase}/v1/conversations/${call.conversationId}/ws`, socketProtocols(call.token));
    const visitorStarted = next(visitor, 'start');
    await opening(visitor);
    const agent = await agentIn(call.conversationId);
    await Promise.all([visitorStarted, agent.started]);
    pairs.push([{ socket: visitor, seq: 0 }, { socket: agent.socket, seq: 0 }]);
  });
  return pairs;
}

async function floorPairs(from: number, to: number): Promise<Side[][]> {
  const pairs: Side[][] = [];
  await inBatches(from, to, 16, async (index) => {
    const sockets = await Promise.all([open(`${socketBase}/pair-${index}`), open(`${socketBase}/pair-${index}`)]);
    pairs.push(sockets.map((socket) => ({ socket, seq: 0 })));
  });
  return pairs;
}

const connect = plan.target === 'beckon' ? beckonPairs : floorPairs;
const pairs: Side[][] = [];
let setupMs = 0;
for (let step = 1; step <= connectSteps; step++) {
  const setupStarted = performance.now();
  pairs.push(...(await connect(pairs.length, Math.round((plan.pairs * step) / connectSteps))));
  setupMs += performance.now() - setupStarted;
  await reportAndWait({ phase: 'connected', pairs: pairs.length });
}

const sentAt = new Map<number, number>();
const latencies: number[] = [];
let received = 0;
let measuredFrom = Number.POSITIVE_INFINITY;
let measuredTo = Number.POSITIVE_INFINITY;
let measuredSent = 0;
let measuredReceived = 0;
for (const side of pairs.flat()) {
  side.socket.on('message', (data) => {
    const id = signalId(String(data));
    const sent = id === null ? undefined : sentAt.get(id);
    if (sent === undefined) return;
    sentAt.delete(id!);
    received++;
    if (id! >= measuredFrom && id! < measuredTo) {
      latencies.push(performance.now() - sent);
      measuredReceived++;
    }
  });
}

// Sends at an even total rate, the sides taking turns, whatever the timer's jitter.
const senders = pairs.flatMap(([visitor, agent]) => [visitor!, agent!]);
let sent = 0;
const started = performance.now();
const ticker = setInterval(() => {
  const due = Math.floor(((performance.now() - started) * plan.messagesPerSecond) / 1000);
  while (sent < due) {
    const side = senders[sent % senders.length]!;
    const id = ++sent;
    sentAt.set(id, performance.now());
    side.socket.send(JSON.stringify({ type: 'signal', seq: ++side.seq, ...signalMessage(id) }));
  }
}, 2);

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));
await wait(plan.warmupMs);
measuredFrom = sent + 1;
report({ phase: 'measuring' });
const measureStarted = performance.now();
await wait(plan.measureMs);
measuredTo = sent + 1;
const measureMs = performance.now() - measureStarted;
measuredSent = measuredTo - measuredFrom;
clearInterval(ticker);
// Stragglers get a moment; what has not come by then counts as lost.
const drainDeadline = performance.now() + 3000;
while (measuredReceived < measuredSent && performance.now() < drainDeadline) await wait(20);

report({
  phase: 'done',
  result: {
    setupMs,
    sent,
    received,
    lost: measuredSent - measuredReceived,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    achievedPerSecond: (measuredReceived * 1000) / measureMs,
  },
});
for (const side of senders) side.socket.terminate();
process.disconnect();
