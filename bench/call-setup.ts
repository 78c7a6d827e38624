// Call setup: from the agent's Accept to ICE connected and to the first
// decoded video frame on both sides, through Beckon's real widget, console,
// API and conversation actor, and through the floor (two bare peer connections
// and the smallest WebSocket relay) in the same run, calls interleaved.
// Host candidates, then relay-only through coturn. Needs the network namespace
// of scripts/netns.sh (npm run bench enters it).
import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { turnCredential } from '../api/src/auth/turn.ts';
import { buildAll } from '../scripts/build.ts';
import { startCoturn } from '../e2e/coturn.ts';
import { chromiumArgs, chromiumPath, demoAgents, demoPassword, turn, turnUrl } from '../e2e/environment.ts';
import { startNodeHostProcess } from '../e2e/node-host.ts';
import { floorPageHtml, type FloorPageConfig } from './floor/call-page.ts';
import { startFloorRelay } from './floor/ws-relay.ts';
import { benchOptions, percentile, printTable, round, saveResults, type BenchOptions } from './report.ts';

/** Milliseconds from the agent's Accept to each milestone of one call. */
export interface CallSetupSample {
  visitorIceConnected: number;
  agentIceConnected: number;
  visitorFirstFrame: number;
  agentFirstFrame: number;
}
type Figure = keyof CallSetupSample;
const figures: Figure[] = ['visitorIceConnected', 'agentIceConnected', 'visitorFirstFrame', 'agentFirstFrame'];
type Mode = 'host' | 'relay';

const beckonPorts: Record<Mode, number> = { host: 18801, relay: 18802 };
/** Each of the two modes stops taking calls after this long (set-up included), to end within 5 minutes on a busy machine. */
const modeBudgetMs = 130_000;
/** Calls may take this long from Accept to both first frames. */
const callTimeoutMs = 20_000;

interface Timing { accept: number[]; calls: { iceConnected: number | null; firstFrame: number | null }[]; connections: RTCPeerConnection[] }
declare global {
  interface Window { __callSetup?: Timing; floorReady?: boolean; join?(room: string): Promise<void>; hangUp?(): void }
}

// Runs before any script of the page, in Beckon's pages and the floor's alike,
// so both are timed by the same code: the Accept click's event time, and each
// peer connection's first ICE connected and first decoded video frame.
function timeCallSetup() {
  const clock = () => performance.timeOrigin + performance.now();
  const timing: Timing = (window.__callSetup = { accept: [], calls: [], connections: [] });
  addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.('button');
    if (button?.textContent?.trim() === 'Accept') timing.accept.push(performance.timeOrigin + event.timeStamp);
  }, true);
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      const call = { iceConnected: null as number | null, firstFrame: null as number | null };
      timing.calls.push(call);
      timing.connections.push(this);
      this.addEventListener('iceconnectionstatechange', () => {
        if (call.iceConnected === null && ['connected', 'completed'].includes(this.iceConnectionState)) call.iceConnected = clock();
      });
      // Polled, not watched through a <video>: neither page needs to draw it, and both are polled alike.
      this.addEventListener('track', ({ receiver }) => {
        if (receiver.track.kind !== 'video') return;
        const since = clock();
        const poll = async () => {
          if (call.firstFrame !== null || clock() - since > 30_000 || this.connectionState === 'closed') return;
          let decoded = 0;
          (await receiver.getStats()).forEach((report: { type: string; framesDecoded?: number }) => {
            if (report.type === 'inbound-rtp') decoded += report.framesDecoded ?? 0;
          });
          if (decoded > 0) call.firstFrame = clock();
          else setTimeout(poll, 5);
        };
        void poll();
      });
    }
  };
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await context.addInitScript(timeCallSetup);
  return context;
}

// The newest call's milestones, as epoch milliseconds.
async function timing(page: Page): Promise<{ accept: number | undefined; iceConnected: number | null; firstFrame: number | null }> {
  return page.evaluate(() => {
    const timing = window.__callSetup!;
    const call = timing.calls.at(-1);
    return { accept: timing.accept.at(-1), iceConnected: call?.iceConnected ?? null, firstFrame: call?.firstFrame ?? null };
  });
}

/**
 * Reads both pages' timings once before Accept: the first evaluation in a
 * page sets up the harness's own script there, work that must not land in
 * the timed call (the floor's pages had it already, from waiting for them to load).
 */
async function readyToTime(visitor: Page, agent: Page) {
  await Promise.all([timing(visitor), timing(agent)]);
}

// Where a call that did not set up stopped: each of the page's peer
// connections, as descriptions (local/remote), ICE gathering, ICE and
// connection states.
function connectionStates(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__callSetup!.connections.map((connection) =>
    [`${connection.localDescription?.type ?? 'none'}/${connection.remoteDescription?.type ?? 'none'}`, connection.signalingState, connection.iceGatheringState, connection.iceConnectionState, connection.connectionState].join(' ')));
}

async function waitForSetup(visitor: Page, agent: Page): Promise<CallSetupSample> {
  const deadline = Date.now() + callTimeoutMs;
  for (;;) {
    const [v, a] = await Promise.all([timing(visitor), timing(agent)]);
    if (a.accept !== undefined && v.iceConnected && v.firstFrame && a.iceConnected && a.firstFrame) {
      return {
        visitorIceConnected: v.iceConnected - a.accept,
        agentIceConnected: a.iceConnected - a.accept,
        visitorFirstFrame: v.firstFrame - a.accept,
        agentFirstFrame: a.firstFrame - a.accept,
      };
    }
    if (Date.now() > deadline) {
      const [visitorStates, agentStates] = await Promise.all([connectionStates(visitor), connectionStates(agent)]);
      throw new Error(`a call did not set up within ${callTimeoutMs} ms: visitor ${JSON.stringify({ ...v, connections: visitorStates })}, agent ${JSON.stringify({ ...a, connections: agentStates })}`);
    }
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

/**
 * A window for one side's pages, kept open between calls: each call opens a
 * tab in it, so the browser's own set-up of a new window (the renderer of its
 * toolbar, about 100 ms of script) never lands inside a timed call.
 */
async function callWindow(browser: Browser): Promise<BrowserContext> {
  const context = await newContext(browser);
  await context.newPage();
  return context;
}

/** Closes a call's tab, leaving nothing in storage for the next call's visitor. */
async function closeTab(page: Page) {
  await page.evaluate(() => localStorage.clear()).catch(() => undefined);
  await page.context().clearCookies();
  await page.close();
}

/** One Beckon call through the demo page's widget and the console. */
async function beckonCall(visitors: BrowserContext, origin: string, agent: Page): Promise<CallSetupSample> {
  const visitor = await visitors.newPage();
  try {
    await visitor.goto(`${origin}/demo/`);
    await visitor.getByRole('button', { name: 'Contact support' }).click();
    const panel = visitor.getByRole('dialog', { name: 'Support' });
    await panel.getByRole('button', { name: 'Start video call' }).click();
    // The visitor's check of camera and microphone comes before the queue, as for any visitor.
    await panel.getByRole('button', { name: 'Join call' }).click();
    const accept = agent.getByRole('region', { name: 'Incoming call' }).getByRole('button', { name: 'Accept' });
    await accept.waitFor();
    await readyToTime(visitor, agent);
    await accept.click();
    const sample = await waitForSetup(visitor, agent);
    await panel.getByRole('button', { name: 'Hang up' }).click();
    await agent.getByText('Call ended').or(agent.getByText('Waiting for calls.')).first().waitFor();
    return sample;
  } finally {
    await closeTab(visitor);
  }
}

async function signInConsole(browser: Browser, origin: string): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await page.goto(`${origin}/console/`);
  await page.getByLabel('Email').fill(demoAgents.first);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Status is enabled once the presence socket is open; the server then greets it as Available.
  const status = page.getByLabel('Status');
  await expect(status).toBeEnabled();
  await expect(status.locator('option:checked')).toHaveText('Available');
  return page;
}

/** The floor's two pages; each call joins a new room of the relay. */
async function floorPages(browser: Browser, relayPort: number, pagePort: number, mode: Mode) {
  const iceServers: RTCIceServer[] = [];
  if (mode === 'relay') {
    const { username, credential } = await turnCredential(turn.secret, 'floor', Date.now());
    iceServers.push({ urls: turnUrl, username, credential });
  }
  const open = async (context: BrowserContext, role: FloorPageConfig['role'], room: string) => {
    const config: FloorPageConfig = { role, relay: `ws://127.0.0.1:${relayPort}`, room, iceServers, iceTransportPolicy: mode === 'relay' ? 'relay' : 'all' };
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`floor ${role} page: ${error.message}`));
    await page.goto(`http://127.0.0.1:${pagePort}/floor?config=${encodeURIComponent(JSON.stringify(config))}`);
    await page.waitForFunction(() => window.floorReady === true);
    return page;
  };
  const agentContext = await newContext(browser);
  const agent = await open(agentContext, 'agent', `${mode}-idle`);
  const visitors = await callWindow(browser);
  let calls = 0;
  return {
    close: async () => {
      await agentContext.close();
      await visitors.close();
    },
    async call(): Promise<CallSetupSample> {
      const room = `${mode}-call-${++calls}`;
      await agent.evaluate((name) => window.join!(name), room);
      const visitor = await open(visitors, 'visitor', room);
      try {
        await readyToTime(visitor, agent);
        await agent.getByRole('button', { name: 'Accept' }).click();
        const sample = await waitForSetup(visitor, agent);
        await agent.evaluate(() => window.hangUp!());
        return sample;
      } finally {
        await closeTab(visitor);
      }
    },
  };
}

/** Median and p95 of each figure, Beckon against the floor. */
function summarize(beckon: CallSetupSample[], floor: CallSetupSample[]) {
  return figures.map((figure) => {
    const of = (samples: CallSetupSample[]) => samples.map((sample) => sample[figure]);
    const b = { median: percentile(of(beckon), 50), p95: percentile(of(beckon), 95) };
    const f = { median: percentile(of(floor), 50), p95: percentile(of(floor), 95) };
    return { figure, beckon: b, floor: f, ratio: { median: b.median / f.median, p95: b.p95 / f.p95 } };
  });
}

/** The largest Beckon/floor ratio call setup may show on any figure. */
export const callSetupBudget = 1.5;

/**
 * Runs the call-setup benchmark and writes bench/results/call-setup.json.
 * @example await runCallSetup({ quick: true });
 */
export async function runCallSetup(options: BenchOptions) {
  const calls = options.quick ? 3 : 20;
  await buildAll();
  const dataDir = mkdtempSync(join(tmpdir(), 'beckon-bench-calls-'));
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const relay = await startFloorRelay(0);
  // Served from a real loopback server: Chromium lets only such a page open sockets to loopback.
  const floorSite = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(floorPageHtml));
  await new Promise<void>((listening) => floorSite.listen(0, '127.0.0.1', listening));
  const floorSitePort = (floorSite.address() as AddressInfo).port;
  const results: { mode: Mode; calls: number; beckon: CallSetupSample[]; floor: CallSetupSample[]; summary: ReturnType<typeof summarize> }[] = [];
  try {
    for (const mode of ['host', 'relay'] as const) {
      const coturn = mode === 'relay' ? await startCoturn() : null;
      // Back-to-back calls: no wrap-up hold between them. Every call's visitor
      // comes from one address, whose session limit is not what is measured.
      const env: Record<string, string> = { BECKON_WRAP_UP_SECONDS: '0', BECKON_VISITOR_SESSIONS_PER_MINUTE: '1000000', ...(mode === 'relay' ? { BECKON_TURN_URLS: turnUrl, BECKON_TURN_SECRET: turn.secret, BECKON_DEMO_RELAY_ONLY: '1' } : {}) };
      const modeStarted = performance.now();
      const host = await startNodeHostProcess(beckonPorts[mode], join(dataDir, mode), env);
      const closing: (() => Promise<void>)[] = [];
      try {
        const origin = `http://127.0.0.1:${beckonPorts[mode]}`;
        const agent = await signInConsole(browser, origin);
        const visitors = await callWindow(browser);
        const floor = await floorPages(browser, relay.port, floorSitePort, mode);
        closing.push(() => agent.context().close(), () => visitors.close(), floor.close);
        // One call each first, not counted: code caches, the camera and coturn warm up.
        await beckonCall(visitors, origin, agent);
        await floor.call();
        const beckon: CallSetupSample[] = [];
        const bare: CallSetupSample[] = [];
        for (let i = 0; i < calls && performance.now() - modeStarted < modeBudgetMs; i++) {
          beckon.push(await beckonCall(visitors, origin, agent));
          bare.push(await floor.call());
        }
        results.push({ mode, calls: beckon.length, beckon, floor: bare, summary: summarize(beckon, bare) });
      } finally {
        for (const close of closing) await close();
        await host.kill();
        await coturn?.stop();
      }
    }
  } finally {
    await browser.close();
    await relay.close();
    floorSite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const rows = results.flatMap(({ mode, calls, summary }) => summary.map((row) => ({
    candidates: mode,
    calls,
    'from Accept to': row.figure,
    'Beckon median (ms)': round(row.beckon.median),
    'Beckon p95 (ms)': round(row.beckon.p95),
    'floor median (ms)': round(row.floor.median),
    'floor p95 (ms)': round(row.floor.p95),
    'ratio median': Math.round(row.ratio.median * 100) / 100,
    'ratio p95': Math.round(row.ratio.p95 * 100) / 100,
    [`within ${callSetupBudget}×`]: row.ratio.median <= callSetupBudget && row.ratio.p95 <= callSetupBudget ? 'yes' : 'NO',
  })));
  printTable(`Call setup: up to ${calls} video calls each (after one warm-up), Beckon vs. floor`, rows);
  await saveResults('call-setup', { budgetRatio: callSetupBudget, results }, options);
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runCallSetup(benchOptions(process.argv.slice(2)));
