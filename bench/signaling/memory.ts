// How the signaling benchmark reads what a server holds for its connected
// participants. Resident memory alone says more about the garbage collector
// than about connections: V8 sizes its young generation by how fast a
// process allocates, so a server that parses and checks every message (and
// signs in agents while pairs connect) grows tens of MiB of empty heap that
// the bare relay never needs. So the server, asked over its IPC channel,
// collects its garbage and answers with its resident memory less the heap's
// empty space. Both targets answer the same way.
import type { ChildProcess } from 'node:child_process';
import { getHeapSpaceStatistics } from 'node:v8';

/** A server's memory after a full garbage collection, in KiB. */
export interface HeldMemory {
  rssKib: number;
  /** Heap the garbage collector has reserved and not filled. */
  heapFreeKib: number;
  /** Resident memory less the empty heap: what the server holds. */
  heldKib: number;
  /** Of it, live JavaScript objects, and the rest (SQLite, sockets' buffers, code). */
  heapUsedKib: number;
  outsideHeapKib: number;
}

/**
 * Answers the benchmark's memory probes; the process must run with --expose-gc and an IPC channel.
 * @example if (process.send) answerMemoryProbes();
 */
export function answerMemoryProbes(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('memory probes need node --expose-gc');
  process.on('message', (message) => {
    if (message !== 'memory') return;
    collect();
    // The heap's empty part that is actually in memory: a space can reserve more than it has touched.
    const spaces = getHeapSpaceStatistics();
    const heapFree = spaces.reduce((sum, space) => sum + Math.max(0, space.physical_space_size - space.space_used_size), 0);
    const heapUsed = spaces.reduce((sum, space) => sum + space.space_used_size, 0);
    const { rss } = process.memoryUsage();
    const memory: HeldMemory = { rssKib: rss / 1024, heapFreeKib: heapFree / 1024, heldKib: (rss - heapFree) / 1024, heapUsedKib: heapUsed / 1024, outsideHeapKib: (rss - heapFree - heapUsed) / 1024 };
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
