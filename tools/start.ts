/**
 * `npm start`: builds LiqLens, starts the replay exchange (recorded real market data), and opens
 * Chromium with the extension on Binance's futures page, served at its real URL from the demo
 * site. With a display it opens a window and runs until you close it; without one it runs
 * headless, prints one line per page (`chart: painted N items` or `chart: side panel (reason)`),
 * saves a screenshot of each after the first paint under demo-output/, and exits.
 *
 *   npm start                      replay at real speed with a window; 60× in headless runs
 *   npm start -- --speed 60        replay 60× faster
 *   npm start -- --headless        no window even where a display exists
 *   npm start -- --no-build        skip `wxt build`
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { ChromiumNotFound, findChromium } from './chromium';
import { launchExtension, useReplaySource } from './launchExtension';
import { startReplayServer } from './replay/server';
import { serveDemoSite } from './demo/site';
import { REPO_ROOT } from './repoRoot';
import { overlayDebug, type OverlayDebug } from '../tests/e2e/overlayHelpers';
import { inOverlay, until } from '../tests/e2e/shadowReach';

const ROOT = REPO_ROOT;
const OUT = resolve(ROOT, 'demo-output');
const PAGES = [
  { name: 'binance-futures-BTCUSDT', url: 'https://www.binance.com/en/futures/BTCUSDT' },
  { name: 'bybit-linear-BTCUSDT', url: 'https://www.bybit.com/trade/usdt/BTCUSDT' },
  // OKX's demo page: Binance's recorded data converted to OKX's formats (no OKX data was recorded).
  { name: 'okx-swap-BTC-USDT-SWAP', url: 'https://www.okx.com/trade-swap/btc-usdt-swap' },
  // The demo's Bybit page without the charting-library interface: the side panel.
  { name: 'bybit-linear-BTCUSDT-no-api', url: 'https://www.bybit.com/trade/usdt/BTCUSDT?variant=no-api' },
];
/** How long to wait for the first paint with marks (or the side panel) before saying what there is. */
const FIRST_PAINT_MS = 60_000;
const SIDE_PANEL_SETTLED_MS = 5_000;
/** How long the pages together wait for a replayed print to reach their badges (from when they open). */
const PRINTS_WAIT_MS = 20_000;

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** Headless runs replay 60× so prints arrive about every second and the screenshots show bubbles. */
const HEADLESS_SPEED = 60;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

/**
 * Waits for what the overlay does on the page (the content script's own read-out): the first paint
 * that draws the analysis, or the side panel; then says it in one line.
 */
async function chartLine(sw: Worker, page: Page): Promise<string> {
  const until = Date.now() + FIRST_PAINT_MS;
  let debug: OverlayDebug | null = null;
  let listedSince: number | null = null;
  while (Date.now() < until) {
    debug = await overlayDebug(sw, page);
    const chart = debug?.chart;
    // Painted from the analysis (not only the first print bubbles, which can come before it).
    const items = debug?.lastPaint?.items ?? [];
    if (chart?.kind === 'chart' && items.some((i) => i.kind !== 'print')) return `chart: painted ${items.length} items`;
    // The side panel once it has held a while: a slow page's chart may still come.
    listedSince = chart?.kind === 'list' ? (listedSince ?? Date.now()) : null;
    if (chart?.kind === 'list' && Date.now() - listedSince! > SIDE_PANEL_SETTLED_MS) return `chart: side panel (${chart.reason})`;
    await page.waitForTimeout(250);
  }
  const chart = debug?.chart;
  if (chart?.kind === 'chart') return `chart: painted ${debug!.lastPaint?.items.length ?? 0} items (no data arrived in ${FIRST_PAINT_MS / 1000} s)`;
  return `chart: ${chart?.kind ?? 'no answer from LiqLens'} after ${FIRST_PAINT_MS / 1000} s`;
}

/** Waits (a while, not forever) for a replayed print to reach the badge, so the screenshot has bubbles. */
async function waitForPrints(page: Page, timeout: number): Promise<boolean> {
  const prints = inOverlay(page, '.liqlens-badge .prints');
  return until(async () => Number((await prints.getAttribute('data-last-hour')) ?? 0) > 0, timeout);
}

/**
 * `wxt build`, showing its own progress in a terminal; elsewhere (a log, CI) one line when it is
 * done, since its spinner would fill the log, and its whole output only if it failed.
 */
function build(): void {
  const started = Date.now();
  if (process.stdout.isTTY) {
    console.log('Building the extension (wxt build)…');
    if (spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('wxt build failed');
    return;
  }
  const run = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (run.status !== 0) {
    process.stderr.write(`${run.stdout}${run.stderr}`);
    throw new Error('wxt build failed');
  }
  console.log(`Built the extension (wxt build) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

async function main(): Promise<void> {
  // Before building or starting anything: without a browser there is nothing to run, so say
  // what to install and stop (a running replay server would keep the process alive).
  findChromium();
  const started = Date.now();
  if (!flag('no-build')) build();
  const built = Date.now();
  const headless = flag('headless') || !process.env.DISPLAY;
  const replay = await startReplayServer({ port: 0, speed: option('speed', headless ? HEADLESS_SPEED : 1) });
  console.log(`Replay exchange (recorded real data) at ${replay.url}`);

  const launched = await launchExtension({ headless }).catch(async (error: unknown) => {
    await replay.close();
    throw error;
  });
  await useReplaySource(launched.serviceWorker, replay.url);
  await serveDemoSite(launched.context, { replayUrl: replay.url });

  const shutdown = async () => {
    await launched.context.close().catch(() => {});
    await replay.close();
  };

  if (!headless) {
    const page = launched.context.pages()[0] ?? (await launched.context.newPage());
    await page.goto(PAGES[0]!.url);
    console.log(`LiqLens is running on ${PAGES[0]!.url} (served locally). Close the browser window to stop.`);
    await new Promise<void>((done) => launched.context.on('close', () => done()));
    await replay.close();
    return;
  }

  mkdirSync(OUT, { recursive: true });
  const since = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
  try {
    // All pages at once, each saved as soon as it has painted and shown prints: the prints come
    // on one replay clock, so waiting for them together costs one wait, not one per page.
    const printsUntil = Date.now() + PRINTS_WAIT_MS;
    await Promise.all(
      PAGES.map(async ({ name, url }) => {
        try {
          const page = await launched.context.newPage();
          await page.goto(url, { timeout: FIRST_PAINT_MS });
          const line = await chartLine(launched.serviceWorker, page);
          if (await waitForPrints(page, Math.max(1, printsUntil - Date.now()))) await page.waitForTimeout(1_500); // the next paints draw the bubbles
          const file = resolve(OUT, `${name}.png`);
          await page.screenshot({ path: file }); // after the first paint: what the trader sees
          console.log(`${line} · ${url} · ${file} (${since(built)} after the build)`);
        } catch (error) {
          // One line, not a stack: the other pages go on.
          console.log(`${url}: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
          process.exitCode = 1;
        }
      }),
    );
  } finally {
    await shutdown();
  }
  console.log(`Done in ${since(started)}${flag('no-build') ? '' : ` (build ${((built - started) / 1000).toFixed(1)} s)`}.`);
}

main().catch((error: unknown) => {
  if (error instanceof ChromiumNotFound) console.error(error.message);
  else console.error(error);
  process.exitCode = 1;
});
