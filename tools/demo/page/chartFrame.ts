/**
 * The chart iframe of the demo pages (`iframe#tradingview_…`): a lightweight-charts candlestick
 * chart of replayed data behind the TradingView widget API (tradingViewApi.ts).
 * Query: ?symbol=BTCUSDT&interval=15 (a TradingView resolution), &exchange=<registry id> (whose
 * replayed candles; the first exchange's by default), &variant=… (a library build without a call), &handle=… (where the widget is
 * exposed: `tradingViewApi` on this window as on binance.com, `TradingViewApi` as other
 * deployments spell it, `tvWidget` as an app global on the parent page, or `library`: only to
 * the demo's TradingView.widget constructor in the parent, as the real library's iframe is).
 */
import type * as LWC from 'lightweight-charts';
import { BARS } from './replayCandles';
import { TradingViewWidget } from './tradingViewApi';

declare const LightweightCharts: typeof LWC;

/** TradingView resolution → Binance's interval names (also the timeframes bybitBars takes). */
function interval(resolution: string): string {
  if (resolution === '1D') return '1d';
  if (resolution === '1W') return '1w';
  const minutes = Number(resolution);
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

const params = new URLSearchParams(location.search);
const variant = params.get('variant') ?? '';
const bars = BARS[params.get('exchange') as keyof typeof BARS] ?? Object.values(BARS)[0]!;
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
  { chart, series, load: (symbol, resolution) => bars(symbol, interval(resolution)) },
  params.get('symbol') ?? 'BTCUSDT',
  params.get('interval') ?? '15',
  { coordinateToPrice: variant !== 'no-coordinate-to-price', coordinateToTime: variant !== 'no-coordinate-to-time' },
);
// `__demoChart`: the chart library itself, for tests to ask where the chart draws a price or a
// time (the library's own answer, against which the overlay is checked). Not part of any exchange page.
Object.assign(window, { __demoChart: { chart, series } });
const handle = params.get('handle') ?? 'tradingViewApi';
if (handle === 'tradingViewApi' || handle === 'TradingViewApi') Object.assign(window, { [handle]: widget });
else if (handle === 'tvWidget') Object.assign(parent, { tvWidget: widget });
else Object.assign(window, { __libraryWidget: widget }); // read by tvLibrary.ts in the parent

// Follow the replay: fetch the latest bars every few seconds, as the real page's stream would.
setInterval(() => {
  if (!widget.hasModel()) return;
  const active = widget.activeChart();
  const symbol = active.symbol().split('@')[0]!;
  bars(symbol, interval(active.resolution()), 3)
    .then((latest) => active.update(latest))
    .catch(() => {}); // the replay may be down in a test; the next poll retries
}, 2_000);
