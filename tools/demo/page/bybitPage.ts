/**
 * The demo Bybit page. Bybit's real chart internals are not publicly documented, so the demo
 * embeds the charting library the way its embedding guide shows: the app builds the widget with
 * the global `new TradingView.widget({…})` (tvLibrary.ts) and keeps it in its own state (this
 * module's `tv`), with no handle on any window: LiqLens finds it only through its constructor hook.
 * `?variant=no-api` draws a lightweight-charts chart straight into the page instead, without the
 * charting-library interface (the side panel's case); `?variant=two-widgets` first builds a second
 * widget in a hidden container (LiqLens must paint on the one shown). Symbol links navigate with
 * history.pushState, as the single-page app does.
 */
import type * as LWC from 'lightweight-charts';
import { followSymbolLinks, intervalToolbar } from './pageControls';
import { bars as bybitBars } from './bybitBars';
import type { Widget, WidgetOptions } from './tvLibrary';

declare const LightweightCharts: typeof LWC;
declare const TradingView: { widget: new (options: WidgetOptions) => Widget };

const variant = new URLSearchParams(location.search).get('variant') ?? '';
const title = document.getElementById('symbol-title')!;
const container = document.getElementById('chart')!;

const symbolFromPath = () => /\/trade\/usdt\/([A-Za-z0-9]+)/.exec(location.pathname)?.[1]?.toUpperCase() ?? 'BTCUSDT';
let resolution = '15';

/** What the toolbar and the symbol links drive: the widget, or the plain chart of the no-API variant. */
interface ChartControl {
  setSymbol(symbol: string): void;
  setResolution(resolution: string): void;
}

function libraryChart(): ChartControl {
  if (variant === 'two-widgets') {
    const hidden = document.createElement('div');
    hidden.style.display = 'none';
    document.body.append(hidden);
    new TradingView.widget({ container: hidden, symbol: 'ETHUSDT', interval: '60', exchange: 'bybit', naming: 'plain' });
  }
  const tv = new TradingView.widget({ container, symbol: symbolFromPath(), interval: resolution, exchange: 'bybit', naming: 'plain' });
  return {
    setSymbol: (symbol) => tv.onChartReady(() => void tv.activeChart().setSymbol(symbol)),
    setResolution: (r) => tv.onChartReady(() => void tv.activeChart().setResolution(r)),
  };
}

function plainChart(): ChartControl {
  const chart = LightweightCharts.createChart(container, {
    autoSize: true,
    layout: { background: { color: '#101014' }, textColor: '#adb1b8' },
    timeScale: { timeVisible: true },
  });
  const series = chart.addSeries(LightweightCharts.CandlestickSeries, {});
  let symbol = symbolFromPath();
  const load = async () => {
    const tf = resolution === '1D' ? '1d' : Number(resolution) >= 60 ? `${Number(resolution) / 60}h` : `${resolution}m`;
    const bars = await bybitBars(symbol, tf);
    series.setData(bars.map((b) => ({ ...b, time: b.time as LWC.UTCTimestamp })));
  };
  void load();
  return {
    setSymbol: (s) => void ((symbol = s), load()),
    setResolution: () => void load(),
  };
}

const control = variant === 'no-api' ? plainChart() : libraryChart();

intervalToolbar(document.getElementById('interval-toolbar')!, resolution, (r) => {
  resolution = r;
  control.setResolution(r);
});

function showSymbol(): void {
  title.textContent = symbolFromPath();
  control.setSymbol(symbolFromPath());
}
followSymbolLinks(showSymbol);
title.textContent = symbolFromPath();
