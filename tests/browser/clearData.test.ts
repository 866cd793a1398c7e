/**
 * "Clear stored data" on the browser's own IndexedDB: every kind of record goes, the count is
 * what was there, and the store keeps working afterwards. Plus the request's validator.
 */
import { deleteDB, openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { MarketStore } from '../../src/store/marketStore';
import type { MarketDb } from '../../src/store/schema';
import { clearStoredData } from '../../src/background/clearData';
import { accepts } from '../../src/messaging/contract';
import { check } from '../../src/messaging/schema';
import { CLEAR_STORED_DATA } from '../../src/messaging/clearStoredData';

const isClearStoredDataRequest = (m: unknown) => accepts(CLEAR_STORED_DATA, m) !== null;
const parseClearStoredDataReply = (m: unknown) => { const r = check(CLEAR_STORED_DATA.reply, m); return r.ok ? r.value : null; };
import type { Candle, LiquidationPrint } from '../../src/core/types';

let name = '';
let store: MarketStore | undefined;
afterEach(async () => {
  store?.close();
  store = undefined;
  await deleteDB(name);
});

const series = { exchange: 'binance', symbol: 'BTCUSDT', timeframe: '1m' } as const;
const candle = (time: number): Candle => ({ time, open: 100, high: 101, low: 99, close: 100, volume: 1 });
const print = (time: number): LiquidationPrint => ({
  id: `binance:BTCUSDT:${time}:long`, exchange: 'binance', symbol: 'BTCUSDT', side: 'long', price: 37_000, quantity: 0.5, notional: 18_500, time, throttled: true,
});

/** Records per object store, read with a separate connection. */
async function counts(): Promise<Record<string, number>> {
  const db = await openDB<MarketDb>(name);
  const tx = db.transaction(['candles', 'prints', 'openInterest', 'gaps', 'meta']);
  const result = {
    candles: await tx.objectStore('candles').count(),
    prints: await tx.objectStore('prints').count(),
    openInterest: await tx.objectStore('openInterest').count(),
    gaps: await tx.objectStore('gaps').count(),
    meta: await tx.objectStore('meta').count(),
  };
  db.close();
  return result;
}

describe('clearStoredData', () => {
  it('deletes every candle, open-interest sample, print, gap and meta record and says how many', async () => {
    name = `test-${Math.random().toString(36).slice(2)}`;
    store = await MarketStore.open(name);
    await store.putCandles(series, [candle(1), candle(2), candle(3)]);
    await store.putCandles({ ...series, timeframe: '5m' }, [candle(5)]);
    await store.putOpenInterest('bybit', 'ETHUSDT', [{ time: 1, openInterest: 10 }, { time: 2, openInterest: 11 }]);
    await store.putPrints([print(1), print(2)]);
    await store.putGap({ exchange: 'binance', symbols: ['BTCUSDT'], from: 1, to: 2, reason: 'test' });
    await store.setMeta('tiers:binance:BTCUSDT', { source: 'default', tiers: [] });
    await store.setMeta('coverage:binance', { symbols: [], at: 1 });
    expect(await counts()).toEqual({ candles: 4, prints: 2, openInterest: 2, gaps: 1, meta: 2 });

    expect(await clearStoredData(store)).toEqual({ deleted: 11 });
    expect(await counts()).toEqual({ candles: 0, prints: 0, openInterest: 0, gaps: 0, meta: 0 });
    expect(await store.candles(series)).toEqual([]);
    expect(await store.getMeta('tiers:binance:BTCUSDT')).toBeUndefined();

    // An empty store clears to nothing, and the store keeps working.
    expect(await clearStoredData(store)).toEqual({ deleted: 0 });
    expect(await store.putCandles(series, [candle(1)])).toBe(1);
    expect((await store.candles(series)).map((c) => c.time)).toEqual([1]);
  });

  it('accepts only the exact request, and only a well-formed reply', () => {
    expect(isClearStoredDataRequest({ type: 'clearStoredData' })).toBe(true);
    for (const bad of [null, undefined, 'clearStoredData', [], {}, { type: 'tabStatus' }, { type: 'clearStoredData', extra: 1 }, ['clearStoredData']]) {
      expect(isClearStoredDataRequest(bad)).toBe(false);
    }
    expect(parseClearStoredDataReply({ deleted: 7 })).toEqual({ deleted: 7 });
    expect(parseClearStoredDataReply({ deleted: 0 })).toEqual({ deleted: 0 });
    for (const bad of [undefined, null, {}, { deleted: -1 }, { deleted: 1.5 }, { deleted: '3' }]) {
      expect(parseClearStoredDataReply(bad)).toBeNull();
    }
  });
});
