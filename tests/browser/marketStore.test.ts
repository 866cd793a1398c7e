/**
 * The market-data store on the browser's own IndexedDB (Chromium, through vitest's browser
 * mode): idempotent writes, time order, migrations that keep data, and retention.
 */
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { MarketStore } from '../../src/store/marketStore';
import { MIGRATIONS, type LegacyPrints, type MarketDb } from '../../src/store/schema';
import { liquidationPrintId } from '../../src/exchanges/shared/prints';
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

/** The same print from Bybit (which does not throttle). */
const bybit = (p: LiquidationPrint): LiquidationPrint => {
  const moved = { ...p, exchange: 'bybit' as const, throttled: false };
  return { ...moved, id: liquidationPrintId(moved) };
};

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
    await (v1 as unknown as IDBPDatabase<LegacyPrints>).put('prints', print(7));
    await v1.put('candles', { ...candle(7), ...series });
    v1.close();
    store = await MarketStore.open(name);
    expect((await store.prints('binance', 'BTCUSDT')).map((p) => p.time)).toEqual([7]);
    expect((await store.candles(series)).map((c) => c.time)).toEqual([7]);
    await store.putGap({ exchange: 'bybit', symbols: ['BTCUSDT'], from: 1, to: 2, reason: 'test' });
    expect(await store.gaps('bybit')).toHaveLength(1);
    expect(await store.pruneBefore(8)).toBe(2); // retention reaches the migrated prints too
  });

  it('migrates version-2 prints to compact rows: every field reads back the same, and none is stored twice after', async () => {
    name = `test-${Math.random().toString(36).slice(2)}`;
    const v2 = await openDB<MarketDb>(name, 2, { upgrade: (db, old, _new, tx) => MIGRATIONS.slice(old, 2).forEach((m) => m(db, tx)) });
    const old = [print(5), { ...print(6, 36_999.5), side: 'short' as const, id: 'binance:BTCUSDT:6:short:36999.5:0.5', priceBasis: 'fill' as const, orderPrice: 36_950.1 }, bybit(print(6))];
    for (const p of old) await (v2 as unknown as IDBPDatabase<LegacyPrints>).put('prints', p);
    v2.close();
    store = await MarketStore.open(name);
    expect(await store.prints('binance', 'BTCUSDT')).toStrictEqual(old.slice(0, 2));
    expect(await store.prints('bybit', 'BTCUSDT')).toStrictEqual(old.slice(2));
    expect(await store.putPrints(old)).toEqual([]);
    expect(await store.putPrints([print(7)])).toHaveLength(1);
  });

  it('keeps every field of a print as it was, the optional ones present or absent alike', async () => {
    const s = await fresh();
    const prints: LiquidationPrint[] = [
      print(1),
      { ...print(2), priceBasis: 'fill', orderPrice: 37_012.34, throttled: false },
      { ...print(3), priceBasis: 'order' },
      { ...print(4), priceBasis: 'fill' },
      // Not as the parsers make them: an id and a notional that the fields do not give are kept too.
      { ...print(5), id: 'from elsewhere', notional: 1 / 3 },
      { ...print(6), id: 'odd', orderPrice: 36_000 },
      { ...bybit(print(7, 0.1 + 0.2)), side: 'short', quantity: 1e-8, notional: (0.1 + 0.2) * 1e-8, id: liquidationPrintId({ ...bybit(print(7, 0.1 + 0.2)), side: 'short', quantity: 1e-8 }) },
    ];
    expect(await s.putPrints(prints)).toStrictEqual(prints);
    expect([...await s.prints('binance', 'BTCUSDT'), ...await s.prints('bybit', 'BTCUSDT')]).toStrictEqual(prints);
  });

  it('stores a print once however often it comes, and every print that differs in one field', async () => {
    const s = await fresh();
    const base = { ...print(10), priceBasis: 'fill' as const };
    const variants: LiquidationPrint[] = [
      bybit(base), { ...base, symbol: 'ETHUSDT' }, { ...base, time: 11 }, { ...base, side: 'short' as const }, { ...base, price: 37_000.01 }, { ...base, quantity: 0.51 },
    ].map((p) => ({ ...p, id: liquidationPrintId(p) }));
    expect(await s.putPrints([base, base, ...variants])).toHaveLength(1 + variants.length);
    // The same prints again, as a stream and a backfill would send them (one without its price basis): none new.
    expect(await s.putPrints([{ ...base, priceBasis: undefined }, ...variants])).toEqual([]);
    const all = [...await s.prints('binance', 'BTCUSDT'), ...await s.prints('binance', 'ETHUSDT'), ...await s.prints('bybit', 'BTCUSDT')];
    expect(new Set(all.map((p) => p.id)).size).toBe(1 + variants.length);
  });

  it('reads a symbol\'s prints by time, inclusive, and prunes old prints of every symbol and exchange', async () => {
    const s = await fresh();
    const others = [bybit(print(50)), { ...print(150), symbol: 'ETHUSDT', id: 'e150' }, { ...print(40), symbol: 'ETHUSDT', id: 'e40' }, { ...print(30), symbol: 'BTCUSDT2', id: 'b30' }];
    await s.putPrints([print(100), print(100, 36_000), print(200), print(99), ...others]);
    expect((await s.prints('binance', 'BTCUSDT', 100, 200)).map((p) => [p.time, p.price])).toEqual([[100, 36_000], [100, 37_000], [200, 37_000]]);
    expect((await s.prints('binance', 'BTCUSDT', 0, 99)).map((p) => p.time)).toEqual([99]);
    expect((await s.prints('binance', 'BTCUSDT', 101, 199))).toEqual([]);
    expect(await s.pruneBefore(100)).toBe(4); // BTCUSDT at 99, bybit's at 50, ETHUSDT at 40, BTCUSDT2 at 30
    expect((await s.prints('binance', 'BTCUSDT')).map((p) => p.time)).toEqual([100, 100, 200]);
    expect((await s.prints('binance', 'ETHUSDT')).map((p) => p.time)).toEqual([150]);
    expect(await s.prints('binance', 'BTCUSDT2')).toEqual([]);
    expect(await s.prints('bybit', 'BTCUSDT')).toEqual([]);
  });
});
