/**
 * `npm start`: builds LiqLens, starts the replay exchange (recorded real market data), and opens
 * Chromium with the extension on Binance's futures page, served at its real URL from the demo
 * site. With a display it opens a window and runs until you close it; without one it runs
 * headless, saves screenshots under demo-output/, prints what the overlay shows, and exits.
 *
 *   npm start                      replay at real speed
 *   npm start -- --speed 60        replay 60× faster
 *   npm start -- --headless        no window even where a display exists
 *   npm start -- --no-build        skip `wxt build`
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { ChromiumNotFound } from './chromium';
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

async function main(): Promise<void> {
  if (!flag('no-build')) {
    console.log('Building the extension (wxt build)…');
    const build = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('wxt build failed');
  }
  const headless = flag('headless') || !process.env.DISPLAY;
  const replay = await startReplayServer({ port: 0, speed: option('speed', 1) });
  console.log(`Replay exchange (recorded real data) at ${replay.url}`);

  const launched = await launchExtension({ headless });
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
