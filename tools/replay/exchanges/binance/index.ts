/**
 * Binance USDⓈ-M on the replay: BTCUSDT's two recorded days and ETHUSDT's spot stand-in, its
 * REST (./rest.ts) and its liquidation streams under `/market`: raw `/market/ws/<stream>[/<stream>…]`,
 * `/market/ws` with `SUBSCRIBE` / `UNSUBSCRIBE` / `LIST_SUBSCRIPTIONS`, combined
 * `/market/stream?streams=a/b`; streams `<symbol>@forceOrder` and `!forceOrder@arr`.
 */
import { parseCandleCsv, parseOpenInterestCsv } from '../../../../src/core/candles';
import type { LiquidationPrint, ParseResult } from '../../../../src/core/types';
import { parseLiquidationCsv } from '../../../../src/exchanges/liquidationCsv';
import { requestObject, tooBig, TOO_BIG, type ReplayExchange, type StreamFrame } from '../../exchange';
import { decimal, type JsonReply } from '../../http';
import { loadRecording, type ReplayMarket } from '../../recordings';
import { binanceRest } from './rest';

/** Two consecutive days from one recorder: 48 continuous hours of Binance BTCUSDT. */
const DAYS = ['binance-usdm/window-2023-11-27', 'binance-usdm/window-2023-11-28'];
const days = <T>(file: string, parse: (text: string) => ParseResult<T>): T[] => DAYS.flatMap((dir) => loadRecording(`${dir}/${file}`, parse));

/** Binance's recorded markets (OKX's replay serves them converted, ../okx). */
export function binanceMarkets(): ReplayMarket[] {
  return [
    {
      exchange: 'binance',
      symbol: 'BTCUSDT',
      base: 'BTC',
      quote: 'USDT',
      baseTimeframe: '1m',
      candles: days('BTCUSDT_perp_1m_klines_with_oi.csv.gz', parseCandleCsv),
      openInterest: days('BTCUSDT_perp_1m_klines_with_oi.csv.gz', parseOpenInterestCsv),
      prints: days('BTCUSDT_forceOrder_liquidations.csv.gz', (t) => parseLiquidationCsv(t, 'binance')),
      provenance: [
        'Recorded: Binance USDⓈ-M BTCUSDT perpetual 1m klines, open interest polled each minute, and forceOrder liquidation prints, 2023-11-27 06:15 → 2023-11-29 06:15 UTC (two consecutive recorded days; 210 minutes missing, in short gaps).',
        'Derived: klines of 3m and longer are aggregated from the recorded 1m bars; openInterestHist is the last 1m snapshot at each period boundary, its value that snapshot × the minute\'s close.',
        'Missing: taker buy volume, trade counts and quote volume are not in the recording and are sent as empty strings; takerlongshortRatio answers an empty list; forceOrder "ap" (average fill price) is sent as "0": the recorded price is the order price "p".',
      ],
    },
    {
      exchange: 'binance',
      symbol: 'ETHUSDT',
      base: 'ETH',
      quote: 'USDT',
      baseTimeframe: '5m',
      candles: loadRecording('binance-spot/ETHUSDT_5m.csv.gz', parseCandleCsv),
      openInterest: [],
      prints: [],
      provenance: [
        'Stand-in: Binance SPOT ETHUSDT 5m klines (with taker buy volume), 2025-08-19 → 2025-09-21, served under the USDⓈ-M ETHUSDT perpetual because no perpetual ETH klines were recorded. One 18 h 40 m gap from 2025-09-20 05:25.',
        'Derived: klines of 15m and longer are aggregated from the 5m bars; takerlongshortRatio is computed from the taker buy volume.',
        'Missing: open interest and liquidation prints (no recording of the same period): empty answers, no stream messages.',
      ],
    },
  ];
}

function fault(status: number): JsonReply {
  if (status === 429) return { status, body: { code: -1003, msg: 'Too many requests; current limit of IP is 2400 requests per minute.' } };
  if (status === 418) return { status, body: { code: -1003, msg: 'Way too many requests; IP banned.' } };
  return { status, body: { code: -1000, msg: 'An unknown error occurred while processing the request.' } };
}

/** A forceOrder event for a print (the order side closes the position: opposite to it). */
function forceOrder(p: LiquidationPrint) {
  return {
    e: 'forceOrder',
    E: p.time,
    o: {
      s: p.symbol,
      S: p.side === 'long' ? 'SELL' : 'BUY',
      o: 'LIMIT',
      f: 'IOC',
      q: decimal(p.quantity),
      p: decimal(p.price),
      // Not recorded: "0", as for an order without a fill, so a client takes `p` for what it is,
      // the order price (LiqLens maps it back to its trigger), not a fill near the market.
      ap: '0',
      X: 'FILLED',
      l: decimal(p.quantity),
      z: decimal(p.quantity),
      T: p.time,
    },
  };
}

export const replay: ReplayExchange = {
  id: 'binance',
  markets: binanceMarkets,
  rest: { owns: (p) => p.startsWith('/fapi/') || p.startsWith('/futures/'), serve: binanceRest, fault },
  stream: {
    accept(url) {
      if (url.pathname === '/market/stream') return { topics: (url.searchParams.get('streams') ?? '').split('/').filter(Boolean), combined: true };
      if (url.pathname === '/market/ws' || url.pathname.startsWith('/market/ws/')) return { topics: url.pathname.slice('/market/ws'.length).split('/').filter(Boolean), combined: false };
      return null;
    },
    answer(client, text) {
      const m = requestObject(text);
      if (!m) return [{ error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' } }];
      const params = Array.isArray(m.params) ? m.params.filter((p): p is string => typeof p === 'string') : [];
      switch (m.method) {
        case 'SUBSCRIBE':
          params.forEach((p) => client.topics.add(p));
          return [{ result: null, id: m.id ?? null }];
        case 'UNSUBSCRIBE':
          params.forEach((p) => client.topics.delete(p));
          return [{ result: null, id: m.id ?? null }];
        case 'LIST_SUBSCRIPTIONS':
          return [{ result: [...client.topics], id: m.id ?? null }];
        default:
          return [{ error: { code: 2, msg: `Invalid request: unknown variant \`${String(m.method)}\`` }, id: m.id ?? null }];
      }
    },
    /** One event per print, on the symbol's own stream and on the all-market stream, as subscribed. */
    frames(prints, client) {
      const out: StreamFrame[] = [];
      for (const p of prints) {
        const event = forceOrder(p);
        for (const stream of [`${p.symbol.toLowerCase()}@forceOrder`, '!forceOrder@arr']) {
          if (client.topics.has(stream)) out.push({ message: client.combined ? { stream, data: event } : event, prints: [p] });
        }
      }
      return out;
    },
  },
  hostileFrames(T) {
    const order = (o: Record<string, unknown>) => JSON.stringify({ e: 'forceOrder', E: T, o: { s: 'BTCUSDT', S: 'SELL', o: 'LIMIT', f: 'IOC', q: '0.1', p: '37000', ap: '37000', X: 'FILLED', l: '0.1', z: '0.1', T, ...o } });
    return [order({ p: 'NaN', ap: 'NaN' }), order({ q: '-1', z: '-1' }), order({ q: 1e300, z: 1e300, ap: 1e300 }), order({ z: -0, q: -0 }), order({ ap: 1e-320, p: 1e-320 }), order({ z: '1000000', ap: '99999' }), order({ s: 'S'.repeat(50_000) }), order({ s: 'DOGEUSDT' }), order({ S: 'SIDEWAYS' }), order({ T: 'yesterday' }), tooBig(order({ q: TOO_BIG, z: TOO_BIG })), order({ q: null, z: null }), order({ s: { $gt: '' } }), '{"e":"forceOrder"}', '{"e":"forceOrder","o":[]}'];
  },
};
