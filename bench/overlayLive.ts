/**
 * The overlay in the extension on the demo Binance chart (needs `wxt build` and Chromium):
 * frames the page drew during a scripted 2-second pan and how many it dropped, what each
 * overlay repaint cost on the real scene, and the time from a replayed print leaving the
 * replay exchange's socket (on loopback: arriving at the service worker) to its bubble
 * being painted on the canvas.
 */
import type { Page } from '@playwright/test';
import { launchExtension, useReplaySource } from '../tools/launchExtension';
import { serveDemoSite } from '../tools/demo/site';
import { startReplayServer } from '../tools/replay/server';
import { overlayDebug } from '../tests/e2e/overlayHelpers';
import { median, quantile } from './stats';

const PAGE = 'https://www.binance.com/en/futures/BTCUSDT';

export async function benchOverlayLive(): Promise<void> {
  console.log('\n## Overlay in the extension (demo Binance chart, 1400×860 viewport)');
  // 300× replay: enough Binance BTCUSDT prints in 40 s for a distribution.
  const replay = await startReplayServer({ port: 0, speed: 300 });
  const launched = await launchExtension({ headless: true });
  try {
    await useReplaySource(launched.serviceWorker, replay.url);
    await serveDemoSite(launched.context, { replayUrl: replay.url });
    const page = await launched.context.newPage();
    await page.goto(PAGE);
    await waitForPaint(launched.serviceWorker, page);
    // Prints first: the pan scrolls the newest candles, where they land, out of view.
    await printToBubble(launched.serviceWorker, page, replay);
    await pan(launched.serviceWorker, page);
  } finally {
    await launched.context.close();
    await replay.close();
  }
}

async function waitForPaint(sw: Parameters<typeof overlayDebug>[0], page: Page): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const d = await overlayDebug(sw, page);
    if (d?.lastPaint?.items.some((item) => item.kind === 'band')) return;
    await page.waitForTimeout(100);
  }
  throw new Error('the overlay never painted bands');
}

async function pan(sw: Parameters<typeof overlayDebug>[0], page: Page): Promise<void> {
  const frame = page.frames().find((f) => f.url().includes('chart-frame.html'))!;
  const box = (await page.locator('#chart_futures-tradingview iframe').boundingBox())!;
  const before = (await overlayDebug(sw, page))!.paints;
  // The page's own frames, counted in the chart frame while the mouse drags for 2 s.
  await frame.evaluate(() => {
    const w = window as unknown as { frameTimes: number[]; recording: boolean };
    w.frameTimes = [];
    w.recording = true;
    const loop = (t: number) => {
      if (!w.recording) return;
      w.frameTimes.push(t);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  const y = box.y + box.height * 0.5;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  const steps = 120;
  const started = Date.now();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(box.x + box.width * 0.3 + (400 * i) / steps, y);
    const due = started + (2_000 * i) / steps;
    const wait = due - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
  }
  await page.mouse.up();
  const times = await frame.evaluate(() => {
    const w = window as unknown as { frameTimes: number[]; recording: boolean };
    w.recording = false;
    return w.frameTimes;
  });
  const intervals = times.slice(1).map((t, i) => t - times[i]!);
  const typical = median(intervals);
  const dropped = intervals.filter((d) => d > 1.5 * typical).reduce((n, d) => n + Math.round(d / typical) - 1, 0);
  const debug = (await overlayDebug(sw, page))!;
  const paints = debug.paints - before;
  const costs = debug.paintMs.slice(-Math.min(paints, debug.paintMs.length));
  console.log(`scripted 2 s pan: ${times.length} page frames, median interval ${typical.toFixed(1)} ms, ${dropped} frames dropped (intervals over 1.5× the median, counted in missed frames)`);
  console.log(`overlay repaints during the pan: ${paints}, each p50 ${median(costs).toFixed(2)} ms, p95 ${quantile(costs, 0.95).toFixed(2)} ms, max ${Math.max(...costs).toFixed(2)} ms (${debug.lastPaint!.items.length} items on the last)`);
}

async function printToBubble(sw: Parameters<typeof overlayDebug>[0], page: Page, replay: Awaited<ReturnType<typeof startReplayServer>>): Promise<void> {
  const sent = new Map<string, number>();
  const key = (time: number, price: number) => `${time}:${price}`;
  const stop = replay.onSent((exchange, prints) => {
    if (exchange !== 'binance') return;
    const now = Date.now();
    for (const p of prints) if (p.symbol === 'BTCUSDT') sent.set(key(p.time, p.price), now);
  });
  const painted = new Map<string, number>();
  const until = Date.now() + 40_000;
  while (Date.now() < until) {
    const debug = await overlayDebug(sw, page);
    // Every paint still in the content script's history: the first one showing a print dates its bubble.
    for (const item of debug?.lastPaint?.items ?? []) {
      if (item.kind !== 'print') continue;
      const k = key(item.time, item.price);
      if (sent.has(k) && !painted.has(k)) painted.set(k, debug!.lastPaint!.at);
    }
    await page.waitForTimeout(20);
  }
  stop();
  const latencies = [...painted].map(([k, at]) => at - sent.get(k)!).filter((ms) => ms >= 0);
  if (latencies.length === 0) throw new Error('no replayed print reached the canvas');
  console.log(
    `print → bubble: ${latencies.length} of ${sent.size} prints sent seen painted; p50 ${median(latencies).toFixed(0)} ms, p95 ${quantile(latencies, 0.95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms ` +
      '(the bench reads the last paint every ~20 ms, so a bubble is dated by the paint that first showed it)',
  );
}
