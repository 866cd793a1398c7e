/**
 * The demo Bybit page: a chart drawn straight into the page, without the TradingView
 * charting-library interface (Bybit's internals are not documented, so LiqLens must cope
 * without it).
 */
import type * as LWC from 'lightweight-charts';
import { bybitBars } from './replayCandles';

declare const LightweightCharts: typeof LWC;

const INTERVALS = ['1m', '5m', '15m', '1h', '4h', '1d'];
const LABELS: Record<string, string> = { '1h': '1H', '4h': '4H', '1d': '1D' };

const symbol = /\/trade\/usdt\/([A-Za-z0-9]+)/.exec(location.pathname)?.[1]?.toUpperCase() ?? 'BTCUSDT';
document.getElementById('symbol-title')!.textContent = symbol;
const chart = LightweightCharts.createChart(document.getElementById('chart')!, {
  autoSize: true,
  layout: { background: { color: '#101014' }, textColor: '#adb1b8' },
  timeScale: { timeVisible: true },
});
const series = chart.addSeries(LightweightCharts.CandlestickSeries, {});
let timeframe = '15m';

async function load(): Promise<void> {
  const bars = await bybitBars(symbol, timeframe);
  series.setData(bars.map((b) => ({ ...b, time: b.time as LWC.UTCTimestamp })));
}

const toolbar = document.getElementById('interval-toolbar')!;
for (const tf of INTERVALS) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = LABELS[tf] ?? tf;
  button.classList.toggle('active', tf === timeframe);
  button.addEventListener('click', () => {
    timeframe = tf;
    for (const b of toolbar.children) b.classList.toggle('active', b === button);
    void load();
  });
  toolbar.append(button);
}
void load();
