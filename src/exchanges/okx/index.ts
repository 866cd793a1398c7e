/**
 * OKX USDT-margined perpetual swaps: its pages and its public `liquidation-orders` stream.
 *
 * Why LiqLens's own stream client and not ccxt's `watchLiquidationsForSymbols` (ccxt pro): ccxt
 * reconnects on the next call without saying what was missed, so the stretch a dropped socket
 * left uncovered would not be recorded as a gap; its de-duplication is a cache that starts empty
 * on every socket; and ccxt pro would add its WebSocket layer to the background bundle. The
 * generic client (src/market/liquidationStream.ts) gives gaps, de-duplication and reconnects to
 * every exchange alike, and is what the stream tests exercise.
 */
import { CHART_QUOTES, plainChartSymbol, splitPair, type ExchangeDef } from '../shared/exchange';
import { argId, LIQUIDATION_CHANNEL, okxFrame } from './frames';
import { okxInstId, symbolOfInstId } from './contracts';

export const okx: ExchangeDef<'okx'> = {
  id: 'okx',
  name: 'OKX',
  siteHosts: ['www.okx.com', 'okx.com'],
  apiHosts: ['www.okx.com'],
  /** `/trade-swap/btc-usdt-swap` (perpetual swap) and `/trade-spot/btc-usdt` (spot); OKX writes them in lower case. */
  tradePage(parts) {
    if (parts.length !== 2) return null;
    const pieces = parts[1]!.split('-');
    if (parts[0] === 'trade-swap') return pieces.length === 3 && pieces[2]!.toLowerCase() === 'swap' ? { market: 'futures', pair: splitPair(pieces.slice(0, 2)) } : null;
    if (parts[0] === 'trade-spot') return { market: 'spot', pair: splitPair(pieces) };
    return null;
  },
  futuresPageUrl: (symbol) => `https://www.okx.com/trade-swap/${(okxInstId(symbol) ?? symbol).toLowerCase()}`,
  noChartHint: 'This chart has no TradingView interface LiqLens can read: switch the chart to its TradingView view to see the levels drawn on it.',
  /** OKX names instruments by id: `BTC-USDT-SWAP` (perpetual), `BTC-USDT` (spot), any case, maybe `OKX:`-prefixed; other datafeeds `BTCUSDT.P`. */
  chartSymbol(name) {
    const id = (name.split('@')[0] ?? '').split(':').at(-1)!.trim().toUpperCase();
    const spot = /^([A-Z0-9]{1,16})-(USDT|USDC|BTC)$/.exec(id);
    return symbolOfInstId(id) ?? (spot ? `${spot[1]}${spot[2]}` : plainChartSymbol(id, ['.P', '_PERP', 'PERP'], CHART_QUOTES));
  },
  stream: {
    url: 'wss://ws.okx.com:8443/ws/v5/public',
    // One channel per instType carries every swap: subscribing is the same request whatever the
    // symbols (the parser keeps the subscribed ones), and unsubscribing one symbol sends nothing,
    // since the others still need the channel.
    request: (op) => (op === 'subscribe' ? { message: JSON.stringify({ op, args: [LIQUIDATION_CHANNEL] }), id: argId(LIQUIDATION_CHANNEL)! } : null),
    // OKX closes a connection silent for 30 s; it answers the bare text "ping" with "pong".
    keepAlive: () => 'ping',
    parse: okxFrame,
  },
  // OKX's docs: "each contract will only show a maximum of one order per one-second period", so
  // cascades are undercounted as on Binance (not checked against the live stream from here).
  throttledPrints: true,
};
