/** The stream frame parsers on the exchanges' documented frames. */
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_CHARS } from '../../src/core/liquidations/frames';
import { parseLiquidationFrame } from '../../src/exchanges';

const BTC = new Set(['BTCUSDT']);
const T = 1_701_065_722_166;
const forceOrder = { e: 'forceOrder', E: T + 5, o: { s: 'BTCUSDT', S: 'SELL', o: 'LIMIT', f: 'IOC', q: '0.071', p: '37500.00', ap: '37539.34', X: 'FILLED', l: '0.071', z: '0.071', T } };

describe('Binance forceOrder frames', () => {
  it('a SELL liquidation order closed a long, filled at the average price; the print is flagged as throttled', () => {
    const frame = parseLiquidationFrame('binance', JSON.stringify(forceOrder), BTC);
    expect(frame).toEqual({
      kind: 'prints',
      rejected: [],
      prints: [{ id: `binance:BTCUSDT:${T}:long:37539.34:0.071`, exchange: 'binance', symbol: 'BTCUSDT', side: 'long', price: 37539.34, priceBasis: 'fill', orderPrice: 37500, quantity: 0.071, notional: 37539.34 * 0.071, time: T, throttled: true }],
    });
  });

  it('reads the combined-stream wrapper the same way, and a BUY closes a short', () => {
    const event = { ...forceOrder, o: { ...forceOrder.o, S: 'BUY' } };
    const frame = parseLiquidationFrame('binance', JSON.stringify({ stream: 'btcusdt@forceOrder', data: event }), BTC);
    expect(frame.kind === 'prints' && frame.prints[0]!.side).toBe('short');
  });

  it('tells subscription replies and errors apart from prints', () => {
    expect(parseLiquidationFrame('binance', '{"result":null,"id":7}', BTC)).toMatchObject({ kind: 'control', ok: true, op: 'ack', id: 7 });
    expect(parseLiquidationFrame('binance', '{"result":["btcusdt@forceOrder"],"id":8}', BTC)).toMatchObject({ kind: 'control', op: 'list' });
    expect(parseLiquidationFrame('binance', '{"error":{"code":2,"msg":"Invalid request"},"id":9}', BTC)).toMatchObject({ kind: 'control', ok: false, detail: '2 Invalid request' });
  });

  it('names what is wrong with a bad frame', () => {
    expect(parseLiquidationFrame('binance', JSON.stringify({ ...forceOrder, o: { ...forceOrder.o, s: 'ETHUSDT' } }), BTC)).toEqual({ kind: 'rejected', rejection: { reason: 'unknown symbol', detail: 'ETHUSDT' } });
    expect(parseLiquidationFrame('binance', JSON.stringify({ ...forceOrder, o: { ...forceOrder.o, z: '0', q: '1e3' } }), BTC)).toMatchObject({ rejection: { reason: 'bad field', detail: 'quantity "0"' } });
    expect(parseLiquidationFrame('binance', 'x'.repeat(MAX_FRAME_CHARS + 1), BTC)).toMatchObject({ rejection: { reason: 'too large' } });
  });
});

describe('Bybit allLiquidation frames', () => {
  const push = (data: unknown[]) => JSON.stringify({ topic: 'allLiquidation.BTCUSDT', type: 'snapshot', ts: T + 400, data });

  it('S "Buy" means a long was liquidated; a batch keeps its good entries and rejects the bad one', () => {
    const frame = parseLiquidationFrame('bybit', push([{ T, s: 'BTCUSDT', S: 'Buy', v: '0.003', p: '94000.5' }, { T, s: 'BTCUSDT', S: 'Sell', v: 'lots', p: '94000.5' }, { T: T + 1, s: 'BTCUSDT', S: 'Sell', v: '1.2', p: '94010' }]), BTC);
    expect(frame.kind).toBe('prints');
    if (frame.kind !== 'prints') return;
    expect(frame.prints.map((p) => [p.side, p.quantity, p.throttled])).toEqual([['long', 0.003, false], ['short', 1.2, false]]);
    // Bybit's p is the bankruptcy price: an order price, to be mapped back to the trigger.
    expect(frame.prints.map((p) => p.priceBasis)).toEqual(['order', 'order']);
    expect(frame.rejected).toEqual([{ reason: 'bad field', detail: 'size "lots"' }]);
  });

  it('reads pongs and subscription replies by their op', () => {
    expect(parseLiquidationFrame('bybit', '{"success":true,"ret_msg":"pong","conn_id":"a","op":"ping"}', BTC)).toMatchObject({ kind: 'control', ok: true, op: 'ping' });
    expect(parseLiquidationFrame('bybit', '{"success":false,"ret_msg":"error:handler not found","conn_id":"a","req_id":"3","op":"subscribe"}', BTC)).toMatchObject({ kind: 'control', ok: false, id: '3' });
  });

  it('rejects a topic of a symbol not subscribed to, and an entry whose symbol differs from its topic', () => {
    expect(parseLiquidationFrame('bybit', JSON.stringify({ topic: 'allLiquidation.ETHUSDT', data: [] }), BTC)).toMatchObject({ rejection: { reason: 'unknown symbol' } });
    const frame = parseLiquidationFrame('bybit', push([{ T, s: 'ETHUSDT', S: 'Buy', v: '1', p: '3000' }]), BTC);
    expect(frame).toMatchObject({ kind: 'prints', prints: [], rejected: [{ reason: 'unknown symbol' }] });
  });
});
