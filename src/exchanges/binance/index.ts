/** Binance USDⓈ-M futures: its pages, its `forceOrder` stream, and its shipped margin tiers. */
import { defaultBinanceTiers } from '../../core/marginTiers';
import { CHART_QUOTES, FUTURES_QUOTES, plainChartSymbol, SPOT_QUOTES, splitPair, splitSymbol, type ExchangeDef } from '../shared/exchange';
import { binanceFrame } from './frames';

export const binance: ExchangeDef<'binance'> = {
  id: 'binance',
  name: 'Binance',
  siteHosts: ['www.binance.com', 'binance.com'],
  apiHosts: ['fapi.binance.com'],
  /** `/futures/BTCUSDT` (USDⓈ-M) and `/trade/BTC_USDT` (spot; also without the underscore). */
  tradePage(parts) {
    if (parts.length !== 2) return null;
    const [section, id] = parts as [string, string];
    if (section === 'futures') return { market: 'futures', pair: splitSymbol(id, FUTURES_QUOTES) };
    if (section === 'trade') return { market: 'spot', pair: id.includes('_') ? splitPair(id.split('_')) : splitSymbol(id, SPOT_QUOTES) };
    return null;
  },
  futuresPageUrl: (symbol) => `https://www.binance.com/en/futures/${symbol}`,
  noChartHint: 'No TradingView chart on this view: choose “TradingView” above the chart to see the levels drawn on it.',
  /** Binance's own datafeed: `BTCUSDT@PRICETYPE=LAST`; embeddings of its data: `BINANCE:BTCUSDT.P`, `BTCUSDTPERP`. */
  chartSymbol: (name) => plainChartSymbol(name, ['.P', '_PERP', 'PERP'], CHART_QUOTES),
  stream: {
    url: 'wss://fstream.binance.com/market/ws',
    request: (op, symbols, n) => ({ message: JSON.stringify({ method: op.toUpperCase(), params: symbols.map((s) => `${s.toLowerCase()}@forceOrder`), id: n }), id: n }),
    // Binance answers pings itself, but a request keeps traffic flowing.
    allMarket: (op, n) => ({ message: JSON.stringify({ method: op.toUpperCase(), params: ['!forceOrder@arr'], id: n }), id: n }),
    // Binance allows 1,024 streams a connection and 10 messages a second: 200 a request lists every symbol in a few.
    topicsPerRequest: 200,
    keepAlive: (n) => JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: n }),
    parse: binanceFrame,
  },
  // forceOrder sends the latest liquidation per symbol per second only.
  throttledPrints: true,
  defaultTiers: defaultBinanceTiers,
};
