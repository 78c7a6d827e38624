// A Beckon Node host in a process of its own, for journeys that kill it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { demoPassword, reconnectGraceMs, wrapUpSeconds } from './environment.ts';
import { waitUntilAnswering } from '../scripts/worker-dev.ts';

/** The runtime flags `npm start` gives the Node host (V8's young generation: docs/operations.md). */
export const startFlags = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }).scripts.start
  .split(' ')
  .filter((word) => word.startsWith('--'));

/** A running `npm start` equivalent on its own port and data directory. */
export interface NodeHostProcess {
  pid: number;
  /** Kills the process at once (SIGKILL): nothing gets to shut down cleanly. */
  kill(): Promise<void>;
}

/**
 * Starts `node api/src/runtime/node.ts` as `npm start` does and resolves once its API answers;
 * `env` adds or overrides settings (TURN servers, relay-only).
 * @example const host = await startNodeHostProcess(18792, dataDir); await host.kill();
 */
export async function startNodeHostProcess(port: number, dataDir: string, env: Record<string, string> = {}): Promise<NodeHostProcess> {
  const child = spawn(process.execPath, [...startFlags, 'api/src/runtime/node.ts'], {
    cwd: new URL('..', import.meta.url),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BECKON_DATA_DIR: dataDir,
      BECKON_DEMO_PASSWORD: demoPassword,
      BECKON_RECONNECT_GRACE_MS: String(reconnectGraceMs),
      BECKON_WRAP_UP_SECONDS: String(wrapUpSeconds),
      // The suite's other hosts have built the bundles already.
      BECKON_BUILD: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await waitUntilAnswering(`http://127.0.0.1:${port}`, child, () => output.join(''), 30_000);
  return { pid: child.pid!, kill: () => killNow(child) };
}

function killNow(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}
