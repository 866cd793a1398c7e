/**
 * The badge and the side panel stay out of the way: by default a small pill inside the chart
 * pane's top-left, clear of the price axis and the newest candles; it expands on click, is
 * reached and moved from the keyboard, dragged with the mouse, and keeps its place per site.
 */
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { inOverlay } from './shadowReach';
import { chartFrame, overlayDebug, paintedAfter } from './overlayHelpers';
import { REPO_ROOT } from '../../tools/repoRoot';
import { legendBottom, legendTop } from '../../src/overlay/paint/layers/legend';

const BINANCE = 'https://www.binance.com/en/futures/BTCUSDT';

const box = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!;

test('the badge is a pill in the pane\'s top-left, below the library\'s legend and LiqLens\'s, clear of the price axis and newest candles; expands, moves by keyboard and mouse, and keeps its place', async ({ extension }) => {
  test.setTimeout(120_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(BINANCE);
  const debug = await paintedAfter(sw, page, 0);
  const g = debug.chart.kind === 'chart' ? debug.chart.geometry : null;
  const frame = await box(page, '#chart_futures-tradingview iframe');
  const pane = { left: frame.x + g!.pane.left, top: frame.y + g!.pane.top, right: frame.x + g!.pane.left + g!.pane.width, bottom: frame.y + g!.pane.top + g!.pane.height };
  // The newest candle's centre, in page pixels, from the chart library itself.
  const newestX = frame.x + g!.pane.left + (await chartFrame(page).evaluate(() => {
    type Lwc = { series: { data(): { time: number }[] }; chart: { timeScale(): { timeToCoordinate(t: number): number | null } } };
    const { series, chart } = (window as unknown as { __demoChart: Lwc }).__demoChart;
    return chart.timeScale().timeToCoordinate(series.data().at(-1)!.time)!;
  }));

  const pill = inOverlay(page, '.liqlens-badge .pill');
  const details = inOverlay(page, '.liqlens-badge .details');
  await expect.poll(() => pill.isVisible()).toBe(true);
  await expect.poll(() => details.isVisible()).toBe(false);
  const at = (await pill.boundingBox())!;
  // The library's own legend (symbol, OHLC, indicators): its box as the page shows it, read by the bridge.
  const libraryBottom = await chartFrame(page).evaluate(() => document.querySelector('[data-name="legend"]')!.getBoundingClientRect().bottom);
  expect(Math.abs(g!.legendBottom! - (libraryBottom - g!.pane.top))).toBeLessThanOrEqual(1);
  expect(legendTop(g!)).toBeGreaterThan(libraryBottom - g!.pane.top); // LiqLens's legend starts below it
  expect(at.x).toBeGreaterThanOrEqual(pane.left);
  expect(at.y).toBeGreaterThanOrEqual(pane.top + legendBottom(g!)); // below both legends, LiqLens's at its tallest
  expect(at.y + at.height).toBeLessThan(pane.top + (pane.bottom - pane.top) / 3); // the top third (below the two legends)
  expect(at.x + at.width).toBeLessThan(pane.left + (pane.right - pane.left) / 2); // the left half
  expect(at.x + at.width).toBeLessThan(newestX - 50); // clear of the newest candles (and so of the price axis right of the pane)
  expect(at.height).toBeLessThan(30); // a pill, not a panel

  // Expands on click, collapses on Escape.
  await pill.click();
  await expect.poll(() => details.isVisible()).toBe(true);
  await expect.poll(() => pill.getAttribute('aria-expanded')).toBe('true');
  await expect.poll(() => details.locator('.detail').isVisible()).toBe(true);
  await page.screenshot({ path: resolve(REPO_ROOT, 'docs/img/badge-expanded.png'), clip: { x: pane.left, y: pane.top, width: 520, height: 360 } });
  await pill.press('Escape');
  await expect.poll(() => details.isVisible()).toBe(false);

  // Reachable with Tab from the page, and moved with the arrow keys.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  let focused = false;
  for (let i = 0; i < 40 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await pill.focused();
  }
  expect(focused).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(() => details.isVisible()).toBe(true);
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(async () => { const b = (await pill.boundingBox())!; return [Math.round(b.x - at.x), Math.round(b.y - at.y)]; }).toEqual([10, 60]);

  // Dragged with the mouse: moves, does not toggle.
  const before = (await pill.boundingBox())!;
  await page.mouse.move(before.x + 10, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + 130, before.y + before.height / 2 + 90, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => details.isVisible()).toBe(false);
  await expect.poll(async () => { const b = (await pill.boundingBox())!; return [Math.round(b.x - before.x), Math.round(b.y - before.y)]; }).toEqual([120, 90]);
  const moved = (await pill.boundingBox())!;

  // Kept for the site: a fresh page of it puts the badge where it was left.
  const again = await extension.context.newPage();
  await again.goto('https://www.binance.com/en/futures/ETHUSDT');
  await paintedAfter(sw, again, 0, 'ETHUSDT');
  await expect.poll(async () => { const b = (await inOverlay(again, '.liqlens-badge .pill').boundingBox())!; return [Math.round(b.x), Math.round(b.y)]; }).toEqual([Math.round(moved.x), Math.round(moved.y)]);
  expect((await overlayDebug(sw, again))!.chart.kind).toBe('chart');
});

test('the side panel follows the same rules: a pill that expands, moves and keeps its place', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.bybit.com/trade/usdt/BTCUSDT?variant=no-api');
  const pill = inOverlay(page, '.liqlens-panel .pill');
  await expect.poll(() => pill.isVisible(), { timeout: 20_000 }).toBe(true);
  const chart = await box(page, '#chart');
  const at = (await pill.boundingBox())!;
  expect(at.height).toBeLessThan(30);
  expect(at.x + at.width).toBeLessThan(chart.x + chart.width / 2); // left, away from the axis and the newest candles
  const details = inOverlay(page, '.liqlens-panel .details');
  await expect.poll(() => details.isVisible()).toBe(false);
  await pill.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => details.isVisible()).toBe(true);
  await expect.poll(() => details.locator('.clusters li').first().isVisible(), { timeout: 30_000 }).toBe(true);
  await page.screenshot({ path: resolve(REPO_ROOT, 'docs/img/side-panel-bybit-btcusdt.png') });
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => Math.round((await pill.boundingBox())!.x - at.x)).toBe(10);

  const again = await extension.context.newPage();
  await again.goto('https://www.bybit.com/trade/usdt/BTCUSDT?variant=no-api');
  await expect.poll(async () => Math.round((await inOverlay(again, '.liqlens-panel .pill').boundingBox())?.x ?? -1)).toBe(Math.round(at.x + 10));
});
