// Playwright journeys in Debian's Chromium with a fake camera and microphone.
// Run through `npm run test:e2e` (e2e/run-in-netns.sh), which gives Chromium a
// network where two local browsers can connect peer to peer.
import { defineConfig } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowedSiteOrigin, beckonOrigin, beckonPort, demoPassword, reconnectGraceMs, workerOrigin, workerPort } from './environment.ts';

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
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
  projects: [
    { name: 'node', use: { baseURL: beckonOrigin } },
    // The full call journey again on the Workers host (wrangler dev in workerd).
    { name: 'workers', use: { baseURL: workerOrigin }, testMatch: 'call.spec.ts' },
  ],
  webServer: [
    {
      // Builds the browser bundles at start, then serves /demo/, /console/, /widget.js and /v1/.
      command: `${node} api/src/runtime/node.ts`,
      cwd: '..',
      url: `${beckonOrigin}/demo/`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(beckonPort),
        HOST: '127.0.0.1',
        BECKON_DATA_DIR: dataDir,
        BECKON_DEMO_PASSWORD: demoPassword,
        BECKON_DEMO_ORIGINS: allowedSiteOrigin,
        BECKON_RECONNECT_GRACE_MS: String(reconnectGraceMs),
      },
    },
    {
      // Starts after the Node host, which has built the bundles it serves as assets.
      command: `${node} e2e/worker-host.ts`,
      cwd: '..',
      url: `${workerOrigin}/demo/`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(workerPort),
        BECKON_DATA_DIR: `${dataDir}/worker`,
        BECKON_DEMO_PASSWORD: demoPassword,
        BECKON_RECONNECT_GRACE_MS: String(reconnectGraceMs),
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
