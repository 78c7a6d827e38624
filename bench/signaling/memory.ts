// How the signaling benchmark reads what a server holds for its connected
// participants. Plain resident memory says more about the process's peak
// than about what it holds: after a garbage collection V8 keeps the pages it
// emptied (120 MiB of them in a run of 800 pairs) and the C allocator keeps
// what was freed, both for later. So the server, asked over its IPC channel,
// first gives them back: the garbage collection V8 does when memory runs out
// (which compacts the heap and releases empty pages), then `malloc_trim`.
// Its resident memory after that is what it holds; it also tells how much of
// it is live JavaScript objects and how much the C allocator has handed out
// (SQLite, sockets' buffers, everything native), read by a small addon
// (malloc-in-use.c) that the benchmark builds first. Both targets answer the
// same way.
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapSpaceStatistics } from 'node:v8';

/** A server's memory after a full garbage collection, in KiB. */
export interface HeldMemory {
  /** Resident memory, once V8 and the C allocator gave back what they do not use: what the server holds. */
  rssKib: number;
  /** Of it, live JavaScript objects. */
  heapUsedKib: number;
  /** Of it, what the C allocator has handed out and not had back. */
  mallocKib: number;
}

/** The environment variable that tells a server where the built addon is. */
const addonVariable = 'BENCH_MALLOC_ADDON';

/**
 * Builds the addon into `dir` with gcc and the running Node's headers; returns the environment a server needs to load it.
 * @example spawn(process.execPath, [script], { env: { ...process.env, ...buildMallocAddon(dir) } });
 */
export function buildMallocAddon(dir: string): Record<string, string> {
  const require = createRequire(import.meta.url);
  // npm's `node` package installs the runtime, headers included, as a package of its own.
  const runtime = createRequire(require.resolve('node/package.json')).resolve(`node-${process.platform}-${process.arch}/package.json`);
  const addon = join(dir, 'malloc-in-use.node');
  const source = fileURLToPath(new URL('malloc-in-use.c', import.meta.url));
  try {
    execFileSync('gcc', ['-shared', '-fPIC', '-O2', `-I${join(dirname(runtime), 'include/node')}`, '-o', addon, source], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('the memory probes are built with gcc: apt-get install gcc');
    throw error;
  }
  return { [addonVariable]: addon };
}

/**
 * Answers the benchmark's memory probes; the process must run with --expose-gc, an IPC channel and the addon's environment.
 * @example if (process.send) answerMemoryProbes();
 */
export function answerMemoryProbes(): void {
  const collect = (globalThis as { gc?: (options: object) => void }).gc;
  if (!collect) throw new Error('memory probes need node --expose-gc');
  const path = process.env[addonVariable];
  if (!path) throw new Error(`memory probes need ${addonVariable} (see buildMallocAddon)`);
  const malloc = createRequire(import.meta.url)(path) as { inUse(): number; trim(): void };
  process.on('message', (message) => {
    if (message !== 'memory') return;
    collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    malloc.trim();
    const heapUsed = getHeapSpaceStatistics().reduce((sum, space) => sum + space.space_used_size, 0);
    const memory: HeldMemory = { rssKib: process.memoryUsage().rss / 1024, heapUsedKib: heapUsed / 1024, mallocKib: malloc.inUse() / 1024 };
    process.send!(memory);
  });
}

/**
 * Asks a server started with an IPC channel for its memory.
 * @example const before = await probeMemory(server);
 */
export function probeMemory(server: ChildProcess): Promise<HeldMemory> {
  return new Promise((answered) => {
    server.once('message', (memory: HeldMemory) => answered(memory));
    server.send('memory');
  });
}
