// Runs the Workers host locally: `wrangler dev` (workerd) on 127.0.0.1 with
// its own persisted Durable Object storage. `npm run dev:worker` uses it, and
// so do the tests that run the contract suite and the e2e journey on Workers.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigningKeys } from '../api/src/auth/tokens.ts';
import { randomSecret } from '../api/src/auth/passwords.ts';
import { demoSignIns } from '../api/src/demo/seed.ts';
import { runFromCommandLine } from '../api/src/runtime/node/command-line.ts';
import { textSetting, wholeNumberSetting } from '../api/src/runtime/settings.ts';
import { buildAll } from './build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const wrangler = join(root, 'node_modules/wrangler/bin/wrangler.js');

export interface WorkerDevOptions {
  port: number;
  /** Where the Durable Objects keep their SQLite files between runs. */
  persistDir: string;
  /** The secrets and variables of the Worker (BECKON_SIGNING_KEYS, BECKON_DEMO_PASSWORD, …). */
  vars: Record<string, string>;
  /** Rebuild the browser bundles first. */
  build: boolean;
  /** Which health answer means the Worker is up; a healthy one by default. */
  ready?: (health: Response) => boolean;
  log?: (line: string) => void;
}

/**
 * Starts `wrangler dev` and resolves once the Worker answers.
 * @example const worker = await startWorkerDev({ port: 8788, persistDir: '.wrangler/state', vars, build: true }); await worker.stop();
 */
export async function startWorkerDev(options: WorkerDevOptions) {
  if (options.build) await buildAll();
  mkdirSync(options.persistDir, { recursive: true });
  const envFile = join(options.persistDir, 'worker.env');
  writeFileSync(envFile, Object.entries(options.vars).map(([key, value]) => `${key}='${value}'\n`).join(''), { mode: 0o600 });
  const inspectorPort = await freePort();
  const child = spawn(
    process.execPath,
    [wrangler, 'dev', '--ip', '127.0.0.1', '--port', String(options.port), '--inspector-port', String(inspectorPort),
      '--persist-to', options.persistDir, '--env-file', envFile, '--show-interactive-dev-session=false', '--log-level', 'warn'],
    { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    options.log?.(chunk.toString());
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const origin = `http://127.0.0.1:${options.port}`;
  await waitUntilAnswering(origin, child, () => output, 60_000, options.ready);
  return {
    origin,
    /** What the Worker logged lately. */
    output: () => output,
    port: options.port,
    stop: () => stopChild(child),
  };
}

/**
 * Resolves once a host process started on `origin` answers its health check
 * (healthy, unless `ready` says otherwise); fails with the process's output if
 * it exits or stays silent too long.
 * @example await waitUntilAnswering('http://127.0.0.1:8788', child, () => output, 60_000);
 */
export async function waitUntilAnswering(
  origin: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
  ready: (health: Response) => boolean = (health) => health.ok,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${origin} exited with ${child.exitCode}:\n${output()}`);
    const response = await fetch(`${origin}/v1/health`).catch(() => null);
    if (response && ready(response)) return;
    await new Promise((wake) => setTimeout(wake, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${origin} did not answer within ${timeoutMs / 1000} s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * A TCP port nobody listens on right now.
 * @example const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((found, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => found(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The variables of a `.dev.vars` file: `KEY=value` lines, the value bare or
 * in single or double quotes, as wrangler reads them; comments left out.
 * @example readDevVars("# TURN\nBECKON_STUN_URLS=\"stun:turn.example:3478\"\n") // { BECKON_STUN_URLS: 'stun:turn.example:3478' }
 */
export function readDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const value = match[2]!;
    const quoted = /^(['"])(.*)\1$/.exec(value);
    vars[match[1]!] = quoted ? quoted[2]! : value.replace(/\s+#.*$/, '');
  }
  return vars;
}

/**
 * `.dev.vars` with these variables set: a line of one is replaced, others are
 * added, and the operator's own lines stay as they wrote them.
 * @example setDevVars('BECKON_STUN_URLS=stun:turn.example:3478\n', { BECKON_DEMO_PASSWORD: 'pw' }) // "BECKON_STUN_URLS=stun:turn.example:3478\nBECKON_DEMO_PASSWORD='pw'\n"
 */
export function setDevVars(text: string, vars: Record<string, string>): string {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const [key, value] of Object.entries(vars)) {
    const line = `${key}='${value}'`;
    const at = lines.findIndex((existing) => Object.hasOwn(readDevVars(existing), key));
    if (at >= 0) lines[at] = line;
    else lines.push(line);
  }
  return lines.map((line) => `${line}\n`).join('');
}

// Local secrets and settings live in .dev.vars (ignored by git); the signing keys and demo password are added on first run.
async function localVars(): Promise<Record<string, string>> {
  const path = join(root, '.dev.vars');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const vars = readDevVars(text);
  const made: Record<string, string> = {};
  if (!vars.BECKON_SIGNING_KEYS) made.BECKON_SIGNING_KEYS = JSON.stringify(await generateSigningKeys());
  made.BECKON_DEMO_PASSWORD = process.env.BECKON_DEMO_PASSWORD || vars.BECKON_DEMO_PASSWORD || randomSecret(12);
  if (process.env.BECKON_DEMO_ORIGINS) made.BECKON_DEMO_ORIGINS = process.env.BECKON_DEMO_ORIGINS;
  writeFileSync(path, setDevVars(text, made), { mode: 0o600 });
  return { ...vars, ...made };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runFromCommandLine(async () => {
    const port = wholeNumberSetting('PORT', process.env.PORT, 65_535) ?? 8788;
    const vars = await localVars();
    const persistDir = resolve(textSetting(process.env.BECKON_DATA_DIR, join(root, '.wrangler/state')));
    // Any answer will do: a Worker with a setting it cannot use answers 503 with the line that says so.
    const worker = await startWorkerDev({ port, persistDir, vars, build: true, ready: () => true, log: (line) => process.stdout.write(line) });
    const health = await fetch(`${worker.origin}/v1/health`);
    if (!health.ok) {
      const answer = (await health.json().catch(() => null)) as { error?: { message?: string } } | null;
      await worker.stop();
      throw new Error(answer?.error?.message?.replace('Beckon could not start: ', '') ?? `its health check answered ${health.status}; its log is above`);
    }
    console.log(`Beckon is running on Workers (wrangler dev).
  Demo support page: ${worker.origin}/demo/
  Agent console:     ${worker.origin}/console/
  API:               ${worker.origin}/v1/
  Demo agents:       ${demoSignIns}
  Password:          ${vars.BECKON_DEMO_PASSWORD}  (kept in .dev.vars)`);
    return worker;
  });
}
