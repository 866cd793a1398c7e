/**
 * Binance USDⓈ-M `forceOrder` events (raw or combined-stream wrapped) and the replies to its
 * SUBSCRIBE / LIST_SUBSCRIPTIONS requests.
 */
import { priceProblem } from '../../core/bounds';
import { positionSideFromOrderSide } from '../shared/prints';
import { bad, clip, controlId, describe, epochMs, isRecord, makePrint, positive, reject, type Frame, type Rejection } from '../shared/frames';
import type { LiquidationPrint } from '../../core/types';

export function binanceFrame(m: Record<string, unknown>, symbols: ReadonlySet<string>): Frame {
  // Combined streams wrap each event: {stream, data}.
  const event = typeof m.stream === 'string' && isRecord(m.data) ? m.data : m;
  if (event.e === 'forceOrder') {
    const print = binancePrint(event, symbols);
    return 'reason' in print ? { kind: 'rejected', rejection: print } : { kind: 'prints', prints: [print], rejected: [] };
  }
  if ('result' in m && 'id' in m) {
    return { kind: 'control', ok: true, op: Array.isArray(m.result) ? 'list' : 'ack', id: controlId(m.id), detail: '' };
  }
  if (isRecord(m.error)) {
    return { kind: 'control', ok: false, op: 'error', id: controlId(m.id), detail: `${String(m.error.code)} ${String(m.error.msg)}` };
  }
  return reject('unknown message', describe(m));
}

function binancePrint(event: Record<string, unknown>, symbols: ReadonlySet<string>): LiquidationPrint | Rejection {
  const o = event.o;
  if (!isRecord(o)) return bad('forceOrder without its order "o"');
  if (typeof o.s !== 'string') return bad(`symbol ${describe(o.s)}`);
  if (!symbols.has(o.s)) return { reason: 'unknown symbol', detail: clip(o.s) };
  if (o.S !== 'BUY' && o.S !== 'SELL') return bad(`side ${describe(o.S)}`);
  const time = epochMs(o.T);
  if (time === null) return bad(`trade time ${describe(o.T)}`);
  // The filled quantity at the average fill price, where the order filled; else the order's own.
  const filled = positive(o.z);
  const quantity = filled ?? positive(o.q);
  const fill = positive(o.ap);
  const order = positive(o.p);
  const price = fill ?? order;
  if (quantity === null) return bad(`quantity ${describe(o.z ?? o.q)}`);
  if (price === null) return bad(`price ${describe(o.ap ?? o.p)}`);
  const print = makePrint('binance', o.s, positionSideFromOrderSide(o.S), time, price, fill === null ? 'order' : 'fill', quantity, true);
  const orderInBounds = order !== null && priceProblem('price', order) === null;
  return fill !== null && orderInBounds && !('reason' in print) ? { ...print, orderPrice: order } : print;
}
