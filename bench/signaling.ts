// Signaling under load: N visitor/agent pairs on the Node host relaying
// signaling-sized messages through real conversation sockets, against the
// bare `ws` relay under the same load in the same run, and, for reference,
// against a relay that only checks and acknowledges each message as the
// protocol asks (bench/floor/protocol-relay.ts). The server and the
// load generator are processes of their own; the server's CPU and memory are
// read from /proc. Then a bounded search for the most pairs the Node host
// holds with p99 under 50 ms. Memory per participant is how fast what the
// server holds grows as the pairs connect (bench/signaling/memory.ts).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFlags } from '../e2e/node-host.ts';
import { benchOptions, printTable, round, saveResults, type BenchOptions } from './report.ts';
import { goOn, type LoadPlan, type LoadProgress, type LoadResult } from './signaling/load-plan.ts';
import { buildMallocAddon, probeMemory, type HeldMemory } from './signaling/memory.ts';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
/** Messages per second per pair: 1,000 pairs make 20,000 a second. */
const messagesPerPairPerSecond = 20;
/** The p99 the pair-count search holds the host to. */
const p99LimitMs = 50;
/**
 * What a server holds, as the middle of three probes a moment apart: one
 * probe taken while work was still in flight would tilt the slope.
 */
async function probeSettled(server: ChildProcess): Promise<HeldMemory> {
  const probes: HeldMemory[] = [];
  for (let probe = 0; probe < 3; probe++) {
    if (probe) await new Promise((wait) => setTimeout(wait, 250));
    probes.push(await probeMemory(server));
  }
  return probes.sort((a, b) => a.rssKib - b.rssKib)[1]!;
}

/** p99 against the floor's, and server memory per connected participant. */
export const signalingBudget = { p99Ratio: 1.2, kibPerParticipant: 15 } as const;
/** No single run may take longer than this, set-up included. */
const runTimeoutMs = 120_000;

interface ProcessSample { at: number; cpuSeconds: number; rssKib: number }

// utime + stime (fields 14 and 15, in clock ticks of 1/100 s) and VmRSS.
function sample(pid: number): ProcessSample {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / 100;
  const rssKib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  return { at: performance.now(), cpuSeconds, rssKib };
}

/** One load run's figures. */
export interface SignalingRun extends LoadResult {
  target: LoadPlan['target'];
  pairs: number;
  messagesPerSecond: number;
  /** Server CPU during the measured window, in percent of one core. */
  serverCpuPercent: number;
  /** Server RSS with no client connected, with every pair connected, and at the end of the load. */
  rssIdleMib: number;
  rssConnectedMib: number;
  rssLoadedMib: number;
  /** What the server holds, after a garbage collection, after each step of pairs connecting. */
  held: (HeldMemory & { participants: number })[];
  /** How much more the server holds per participant (two per pair) connected: the slope of `held`. */
  kibPerParticipant: number;
  /** The measure used before: (connected − idle) RSS per participant, which counts start-up work and empty heap. */
  rssKibPerParticipantFromIdle: number;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => (clearTimeout(killer), done()));
    child.kill('SIGTERM');
  });
}

const serverScripts: Record<LoadPlan['target'], string> = { beckon: 'signaling/host.ts', floor: 'floor/ws-relay.ts', protocol: 'floor/protocol-relay.ts' };

async function startServer(target: LoadPlan['target'], pairs: number, password: string, dataDir: string) {
  const script = join(benchDir, serverScripts[target]);
  // The runtime flags `npm start` gives the Node host, given to every server here alike.
  const server = spawn(process.execPath, [...startFlags, '--expose-gc', script], {
    env: { ...process.env, ...buildMallocAddon(dataDir), PORT: '0', BECKON_DATA_DIR: dataDir, BENCH_AGENTS: String(pairs), BENCH_PASSWORD: password },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((listening, failed) => {
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) listening(Number(match[1]));
    });
    server.once('exit', (code) => failed(new Error(`the ${target} server exited with ${code}: ${output}`)));
  });
  return { server, port };
}

/**
 * Runs one load against a fresh server and measures it.
 * @example const run = await runLoad('floor', 100, { warmupMs: 1000, measureMs: 3000 });
 */
export async function runLoad(target: LoadPlan['target'], pairs: number, durations: { warmupMs: number; measureMs: number; perPairPerSecond?: number }): Promise<SignalingRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'beckon-bench-signaling-'));
  const password = `bench-${crypto.randomUUID()}`;
  const { server, port } = await startServer(target, pairs, password, dataDir);
  let load: ChildProcess | undefined;
  try {
    // Settled after start-up work (seeding, the first compile of hot paths is not done yet).
    await new Promise((wait) => setTimeout(wait, 1000));
    const idle = sample(server.pid!);
    const plan: LoadPlan = { target, port, pairs, messagesPerSecond: pairs * (durations.perPairPerSecond ?? messagesPerPairPerSecond), password, warmupMs: durations.warmupMs, measureMs: durations.measureMs };
    load = fork(join(benchDir, 'signaling/load.ts'), [JSON.stringify(plan)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const samples: Partial<Record<LoadProgress['phase'], ProcessSample>> = {};
    const held: SignalingRun['held'] = [];
    const result = await new Promise<LoadResult>((done, failed) => {
      const timer = setTimeout(() => failed(new Error(`${target} with ${pairs} pairs did not finish within ${runTimeoutMs} ms`)), runTimeoutMs);
      load!.on('message', async (progress: LoadProgress) => {
        samples[progress.phase] = sample(server.pid!);
        if (progress.phase === 'connected') {
          held.push({ participants: 2 * progress.pairs, ...(await probeSettled(server)) });
          load!.send(goOn);
        }
        if (progress.phase === 'done') (clearTimeout(timer), done(progress.result));
      });
      load!.once('exit', (code) => code && failed(new Error(`the load generator exited with ${code}`)));
    });
    const { connected, measuring, done } = samples as Required<typeof samples>;
    return {
      target,
      pairs,
      messagesPerSecond: plan.messagesPerSecond,
      ...result,
      serverCpuPercent: (100 * (done.cpuSeconds - measuring.cpuSeconds)) / ((done.at - measuring.at) / 1000),
      rssIdleMib: idle.rssKib / 1024,
      rssConnectedMib: connected.rssKib / 1024,
      rssLoadedMib: done.rssKib / 1024,
      held,
      kibPerParticipant: slope(held.map((step) => [step.participants, step.rssKib])),
      rssKibPerParticipantFromIdle: (connected.rssKib - idle.rssKib) / (2 * pairs),
    };
  } finally {
    if (load) await stop(load);
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Least squares: the start-up work the first step pays for is in every point, so it drops out.
function slope(points: [number, number][]): number {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const [x, y] = [mean(points.map(([px]) => px)), mean(points.map(([, py]) => py))];
  return points.reduce((sum, [px, py]) => sum + (px - x) * (py - y), 0) / points.reduce((sum, [px]) => sum + (px - x) ** 2, 0);
}

function row(run: SignalingRun) {
  return {
    target: run.target,
    pairs: run.pairs,
    'msg/s asked': run.messagesPerSecond,
    'msg/s relayed': Math.round(run.achievedPerSecond),
    'p50 (ms)': round(run.p50Ms),
    'p99 (ms)': round(run.p99Ms),
    lost: run.lost,
    'server CPU (%)': Math.round(run.serverCpuPercent),
    // Steadier than p99, which follows it: a message waits for the CPU spent on those ahead of it.
    'CPU per message (µs)': Math.round((run.serverCpuPercent / 100) * 1e6 / run.achievedPerSecond),
    'RSS idle/connected/loaded (MiB)': `${Math.round(run.rssIdleMib)}/${Math.round(run.rssConnectedMib)}/${Math.round(run.rssLoadedMib)}`,
    'set-up (s)': round(run.setupMs / 1000),
  };
}

/**
 * Runs the signaling benchmark and writes bench/results/signaling.json.
 * @example await runSignaling({ quick: true });
 */
export async function runSignaling(options: BenchOptions) {
  const startedAt = performance.now();
  // Modest counts: each pair signs an agent in and routes a call, which
  // bounds how many pairs a run can set up in its time.
  const pairs = options.quick ? 20 : 100;
  // The full run measures long enough for the storage's upkeep to happen in
  // the window: with the shorter one, no conversation's write-ahead log got
  // to its first checkpoint, the costliest thing the relay path does.
  const durations = options.quick ? { warmupMs: 1000, measureMs: 3000 } : { warmupMs: 2000, measureMs: 30_000 };
  const beckon = await runLoad('beckon', pairs, durations);
  const floor = await runLoad('floor', pairs, durations);

  // The search: double until p99 reaches the limit, then halve the gap, all
  // within a time budget (and well under the machine's 20,000 file
  // descriptors: each pair holds three sockets on each side).
  const searchDurations = options.quick ? durations : { warmupMs: 2000, measureMs: 5000 };
  const searchBudgetMs = options.quick ? 20_000 : 180_000;
  const maxPairs = options.quick ? 40 : 800;
  const searched: SignalingRun[] = [beckon];
  const holds = (run: SignalingRun) => run.p99Ms < p99LimitMs && run.lost === 0;
  let good = holds(beckon) ? pairs : 0;
  let bad = holds(beckon) ? Number.POSITIVE_INFINITY : pairs;
  const timeLeft = () => startedAt + searchBudgetMs - performance.now();
  while (timeLeft() > 0) {
    const next = bad === Number.POSITIVE_INFINITY ? Math.min(good * 2, maxPairs) : Math.round((good + bad) / 2 / 5) * 5;
    if (next <= good || next >= bad || bad - good <= Math.max(5, good / 8)) break;
    const run = await runLoad('beckon', next, searchDurations);
    searched.push(run);
    if (holds(run)) good = next;
    else bad = next;
  }

  // Not a budget, and after the search so as not to shorten it: where the
  // floor would be if it checked and acknowledged every message.
  const protocol = await runLoad('protocol', pairs, durations);

  // Memory per participant: many pairs, so that what they hold stands out
  // from the process's own noise, at a light rate, since this is about
  // holding connections, not relaying.
  const memoryPairs = options.quick ? 50 : 800;
  const memoryDurations = { warmupMs: 500, measureMs: 1000, perPairPerSecond: 1 };
  const memory = { beckon: await runLoad('beckon', memoryPairs, memoryDurations), floor: await runLoad('floor', memoryPairs, memoryDurations) };

  printTable(`Signaling: ${pairs} pairs × ${messagesPerPairPerSecond} msg/s, ${durations.measureMs / 1000} s measured; Beckon vs. the bare ws relay (floor) and the relay that only checks and acknowledges (protocol)`, [row(beckon), row(floor), row(protocol)]);
  const p99Ratio = beckon.p99Ms / floor.p99Ms;
  const protocolP99Ratio = protocol.p99Ms / floor.p99Ms;
  printTable('Signaling budgets', [
    { budget: `p99 ≤ ${signalingBudget.p99Ratio}× floor`, measured: `${round(p99Ratio)}×`, within: p99Ratio <= signalingBudget.p99Ratio ? 'yes' : 'NO' },
    { budget: '(reference) the protocol relay\'s p99 against the floor', measured: `${round(protocolP99Ratio)}×`, within: '' },
    { budget: `≤ ${signalingBudget.kibPerParticipant} KiB per participant`, measured: `${round(memory.beckon.kibPerParticipant)} KiB`, within: memory.beckon.kibPerParticipant <= signalingBudget.kibPerParticipant ? 'yes' : 'NO' },
  ]);
  printTable(`Memory: ${memoryPairs} pairs connecting in steps, what the server holds after each (KiB resident, once it gave back what it does not use)`, [memory.beckon, memory.floor].map((run) => ({
    target: run.target,
    ...Object.fromEntries(run.held.map((step) => [`${step.participants} participants`, Math.round(step.rssKib)])),
    'KiB per participant': round(run.kibPerParticipant),
    'of it JavaScript heap': round(slope(run.held.map((step) => [step.participants, step.heapUsedKib]))),
    'of it C allocator': round(slope(run.held.map((step) => [step.participants, step.mallocKib]))),
  })));
  printTable(`Search: most pairs with p99 < ${p99LimitMs} ms and nothing lost`, [
    ...searched.slice(1).map(row),
    { target: 'largest that held', pairs: good === maxPairs ? `≥ ${good} (the search's cap)` : good || `< ${Math.min(bad, pairs)}` },
  ]);
  await saveResults('signaling', { messagesPerPairPerSecond, budget: signalingBudget, p99LimitMs, beckon, floor, p99Ratio, protocol, protocolP99Ratio, memory: { pairs: memoryPairs, ...memory }, search: { runs: searched, largestPairsHeld: good } }, options);
  return { beckon, floor, p99Ratio, kibPerParticipant: memory.beckon.kibPerParticipant, largestPairsHeld: good };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runSignaling(benchOptions(process.argv.slice(2)));
