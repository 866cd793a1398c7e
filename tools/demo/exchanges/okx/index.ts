/** The demo OKX perpetual swap page (page/okxPage.ts builds the rest). */
import type { DemoExchange } from '../../site';
import { NOTICE, page } from '../../pages';

/**
 * OKX's swap trade page (`/trade-swap/btc-usdt-swap`): instrument bar, interval tabs and the chart,
 * which the app builds with the library's TradingView.widget constructor (see okxPage.ts). No OKX
 * data was recorded: the banner says the candles are Binance's, converted.
 */
function okxSwapPage(): string {
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

export const demo: DemoExchange = { id: 'okx', futuresPage: okxSwapPage };
