// Playwright journeys in Debian's Chromium with a fake camera and microphone.
// Run through `npm run test:e2e` (e2e/run-in-netns.sh), which gives Chromium a
// network where two local browsers can connect peer to peer.
import { defineConfig } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFlags } from './node-host.ts';
import {
  allowedSiteOrigin,
  beckonOrigin,
  beckonPort,
  chromiumArgs,
  chromiumPath,
  demoPassword,
  reconnectGraceMs,
  wrapUpSeconds,
  relayOnlyPort,
  turn,
  turnUrl,
  workerOrigin,
  workerPort,
} from './environment.ts';

// Playwright loads this file in the runner and again in every worker; only the
// runner (which starts the servers) makes the fresh data directory.
let dataDir = process.env.BECKON_E2E_DATA_DIR;
if (!dataDir) {
  const fresh = mkdtempSync(join(tmpdir(), 'beckon-e2e-'));
  process.env.BECKON_E2E_DATA_DIR = dataDir = fresh;
  process.on('exit', () => rmSync(fresh, { recursive: true, force: true }));
}

// The runner runs under the repository's Node 24; the servers use the same binary.
const node = JSON.stringify(process.execPath);

// A Beckon on its own port: it builds the browser bundles at start, then
// serves /demo/, /console/, /widget.js and /v1/.
function beckonServer(port: number, env: Record<string, string>) {
  return {
    command: `${node} ${startFlags.join(' ')} api/src/runtime/node.ts`,
    cwd: '..',
    url: `http://127.0.0.1:${port}/demo/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: {
      PORT: String(port), HOST: '127.0.0.1', BECKON_DEMO_PASSWORD: demoPassword, BECKON_RECONNECT_GRACE_MS: String(reconnectGraceMs), BECKON_WRAP_UP_SECONDS: String(wrapUpSeconds),
      // The journeys search History and load reports more often in a minute than the limit lets an agent; the contract tests hold the limit.
      BECKON_SEARCH_WINDOW_MS: '1000',
      ...env,
    },
  };
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // Two cores: one browser pair at a time keeps media and timing honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  outputDir: '../test-results',
  use: {
    browserName: 'chromium',
    permissions: ['camera', 'microphone'],
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
  // Journeys open /demo/ and /console/ on their project's Beckon unless they pick another.
  projects: [
    { name: 'node', use: { baseURL: beckonOrigin } },
    // The full call journey again on the Workers host (wrangler dev in workerd).
    { name: 'workers', use: { baseURL: workerOrigin }, testMatch: 'call.spec.ts' },
  ],
  webServer: [
    beckonServer(beckonPort, { BECKON_DATA_DIR: dataDir, BECKON_DEMO_ORIGINS: allowedSiteOrigin }),
    // Its demo tenant is relay-only; the relay-only journey starts the TURN server itself.
    beckonServer(relayOnlyPort, {
      BECKON_DATA_DIR: join(dataDir, 'relay-only'),
      BECKON_TURN_URLS: turnUrl,
      BECKON_TURN_SECRET: turn.secret,
      BECKON_DEMO_RELAY_ONLY: '1',
    }),
    {
      // Starts after the Node hosts, which have built the bundles it serves as assets.
      command: `${node} e2e/worker-host.ts`,
      cwd: '..',
      url: `${workerOrigin}/demo/`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(workerPort),
        BECKON_DATA_DIR: join(dataDir, 'worker'),
        BECKON_DEMO_PASSWORD: demoPassword,
        BECKON_RECONNECT_GRACE_MS: String(reconnectGraceMs),
        BECKON_WRAP_UP_SECONDS: String(wrapUpSeconds),
      },
    },
    {
      command: `${node} e2e/second-origin.ts`,
      cwd: '..',
      url: `${allowedSiteOrigin}/`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
  ],
});
