// Host-page cost: the demo support page with and without the Beckon snippet
// in Chromium. Before any intent: bytes transferred, layout shift, long tasks
// the widget's scripts caused, and when the launcher is ready. Then a click:
// the call UI chunk's bytes and the time until the panel shows.
import { chromium, type Browser } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from '../scripts/build.ts';
import { chromiumArgs, chromiumPath } from '../e2e/environment.ts';
import { startNodeHostProcess } from '../e2e/node-host.ts';
import { benchOptions, percentile, printTable, round, saveResults, type BenchOptions } from './report.ts';

const beckonPort = 18803;
/** How long a page is left alone after load before "before any intent" is read: the widget's idle-time work lands in it. */
const settleMs = 3000;

interface PageCost {
  transferredBytes: number;
  widgetBytes: number;
  cumulativeLayoutShift: number;
  /**
   * Before any intent and after the click: long tasks the widget caused
   * (animation frames in which the widget's own scripts ran over 50 ms), the
   * longest the widget's scripts ran in one frame, and long frames over 50 ms
   * in which a widget script ran at all, however briefly.
   */
  widgetLongTasks: { beforeIntent: number; afterClick: number };
  longestWidgetScriptMs: { beforeIntent: number; afterClick: number };
  longFramesWithWidget: { beforeIntent: number; afterClick: number };
  /** Each frame over 50 ms with widget code in it, and what of the widget ran. */
  widgetFramesOver50Ms: { start: number; duration: number; widgetScripts: string[] }[];
  /** Long tasks of the page, whoever caused them. */
  longTasks: number;
  launcherReadyMs: number | null;
  /** After the click: bytes of the call UI chunk fetched after it, and when the panel showed. */
  bytesAfterClick: number | null;
  callUiBytes: number | null;
  callUiLoadedBeforeClick: boolean | null;
  panelShownMs: number | null;
}

declare global {
  interface Window { __hostPage?: { launcherReady: number | null; panelShown: number | null; click: number | null; shifts: number; longTasks: number; longFrames: { start: number; duration: number; widgetMs: number | null; widgetScripts: string[] }[] } }
}

// Runs before the page's own scripts: watches layout shifts, long tasks and
// long animation frames, and finds the launcher and the panel in the widget's
// open shadow root as soon as they are drawn.
function watchHostPage() {
  const seen: NonNullable<Window['__hostPage']> = (window.__hostPage = { launcherReady: null, panelShown: null, click: null, shifts: 0, longTasks: 0, longFrames: [] });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) seen.shifts += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => (seen.longTasks += list.getEntries().length)).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { scripts: { sourceURL: string; duration: number; invoker: string }[] })[]) {
      // The loader, the call UI and its chunks: widget.js, widget-ui.js, widget-chunk-*.js.
      const widget = entry.scripts.filter((script) => /\/widget[\w-]*\.js/.test(script.sourceURL));
      seen.longFrames.push({ start: entry.startTime, duration: entry.duration, widgetMs: widget.length ? widget.reduce((sum, script) => sum + script.duration, 0) : null,
        // What ran, for reading in the results: "widget.js 3 ms (Window.requestIdleCallback)".
        widgetScripts: widget.map((script) => `${script.sourceURL.split('/').pop()} ${Math.round(script.duration)} ms (${script.invoker})`) });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  addEventListener('click', (event) => (seen.click ??= event.timeStamp), true);
  const shown = (selector: string) => [...document.querySelectorAll('beckon-widget')].some((element) => {
    const found = element.shadowRoot?.querySelector<HTMLElement>(selector);
    return !!found && found.getBoundingClientRect().height > 0;
  });
  const look = () => {
    if (seen.launcherReady === null && shown('button[aria-label="Contact support"]')) seen.launcherReady = performance.now();
    if (seen.click !== null && seen.panelShown === null && shown('[role="dialog"]')) seen.panelShown = performance.now();
    if (seen.panelShown === null) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

async function measure(browser: Browser, url: string, withWidget: boolean): Promise<PageCost> {
  const context = await browser.newContext();
  try {
    await context.addInitScript(watchHostPage);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(settleMs);
    const resources = () => page.evaluate(() => [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ].map((entry) => ({ name: entry.name, start: entry.startTime, bytes: (entry as PerformanceResourceTiming).transferSize })));
    const before = await resources();
    const widgetResource = (name: string) => /\/widget(-ui)?\.js|\/v1\//.test(name);
    let after: typeof before | null = null;
    if (withWidget) {
      await page.getByRole('button', { name: 'Contact support' }).click();
      await page.getByRole('dialog', { name: 'Support' }).waitFor();
      await page.waitForTimeout(500);
      after = await resources();
    }
    const seen = await page.evaluate(() => window.__hostPage!);
    const widgetFrames = seen.longFrames.filter((frame) => frame.widgetMs !== null);
    const split = (measure: (frames: typeof widgetFrames) => number) => ({
      beforeIntent: measure(widgetFrames.filter((frame) => seen.click === null || frame.start < seen.click)),
      afterClick: measure(widgetFrames.filter((frame) => seen.click !== null && frame.start >= seen.click)),
    });
    const callUi = (after ?? before).find((entry) => entry.name.endsWith('/widget-ui.js'));
    return {
      transferredBytes: before.reduce((sum, entry) => sum + entry.bytes, 0),
      widgetBytes: before.filter((entry) => widgetResource(entry.name)).reduce((sum, entry) => sum + entry.bytes, 0),
      cumulativeLayoutShift: seen.shifts,
      widgetLongTasks: split((frames) => frames.filter((frame) => frame.widgetMs! > 50).length),
      longestWidgetScriptMs: split((frames) => Math.max(0, ...frames.map((frame) => frame.widgetMs!))),
      longFramesWithWidget: split((frames) => frames.filter((frame) => frame.duration > 50).length),
      widgetFramesOver50Ms: widgetFrames.filter((frame) => frame.duration > 50).map(({ start, duration, widgetScripts }) => ({ start, duration, widgetScripts })),
      longTasks: seen.longTasks,
      launcherReadyMs: seen.launcherReady,
      bytesAfterClick: after ? after.slice(before.length).reduce((sum, entry) => sum + entry.bytes, 0) : null,
      callUiBytes: callUi?.bytes ?? null,
      callUiLoadedBeforeClick: callUi ? before.some((entry) => entry.name === callUi.name) : null,
      panelShownMs: seen.panelShown !== null && seen.click !== null ? seen.panelShown - seen.click : null,
    };
  } finally {
    await context.close();
  }
}

/**
 * Runs the host-page benchmark and writes bench/results/host-page.json.
 * @example await runHostPage({ quick: true });
 */
export async function runHostPage(options: BenchOptions) {
  const loads = options.quick ? 2 : 7;
  await buildAll();
  const dataDir = mkdtempSync(join(tmpdir(), 'beckon-bench-page-'));
  const host = await startNodeHostProcess(beckonPort, dataDir);
  const withUrl = `http://127.0.0.1:${beckonPort}/demo/`;
  // The same page as served, minus the snippet's two script tags, from a loopback server of its own.
  const served = await (await fetch(withUrl)).text();
  const bare = served.replace(/\s*<script>window\.Beckon=.*?<\/script>/s, '').replace(/\s*<script src="[^"]*\/widget\.js"[^>]*><\/script>/, '');
  if (bare === served || bare.includes('widget.js')) throw new Error('could not take the snippet out of the demo page');
  const bareSite = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(bare));
  await new Promise<void>((listening) => bareSite.listen(0, '127.0.0.1', listening));
  const withoutUrl = `http://127.0.0.1:${(bareSite.address() as AddressInfo).port}/demo/`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const runs: { withWidget: PageCost[]; withoutWidget: PageCost[] } = { withWidget: [], withoutWidget: [] };
  try {
    // One load each first, not counted: the browser's caches of code and fonts warm up.
    await measure(browser, withUrl, true);
    await measure(browser, withoutUrl, false);
    for (let i = 0; i < loads; i++) {
      runs.withWidget.push(await measure(browser, withUrl, true));
      runs.withoutWidget.push(await measure(browser, withoutUrl, false));
    }
  } finally {
    await browser.close();
    bareSite.close();
    await host.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const median = (costs: PageCost[], pick: (cost: PageCost) => number | null) => {
    const values = costs.map(pick).filter((value): value is number => value !== null);
    return values.length ? round(percentile(values, 50)) : null;
  };
  const worst = (costs: PageCost[], pick: (cost: PageCost) => number) => Math.max(...costs.map(pick));
  const summary = (costs: PageCost[]) => ({
    'bytes before intent (median)': median(costs, (cost) => cost.transferredBytes),
    'widget bytes before intent': median(costs, (cost) => cost.widgetBytes),
    'CLS (worst)': round(worst(costs, (cost) => cost.cumulativeLayoutShift) * 1000) / 1000,
    'widget long tasks before intent / after click (worst)': `${worst(costs, (cost) => cost.widgetLongTasks.beforeIntent)} / ${worst(costs, (cost) => cost.widgetLongTasks.afterClick)}`,
    'longest widget script in a frame, before / after (ms, worst)': `${round(worst(costs, (cost) => cost.longestWidgetScriptMs.beforeIntent))} / ${round(worst(costs, (cost) => cost.longestWidgetScriptMs.afterClick))}`,
    'frames > 50 ms with widget code, before / after (worst)': `${worst(costs, (cost) => cost.longFramesWithWidget.beforeIntent)} / ${worst(costs, (cost) => cost.longFramesWithWidget.afterClick)}`,
    'long tasks (worst)': worst(costs, (cost) => cost.longTasks),
    'launcher ready (ms, median)': median(costs, (cost) => cost.launcherReadyMs),
    'call UI chunk (B)': median(costs, (cost) => cost.callUiBytes),
    'chunk loaded before click': costs.filter((cost) => cost.callUiLoadedBeforeClick).length + `/${costs.length}`,
    'bytes after click (median)': median(costs, (cost) => cost.bytesAfterClick),
    'click to panel (ms, median)': median(costs, (cost) => cost.panelShownMs),
  });
  const rows = [{ page: 'demo with snippet', ...summary(runs.withWidget) }, { page: 'demo without snippet', ...summary(runs.withoutWidget) }];
  const withCosts = runs.withWidget;
  const budgets = {
    clsIsZero: withCosts.every((cost) => cost.cumulativeLayoutShift === 0),
    noWidgetLongTask: withCosts.every((cost) => cost.widgetLongTasks.beforeIntent === 0 && cost.widgetLongTasks.afterClick === 0),
  };
  printTable(`Host page: ${loads} loads each (after one warm-up), ${settleMs / 1000} s untouched, then a click on the launcher`, rows);
  printTable('Host-page budgets', [
    { budget: 'CLS = 0', within: budgets.clsIsZero ? 'yes' : 'NO' },
    { budget: 'no long task caused by the widget (its scripts > 50 ms in a frame)', within: budgets.noWidgetLongTask ? 'yes' : 'NO' },
  ]);
  await saveResults('host-page', { settleMs, budgets, summary: rows, runs }, options);
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runHostPage(benchOptions(process.argv.slice(2)));
