/**
 * The overlay against the charting library's documented semantics, on the demo imitation's
 * variants (tools/demo/README.md): symbols as each datafeed names them, a visible price range by
 * position on an inverted scale, a v19-era build, daily bars at their session start in a non-UTC
 * zone, and a multi-chart layout whose charts are of one size. Each paints within 1 px, or gets
 * the side panel saying why.
 */
import { expect, test } from './fixtures';
import { inOverlay } from './shadowReach';
import { chartFrame, dragChart, expectAligned, overlayDebug, pageReportOf, paintedAfter, wheelZoomChart } from './overlayHelpers';
import { barToX } from '../../src/overlay/geometry';

const BINANCE = 'https://www.binance.com/en/futures/BTCUSDT';
const BYBIT = 'https://www.bybit.com/trade/usdt/BTCUSDT';

test('symbols spelled as each datafeed names them are mapped through the registry and painted on', async ({ extension }) => {
  test.setTimeout(240_000);
  const sw = extension.serviceWorker;
  for (const [url, named] of [
    [`${BINANCE}?naming=prefixed`, 'BINANCE:BTCUSDT.P'],
    [`${BINANCE}?naming=perp`, 'BTCUSDTPERP'],
    [`${BYBIT}?naming=dot-p`, 'BTCUSDT.P'],
    [`${BYBIT}?naming=lower`, 'btcusdt'],
  ] as const) {
    const page = await extension.context.newPage();
    await page.goto(url);
    await expectAligned(sw, page, `the chart names it ${named}`);
    expect((await pageReportOf(sw, page))!.chartSymbol).toBe(named);
    await page.close();
  }
});

test('a symbol LiqLens cannot map gets the side panel saying which symbol the chart shows and what was expected; the report carries both', async ({ extension }) => {
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(`${BINANCE}?naming=coin-margined`);
  const panel = inOverlay(page, '.liqlens-panel');
  await expect.poll(() => panel.isVisible(), { timeout: 30_000 }).toBe(true);
  await panel.locator('.pill').click();
  await expect.poll(() => panel.locator('.hint').text()).toContain('The chart shows BTCUSD_PERP; LiqLens expected BTCUSDT');
  const report = (await pageReportOf(sw, page))!;
  expect(report).toMatchObject({ chartMode: 'other-symbol', chartSymbol: 'BTCUSD_PERP', expectedSymbol: 'BTCUSDT' });
  expect((await overlayDebug(sw, page))!.lastPaint?.items ?? []).toEqual([]);
});

test('an inverted scale without coordinateToPrice (the visible range by position) is painted the right way up, through pan and zoom', async ({ extension }) => {
  test.setTimeout(150_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(`${BINANCE}?variant=inverted,no-coordinate-to-price`);
  await expectAligned(sw, page, 'inverted, by position');
  const debug = (await overlayDebug(sw, page))!;
  expect(debug.chart.kind === 'chart' && debug.chart.geometry.price.top < debug.chart.geometry.price.bottom).toBe(true);
  const box = (await page.locator('#chart_futures-tradingview iframe').boundingBox())!;
  await dragChart(page, box, 200);
  await expectAligned(sw, page, 'inverted, panned');
  await wheelZoomChart(page, box);
  await expectAligned(sw, page, 'inverted, zoomed');
});

test('a build of the v19 era (no width, barSpacing or coordinateToPrice) is painted within 1 px through pan and zoom', async ({ extension }) => {
  test.setTimeout(150_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(`${BINANCE}?variant=v19`);
  await expectAligned(sw, page, 'v19 build');
  expect((await pageReportOf(sw, page))!.missingCalls).toEqual(expect.arrayContaining(['timeScale.width', 'timeScale.barSpacing']));
  const box = (await page.locator('#chart_futures-tradingview iframe').boundingBox())!;
  await dragChart(page, box, 200);
  await expectAligned(sw, page, 'v19, panned');
  await wheelZoomChart(page, box);
  await expectAligned(sw, page, 'v19, zoomed');
});

test('daily bars at their session start in Asia/Shanghai: LiqLens\'s UTC daily bars map onto the chart\'s own candles', async ({ extension }) => {
  test.setTimeout(150_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(`${BINANCE}?timezone=Asia/Shanghai`);
  await expectAligned(sw, page, '15m');
  await page.getByRole('tab', { name: '1D' }).click();
  // The replay serves two daily candles: no marks on 1D, so each candle's place is checked, as LiqLens maps its UTC open.
  await expect.poll(async () => {
    const debug = await overlayDebug(sw, page);
    const g = debug?.chart.kind === 'chart' && debug.chart.geometry.resolution === '1D' ? debug.chart.geometry : null;
    if (!g) return 'not read';
    const candles = await chartFrame(page).evaluate(() => {
      type Lwc = { series: { data(): { time: number }[] }; chart: { timeScale(): { timeToCoordinate(t: number): number | null } }; toChartTime(t: number): number };
      const { series, chart, toChartTime } = (window as unknown as { __demoChart: Lwc }).__demoChart;
      // Shanghai is UTC+8 all year: a day's session opens at 16:00 UTC the day before.
      return series.data().slice(-8).map((b) => ({ utc: b.time + 8 * 3600, session: toChartTime(b.time + 8 * 3600) === b.time, x: chart.timeScale().timeToCoordinate(b.time) }));
    });
    if (candles.length < 2 || candles.some((c) => !c.session || c.x === null)) return `no candles: ${JSON.stringify(candles)}`;
    return Math.max(...candles.map((c) => Math.abs(barToX(g, c.utc * 1000) - c.x!)));
  }, { timeout: 30_000 }).toBeLessThanOrEqual(1);
});

test('a layout of three charts of one size: the overlay follows the active chart as the trader switches', async ({ extension }) => {
  test.setTimeout(180_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(`${BINANCE}?layout=3`);
  await expectAligned(sw, page, 'chart 1 of 3');
  const box = (await page.locator('#chart_futures-tradingview iframe').boundingBox())!;
  for (const index of [2, 1]) {
    // A click on a chart makes it the active one.
    await page.mouse.click(box.x + (box.width * (index + 0.5)) / 3, box.y + box.height * 0.5);
    await expectAligned(sw, page, `chart ${index + 1} of 3`);
    // The layout is reported from the bridge's full look, every 2 s (FULL_LOOK_MS): it follows the paint.
    await expect.poll(async () => (await pageReportOf(sw, page))?.layout, { timeout: 10_000 }).toEqual({ charts: 3, active: index });
  }
});

test.describe('a page that keeps adding an iframe before the chart\'s', () => {
  // Replayed at 600×: about ten prints a second, so the overlay repaints often while the chart's
  // index among the page's iframes shifts (a paint into a shifted index would land in a banner).
  test.use({ replaySpeed: 600 });
  test('the overlay stays on the chart\'s own frame: nothing is painted into the added iframes', async ({ extension }) => {
    test.setTimeout(120_000);
    const sw = extension.serviceWorker;
    const page = await extension.context.newPage();
    await page.goto(`${BINANCE}?variant=late-iframe`);
    // (At 600× the chart scrolls a bar every 1.5 s: alignment is measured at 60× in the other tests.)
    await paintedAfter(sw, page, 0);
    type Record = { inserted: number; overlaysInside: number };
    const record = () => page.evaluate(() => (window as unknown as { __lateIframes: Record }).__lateIframes);
    const before = { banners: (await record()).inserted, paints: (await overlayDebug(sw, page))!.paints };
    // Twenty-one paints while at least sixteen banners come and go (eight seconds or more of shifting
    // indices; a tab's status arrives at most once a second, so the paints set the pace).
    const progress = async () => ({
      banners: (await record()).inserted - before.banners >= 16,
      paints: (await overlayDebug(sw, page))!.paints - before.paints > 20,
    });
    await expect.poll(progress, { timeout: 60_000, message: 'the overlay repainted while the banners rotated' }).toEqual({ banners: true, paints: true });
    expect((await record()).overlaysInside).toBe(0);
    expect(await chartFrame(page).locator('liqlens-chart-overlay').count()).toBe(1);
  });
});
