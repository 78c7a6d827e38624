// The embedded host: one Node process runs the API, every actor (SQLite files
// under the data directory), the WebSockets and the static pages.
import { getRequestListener, type Http2Bindings, type HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { isIP } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { limits } from '@beckon/protocol';
import { createTokens, generateSigningKeys, type SigningKeys } from '../auth/tokens.ts';
import { checkIceConfig, noIceServers, type IceConfig } from '../auth/turn.ts';
import { demoSignIns, seedDemo } from '../demo/seed.ts';
import { ApiError } from '../http/api-error.ts';
import { createApp } from '../http/app.ts';
import { defaultWebhookRetry, webhookFromSettings, type WebhookEndpoint } from '../webhooks/outbox.ts';
import { buildAll, distDir } from '../../../scripts/build.ts';
import { createNodeActors } from './node/actors.ts';
import { runFromCommandLine } from './node/command-line.ts';
import { clientAddress, trustedProxiesSetting, type TrustedProxies } from './node/client-address.ts';
import { createMetrics } from './node/metrics.ts';
import { createSocketServer } from './node/sockets.ts';
import { serveSite } from './node/static-site.ts';
import { delaySetting, listSetting, metricsTokenSetting, originsSetting, ringTimeoutSetting, signingKeysFrom, switchSetting, textSetting, visitorSessionsSetting, wholeNumberSetting, wrapUpSetting } from './settings.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface NodeHostOptions {
  port: number;
  host: string;
  dataDir: string;
  demoPassword?: string;
  demoOrigins: string[];
  /** Rebuild the browser bundles before serving. */
  build: boolean;
  ringTimeoutMs?: number;
  reconnectGraceMs?: number;
  /** How long an agent's wrap-up after a call holds back their next offer (BECKON_WRAP_UP_SECONDS). */
  wrapUpMs?: number;
  /** STUN and TURN servers (BECKON_STUN_URLS, BECKON_TURN_URLS, BECKON_TURN_SECRET); none by default. */
  ice?: IceConfig;
  /** The demo tenant's calls use the TURN relay only (BECKON_DEMO_RELAY_ONLY). */
  demoRelayOnly?: boolean;
  /** Where the demo tenant's webhook events go (BECKON_DEMO_WEBHOOK_URL, BECKON_DEMO_WEBHOOK_SECRET). */
  demoWebhook?: WebhookEndpoint;
  /** The wait after a webhook's first failed attempt, doubled for each later one (BECKON_WEBHOOK_FIRST_RETRY_MS). */
  webhookFirstRetryMs?: number;
  /** Visitor sessions one client address may open in a minute (BECKON_VISITOR_SESSIONS_PER_MINUTE). */
  visitorSessionsPerMinute?: number;
  /** The window in which an agent's searches of the contacts are counted (BECKON_SEARCH_WINDOW_MS). */
  searchWindowMs?: number;
  /** The reverse proxies whose X-Forwarded-For names the client (BECKON_TRUSTED_PROXIES); none by default. */
  trustedProxies?: TrustedProxies;
  /** The bearer token of `GET /metrics` (BECKON_METRICS_TOKEN); without one, the host has no metrics. */
  metricsToken?: string;
  log?: (line: string) => void;
}

// The demo agents' password as the banner shows it: a generated one once,
// never one set in the environment, which would then sit in every log.
function demoPasswordLine(generated: string | null, fromEnvironment: boolean): string {
  if (generated) return `${generated}  (shown once; stored only as a hash)`;
  return fromEnvironment ? 'BECKON_DEMO_PASSWORD' : '(set on first start; set BECKON_DEMO_PASSWORD to change it)';
}

/**
 * Starts Beckon on one Node process and resolves once it listens.
 * @example const beckon = await startNodeHost({ port: 8787, host: '127.0.0.1', dataDir: './data', demoOrigins: [], build: true }); await beckon.stop();
 */
export async function startNodeHost(options: NodeHostOptions) {
  const log = options.log ?? console.log;
  const ice = checkIceConfig(options.ice ?? noIceServers);
  // A relay-only call without a TURN server could never connect.
  if (options.demoRelayOnly && !ice.turnSecret) throw new Error('a relay-only demo needs a TURN server (BECKON_TURN_URLS and BECKON_TURN_SECRET)');
  // Transcripts, password hashes and webhook secrets are no other local user's to read.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (options.build) await buildAll();
  const tokens = await createTokens(await loadSigningKeys(options.dataDir));
  const actors = createNodeActors({
    dataDir: options.dataDir,
    tokens,
    ringTimeoutMs: options.ringTimeoutMs ?? limits.ringTimeoutMs,
    reconnectGraceMs: options.reconnectGraceMs ?? limits.reconnectGraceMs,
    wrapUpMs: options.wrapUpMs ?? limits.wrapUpMs,
    ice,
    webhookRetry: { ...defaultWebhookRetry, firstDelayMs: options.webhookFirstRetryMs ?? defaultWebhookRetry.firstDelayMs },
    visitorSessionsPerMinute: options.visitorSessionsPerMinute,
    searchWindowMs: options.searchWindowMs,
  });

  // Counted only on a host that serves them: the event loop's monitor wakes the process a hundred times a second.
  const metrics = options.metricsToken ? createMetrics() : null;
  const sockets = createSocketServer(actors, metrics ? { message: metrics.countSocketMessage, failure: metrics.countSocketFailure } : undefined);
  const app = createApp({
    actors,
    tokens,
    relayAvailable: ice.turnSecret !== null,
    // The socket's own peer; a header saying otherwise only from a proxy the operator trusts.
    clientAddress: (c) => clientAddress(getConnInfo(c).remote.address ?? 'unknown', c.req.header('X-Forwarded-For'), options.trustedProxies ?? null),
    connect: sockets.connect,
    storageFailing: actors.storageFailing,
  });
  if (metrics && options.metricsToken) {
    const token = options.metricsToken;
    app.get('/metrics', (c) => {
      if (!sameSecret(c.req.header('Authorization') ?? '', `Bearer ${token}`)) throw new ApiError(401, 'unauthorized', 'The metrics need the bearer token set as BECKON_METRICS_TOKEN.');
      const text = metrics.text({ sockets: sockets.counts(), actors: actors.loaded(), storageFailing: actors.storageFailing() });
      return c.body(text, 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
    });
  }
  serveSite(app, { distDir, demoPage: join(root, 'widget/demo/index.html') });

  // A response leaves once the writes it may tell of are committed, as a socket's messages do.
  const respond = async (request: Request, env: HttpBindings | Http2Bindings) => {
    const response = await app.fetch(request, env);
    metrics?.countResponse(response.status);
    const committed = await new Promise<boolean>((done) => actors.afterCommit(() => done(true), () => done(false)));
    return committed ? response : new ApiError(500, 'internal', 'Storage failed; try again.').toResponse();
  };
  const server = createServer(getRequestListener(respond));
  sockets.listen(server, app.fetch);
  try {
    await listen(server, options.port, options.host);
  } catch (error) {
    await actors.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  // An IPv6 address (HOST=::1) is bracketed in a URL, as browsers send it in Origin.
  const origin = `http://${isIP(options.host) === 6 ? `[${options.host}]` : options.host}:${port}`;

  const allowedOrigins = [origin, ...(options.host === '127.0.0.1' ? [`http://localhost:${port}`] : []), ...options.demoOrigins];
  const { generatedPassword } = await seedDemo(actors, { allowedOrigins, password: options.demoPassword, relayOnly: options.demoRelayOnly, webhook: options.demoWebhook });

  log(`Beckon is running.
  Demo support page: ${origin}/demo/
  Agent console:     ${origin}/console/
  API:               ${origin}/v1/
  ICE servers:       ${describeIce(ice)}${options.demoRelayOnly ? ' (demo calls relay only)' : ''}
  Demo agents:       ${demoSignIns}
  Password:          ${demoPasswordLine(generatedPassword, options.demoPassword !== undefined)}`);

  return {
    origin,
    port,
    async stop() {
      sockets.close();
      metrics?.stop();
      await new Promise<void>((done) => server.close(() => done()));
      await actors.close();
    },
  };
}

// Compared in constant time, so the answer's timing tells nothing of the token.
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

// A port that is taken, or an address the machine does not have, is a setting to change, said as such.
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((listening, failed) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') return failed(new Error(`port ${port} on ${host} is in use: stop what uses it, or choose another port with PORT`));
      if (['EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN'].includes(error.code ?? '')) {
        return failed(new Error(`HOST is "${host}", which is no address of this machine: choose one it has, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every address)`));
      }
      failed(error);
    });
    server.listen(port, host, () => listening());
  });
}

// The URLs only: the TURN secret never reaches a log.
function describeIce(ice: IceConfig): string {
  const urls = [...ice.stunUrls, ...ice.turnUrls];
  return urls.length ? urls.join(', ') : 'none (host candidates only)';
}

// Keys are made on first start and kept, so tokens survive a restart.
async function loadSigningKeys(dataDir: string): Promise<SigningKeys> {
  const path = join(dataDir, 'signing-keys.json');
  if (existsSync(path)) {
    return signingKeysFrom(readFileSync(path, 'utf8'), `${path} is not the signing keys Beckon made: restore it from a backup, or delete it to make new ones (which signs everyone out)`);
  }
  const keys = await generateSigningKeys();
  writeFileSync(path, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const env = process.env;
  await runFromCommandLine(() => startNodeHost({
    port: wholeNumberSetting('PORT', env.PORT, 65_535) ?? 8787,
    host: textSetting(env.HOST, '127.0.0.1'),
    dataDir: resolve(textSetting(env.BECKON_DATA_DIR, join(root, 'data'))),
    demoPassword: env.BECKON_DEMO_PASSWORD || undefined,
    demoOrigins: originsSetting('BECKON_DEMO_ORIGINS', env.BECKON_DEMO_ORIGINS),
    ice: { stunUrls: listSetting(env.BECKON_STUN_URLS), turnUrls: listSetting(env.BECKON_TURN_URLS), turnSecret: env.BECKON_TURN_SECRET || null },
    demoRelayOnly: switchSetting('BECKON_DEMO_RELAY_ONLY', env.BECKON_DEMO_RELAY_ONLY),
    ringTimeoutMs: ringTimeoutSetting(env.BECKON_RING_TIMEOUT_MS),
    // A grace or a retry delay of 0 is taken as unset: the default.
    reconnectGraceMs: delaySetting('BECKON_RECONNECT_GRACE_MS', env.BECKON_RECONNECT_GRACE_MS),
    wrapUpMs: wrapUpSetting(env.BECKON_WRAP_UP_SECONDS),
    demoWebhook: webhookFromSettings(env.BECKON_DEMO_WEBHOOK_URL, env.BECKON_DEMO_WEBHOOK_SECRET),
    webhookFirstRetryMs: delaySetting('BECKON_WEBHOOK_FIRST_RETRY_MS', env.BECKON_WEBHOOK_FIRST_RETRY_MS),
    searchWindowMs: delaySetting('BECKON_SEARCH_WINDOW_MS', env.BECKON_SEARCH_WINDOW_MS),
    visitorSessionsPerMinute: visitorSessionsSetting(env.BECKON_VISITOR_SESSIONS_PER_MINUTE),
    trustedProxies: trustedProxiesSetting(env.BECKON_TRUSTED_PROXIES),
    metricsToken: metricsTokenSetting(env.BECKON_METRICS_TOKEN),
    // BECKON_BUILD=0 serves dist/ as it is (already built by `npm run build`).
    build: switchSetting('BECKON_BUILD', env.BECKON_BUILD) ?? true,
  }));
}
