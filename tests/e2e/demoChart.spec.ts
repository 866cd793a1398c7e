/**
 * The demo Binance page's chart iframe exposes the charting-library calls the overlay will
 * rely on (DESIGN.md §4), answering from the chart it really draws.
 */
import { expect, test } from './fixtures';

test('the demo chart iframe answers the TradingView charting-library calls from its real chart', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  const frame = page.frameLocator('.chart-widget-root #chart_futures-tradingview iframe[id^="tradingview_"]');
  await expect(frame.locator('canvas').first()).toBeVisible();
  const chartFrame = page.frames().find((f) => f.url().includes('chart-frame.html'))!;
  // hasModel() is a chart's call (v28+), not the widget's, as the library documents it.
  await chartFrame.waitForFunction(() => (window as unknown as { tradingViewApi?: { activeChart(): { hasModel(): boolean } } }).tradingViewApi?.activeChart().hasModel() === true);

  const read = () => chartFrame.evaluate(() => {
    // Shapes as the library documents them; the demo implements them on lightweight-charts.
    type Api = {
      activeChart(): {
        symbol(): string;
        resolution(): string;
        getVisibleRange(): { from: number; to: number };
        getPanes(): { getMainSourcePriceScale(): { getVisiblePriceRange(): { from: number; to: number } | null; coordinateToPrice(y: number): number | null; getMode(): number; isInverted(): boolean } }[];
        getTimeScale(): { coordinateToTime(x: number): number | null; width(): number; barSpacing(): number };
        getAllPanesHeight(): number[];
      };
    };
    const chart = (window as unknown as { tradingViewApi: Api }).tradingViewApi.activeChart();
    const scale = chart.getPanes()[0]!.getMainSourcePriceScale();
    const height = chart.getAllPanesHeight()[0]!; // each pane's height, the main pane first
    return {
      symbol: chart.symbol(),
      resolution: chart.resolution(),
      range: chart.getVisibleRange(),
      prices: scale.getVisiblePriceRange(),
      top: scale.coordinateToPrice(0),
      // The visible range is by position: `from` is the bottom row's price (y = height − 1).
      bottom: scale.coordinateToPrice(height - 1),
      mode: scale.getMode(),
      inverted: scale.isInverted(),
      width: chart.getTimeScale().width(),
      barSpacing: chart.getTimeScale().barSpacing(),
      nearRightTime: chart.getTimeScale().coordinateToTime(chart.getTimeScale().width() * 0.9),
      now: Date.now() / 1000,
    };
  });

  // The chart lays itself out on the next frames after its data arrives.
  await expect.poll(async () => { const r = (await read()).range; return r.to - r.from; }).toBeGreaterThan(0);
  const state = await read();
  expect(state.symbol.split('@')[0]).toBe('BTCUSDT');
  expect(state.resolution).toBe('15');
  expect(state.range.to).toBeGreaterThan(state.range.from);
  expect(state.range.to).toBeGreaterThan(state.now - 3600); // time-shifted replay: the chart ends near now
  expect(state.prices!.to).toBeGreaterThan(state.prices!.from);
  expect(state.top).toBeCloseTo(state.prices!.to, 6);
  expect(state.bottom).toBeCloseTo(state.prices!.from, 6);
  expect(state.prices!.from).toBeGreaterThan(30_000); // recorded BTC prices of November 2023
  expect(state.mode).toBe(0);
  expect(state.inverted).toBe(false);
  expect(state.width).toBeGreaterThan(0);
  expect(state.barSpacing).toBeGreaterThan(0);
  expect(state.nearRightTime).toBeGreaterThan(state.range.from);
  expect(state.nearRightTime).toBeLessThan(state.range.to);

  // An interval change from the page's toolbar reaches the chart and fires onIntervalChanged.
  await chartFrame.evaluate(() => {
    const api = (window as unknown as { tradingViewApi: { activeChart(): { onIntervalChanged(): { subscribe(o: null, cb: (r: string) => void): void } } } }).tradingViewApi;
    api.activeChart().onIntervalChanged().subscribe(null, (r) => ((window as unknown as { seen: string }).seen = r));
  });
  await page.getByRole('tab', { name: '1H' }).click();
  await expect.poll(() => chartFrame.evaluate(() => (window as unknown as { seen?: string }).seen)).toBe('60');
  expect((await read()).resolution).toBe('60');
});
