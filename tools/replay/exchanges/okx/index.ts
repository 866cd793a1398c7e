/**
 * OKX v5 swaps on the replay, from Binance's recordings converted (no OKX data was recorded):
 * its REST (./rest.ts) and its stream `/ws/v5/public`: `subscribe` / `unsubscribe` ops on
 * `{channel: "liquidation-orders", instType: "SWAP"}`, the bare text `ping` answered by `pong`;
 * one push per print (sizes in contracts, at the bankruptcy price `bkPx`).
 */
import type { LiquidationPrint } from '../../../../src/core/types';
import { contractValue, okxInstId } from '../../../../src/exchanges/okx/contracts';
import { liquidationPrintId } from '../../../../src/exchanges/shared/prints';
import { requestObject, tooBig, TOO_BIG, type ReplayExchange } from '../../exchange';
import { decimal } from '../../http';
import type { ReplayMarket } from '../../recordings';
import { binanceMarkets } from '../binance';
import { okxHttpFault, okxRest } from './rest';

const CHANNEL = 'liquidation-orders:SWAP';

/**
 * No OKX recordings exist: OKX is served from Binance's recordings converted to OKX's format
 * (instrument ids, sizes in contracts). The same prices as Binance's, so their clusters coincide.
 */
function asOkx(m: ReplayMarket): ReplayMarket {
  const instId = okxInstId(m.symbol)!;
  return {
    ...m,
    exchange: 'okx',
    prints: m.prints.map((p) => ({ ...p, exchange: 'okx', id: liquidationPrintId({ ...p, exchange: 'okx' }), priceBasis: 'order' })),
    provenance: [
      `Converted, not recorded: OKX ${instId} is Binance's ${m.symbol} data below, served in OKX's formats (sizes in contracts of ${contractValue(m.symbol)} ${m.base}; liquidation prices as bkPx). No OKX data was recorded.`,
      ...m.provenance.map((line) => `Binance: ${line}`),
      'Position tiers are an illustrative table in OKX\'s format, typed in, not recorded.',
    ],
  };
}

/** A push of one print, as OKX sends them: sizes in contracts, the price as the bankruptcy price. */
function push(p: LiquidationPrint) {
  const instId = okxInstId(p.symbol)!;
  const family = instId.replace(/-SWAP$/, '');
  return {
    arg: { channel: 'liquidation-orders', instType: 'SWAP' },
    data: [{
      instId, instFamily: family, instType: 'SWAP', uly: family,
      details: [{ bkLoss: '0', bkPx: decimal(p.price), ccy: '', posSide: p.side, side: p.side === 'long' ? 'sell' : 'buy', sz: decimal(p.quantity / contractValue(p.symbol)!), ts: String(p.time) }],
    }],
  };
}

export const replay: ReplayExchange = {
  id: 'okx',
  markets: () => binanceMarkets().map(asOkx),
  rest: { owns: (p) => p.startsWith('/api/v5/'), serve: okxRest, fault: okxHttpFault },
  stream: {
    accept: (url) => (url.pathname === '/ws/v5/public' ? { topics: [], combined: false } : null),
    /** OKX acknowledges each `arg` of a request on its own; one unknown channel fails the request. */
    answer(client, text) {
      if (text === 'ping') return ['pong'];
      const m = requestObject(text);
      if (!m) return [{ event: 'error', code: '60012', msg: `Invalid request: ${text.slice(0, 100)}`, connId: client.connId }];
      const args = Array.isArray(m.args) ? m.args : [];
      const topic = (a: unknown) => (typeof a === 'object' && a !== null ? `${String((a as Record<string, unknown>).channel)}:${String((a as Record<string, unknown>).instType)}` : '');
      if ((m.op !== 'subscribe' && m.op !== 'unsubscribe') || args.length === 0) {
        return [{ event: 'error', code: '60012', msg: `Invalid request: ${JSON.stringify(m).slice(0, 100)}`, connId: client.connId }];
      }
      const unknown = args.find((a) => topic(a) !== CHANNEL);
      if (unknown !== undefined) return [{ event: 'error', code: '60018', msg: `Wrong URL or channel:${JSON.stringify(unknown).slice(0, 80)} doesn't exist.`, connId: client.connId }];
      return args.map((a) => {
        if (m.op === 'subscribe') client.topics.add(topic(a));
        else client.topics.delete(topic(a));
        return { event: m.op, arg: a, connId: client.connId };
      });
    },
    frames: (prints, client) => (client.topics.has(CHANNEL) ? prints.map((p) => ({ message: push(p), prints: [p] })) : []),
  },
  /** OKX's channel carries every swap: another swap's print is an unknown symbol, not an error of the frame. */
  hostileFrames(T) {
    const push = (d: Record<string, unknown>, entryFields: Record<string, unknown> = {}) => JSON.stringify({ arg: { channel: 'liquidation-orders', instType: 'SWAP' }, data: [{ instId: 'BTC-USDT-SWAP', instFamily: 'BTC-USDT', instType: 'SWAP', uly: 'BTC-USDT', details: [{ bkLoss: '0', bkPx: '37000', ccy: '', posSide: 'long', side: 'sell', sz: '10', ts: String(T), ...d }], ...entryFields }] });
    return [push({ bkPx: 'NaN' }), push({ sz: '-1' }), push({ sz: 1e300, bkPx: 1e300 }), push({ sz: -0 }), push({ bkPx: 1e-320 }), push({ sz: '100000000000', bkPx: '99999' }), push({ side: 's'.repeat(50_000) }), push({}, { instId: 'DOGE-USDT-SWAP' }), push({}, { instId: 'BTC-USD-SWAP' }), push({ side: 'hold' }), push({ ts: 'yesterday' }), tooBig(push({ sz: TOO_BIG })), push({}, { details: 'all of it' }), push({}, { instId: { $gt: '' } }), '{"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[]}', '{"arg":{"channel":"tickers"},"data":[{}]}', '{"data":[]}', 'ping'];
  },
};
