/**
 * The chart iframe of the demo Binance page (`iframe#tradingview_…`): a lightweight-charts
 * candlestick chart of replayed data, with `window.tradingViewApi` as on binance.com.
 * Query: ?symbol=BTCUSDT&interval=15 (a TradingView resolution).
 */
import type * as LWC from 'lightweight-charts';
import { binanceBars } from './replayCandles';
import { TradingViewWidget } from './tradingViewApi';

declare const LightweightCharts: typeof LWC;

/** TradingView resolution → Binance interval. */
function binanceInterval(resolution: string): string {
  if (resolution === '1D') return '1d';
  if (resolution === '1W') return '1w';
  const minutes = Number(resolution);
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

const params = new URLSearchParams(location.search);
const container = document.getElementById('chart')!;
const chart = LightweightCharts.createChart(container, {
  autoSize: true,
  layout: { background: { color: '#161a1e' }, textColor: '#b7bdc6' },
  grid: { vertLines: { color: '#1e2329' }, horzLines: { color: '#1e2329' } },
  timeScale: { timeVisible: true, secondsVisible: false },
});
const series = chart.addSeries(LightweightCharts.CandlestickSeries, {
  upColor: '#0ecb81', downColor: '#f6465d', borderVisible: false, wickUpColor: '#0ecb81', wickDownColor: '#f6465d',
});

const widget = new TradingViewWidget(
  { chart, series, load: (symbol, resolution) => binanceBars(symbol, binanceInterval(resolution)) },
  params.get('symbol') ?? 'BTCUSDT',
  params.get('interval') ?? '15',
  { coordinateToPrice: params.get('variant') !== 'no-coordinate-to-price' },
);
// `__demoChart`: the chart library itself, for tests to ask where the chart draws a price or a
// time (the library's own answer, against which the overlay is checked). Not part of any exchange page.
Object.assign(window, { tradingViewApi: widget, __demoChart: { chart, series } });

// Follow the replay: fetch the latest bars every few seconds, as the real page's stream would.
setInterval(() => {
  if (!widget.hasModel()) return;
  const active = widget.activeChart();
  const symbol = active.symbol().split('@')[0]!;
  binanceBars(symbol, binanceInterval(active.resolution()), 3)
    .then((bars) => active.update(bars))
    .catch(() => {}); // the replay may be down in a test; the next poll retries
}, 2_000);
