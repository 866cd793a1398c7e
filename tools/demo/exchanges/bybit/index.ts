/** The demo Bybit USDT perpetual page (page/bybitPage.ts builds the rest). */
import type { DemoExchange } from '../../site';
import { NOTICE, page } from '../../pages';

/** Bybit's linear trade page: the app builds its chart with the library's TradingView.widget constructor (see bybitPage.ts). */
function bybitLinearPage(): string {
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

export const demo: DemoExchange = { id: 'bybit', futuresPage: bybitLinearPage };
