/**
 * However a page embeds the TradingView charting library, the overlay finds the chart the trader
 * sees and paints on it within 1 px through pan, zoom and a symbol change; and Binance's chart
 * views, switched live, get what each can show.
 */
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { inOverlay } from './shadowReach';
import { dragChart, expectAligned, overlayDebug, pageReportOf, wheelZoomChart } from './overlayHelpers';
import { REPO_ROOT } from '../../tools/repoRoot';

const BINANCE = 'https://www.binance.com/en/futures/BTCUSDT';
const BYBIT = 'https://www.bybit.com/trade/usdt/BTCUSDT';

const EMBEDDINGS = [
  { name: 'Binance with the handle spelled TradingViewApi', url: `${BINANCE}?handle=TradingViewApi`, chosen: /^frame0\.TradingViewApi$/ },
  { name: 'Binance with the widget in the app global tvWidget', url: `${BINANCE}?handle=tvWidget`, chosen: /^top\.tvWidget$/ },
  { name: 'Binance with a library build without coordinateToTime', url: `${BINANCE}?variant=no-coordinate-to-time`, chosen: /^frame0\.tradingViewApi$/, missing: 'timeScale.coordinateToTime' },
  { name: 'Bybit, built with TradingView.widget and kept in the app\'s own state', url: BYBIT, chosen: /^constructor#\d$/, screenshot: 'overlay-bybit-btcusdt-15m.png' },
  { name: 'Bybit with two widgets, one hidden', url: `${BYBIT}?variant=two-widgets`, chosen: /^constructor#\d$/ },
];

/** The chart's iframe as the trader sees it (the visible one). */
const chartBox = async (page: Page) => (await page.locator('#chart_futures-tradingview iframe, #chart iframe').first().boundingBox())!;

for (const embedding of EMBEDDINGS) {
  test(`${embedding.name}: painted within 1 px through pan, zoom and symbol change`, async ({ extension }) => {
    test.setTimeout(150_000);
    const sw = extension.serviceWorker;
    const page = await extension.context.newPage();
    await page.goto(embedding.url);
    await expectAligned(sw, page, `${embedding.name}, opened`);
    const report = (await pageReportOf(sw, page))!;
    expect(report.chosen).toMatch(embedding.chosen);
    expect(report.geometryRead).toBe(true);
    if (embedding.missing) expect(report.missingCalls).toContain(embedding.missing);
    if (embedding.screenshot) await page.screenshot({ path: resolve(REPO_ROOT, 'docs/img', embedding.screenshot) });

    const box = await chartBox(page);
    await dragChart(page, box, 250);
    await expectAligned(sw, page, `${embedding.name}, panned`);

    await wheelZoomChart(page, box);
    await expectAligned(sw, page, `${embedding.name}, zoomed`);

    await page.getByRole('link', { name: 'ETHUSDT' }).click();
    await expectAligned(sw, page, `${embedding.name}, ETHUSDT`, 'ETHUSDT');
  });
}

test('Binance\'s chart views switched live: Depth paints nothing and leaves nothing, Basic gets the side panel saying how to switch, TradingView paints', async ({ extension }) => {
  test.setTimeout(150_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(BINANCE);
  await expectAligned(sw, page, 'TradingView view');
  const canvases = () => page.frames().reduce(async (n, f) => (await n) + (await f.locator('liqlens-chart-overlay').count()), Promise.resolve(0));
  const panel = inOverlay(page, '.liqlens-panel');

  await page.getByRole('tab', { name: 'Depth' }).click();
  await expect.poll(async () => (await overlayDebug(sw, page))?.chart.kind).toBe('hidden');
  expect(await canvases()).toBe(0);
  await expect.poll(() => panel.count()).toBe(0);
  expect((await pageReportOf(sw, page))!.chartMode).toBe('hidden');

  await page.getByRole('tab', { name: 'Basic' }).click();
  await expect.poll(() => panel.isVisible()).toBe(true);
  await expect.poll(() => panel.text()).toContain('choose “TradingView” above the chart');
  await panel.locator('.pill').click();
  await expect.poll(() => panel.locator('.hint').isVisible()).toBe(true);
  await page.screenshot({ path: resolve(REPO_ROOT, 'docs/img/side-panel-binance-basic.png') });
  expect(await canvases()).toBe(0);
  expect((await overlayDebug(sw, page))!.chart).toEqual({ kind: 'list', reason: 'no-api' });

  await page.getByRole('tab', { name: 'TradingView' }).click();
  await expect.poll(() => panel.count()).toBe(0);
  await expectAligned(sw, page, 'TradingView view again');
  expect(await canvases()).toBe(1);
});

test('a page that changes the library\'s objects gets nothing drawn from the old reading, then the side panel; restored, it is painted again', async ({ extension }) => {
  test.setTimeout(120_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(BINANCE);
  await expectAligned(sw, page, 'before the change');
  const frame = page.frames().find((f) => f.url().includes('chart-frame.html'))!;
  // The page replaces the widget's activeChart with one that throws.
  await frame.evaluate(() => {
    const api = (window as unknown as { tradingViewApi: { activeChart: unknown; saved?: unknown } }).tradingViewApi;
    api.saved = api.activeChart;
    api.activeChart = () => { throw new Error('changed by the page'); };
  });
  // At once: no canvas, nothing from the last reading; then the side panel, saying it does not guess.
  await expect.poll(async () => frame.locator('liqlens-chart-overlay').count(), { timeout: 5_000 }).toBe(0);
  await expect.poll(async () => (await overlayDebug(sw, page))?.chart, { timeout: 15_000 }).toEqual({ kind: 'list', reason: 'incomplete-api' });
  await expect.poll(() => inOverlay(page, '.liqlens-panel').text()).toContain('instead of guessing');
  expect((await pageReportOf(sw, page))!.throwingCalls).toContain('activeChart');

  await frame.evaluate(() => {
    const api = (window as unknown as { tradingViewApi: { activeChart: unknown; saved?: unknown } }).tradingViewApi;
    api.activeChart = api.saved;
  });
  await expectAligned(sw, page, 'restored');
  await expect.poll(() => inOverlay(page, '.liqlens-panel').count()).toBe(0);
});
