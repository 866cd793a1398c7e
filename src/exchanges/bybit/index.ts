/** Bybit v5 linear (USDT) perpetuals: its pages and its `allLiquidation` stream. */
import { CHART_QUOTES, plainChartSymbol, splitPair, splitSymbol, type ExchangeDef } from '../shared/exchange';
import { bybitFrame } from './frames';

export const bybit: ExchangeDef<'bybit'> = {
  id: 'bybit',
  name: 'Bybit',
  siteHosts: ['www.bybit.com', 'bybit.com'],
  apiHosts: ['api.bybit.com'],
  /** `/trade/usdt/BTCUSDT` (linear) and `/trade/spot/BTC/USDT`. */
  tradePage(parts) {
    if (parts[0] !== 'trade') return null;
    if (parts.length === 3 && parts[1]!.toLowerCase() === 'usdt') return { market: 'futures', pair: splitSymbol(parts[2]!, ['USDT']) };
    if (parts.length === 4 && parts[1]!.toLowerCase() === 'spot') return { market: 'spot', pair: splitPair([parts[2]!, parts[3]!]) };
    return null;
  },
  futuresPageUrl: (symbol) => `https://www.bybit.com/trade/usdt/${symbol}`,
  noChartHint: 'This chart has no TradingView interface LiqLens can read: open the TradingView chart view to see the levels drawn on it.',
  /** `BTCUSDT`, and as other datafeeds name Bybit's perpetuals: `BYBIT:BTCUSDT.P`, `BTCUSDTPERP`. */
  chartSymbol: (name) => plainChartSymbol(name, ['.P', '_PERP', 'PERP'], CHART_QUOTES),
  stream: {
    url: 'wss://stream.bybit.com/v5/public/linear',
    request: (op, symbols, n) => ({ message: JSON.stringify({ op, req_id: String(n), args: symbols.map((s) => `allLiquidation.${s}`) }), id: String(n) }),
    // Bybit asks for its ping op every 20 s.
    // Bybit caps a request's `args` (10 on spot; linear requests are capped in length): 10 fits every limit.
    topicsPerRequest: 10,
    keepAlive: (n) => JSON.stringify({ op: 'ping', req_id: String(n) }),
    parse: bybitFrame,
  },
  throttledPrints: false,
};
