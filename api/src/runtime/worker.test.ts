// The API contract against the Workers host: `wrangler dev` running the
// Worker and its Durable Objects in workerd, with persisted storage.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { freePort, startWorkerDev } from '../../../scripts/worker-dev.ts';
import { generateSigningKeys } from '../auth/tokens.ts';
import { apiContract, contractSettings, contractWebhookReceiver } from '../testing/contract.ts';

apiContract('Workers', async () => {
  const persistDir = mkdtempSync(join(tmpdir(), 'beckon-worker-'));
  const port = await freePort();
  const vars = {
    BECKON_SIGNING_KEYS: JSON.stringify(await generateSigningKeys()),
    BECKON_DEMO_PASSWORD: contractSettings.demoPassword,
    BECKON_DEMO_ORIGINS: contractSettings.demoOrigins.join(','),
    BECKON_RING_TIMEOUT_MS: String(contractSettings.ringTimeoutMs),
    BECKON_RECONNECT_GRACE_MS: String(contractSettings.reconnectGraceMs),
    BECKON_WRAP_UP_SECONDS: String(contractSettings.wrapUpMs / 1000),
    BECKON_DEMO_WEBHOOK_URL: (await contractWebhookReceiver()).url,
    BECKON_DEMO_WEBHOOK_SECRET: contractSettings.webhookSecret,
    BECKON_WEBHOOK_FIRST_RETRY_MS: String(contractSettings.webhookFirstRetryMs),
    BECKON_VISITOR_SESSIONS_PER_MINUTE: String(contractSettings.visitorSessionsPerMinute),
    BECKON_SEARCH_WINDOW_MS: String(contractSettings.searchWindowMs),
  };
  const start = (build: boolean) => startWorkerDev({ port, persistDir, vars, build });
  let worker = await start(true);
  return {
    origin: worker.origin,
    // What Cloudflare puts in front of the Worker sets it; wrangler dev passes on the client's.
    client: (n) => ({ headers: { 'CF-Connecting-IP': `198.51.100.${n}` } }),
    async restart() {
      await worker.stop();
      worker = await start(false);
    },
    async stop() {
      await worker.stop();
      rmSync(persistDir, { recursive: true, force: true });
    },
  };
});

describe('a Worker with a setting it cannot use', () => {
  // A Worker with these settings besides its signing keys and demo password, once it answers its health check at all.
  const withWorker = async (settings: Record<string, string>, check: (worker: Awaited<ReturnType<typeof startWorkerDev>>) => Promise<void>) => {
    const persistDir = mkdtempSync(join(tmpdir(), 'beckon-worker-settings-'));
    const vars = { BECKON_SIGNING_KEYS: JSON.stringify(await generateSigningKeys()), BECKON_DEMO_PASSWORD: contractSettings.demoPassword, ...settings };
    const worker = await startWorkerDev({ port: await freePort(), persistDir, vars, build: false, ready: (health) => health.status !== 200 });
    try {
      await check(worker);
    } finally {
      await worker.stop();
      rmSync(persistDir, { recursive: true, force: true });
    }
  };
  const refusal = (line: string) => [503, { error: { code: 'unavailable', message: `Beckon could not start: ${line}` } }];

  it('answers every request 503 with the line `npm start` would stop with, and logs it', async () => {
    await withWorker({ BECKON_RING_TIMEOUT_MS: '1000000000000' }, async (worker) => {
      const line = 'BECKON_RING_TIMEOUT_MS must be a whole number from 1000 to 300000, not "1000000000000"';
      for (const path of ['/v1/health', '/demo/']) {
        const response = await fetch(`${worker.origin}${path}`);
        expect([response.status, await response.json()]).toEqual(refusal(line));
      }
      await vi.waitFor(() => expect(worker.output()).toContain(line), { timeout: 5000 });
    });
  }, 90_000);

  // Checked when the demo tenant is made, it used to fail every request with workerd's own error page.
  it('says so for the demo webhook too', async () => {
    await withWorker({ BECKON_DEMO_WEBHOOK_URL: 'crm.example/hooks/beckon', BECKON_DEMO_WEBHOOK_SECRET: contractSettings.webhookSecret }, async (worker) => {
      const response = await fetch(`${worker.origin}/v1/health`);
      expect([response.status, await response.json()]).toEqual(refusal('BECKON_DEMO_WEBHOOK_URL must be an http:// or https:// URL, not "crm.example/hooks/beckon"'));
    });
  }, 90_000);
});

describe('the Worker bundle', () => {
  it('carries every SQL migration on disk', () => {
    const listed = readFileSync(new URL('./worker/migrations.ts', import.meta.url), 'utf8');
    const folder = new URL('../storage/migrations/', import.meta.url);
    for (const kind of readdirSync(folder)) {
      for (const file of readdirSync(new URL(`${kind}/`, folder))) {
        expect(listed, `${kind}/${file} is not bundled`).toContain(`'../../storage/migrations/${kind}/${file}'`);
      }
    }
  });
});
