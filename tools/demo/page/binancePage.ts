/**
 * The top document of the demo Binance page: symbol header, chart views (Basic, TradingView,
 * Depth, switched live as on binance.com), interval toolbar and the chart iframe. Symbol links
 * navigate with history.pushState, as binance.com's single-page app does.
 * Query: `?variant=…` and `?handle=…` pass to the chart frame (see chartFrame.ts).
 */
import type * as LWC from 'lightweight-charts';
import { followSymbolLinks, intervalToolbar } from './pageControls';
import { bars as binanceBars } from './binanceBars';

declare const LightweightCharts: typeof LWC;

const frame = document.querySelector<HTMLIFrameElement>('iframe[id^="tradingview_"]')!;
const toolbar = document.getElementById('interval-toolbar')!;
const title = document.getElementById('symbol-title')!;

interface Widget {
  activeChart(): { setSymbol(s: string): Promise<void>; setResolution(r: string): Promise<void> };
}

const params = new URLSearchParams(location.search);
const handle = params.get('handle') ?? 'tradingViewApi';

/** The page's own way to its widget: on the frame's window, or its app global. */
function widget(): Widget | undefined {
  if (handle === 'tvWidget') return (window as Window & { tvWidget?: Widget }).tvWidget;
  return (frame.contentWindow as (Window & Record<string, Widget | undefined>) | null)?.[handle];
}

function symbolFromPath(): string {
  return /\/futures\/([A-Za-z0-9]+)/.exec(location.pathname)?.[1]?.toUpperCase() ?? 'BTCUSDT';
}

function showSymbol(): void {
  const symbol = symbolFromPath();
  title.textContent = `${symbol} Perpetual`;
  document.title = `${symbol} | Binance Futures (LiqLens demo)`;
  void widget()?.activeChart().setSymbol(symbol);
}

intervalToolbar(toolbar, '15', (resolution) => void widget()?.activeChart().setResolution(resolution));
followSymbolLinks(showSymbol);
const query = new URLSearchParams({ symbol: symbolFromPath(), interval: '15', variant: params.get('variant') ?? '', handle });
// The demo's other variants (tools/demo/README.md) pass to the chart frame as they are.
for (const name of ['naming', 'timezone', 'layout']) {
  const value = params.get(name);
  if (value) query.set(name, value);
}
frame.src = `/__liqlens_demo/chart-frame.html?${query}`;
title.textContent = `${symbolFromPath()} Perpetual`;

// Chart views. TradingView: the library's chart in its iframe. Basic: Binance's own canvas chart
// (`.kline-container`), no API. Depth: the order book's depth view, no candles. Hidden views stay
// in the document, as binance.com keeps them.
const views = document.getElementById('chart-views')!;
const tradingView = document.getElementById('chart_futures-tradingview')!;
const basic = document.querySelector<HTMLElement>('.kline-container')!;
const depth = document.querySelector<HTMLElement>('.depth-view')!;
let basicChart: LWC.IChartApi | null = null;

function showView(name: string): void {
  for (const b of views.children) b.setAttribute('aria-selected', String(b.textContent === name));
  tradingView.style.display = name === 'TradingView' ? '' : 'none';
  basic.style.display = name === 'Basic' ? '' : 'none';
  depth.style.display = name === 'Depth' ? '' : 'none';
  if (name === 'Basic' && !basicChart) void showBasicChart();
}

/** The Basic view's chart, built the first time it is shown (its library loaded then, to keep the page's load light). */
async function showBasicChart(): Promise<void> {
  basicChart = {} as LWC.IChartApi; // once
  if (typeof LightweightCharts === 'undefined') {
    await new Promise((done, fail) => {
      const script = document.createElement('script');
      script.src = '/__liqlens_demo/lightweight-charts.js';
      script.onload = done;
      script.onerror = fail;
      document.head.append(script);
    });
  }
  basicChart = LightweightCharts.createChart(basic, { autoSize: true, layout: { background: { color: '#161a1e' }, textColor: '#b7bdc6' } });
  const series = basicChart.addSeries(LightweightCharts.CandlestickSeries, {});
  const bars = await binanceBars(symbolFromPath(), '15m');
  series.setData(bars.map((b) => ({ ...b, time: b.time as LWC.UTCTimestamp })));
}
for (const name of ['Basic', 'TradingView', 'Depth']) {
  const button = document.createElement('button');
  button.type = 'button';
  button.role = 'tab';
  button.textContent = name;
  button.addEventListener('click', () => showView(name));
  views.append(button);
}
showView('TradingView');

// `?variant=late-iframe`: once loaded, the page keeps adding an iframe before the chart's (a promo
// banner, shown 400 ms, gone 100 ms, again), so the chart's index among the page's iframes keeps
// shifting. Each banner records whether a LiqLens canvas was ever put into it, for the test.
if ((params.get('variant') ?? '').split(',').includes('late-iframe')) {
  const record = { inserted: 0, overlaysInside: 0 };
  (window as Window & { __lateIframes?: typeof record }).__lateIframes = record;
  const rotate = () => {
    const old = document.getElementById('promo-banner');
    if (old) {
      old.remove();
      setTimeout(rotate, 100);
      return;
    }
    const banner = document.createElement('iframe');
    banner.id = 'promo-banner';
    banner.title = 'Promotion (demo)';
    banner.style.cssText = 'display:block;width:100%;height:24px;border:0';
    document.body.prepend(banner);
    record.inserted++;
    const doc = banner.contentDocument!;
    new MutationObserver(() => {
      if (doc.querySelector('liqlens-chart-overlay')) record.overlaysInside++;
    }).observe(doc, { childList: true, subtree: true });
    setTimeout(rotate, 400);
  };
  addEventListener('load', () => setTimeout(rotate, 100));
}
