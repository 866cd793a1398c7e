/**
 * The market-data store on the browser's own IndexedDB (Chromium, through vitest's browser
 * mode): idempotent writes, time order, migrations that keep data, and retention.
 */
import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { MarketStore } from '../../src/store/marketStore';
import { MIGRATIONS, type MarketDb } from '../../src/store/schema';
import type { Candle, LiquidationPrint } from '../../src/core/types';

let name = '';
let store: MarketStore | undefined;
const fresh = async () => {
  name = `test-${Math.random().toString(36).slice(2)}`;
  store = await MarketStore.open(name);
  return store;
};
afterEach(async () => {
  store?.close();
  store = undefined;
  await deleteDB(name);
});

const series = { exchange: 'binance', symbol: 'BTCUSDT', timeframe: '1m' } as const;
const candle = (time: number, close = 100): Candle => ({ time, open: 100, high: 101, low: 99, close, volume: 1 });
const print = (time: number, price = 37_000): LiquidationPrint => ({
  id: `binance:BTCUSDT:${time}:long:${price}:0.5`, exchange: 'binance', symbol: 'BTCUSDT', side: 'long',
  price, quantity: 0.5, notional: price * 0.5, time, throttled: true,
});

describe('MarketStore', () => {
  it('stores candles once per open time, updates a re-sent bar, and reads them back in order', async () => {
    const s = await fresh();
    expect(await s.putCandles(series, [candle(3), candle(1), candle(2)])).toBe(3);
    // An overlapping backfill: two known bars (one revised) and one new.
    expect(await s.putCandles(series, [candle(2), candle(3, 105), candle(4)])).toBe(1);
    const rows = await s.candles(series);
    expect(rows.map((c) => c.time)).toEqual([1, 2, 3, 4]);
    expect(rows[2]!.close).toBe(105);
    expect(await s.candles({ ...series, timeframe: '5m' })).toEqual([]);
    expect(await s.candles(series, 2, 3)).toHaveLength(2);
  });

  it('never stores a print twice, and says which were new', async () => {
    const s = await fresh();
    expect(await s.putPrints([print(10), print(11)])).toHaveLength(2);
    const again = await s.putPrints([print(11), print(12), print(12)]);
    expect(again.map((p) => p.time)).toEqual([12]);
    expect((await s.prints('binance', 'BTCUSDT')).map((p) => p.time)).toEqual([10, 11, 12]);
    expect(await s.prints('bybit', 'BTCUSDT')).toEqual([]);
  });

  it('keeps gaps and open interest, and prunes by age', async () => {
    const s = await fresh();
    await s.putGap({ exchange: 'binance', symbols: ['BTCUSDT'], from: 100, to: 200, reason: 'socket closed' });
    await s.putOpenInterest('binance', 'BTCUSDT', [{ time: 50, openInterest: 1 }, { time: 150, openInterest: 2 }]);
    await s.putCandles(series, [candle(50), candle(150)]);
    await s.putPrints([print(50), print(150)]);
    expect(await s.gaps('binance', 150, 300)).toMatchObject([{ from: 100, to: 200 }]);
    expect(await s.gaps('binance', 250, 300)).toEqual([]);
    expect(await s.pruneBefore(100)).toBe(3);
    expect((await s.openInterest('binance', 'BTCUSDT')).map((o) => o.time)).toEqual([150]);
    expect((await s.prints('binance', 'BTCUSDT')).map((p) => p.time)).toEqual([150]);
  });

  it('migrates a version-1 database to the current schema without losing its data', async () => {
    name = `test-${Math.random().toString(36).slice(2)}`;
    const v1 = await openDB<MarketDb>(name, 1, { upgrade: (db, _old, _new, tx) => MIGRATIONS[0]!(db, tx) });
    await v1.put('prints', print(7));
    await v1.put('candles', { ...candle(7), ...series });
    v1.close();
    store = await MarketStore.open(name);
    expect((await store.prints('binance', 'BTCUSDT')).map((p) => p.time)).toEqual([7]);
    expect((await store.candles(series)).map((c) => c.time)).toEqual([7]);
    await store.putGap({ exchange: 'bybit', symbols: ['BTCUSDT'], from: 1, to: 2, reason: 'test' });
    expect(await store.gaps('bybit')).toHaveLength(1);
    expect(await store.pruneBefore(8)).toBe(2); // the new byTime index on prints covers old rows too
  });
});
