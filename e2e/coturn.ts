// Debian's coturn as the TURN relay of the relay-only journey: loopback only,
// plain UDP/TCP (no TLS), and the TURN REST API shared secret Beckon mints
// credentials with.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { turn } from './environment.ts';

/** A running coturn. */
export interface Coturn {
  pid: number;
  /** What coturn has logged so far. */
  log(): string;
  /** Ends coturn by its process id and waits until it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts coturn on `turn.port` and resolves once it accepts connections.
 * @example const coturn = await startCoturn(); … await coturn.stop();
 */
export async function startCoturn(): Promise<Coturn> {
  // Its pid file and (unused) user database go here, not under /var.
  const scratch = mkdtempSync(join(tmpdir(), 'beckon-coturn-'));
  const child = spawn('turnserver', [
    // Verbose: it logs each allocation with the username it accepted.
    '-n', '--no-cli', '--verbose', '--log-file', 'stdout', '--simple-log',
    '--pidfile', join(scratch, 'turnserver.pid'), '--userdb', join(scratch, 'turndb'),
    '--listening-ip', '127.0.0.1', '--relay-ip', '127.0.0.1', '--listening-port', String(turn.port),
    '--min-port', String(turn.minRelayPort), '--max-port', String(turn.maxRelayPort),
    // The browsers' relay addresses are on loopback too, so coturn must relay between loopback peers.
    '--allow-loopback-peers', '--no-tls', '--no-dtls', '--fingerprint',
    '--use-auth-secret', '--static-auth-secret', turn.secret, '--realm', turn.realm,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let running = true;
  void exited.then(() => (running = false));

  const deadline = Date.now() + 10_000;
  while (!(await accepts(turn.port))) {
    if (!running || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(scratch, { recursive: true, force: true });
      throw new Error(`coturn did not start:\n${output.join('')}`);
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }

  return {
    pid: child.pid!,
    log: () => output.join(''),
    async stop() {
      if (running) process.kill(child.pid!, 'SIGTERM');
      const killer = setTimeout(() => running && process.kill(child.pid!, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), answer(true)));
    socket.once('error', () => answer(false));
  });
}
