/**
 * The demo site's documents. Each says, in its own text, that it is a local demo page laid
 * out like the exchange's and showing replayed recorded data, never the exchange itself.
 * Everything here is static: page scripts build the rest with DOM calls.
 */
const NOTICE = (exchange: string) =>
  `<div class="demo-notice">LiqLens demo: a local page laid out like ${exchange}'s, served at its address inside this browser only. The candles are recorded real market data from the replay exchange, time-shifted to now.</div>`;

const BASE_CSS = `
  html, body { margin: 0; height: 100%; background: #0b0e11; color: #eaecef; font: 14px system-ui, sans-serif; }
  .demo-notice { padding: 4px 12px; background: #2b2f36; color: #f0b90b; font-size: 12px; }
  .symbol-bar { display: flex; gap: 16px; align-items: center; padding: 8px 12px; }
  .symbol-bar h1 { margin: 0; font-size: 18px; }
  .symbol-bar a { color: #b7bdc6; }
  #interval-toolbar { display: flex; gap: 4px; padding: 4px 12px; }
  #interval-toolbar button { background: none; border: 0; color: #848e9c; cursor: pointer; padding: 2px 6px; }
  #interval-toolbar button[aria-selected="true"], #interval-toolbar button.active { color: #f0b90b; }
`;

function page(title: string, body: string, css = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${BASE_CSS}${css}</style></head><body>${body}</body></html>`;
}

/** Binance's futures layout: `.chart-widget-root > #chart_futures-tradingview > iframe#tradingview_…`. */
export function binanceFuturesPage(lang: string): string {
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

/** The document inside the chart iframe. */
export function chartFramePage(): string {
  return page(
    'chart',
    `<div id="chart"></div>
    <script src="/__liqlens_demo/lightweight-charts.js"></script>
    <script type="module" src="/__liqlens_demo/page/chartFrame.js"></script>`,
    `body { overflow: hidden; } #chart { position: absolute; inset: 0; }`,
  );
}

/** Bybit's linear trade page: the app builds its chart with the library's TradingView.widget constructor (see bybitPage.ts). */
export function bybitLinearPage(): string {
  return page(
    'Bybit USDT Perpetual (LiqLens demo)',
    `${NOTICE('Bybit')}
    <header class="symbol-bar"><h1 id="symbol-title"></h1>
      <nav><a data-symbol href="/trade/usdt/BTCUSDT">BTCUSDT</a> <a data-symbol href="/trade/usdt/ETHUSDT">ETHUSDT</a></nav></header>
    <div id="interval-toolbar" role="tablist" aria-label="Time interval"></div>
    <div id="chart"></div>
    <script src="/__liqlens_demo/lightweight-charts.js"></script>
    <script type="module" src="/__liqlens_demo/page/tvLibrary.js"></script>
    <script type="module" src="/__liqlens_demo/page/bybitPage.js"></script>`,
    `#chart { position: absolute; top: 110px; left: 0; right: 0; bottom: 0; }`,
  );
}

/**
 * OKX's swap trade page (`/trade-swap/btc-usdt-swap`): instrument bar, interval tabs and the chart,
 * which the app builds with the library's TradingView.widget constructor (see okxPage.ts). No OKX
 * data was recorded: the banner says the candles are Binance's, converted.
 */
export function okxSwapPage(): string {
  return page(
    'OKX Perpetual Swap (LiqLens demo)',
    `${NOTICE('OKX')}
    <div class="demo-notice okx-data">OKX data here is Binance's recording converted to OKX's format (BTC-USDT-SWAP, sizes in contracts): no OKX market data was recorded. Its prices are Binance's.</div>
    <header class="symbol-bar okx-bar"><h1 id="symbol-title"></h1>
      <nav><a data-symbol href="/trade-swap/btc-usdt-swap">BTC-USDT-SWAP</a> <a data-symbol href="/trade-swap/eth-usdt-swap">ETH-USDT-SWAP</a></nav></header>
    <div id="interval-toolbar" role="tablist" aria-label="Time interval"></div>
    <div id="chart"></div>
    <script src="/__liqlens_demo/lightweight-charts.js"></script>
    <script type="module" src="/__liqlens_demo/page/tvLibrary.js"></script>
    <script type="module" src="/__liqlens_demo/page/okxPage.js"></script>`,
    `body { background: #000; } .okx-bar { border-bottom: 1px solid #1f1f1f; } .okx-data { color: #bcff2f; }
     #interval-toolbar button[aria-selected="true"] { color: #fff; }
     #chart { position: absolute; top: 130px; left: 0; right: 0; bottom: 0; }`,
  );
}

/** Any other page of the site: not a trade page. */
export function otherPage(exchange: string, path: string): string {
  const safePath = path.replace(/[^\w/.-]/g, '');
  return page(`${exchange} (LiqLens demo)`, `${NOTICE(exchange)}<main style="padding:12px"><h1>${exchange}</h1><p>${safePath}: not a trade page.</p></main>`);
}
