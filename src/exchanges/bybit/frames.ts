/** Bybit v5 `allLiquidation.<SYMBOL>` pushes and the replies to its `op` requests. */
import { positionSideFromBybit } from '../shared/prints';
import { bad, controlId, describe, epochMs, isRecord, makePrint, positive, reject, type Frame, type Rejection } from '../shared/frames';
import type { LiquidationPrint } from '../../core/types';

export function bybitFrame(m: Record<string, unknown>, symbols: ReadonlySet<string>): Frame {
  if (typeof m.op === 'string') {
    const ok = m.success === true;
    return { kind: 'control', ok, op: m.op, id: controlId(m.req_id), detail: typeof m.ret_msg === 'string' ? m.ret_msg : '' };
  }
  if (typeof m.topic !== 'string') return reject('unknown message', describe(m));
  const match = /^allLiquidation\.([A-Z0-9]{2,30})$/.exec(m.topic);
  if (!match) return reject('unknown message', `topic ${describe(m.topic)}`);
  const topicSymbol = match[1]!;
  if (!symbols.has(topicSymbol)) return reject('unknown symbol', topicSymbol);
  if (!Array.isArray(m.data)) return reject('bad field', `data ${describe(m.data)} is not a list`);
  const prints: LiquidationPrint[] = [];
  const rejected: Rejection[] = [];
  for (const entry of m.data) {
    const print = bybitPrint(entry, topicSymbol);
    if ('reason' in print) rejected.push(print);
    else prints.push(print);
  }
  return { kind: 'prints', prints, rejected };
}

function bybitPrint(entry: unknown, topicSymbol: string): LiquidationPrint | Rejection {
  if (!isRecord(entry)) return bad(`entry ${describe(entry)}`);
  if (entry.s !== topicSymbol) return { reason: 'unknown symbol', detail: `${describe(entry.s)} on the ${topicSymbol} topic` };
  if (entry.S !== 'Buy' && entry.S !== 'Sell') return bad(`side ${describe(entry.S)}`);
  const time = epochMs(entry.T);
  if (time === null) return bad(`time ${describe(entry.T)}`);
  const quantity = positive(entry.v);
  const price = positive(entry.p);
  if (quantity === null) return bad(`size ${describe(entry.v)}`);
  if (price === null) return bad(`price ${describe(entry.p)}`);
  // Bybit's `p` is the bankruptcy price: an order price, not the trigger.
  return makePrint('bybit', topicSymbol, positionSideFromBybit(entry.S), time, price, 'order', quantity, false);
}
