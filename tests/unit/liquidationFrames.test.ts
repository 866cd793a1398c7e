/** The stream frame parsers on the exchanges' documented frames. */
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_CHARS, MAX_FRAME_DEPTH } from '../../src/exchanges/shared/frames';
import { EXCHANGE_IDS, parseLiquidationFrame } from '../../src/exchanges';
import { learnContractValues } from '../../src/exchanges/okx/contracts';

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

describe('OKX liquidation-orders frames', () => {
  const BOTH = new Set(['BTCUSDT', 'ETHUSDT']);
  // OKX's documented push: sz in contracts (BTC-USDT-SWAP: 0.01 BTC each), bkPx the bankruptcy price.
  const detail = { bkLoss: '0', bkPx: '37000.1', ccy: '', posSide: 'long', side: 'sell', sz: '13', ts: '1692266434010' };
  const push = (data: unknown[]) => JSON.stringify({ arg: { channel: 'liquidation-orders', instType: 'SWAP' }, data });
  const entry = (instId: string, details: unknown[]) => ({ instId, instFamily: instId.replace('-SWAP', ''), instType: 'SWAP', uly: instId.replace('-SWAP', ''), details });

  it('a sell closed a long; contracts become base coin by the contract value; the price is an order price; throttled like Binance', () => {
    const frame = parseLiquidationFrame('okx', push([entry('BTC-USDT-SWAP', [detail])]), BTC);
    expect(frame).toEqual({
      kind: 'prints',
      rejected: [],
      prints: [{ id: 'okx:BTCUSDT:1692266434010:long:37000.1:0.13', exchange: 'okx', symbol: 'BTCUSDT', side: 'long', price: 37000.1, priceBasis: 'order', quantity: 0.13, notional: 37000.1 * 0.13, time: 1692266434010, throttled: true }],
    });
    // ETH-USDT-SWAP's contract is 0.1 ETH; a buy closed a short (posSide "net" in one-way mode: the side decides).
    const eth = parseLiquidationFrame('okx', push([entry('ETH-USDT-SWAP', [{ ...detail, side: 'buy', posSide: 'net', sz: '25', bkPx: '2000' }])]), BOTH);
    expect(eth.kind === 'prints' && eth.prints.map((p) => [p.symbol, p.side, p.quantity])).toEqual([['ETHUSDT', 'short', 2.5]]);
  });

  it('keeps the subscribed swaps of a push and rejects the others as unknown symbols, entry by entry', () => {
    const frame = parseLiquidationFrame('okx', push([entry('DOGE-USDT-SWAP', [detail]), entry('BTC-USDT-SWAP', [detail, { ...detail, sz: 'lots' }]), entry('BTC-USD-SWAP', [detail])]), BTC);
    expect(frame).toMatchObject({ kind: 'prints', prints: [{ symbol: 'BTCUSDT' }], rejected: [{ reason: 'unknown symbol', detail: '"DOGE-USDT-SWAP"' }, { reason: 'bad field', detail: 'size "lots"' }, { reason: 'unknown symbol', detail: '"BTC-USD-SWAP"' }] });
  });

  it('a subscribed swap whose contract value is not known yet is refused by name, never guessed; loading the markets teaches it', () => {
    const sol = new Set(['SOLUSDT']);
    const text = push([entry('SOL-USDT-SWAP', [{ ...detail, bkPx: '60' }])]);
    expect(parseLiquidationFrame('okx', text, sol)).toMatchObject({ kind: 'prints', prints: [], rejected: [{ reason: 'bad field', detail: 'contract value of SOL-USDT-SWAP not known yet (markets not loaded)' }] });
    learnContractValues([{ id: 'SOL-USDT-SWAP', swap: true, linear: true, contractSize: 1 }, { id: 'SOL-USD-SWAP', swap: true, linear: false, contractSize: 100 }]);
    expect(parseLiquidationFrame('okx', text, sol)).toMatchObject({ kind: 'prints', prints: [{ symbol: 'SOLUSDT', quantity: 13 }] });
  });

  it('reads subscription replies by their arg, errors by their code, and the bare-text pong', () => {
    expect(parseLiquidationFrame('okx', '{"event":"subscribe","arg":{"channel":"liquidation-orders","instType":"SWAP"},"connId":"a4d3ae55"}', BTC)).toEqual({ kind: 'control', ok: true, op: 'subscribe', id: 'liquidation-orders:SWAP', detail: '' });
    expect(parseLiquidationFrame('okx', '{"event":"error","code":"60012","msg":"Invalid request: {\\"op\\": \\"subscribe\\"}","connId":"a4d3ae55"}', BTC)).toMatchObject({ kind: 'control', ok: false, op: 'error', id: null, detail: expect.stringContaining('"60012" Invalid request') });
    expect(parseLiquidationFrame('okx', 'pong', BTC)).toEqual({ kind: 'control', ok: true, op: 'pong', id: null, detail: '' });
    expect(parseLiquidationFrame('okx', 'ping', BTC)).toMatchObject({ kind: 'rejected', rejection: { reason: 'not JSON' } });
  });

  it('names what is wrong with a bad push', () => {
    expect(parseLiquidationFrame('okx', push([]), BTC)).toMatchObject({ rejection: { reason: 'bad field' } });
    expect(parseLiquidationFrame('okx', '{"arg":{"channel":"tickers","instId":"BTC-USDT-SWAP"},"data":[{}]}', BTC)).toMatchObject({ rejection: { reason: 'unknown message' } });
    const rejected = (d: Record<string, unknown>) => {
      const frame = parseLiquidationFrame('okx', push([entry('BTC-USDT-SWAP', [{ ...detail, ...d }])]), BTC);
      return frame.kind === 'prints' ? frame.rejected[0] : undefined;
    };
    expect(rejected({ side: 'hold' })).toEqual({ reason: 'bad field', detail: 'side "hold"' });
    expect(rejected({ ts: 'yesterday' })).toEqual({ reason: 'bad field', detail: 'time "yesterday"' });
    expect(rejected({ bkPx: 'NaN' })).toEqual({ reason: 'bad field', detail: 'price "NaN"' });
    expect(rejected({ sz: '1e300' })).toEqual({ reason: 'bad field', detail: 'size "1e300"' });
    expect(rejected({ sz: 1e300 })).toMatchObject({ reason: 'out of range' });
  });
});

describe('numbers beyond belief and frames built to break the parser', () => {
  const order = (o: Record<string, unknown>) => JSON.stringify({ ...forceOrder, o: { ...forceOrder.o, ...o } });
  const entry = (e: Record<string, unknown>) => JSON.stringify({ topic: 'allLiquidation.BTCUSDT', data: [{ T, s: 'BTCUSDT', S: 'Buy', v: '0.1', p: '37000', ...e }] });
  const rejectionOf = (exchange: 'binance' | 'bybit', text: string) => {
    const frame = parseLiquidationFrame(exchange, text, BTC);
    return frame.kind === 'rejected' ? frame.rejection : frame.kind === 'prints' ? frame.rejected[0] : undefined;
  };

  it('refuses a print whose notional overflows (1e300 × 1e300), or reaches the cap, as out of range', () => {
    expect(rejectionOf('binance', order({ q: 1e300, z: 1e300, ap: 1e300 }))).toEqual({ reason: 'out of range', detail: 'price 1e+300 is out of range (1e-12 to 1e9)' });
    expect(rejectionOf('binance', order({ z: '1000000', ap: '10000' }))).toEqual({ reason: 'out of range', detail: 'notional 10000000000 is out of range (the cap is 1e10)' });
    expect(rejectionOf('bybit', entry({ v: 1e300, p: 1e5 }))).toMatchObject({ reason: 'out of range', detail: 'quantity 1e+300 is out of range (above 1e15)' });
  });

  it('refuses a subnormal price (1e-320), a negative zero, "NaN" and a number past a double (1e400)', () => {
    expect(rejectionOf('binance', order({ ap: 1e-320, p: 1e-320 }))).toMatchObject({ reason: 'out of range', detail: expect.stringContaining('price 1e-320') });
    expect(rejectionOf('bybit', entry({ p: 1e-320 }))).toMatchObject({ reason: 'out of range' });
    expect(rejectionOf('binance', order({ z: -0, q: -0 }))).toEqual({ reason: 'bad field', detail: 'quantity 0' });
    expect(rejectionOf('bybit', '{"topic":"allLiquidation.BTCUSDT","data":[{"T":1701065722166,"s":"BTCUSDT","S":"Buy","v":-0,"p":"37000"}]}')).toEqual({ reason: 'bad field', detail: 'size 0' });
    expect(rejectionOf('binance', order({ ap: 'NaN', p: 'NaN' }))).toEqual({ reason: 'bad field', detail: 'price "NaN"' });
    expect(rejectionOf('bybit', entry({ p: 'NaN' }))).toEqual({ reason: 'bad field', detail: 'price "NaN"' });
    expect(rejectionOf('bybit', entry({ v: '<big>' }).replace('"<big>"', '1e400'))).toEqual({ reason: 'bad field', detail: 'size null' });
  });

  it('refuses deep nesting before parsing it, and never throws on it: 499,999 levels, within the size limit', () => {
    const deep = `${'['.repeat(499_999)}${']'.repeat(499_999)}`;
    expect(deep.length).toBeLessThan(MAX_FRAME_CHARS);
    for (const exchange of EXCHANGE_IDS) {
      expect(parseLiquidationFrame(exchange, deep, BTC)).toEqual({ kind: 'rejected', rejection: { reason: 'too deep', detail: `nested more than ${MAX_FRAME_DEPTH} levels` } });
      expect(parseLiquidationFrame(exchange, `{"o":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`, BTC)).toMatchObject({ rejection: { reason: 'too deep' } });
    }
    // Brackets inside strings are text, not nesting: a real frame with a bracketed symbol still reads.
    expect(rejectionOf('binance', order({ s: '['.repeat(50) }))).toEqual({ reason: 'unknown symbol', detail: '['.repeat(50) });
  });

  it('keeps a rejection short whatever the frame holds: huge strings are cut in the detail', () => {
    const huge = 'A'.repeat(900_000);
    for (const text of [order({ s: huge }), JSON.stringify({ e: huge }), entry({ S: huge }), JSON.stringify({ topic: huge })]) {
      for (const exchange of ['binance', 'bybit'] as const) {
        const r = rejectionOf(exchange, text);
        expect(r).toBeDefined();
        expect(r!.detail.length).toBeLessThan(100);
      }
    }
  });
});
