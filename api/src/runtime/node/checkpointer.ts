// Copies an SQLite file's write-ahead log back into the file from a thread
// of its own. node:sqlite is synchronous: a checkpoint run by a commit on the
// main thread (SQLite's default, every 1,000 pages of log) holds up every
// socket of the process while it copies the pages and waits for two disk
// syncs, which took up to hundreds of milliseconds on a busy disk
// (docs/performance.md). Here the copying and syncing happen beside the
// event loop, and commits on the main thread only append to the log.
import { closeSync, openSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** How often the thread copies the log back. */
const everyMs = 250;

/** Past this many pages of log the thread asks for the log to start over. */
const longLogPages = 32_768;

/**
 * Where the main thread's own checkpoints come in: only if the thread has
 * stopped (it logs why), to keep the log bounded all the same.
 */
export const mainThreadCheckpointPages = 2 * longLogPages;

// Plain JavaScript, run as is: a thread that loads a TypeScript module loads
// the type stripper too, which doubled the thread's 20 MiB.
//
// PASSIVE copies what it can and makes no one wait. But under steady writes
// it never reaches the log's end, and only a log copied to its end starts
// over; so once the log is long, the thread asks the main thread to copy the
// rest itself, between two commits: a few milliseconds of writes to copy and
// sync, where a checkpoint on the main thread otherwise copies all of them.
//
// A PASSIVE pass that stops short of the log's end does not sync the file,
// so the pages of every pass waited in the kernel for that last pass's sync:
// 6–35 ms of the main thread's time, every few seconds under load. The thread
// syncs the file itself after each pass that copied pages; the last pass then
// has only its own to sync.
const thread = `
const { DatabaseSync } = require('node:sqlite');
const { fdatasyncSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const database = new DatabaseSync(workerData.path);
database.exec('PRAGMA busy_timeout = 5000');
const copy = database.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let copied = 0;
const timer = setInterval(() => {
  const { log, checkpointed } = copy.get();
  if (checkpointed !== copied) fdatasyncSync(workerData.file);
  copied = checkpointed;
  if (log > workerData.longLogPages) parentPort.postMessage('long log');
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  database.close();
  parentPort.postMessage('closed');
});
`;

/**
 * Starts checkpointing the database at `path`. Its main-thread connection
 * should set `wal_autocheckpoint` to `mainThreadCheckpointPages`, and
 * `finishCheckpoint` should run a PASSIVE checkpoint on it.
 * @example const checkpointer = startCheckpointer(path, () => database.exec('PRAGMA wal_checkpoint(PASSIVE)')); database.close(); await checkpointer.stop();
 */
export function startCheckpointer(path: string, finishCheckpoint: () => void): { stop(): Promise<void> } {
  // Only synced through. Closing a descriptor drops every lock the process
  // holds on the file, SQLite's included, so it closes after the connections.
  const file = openSync(path, 'r');
  const worker = new Worker(thread, { eval: true, workerData: { path, file, everyMs, longLogPages } });
  worker.unref();
  worker.on('error', (error) => console.error(error));
  let stopping = false;
  worker.on('message', (message) => message === 'long log' && !stopping && finishCheckpoint());
  return {
    /** Call once the main thread's connection is closed: resolves once the thread has closed its own. */
    async stop() {
      stopping = true;
      const closed = new Promise((done) => worker.on('message', (message) => message === 'closed' && done(undefined)).once('exit', done));
      worker.postMessage('stop');
      await closed;
      await worker.terminate();
      closeSync(file);
    },
  };
}
