/**
 * `npm start`: builds LiqLens, starts the replay exchange (recorded real market data), and opens
 * Chromium with the extension on Binance's futures page, served at its real URL from the demo
 * site. With a display it opens a window and runs until you close it; without one it runs
 * headless, saves screenshots under demo-output/, prints what the overlay shows, and exits.
 *
 *   npm start                      replay at real speed with a window; 60× in headless runs
 *   npm start -- --speed 60        replay 60× faster
 *   npm start -- --headless        no window even where a display exists
 *   npm start -- --no-build        skip `wxt build`
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { ChromiumNotFound, findChromium } from './chromium';
import { launchExtension, useReplaySource } from './launchExtension';
import { startReplayServer } from './replay/server';
import { serveDemoSite } from './demo/site';
import { REPO_ROOT } from './repoRoot';

const ROOT = REPO_ROOT;
const OUT = resolve(ROOT, 'demo-output');
const PAGES = [
  { name: 'binance-futures-BTCUSDT', url: 'https://www.binance.com/en/futures/BTCUSDT' },
  { name: 'bybit-linear-BTCUSDT', url: 'https://www.bybit.com/trade/usdt/BTCUSDT' },
];

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

async function badgeText(page: Page): Promise<string> {
  const badge = page.locator('liqlens-overlay .liqlens-badge');
  // Wait for the first answer from the data source, whatever it is.
  await page.waitForFunction(
    () => {
      const host = document.querySelector('liqlens-overlay');
      const state = host?.shadowRoot?.querySelector('.liqlens-badge')?.getAttribute('data-state');
      return state !== undefined && state !== 'loading';
    },
    undefined,
    { timeout: 30_000 },
  );
  return (await badge.innerText()).replace(/\s+/g, ' ').trim();
}

/** Waits (a while, not forever) for a replayed print to reach the badge, so the screenshot has bubbles. */
async function waitForPrints(page: Page): Promise<boolean> {
  return page
    .waitForFunction(
      () => {
        const prints = document.querySelector('liqlens-overlay')?.shadowRoot?.querySelector('.liqlens-badge .prints');
        return Number(prints?.getAttribute('data-last-hour') ?? 0) > 0;
      },
      undefined,
      { timeout: 20_000 },
    )
    .then(() => true, () => false);
}

async function main(): Promise<void> {
  // Before building or starting anything: without a browser there is nothing to run, so say
  // what to install and stop (a running replay server would keep the process alive).
  findChromium();
  if (!flag('no-build')) {
    console.log('Building the extension (wxt build)…');
    const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('wxt build failed');
  }
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
  try {
    for (const { name, url } of PAGES) {
      const page = await launched.context.newPage();
      await page.goto(url);
      await badgeText(page);
      if (await waitForPrints(page)) await page.waitForTimeout(1_500); // the next paints draw the bubbles
      const text = await badgeText(page);
      const file = resolve(OUT, `${name}.png`);
      await page.screenshot({ path: file });
      console.log(`${url}\n  overlay: ${text}\n  screenshot: ${file}`);
    }
  } finally {
    await shutdown();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ChromiumNotFound) console.error(error.message);
  else console.error(error);
  process.exitCode = 1;
});
