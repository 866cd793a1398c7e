/**
 * Extension figures: the gzipped size of each built entrypoint, and the time from navigation
 * start to the badge showing replayed data on the demo Binance page (first load, then warm
 * loads of a feed the background already holds). Needs a build (`wxt build`) and Chromium.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchExtension, useReplaySource, CHROME_BUILD_DIR } from '../tools/launchExtension';
import { serveDemoSite } from '../tools/demo/site';
import { startReplayServer } from '../tools/replay/server';
import { inOverlay, until } from '../tests/e2e/shadowReach';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function bundleSizes(dir = CHROME_BUILD_DIR): { file: string; bytes: number; gzipped: number }[] {
  return files(dir)
    .filter((f) => /\.(js|css|html|json)$/.test(f))
    .map((f) => {
      const content = readFileSync(f);
      return { file: relative(dir, f), bytes: content.length, gzipped: gzipSync(content, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipped - a.gzipped);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds from navigation start to `data-state="replay"` on the badge, per load. */
export async function pageToBadge(loads = 10): Promise<{ first: number; warm: number[]; pageLoad: number[] }> {
  const replay = await startReplayServer({ port: 0, speed: 1 });
  const launched = await launchExtension({ headless: true });
  try {
    await useReplaySource(launched.serviceWorker, replay.url);
    await serveDemoSite(launched.context, { replayUrl: replay.url });
    const times: number[] = [];
    const pageLoad: number[] = [];
    for (let i = 0; i <= loads; i++) {
      const page = await launched.context.newPage();
      await page.goto('https://www.binance.com/en/futures/BTCUSDT');
      // Read through the tests' reach into the closed shadow root, polled back to back: the figure
      // is the page's clock when a read first saw it (a read takes a few ms; the old in-page rAF
      // poll was finer, so figures from before the roots were closed ran a few ms lower).
      const badge = inOverlay(page, '.liqlens-badge');
      if (!(await until(async () => (await badge.getAttribute('data-state')) === 'replay', 30_000, 0))) throw new Error('the badge did not show replayed data within 30 s');
      times.push(await page.evaluate(() => performance.now()));
      // For scale: when the page itself finished loading (the content script runs at document_idle).
      pageLoad.push(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd));
      await page.close();
    }
    return { first: times[0]!, warm: times.slice(1), pageLoad };
  } finally {
    await launched.context.close();
    await replay.close();
  }
}

export async function benchExtension(): Promise<void> {
  console.log('\n## Extension build (.output/chrome-mv3), gzip -9');
  for (const { file, bytes, gzipped } of bundleSizes()) {
    console.log(`${file.padEnd(48)} ${(bytes / 1024).toFixed(1).padStart(8)} kB  ${(gzipped / 1024).toFixed(1).padStart(7)} kB gz`);
  }
  console.log('\n## Page load → badge with replayed data (demo Binance page, headless Chromium)');
  const { first, warm, pageLoad } = await pageToBadge();
  console.log(`first load (cold feed): ${first.toFixed(0)} ms`);
  console.log(`warm loads (n=${warm.length}): median ${median(warm).toFixed(0)} ms, min ${Math.min(...warm).toFixed(0)}, max ${Math.max(...warm).toFixed(0)}`);
  console.log(`the page's own load event, for scale: median ${median(pageLoad).toFixed(0)} ms after navigation start`);
}

