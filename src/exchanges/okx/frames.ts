/**
 * OKX v5 public `liquidation-orders` pushes (instType SWAP) and the replies to its `op` requests.
 * The channel carries every swap of the instType, so prints of swaps not subscribed here are
 * rejected as unknown symbols, like the other exchanges' prints of other symbols.
 */
import { positionSideFromOrderSide } from '../shared/prints';
import { bad, describe, epochMs, isRecord, makePrint, positive, reject, type Frame, type Rejection } from '../shared/frames';
import type { LiquidationPrint } from '../../core/types';
import { contractValue, symbolOfInstId } from './contracts';

export const LIQUIDATION_CHANNEL = { channel: 'liquidation-orders', instType: 'SWAP' } as const;

/** The id a request and its reply share: OKX echoes the subscription's `arg`, not a request number. */
export function argId(arg: unknown): string | null {
  return isRecord(arg) && typeof arg.channel === 'string' ? `${arg.channel}:${typeof arg.instType === 'string' ? arg.instType : ''}` : null;
}

export function okxFrame(m: Record<string, unknown>, symbols: ReadonlySet<string>): Frame {
  if (typeof m.event === 'string') {
    // subscribe / unsubscribe acknowledge their `arg`; error carries a code; notice and the like are informational.
    const ok = m.event !== 'error';
    const detail = ok ? '' : `${describe(m.code)} ${typeof m.msg === 'string' ? m.msg.slice(0, 200) : ''}`.trim();
    return { kind: 'control', ok, op: m.event, id: argId(m.arg), detail };
  }
  if (!isRecord(m.arg) || m.arg.channel !== LIQUIDATION_CHANNEL.channel) return reject('unknown message', describe(m));
  if (!Array.isArray(m.data) || m.data.length === 0) return reject('bad field', `data ${describe(m.data)} is not a list of entries`);
  const prints: LiquidationPrint[] = [];
  const rejected: Rejection[] = [];
  for (const entry of m.data) {
    for (const print of okxPrints(entry, symbols)) {
      if ('reason' in print) rejected.push(print);
      else prints.push(print);
    }
  }
  return { kind: 'prints', prints, rejected };
}

/** One instrument's entry: its `details`, each a liquidation order in contracts at the bankruptcy price. */
function okxPrints(entry: unknown, symbols: ReadonlySet<string>): (LiquidationPrint | Rejection)[] {
  if (!isRecord(entry)) return [bad(`entry ${describe(entry)}`)];
  if (typeof entry.instId !== 'string') return [bad(`instId ${describe(entry.instId)}`)];
  const symbol = symbolOfInstId(entry.instId);
  if (symbol === null || !symbols.has(symbol)) return [{ reason: 'unknown symbol', detail: describe(entry.instId) }];
  const ctVal = contractValue(symbol);
  if (ctVal === undefined) return [bad(`contract value of ${entry.instId} not known yet (markets not loaded)`)];
  if (!Array.isArray(entry.details) || entry.details.length === 0) return [bad(`details ${describe(entry.details)} is not a list of orders`)];
  return entry.details.map((d) => okxPrint(d, symbol, ctVal));
}

function okxPrint(d: unknown, symbol: string, ctVal: number): LiquidationPrint | Rejection {
  if (!isRecord(d)) return bad(`detail ${describe(d)}`);
  // `side` is the liquidation order's: it sells to close a long (posSide is "net" in one-way mode, so side decides).
  if (d.side !== 'buy' && d.side !== 'sell') return bad(`side ${describe(d.side)}`);
  const time = epochMs(typeof d.ts === 'string' && /^\d{1,16}$/.test(d.ts) ? Number(d.ts) : d.ts);
  if (time === null) return bad(`time ${describe(d.ts)}`);
  const contracts = positive(d.sz);
  const price = positive(d.bkPx);
  if (contracts === null) return bad(`size ${describe(d.sz)}`);
  if (price === null) return bad(`price ${describe(d.bkPx)}`);
  // bkPx is the bankruptcy price: an order price, mapped back to the trigger like Bybit's `p`.
  // Rounded to 12 significant digits so 13 × 0.01 is 0.13, not 0.13000000000000003.
  const quantity = Number((contracts * ctVal).toPrecision(12));
  return makePrint('okx', symbol, positionSideFromOrderSide(d.side === 'sell' ? 'SELL' : 'BUY'), time, price, 'order', quantity, true);
}
