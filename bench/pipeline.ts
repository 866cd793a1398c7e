/**
 * Market-data figures in the real extension (headless Chromium, replay exchange):
 * - prints per second from the socket to IndexedDB: a burst of distinct forceOrder frames is
 *   written to the service worker's socket, and the time until the store holds them all;
 * - the service worker's JS heap at the start and after hours of replay at high speed;
 * - the store's size per symbol-month of prints, from the growth of the profile's IndexedDB
 *   folder while 30 days of prints are stored (a recorded day, 30 times).
 * The service worker's heap is read over a DevTools port (Runtime.getHeapUsage on its target).
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import WebSocket from 'ws';
import { launchExtension, useReplaySource } from '../tools/launchExtension';
import { serveDemoSite } from '../tools/demo/site';
import { loadCatalog } from '../tools/replay/catalog';
import { startReplayServer, type ReplayServer } from '../tools/replay/server';
import { figure, type FigureSpec } from './summary';
import { inOverlay, until } from '../tests/e2e/shadowReach';

export const PIPELINE_FIGURES: readonly FigureSpec[] = [
  { name: 'store.bytes_per_print', unit: 'B', op: '<=', target: 200, timed: false },
  // The target is 200 B a print times the month's prints (set once they are counted).
  { name: 'store.mb_per_symbol_month', unit: 'MB', op: '<=', target: Number.NaN, timed: false },
];

const DEVTOOLS_PORT = 9339;
const BURST = 20_000;
/** Days in the symbol-month the store's size is measured over. */
const DAYS = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Prints in the store, counted in the service worker. */
async function storedPrints(context: BrowserContext): Promise<number> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(() => new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('liqlens-market');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const count = open.result.transaction('prints').objectStore('prints').count();
      count.onsuccess = () => {
        open.result.close();
        resolve(count.result);
      };
    };
  }));
}

/** The service worker's used JS heap in MB, through the DevTools protocol. */
async function workerHeapMb(): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${DEVTOOLS_PORT}/json/list`)).json()) as { type: string; url: string; webSocketDebuggerUrl: string }[];
  const target = targets.find((t) => t.type === 'service_worker' && t.url.endsWith('/background.js'));
  if (!target) throw new Error('no service worker target');
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const send = (id: number, method: string) => new Promise<Record<string, number>>((resolve) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, number> };
      if (message.id === id) resolve(message.result ?? {});
    });
    socket.send(JSON.stringify({ id, method }));
  });
  await send(1, 'HeapProfiler.collectGarbage');
  const usage = await send(2, 'Runtime.getHeapUsage');
  socket.close();
  return usage.usedSize! / 1048576;
}

function dirBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
}

/** `count` distinct Binance forceOrder frames (real-looking values, distinct times). */
function forceOrderFrames(count: number, start: number): string[] {
  return Array.from({ length: count }, (_, i) => JSON.stringify({
    e: 'forceOrder', E: start + i, o: { s: 'BTCUSDT', S: i % 2 ? 'BUY' : 'SELL', o: 'LIMIT', f: 'IOC', q: (0.001 * (1 + (i % 997))).toFixed(3), p: (37_000 + (i % 500)).toFixed(2), ap: (37_000 + (i % 500)).toFixed(2), X: 'FILLED', l: '0.001', z: (0.001 * (1 + (i % 997))).toFixed(3), T: start + i },
  }));
}

async function openBtc(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  if (!(await until(async () => (await inOverlay(page, '.prints').getAttribute('data-stream')) === 'live', 30_000))) {
    const text = await inOverlay(page, '.liqlens-badge').textContent().catch(() => 'no overlay');
    throw new Error(`the badge never showed a live print stream; it says: ${text}`);
  }
  return page;
}

async function withExtension(replay: ReplayServer, run: (context: BrowserContext, profile: string) => Promise<void>): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'liqlens-bench-'));
  const launched = await launchExtension({ headless: true, userDataDir: profile, args: [`--remote-debugging-port=${DEVTOOLS_PORT}`] });
  try {
    await useReplaySource(launched.serviceWorker, replay.url);
    await serveDemoSite(launched.context, { replayUrl: replay.url });
    await run(launched.context, profile);
  } finally {
    await launched.context.close();
    await replay.close();
  }
}

/** The service worker's own estimate of its origin's storage use, in bytes. */
async function storageUsage(context: BrowserContext): Promise<number> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/** Waits until the store holds `count` prints; returns the ms since `t0`. */
async function waitForStored(context: BrowserContext, count: number, t0 = performance.now(), timeoutMs = 180_000): Promise<number> {
  while ((await storedPrints(context)) < count) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`the store did not reach ${count} prints in ${timeoutMs} ms`);
    await sleep(20);
  }
  return performance.now() - t0;
}

export async function benchPipeline(): Promise<void> {
  console.log('\n## Liquidation prints: socket → IndexedDB in the service worker (headless Chromium)');

  const burstReplay = await startReplayServer({ port: 0, speed: 1 });
  await withExtension(burstReplay, async (context) => {
    await openBtc(context);
    const before = await storedPrints(context);
    // Times an hour back: distinct from every print the replay itself sends meanwhile.
    const frames = forceOrderFrames(BURST, Math.round(burstReplay.clock.now()) - 3_600_000);
    const t0 = performance.now(); // from the first frame written, not after the sending loop
    for (const frame of frames) burstReplay.sendRaw('binance', frame);
    const ms = await waitForStored(context, before + BURST, t0);
    console.log(`${BURST.toLocaleString('en')} distinct prints sent in one burst: all in IndexedDB after ${ms.toFixed(0)} ms → ${Math.round((BURST / ms) * 1000).toLocaleString('en')} prints/s sustained`);
  });

  const dayReplay = await startReplayServer({ port: 0, speed: 1 });
  await withExtension(dayReplay, async (context, profile) => {
    await openBtc(context);
    await sleep(2_000); // the backfill's writes settle first
    const idbDir = join(profile, 'Default', 'IndexedDB');
    const diskBefore = dirBytes(idbDir);
    const usageBefore = await storageUsage(context);
    const printsBefore = await storedPrints(context);
    // A symbol-month of prints: the recorded day of Binance BTCUSDT prints 30 times, copy k
    // placed k + 1 days back (inside the 30-day retention; none coincides with a replayed print).
    // A day alone stays in LevelDB's uncompressed log; a month is enough for it to compact.
    const day = loadCatalog().find((m) => m.exchange === 'binance' && m.symbol === 'BTCUSDT')!.prints;
    const now = Math.round(dayReplay.clock.now());
    for (let k = 1; k <= DAYS; k++) {
      const shift = now - (k + 1) * 86_400_000 - day[0]!.time;
      for (const p of day) {
        dayReplay.sendRaw('binance', JSON.stringify({ e: 'forceOrder', E: p.time + shift, o: { s: p.symbol, S: p.side === 'long' ? 'SELL' : 'BUY', o: 'LIMIT', f: 'IOC', q: String(p.quantity), p: String(p.price), ap: String(p.price), X: 'FILLED', l: String(p.quantity), z: String(p.quantity), T: p.time + shift } }));
      }
      await waitForStored(context, printsBefore + k * day.length);
    }
    await sleep(3_000); // LevelDB writes its log lazily
    const disk = dirBytes(idbDir) - diskBefore;
    const usage = (await storageUsage(context)) - usageBefore;
    const month = day.length * DAYS;
    console.log(`a symbol-month of Binance BTCUSDT prints (the recorded day of ${day.length.toLocaleString('en')}, 2023-11-27, ${DAYS} times: ${month.toLocaleString('en')}): IndexedDB folder +${(disk / 1e6).toFixed(2)} MB on disk (${Math.round(disk / month)} B/print), navigator.storage.estimate() +${(usage / 1e6).toFixed(2)} MB`);
    figure('store.bytes_per_print', disk / month, `IndexedDB folder growth over ${month.toLocaleString('en')} prints: one recorded day of Binance BTCUSDT prints ${DAYS} times, one a day`);
    figure('store.mb_per_symbol_month', disk / 1e6, `the same ${DAYS} days of one symbol`, (200 * month) / 1e6);
  });

  console.log('\n## Service worker heap over hours of replay at 240× (headless Chromium)');
  const longReplay = await startReplayServer({ port: 0, speed: 240 });
  await withExtension(longReplay, async (context) => {
    await openBtc(context);
    const start = await workerHeapMb();
    const servedStart = longReplay.clock.now();
    const printsStart = await storedPrints(context);
    await sleep(60_000);
    const after = await workerHeapMb();
    const hours = (longReplay.clock.now() - servedStart) / 3_600_000;
    const prints = (await storedPrints(context)) - printsStart;
    console.log(`used JS heap after GC: ${start.toFixed(1)} MB with the page open, ${after.toFixed(1)} MB after ${hours.toFixed(1)} h of replay (${prints} prints stored meanwhile, one tab on BTCUSDT 15m)`);
  });
}
