/**
 * The chart iframe of the demo pages (`iframe#tradingview_…`): lightweight-charts candlestick
 * charts of replayed data behind the TradingView widget API (tradingViewApi.ts), each with a
 * legend at its pane's top-left as the library draws one (symbol, interval, OHLC, indicators).
 * Query: ?symbol=BTCUSDT&interval=15 (a TradingView resolution), &exchange=<registry id> (whose
 * replayed candles; the first exchange's by default), &handle=… (where the widget is exposed:
 * `tradingViewApi` on this window as on binance.com, `TradingViewApi` as other deployments spell
 * it, `tvWidget` as an app global on the parent page, or `library`: only to the demo's
 * TradingView.widget constructor in the parent, as the real library's iframe is), and the
 * variants of tools/demo/README.md: &variant=a,b (library builds and scales), &naming=… (how the
 * datafeed names symbols), &layout=N (N charts side by side), &timezone=… (the symbol's zone).
 */
import type * as LWC from 'lightweight-charts';
import { barsOf, type Bar } from './replayCandles';
import { ALL_FEATURES, SYMBOL_NAMINGS, TradingViewWidget, type ChartBackend, type SymbolNaming } from './tradingViewApi';

declare const LightweightCharts: typeof LWC;

/** TradingView resolution → Binance's interval names (also the timeframes each exchange's bars reader takes). */
function interval(resolution: string): string {
  if (resolution === '1D') return '1d';
  if (resolution === '1W') return '1w';
  const minutes = Number(resolution);
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

const params = new URLSearchParams(location.search);
const variants = new Set((params.get('variant') ?? '').split(','));
// Whose candles: the `exchange` query's (a registry id); Binance's page frames the chart without one.
// Loaded on first use, not awaited here: the frame's widget must exist by its load event.
const barsReader = barsOf(params.get('exchange') ?? 'binance');
const bars = async (symbol: string, timeframe: string, limit?: number): Promise<Bar[]> => (await barsReader)(symbol, timeframe, limit);
const naming = (params.get('naming') ?? 'binance') as SymbolNaming;
const timezone = params.get('timezone');
const layout = Math.min(Math.max(Number(params.get('layout') ?? 1) || 1, 1), 4);

/**
 * Daily and weekly bars open at the session start in the symbol's own time zone (the library's
 * rule): 00:00 in Asia/Shanghai is 16:00 UTC the day before. Intraday bars are as the data has them.
 */
function sessionShiftSec(resolution: string, utcSec: number): number {
  if (!timezone || !/^1?[DW]$/.test(resolution)) return 0;
  const at = new Date(utcSec * 1000);
  const local = Date.parse(at.toLocaleString('en-US', { timeZone: timezone }));
  const utc = Date.parse(at.toLocaleString('en-US', { timeZone: 'UTC' }));
  return (utc - local) / 1000;
}
const toSession = (resolution: string, list: Bar[]) => list.map((b) => ({ ...b, time: b.time + sessionShiftSec(resolution, b.time) }));

const root = document.getElementById('chart')!;
root.style.display = 'flex';
const backends: ChartBackend[] = [];
const legends: HTMLElement[] = [];
for (let i = 0; i < layout; i++) {
  const container = document.createElement('div');
  container.className = 'chart-container';
  container.style.cssText = 'position: relative; flex: 1 1 0; min-width: 0; height: 100%;';
  root.append(container);
  const chart = LightweightCharts.createChart(container, {
    autoSize: true,
    layout: { background: { color: '#161a1e' }, textColor: '#b7bdc6' },
    grid: { vertLines: { color: '#1e2329' }, horzLines: { color: '#1e2329' } },
    timeScale: { timeVisible: true, secondsVisible: false },
    rightPriceScale: { invertScale: variants.has('inverted') },
  });
  const series = chart.addSeries(LightweightCharts.CandlestickSeries, {
    upColor: '#0ecb81', downColor: '#f6465d', borderVisible: false, wickUpColor: '#0ecb81', wickDownColor: '#f6465d',
  });
  // The library's legend: marked `data-name="legend"` as the library marks it, unless the variant hides the mark.
  const legend = document.createElement('div');
  if (!variants.has('unmarked-legend')) legend.dataset.name = 'legend';
  legend.className = 'pane-legend';
  legend.style.cssText = 'position: absolute; left: 8px; top: 6px; z-index: 3; color: #b7bdc6; font: 12px/18px system-ui, sans-serif; pointer-events: none;';
  container.append(legend);
  legends.push(legend);
  backends.push({ chart, series, load: async (symbol, resolution) => toSession(resolution, await bars(symbol, interval(resolution))) });
}

const features = {
  ...ALL_FEATURES,
  // A build of the v19 era: no coordinateToPrice (v26), no timeScale.width/barSpacing (v22), no chart.hasModel (v28).
  coordinateToPrice: !variants.has('no-coordinate-to-price') && !variants.has('v19'),
  coordinateToTime: !variants.has('no-coordinate-to-time'),
  scaleSize: !variants.has('v19'),
  chartHasModel: !variants.has('v19'),
};
const widget = new TradingViewWidget(backends, params.get('symbol') ?? 'BTCUSDT', params.get('interval') ?? '15', features, naming in SYMBOL_NAMINGS ? naming : 'binance');

/** The legends' text (as the library writes it: symbol as the datafeed names it, interval, last OHLC). */
function writeLegends(): void {
  backends.forEach((backend, i) => {
    const chart = widget.chart(i);
    const last = backend.series.data().at(-1) as { open?: number; high?: number; low?: number; close?: number } | undefined;
    const ohlc = last?.close !== undefined ? `O ${last.open} H ${last.high} L ${last.low} C ${last.close}` : '';
    const lines = [`${chart.symbol()} · ${chart.resolution()} · ${ohlc}`, 'Vol · 24h', 'MA (7, close)'];
    legends[i]!.replaceChildren(...lines.flatMap((line, n) => (n === 0 ? [line] : [document.createElement('br'), line])));
  });
}
setInterval(writeLegends, 1_000);
widget.onChartReady(writeLegends);

// Clicking a chart makes it the active one, as in the library's multi-chart layouts; its container is marked.
const containers = [...root.querySelectorAll<HTMLElement>('.chart-container')];
const markActive = () => containers.forEach((c, i) => c.classList.toggle('active', i === widget.activeChartIndex()));
containers.forEach((c, i) => c.addEventListener('pointerdown', () => widget.setActiveChart(i), true));
widget.activeChartChanged.subscribe(null, markActive);
markActive();

// `__demoChart`: the active chart's library itself, for tests to ask where the chart draws a price
// or a time (the library's own answer, against which the overlay is checked), and the session
// shift of its bar times. Not part of any exchange page.
Object.defineProperty(window, '__demoChart', {
  get: () => {
    const { chart, series } = backends[widget.activeChartIndex()]!;
    const resolution = widget.activeChart().resolution();
    return { chart, series, toChartTime: (utcSec: number) => utcSec + sessionShiftSec(resolution, utcSec) };
  },
});
const handle = params.get('handle') ?? 'tradingViewApi';
if (handle === 'tradingViewApi' || handle === 'TradingViewApi') Object.assign(window, { [handle]: widget });
else if (handle === 'tvWidget') Object.assign(parent, { tvWidget: widget });
else Object.assign(window, { __libraryWidget: widget }); // read by tvLibrary.ts in the parent

// Follow the replay: fetch the latest bars every few seconds, as the real page's stream would.
setInterval(() => {
  for (let i = 0; i < backends.length; i++) {
    const chart = widget.chart(i);
    if (!chart.isLoaded()) continue;
    const resolution = chart.resolution();
    bars(chart.plainSymbol(), interval(resolution), 3)
      .then((latest) => chart.update(toSession(resolution, latest)))
      .catch(() => {}); // the replay may be down in a test; the next poll retries
  }
}, 2_000);
