/** The demo Binance USDⓈ-M futures page (page/binancePage.ts builds the rest). */
import type { DemoExchange } from '../../site';
import { NOTICE, page } from '../../pages';

/** Binance's futures layout: `.chart-widget-root > #chart_futures-tradingview > iframe#tradingview_…`. */
function binanceFuturesPage(lang: string): string {
  const prefix = lang ? `/${lang}` : '';
  return page(
    'Binance Futures (LiqLens demo)',
    `${NOTICE('Binance')}
    <header class="symbol-bar"><h1 id="symbol-title"></h1>
      <nav><a data-symbol href="${prefix}/futures/BTCUSDT">BTCUSDT</a> <a data-symbol href="${prefix}/futures/ETHUSDT">ETHUSDT</a></nav></header>
    <div class="toolbars"><div id="chart-views" role="tablist" aria-label="Chart view"></div><div id="interval-toolbar" role="tablist" aria-label="Time interval"></div></div>
    <div class="chart-widget-root"><div id="chart_futures-tradingview"><iframe id="tradingview_7c2d1" title="Chart" frameborder="0"></iframe></div>
      <div class="kline-container" data-testid="basic-chart"></div><div class="depth-view"><p>Depth chart (order book depth, no candles)</p></div></div>
    <script type="module" src="/__liqlens_demo/page/binancePage.js"></script>`,
    `.chart-widget-root { position: absolute; top: 110px; left: 0; right: 0; bottom: 0; }
     .toolbars { display: flex; gap: 24px; } #chart-views { display: flex; gap: 4px; padding: 4px 12px; }
     #chart-views button { background: none; border: 0; color: #848e9c; cursor: pointer; padding: 2px 6px; }
     #chart-views button[aria-selected="true"] { color: #f0b90b; }
     #chart_futures-tradingview, #chart_futures-tradingview iframe, .kline-container, .depth-view { width: 100%; height: 100%; border: 0; display: block; }
     .depth-view { color: #848e9c; text-align: center; }`,
  );
}

export const demo: DemoExchange = { id: 'binance', futuresPage: binanceFuturesPage };
