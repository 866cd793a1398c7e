/**
 * Bybit v5 linear on the replay: its recorded 5m klines, its REST (./rest.ts) and its stream
 * `/v5/public/linear`: `subscribe` / `unsubscribe` / `ping` ops, topic `allLiquidation.<SYMBOL>`,
 * pushed in batches every 500 ms as Bybit does.
 */
import { parseCandleCsv } from '../../../../src/core/candles';
import type { LiquidationPrint } from '../../../../src/core/types';
import { requestObject, tooBig, TOO_BIG, type ReplayExchange, type StreamFrame } from '../../exchange';
import { decimal, type JsonReply } from '../../http';
import { loadRecording, type ReplayMarket } from '../../recordings';
import { bybitRest } from './rest';

function markets(): ReplayMarket[] {
  return (['BTC', 'ETH'] as const).map((base): ReplayMarket => ({
    exchange: 'bybit',
    symbol: `${base}USDT`,
    base,
    quote: 'USDT',
    baseTimeframe: '5m',
    candles: loadRecording(`bybit-linear/${base}USDT_5m.csv.gz`, parseCandleCsv),
    openInterest: [],
    prints: [],
    provenance: [
      `Recorded: Bybit linear ${base}USDT 5m klines, 2025-04-03 17:05 → 2025-07-02 17:00 UTC (90 days, no gaps).`,
      'Derived: klines of 15m and longer are aggregated from the 5m bars (they equal Bybit\'s own 15m bars; see tests/unit). Turnover is not recorded and is sent as an empty string.',
      'Missing: open interest and allLiquidation prints were not recorded for Bybit: empty answers, no stream messages. Risk limits are Bybit\'s published tier table, typed in, not recorded.',
    ],
  }));
}

function fault(status: number): JsonReply {
  return { status, body: { retCode: status === 429 ? 10006 : 10016, retMsg: status === 429 ? 'Too many visits!' : 'Internal server error.', result: {}, retExtInfo: {}, time: Date.now() } };
}

export const replay: ReplayExchange = {
  id: 'bybit',
  markets,
  rest: { owns: (p) => p.startsWith('/v5/'), serve: bybitRest, fault },
  stream: {
    accept: (url) => (url.pathname === '/v5/public/linear' ? { topics: [], combined: false } : null),
    answer(client, text, markets) {
      const m = requestObject(text);
      if (!m) return [{ success: false, ret_msg: 'error:invalid message', conn_id: client.connId, op: '' }];
      const reply = (success: boolean, retMsg: string) => ({ success, ret_msg: retMsg, conn_id: client.connId, ...(m.req_id !== undefined ? { req_id: m.req_id } : {}), op: m.op });
      const args = Array.isArray(m.args) ? m.args.filter((a): a is string => typeof a === 'string') : [];
      switch (m.op) {
        case 'ping':
          return [reply(true, 'pong')];
        case 'subscribe': {
          const unknown = args.find((a) => !markets.has(/^allLiquidation\.([A-Z0-9]+)$/.exec(a)?.[1] ?? ''));
          if (unknown) return [reply(false, `error:handler not found,topic:${unknown}`)];
          args.forEach((a) => client.topics.add(a));
          return [reply(true, '')];
        }
        case 'unsubscribe':
          args.forEach((a) => client.topics.delete(a));
          return [reply(true, '')];
        default:
          return [reply(false, `error:unknown op ${String(m.op)}`)];
      }
    },
    /** One snapshot per symbol of the batch, on its `allLiquidation` topic. */
    frames(prints, client, now) {
      const bySymbol = new Map<string, LiquidationPrint[]>();
      for (const p of prints) bySymbol.set(p.symbol, [...(bySymbol.get(p.symbol) ?? []), p]);
      const out: StreamFrame[] = [];
      for (const [symbol, ofSymbol] of bySymbol) {
        const topic = `allLiquidation.${symbol}`;
        if (!client.topics.has(topic)) continue;
        const data = ofSymbol.map((p) => ({ T: p.time, s: p.symbol, S: p.side === 'long' ? 'Buy' : 'Sell', v: decimal(p.quantity), p: decimal(p.price) }));
        out.push({ message: { topic, type: 'snapshot', ts: Math.round(now), data }, prints: ofSymbol });
      }
      return out;
    },
    batchMs: 500,
  },
  hostileFrames(T) {
    const entry = (e: Record<string, unknown>) => JSON.stringify({ topic: 'allLiquidation.BTCUSDT', type: 'snapshot', ts: T, data: [{ T, s: 'BTCUSDT', S: 'Buy', v: '0.1', p: '37000', ...e }] });
    return [entry({ p: 'NaN' }), entry({ v: '-1' }), entry({ v: 1e300, p: 1e300 }), entry({ v: -0 }), entry({ p: 1e-320 }), entry({ v: '1000000', p: '99999' }), entry({ S: 'B'.repeat(50_000) }), entry({ s: 'DOGEUSDT' }), entry({ S: 'Hold' }), entry({ T: -5 }), tooBig(entry({ v: TOO_BIG })), JSON.stringify({ topic: 'allLiquidation.BTCUSDT', data: 'all of it' }), JSON.stringify({ topic: 'allLiquidation.DOGEUSDT', data: [] }), JSON.stringify({ topic: '__proto__' }), '{"data":[]}'];
  },
};
