/**
 * The market-data store: a small typed facade over IndexedDB (through idb), so callers never
 * see requests or transactions. Writes are idempotent (a repeated candle, sample or print
 * replaces itself), reads come back in time order, and a full disk is a clear error.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Candle, ExchangeId, LiquidationPrint, OpenInterestSample } from '../core/types';
import type { Timeframe } from '../core/timeframes';
import { DB_NAME, DB_VERSION, migrate, type MarketDb, type StreamGap } from './schema';
import { afterSymbol, fromPrintRow, printRange, printsBefore, toPrintRow, type PrintRowKey } from './printRow';

type WriteTx = IDBPTransaction<MarketDb, StoreNames<MarketDb>[], 'readwrite'>;

export interface Series {
  exchange: ExchangeId;
  symbol: string;
  timeframe: Timeframe;
}

/** The store is out of space: nothing of the failed write was kept, and the caller should say so. */
export class StoreFullError extends Error {
  constructor(what: string) {
    super(`LiqLens's storage is full: ${what} were not saved. Lower the retention or clear stored data in the options.`);
    this.name = 'StoreFullError';
  }
}

export class MarketStore {
  private constructor(private readonly db: IDBPDatabase<MarketDb>) {}

  static async open(name = DB_NAME, version = DB_VERSION): Promise<MarketStore> {
    const db: IDBPDatabase<MarketDb> = await openDB<MarketDb>(name, version, {
      upgrade: (database, oldVersion, newVersion, tx) => migrate(database, oldVersion, newVersion ?? version, tx),
      // Another context (e.g. a newer service worker) wants to upgrade: step aside.
      blocking: () => db.close(),
    });
    return new MarketStore(db);
  }

  close(): void {
    this.db.close();
  }

  /** Stores candles (upsert by series and open time). Returns how many were new. */
  async putCandles(series: Series, candles: readonly Candle[]): Promise<number> {
    return this.write(`${candles.length} candles`, async (tx) => {
      const store = tx.objectStore('candles');
      let added = 0;
      for (const c of candles) {
        const key: [ExchangeId, string, Timeframe, number] = [series.exchange, series.symbol, series.timeframe, c.time];
        if ((await store.getKey(key)) === undefined) added++;
        await store.put({ ...c, ...series });
      }
      return added;
    }, ['candles']);
  }

  /** Candles of a series with open time in [from, to], oldest first. */
  async candles(series: Series, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<Candle[]> {
    const range = IDBKeyRange.bound([series.exchange, series.symbol, series.timeframe, from], [series.exchange, series.symbol, series.timeframe, to]);
    const rows = await this.db.getAll('candles', range);
    return rows.map(({ exchange: _e, symbol: _s, timeframe: _t, ...candle }) => candle);
  }

  /**
   * Stores prints; one already stored (the same key, i.e. the same id: see printRow.ts) is not
   * stored twice. Returns the new ones.
   */
  async putPrints(prints: readonly LiquidationPrint[]): Promise<LiquidationPrint[]> {
    return this.write('liquidation prints', async (tx) => {
      const store = tx.objectStore('prints');
      // All lookups in flight at once (one transaction queues them), then all the writes.
      const unique = [...new Map(prints.map((p) => [p.id, p])).values()];
      const rows = unique.map(toPrintRow);
      const known = await Promise.all(rows.map(([, key]) => store.getKey(key)));
      await Promise.all(rows.filter((_, i) => known[i] === undefined).map((row) => store.add(...row)));
      return unique.filter((_, i) => known[i] === undefined);
    }, ['prints']);
  }

  /** Prints of a symbol with time in [from, to], in time order. */
  async prints(exchange: ExchangeId, symbol: string, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<LiquidationPrint[]> {
    const tx = this.db.transaction('prints');
    const range = printRange(exchange, symbol, from, to);
    const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)]);
    return keys.map((key, i) => fromPrintRow(key, values[i]!));
  }

  async putOpenInterest(exchange: ExchangeId, symbol: string, samples: readonly OpenInterestSample[]): Promise<void> {
    await this.write('open-interest samples', async (tx) => {
      const store = tx.objectStore('openInterest');
      for (const s of samples) await store.put({ ...s, exchange, symbol });
    }, ['openInterest']);
  }

  async openInterest(exchange: ExchangeId, symbol: string, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<OpenInterestSample[]> {
    const rows = await this.db.getAll('openInterest', IDBKeyRange.bound([exchange, symbol, from], [exchange, symbol, to]));
    return rows.map(({ exchange: _e, symbol: _s, ...sample }) => sample);
  }

  async putGap(gap: StreamGap): Promise<void> {
    await this.write('a stream gap', (tx) => tx.objectStore('gaps').add({ ...gap }).then(() => undefined), ['gaps']);
  }

  /** Gaps of an exchange's stream that overlap [from, to], by start time. */
  async gaps(exchange: ExchangeId, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<StreamGap[]> {
    const all = await this.db.getAllFromIndex('gaps', 'byExchangeTime', IDBKeyRange.bound([exchange, 0], [exchange, to]));
    return all.filter((g) => g.to >= from);
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await this.db.get('meta', key)) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.write('settings state', (tx) => tx.objectStore('meta').put(value, key).then(() => undefined), ['meta']);
  }

  /** Retention: deletes everything older than `before` (epoch ms). Returns how many records went. */
  async pruneBefore(before: number): Promise<number> {
    const tx = this.db.transaction(['candles', 'prints', 'openInterest'], 'readwrite');
    let removed = 0;
    // Prints have no time index: each symbol's old prints are one key range, found by hopping from symbol to symbol.
    const prints = tx.objectStore('prints');
    for (let cursor = await prints.openKeyCursor(); cursor; ) {
      const [exchange, symbol] = cursor.key;
      const old = printsBefore(exchange, symbol, before);
      removed += await prints.count(old);
      await prints.delete(old);
      cursor = await cursor.continue(afterSymbol(exchange, symbol) as PrintRowKey);
    }
    for (const name of ['candles', 'openInterest'] as const) {
      let cursor = await tx.objectStore(name).index('byTime').openCursor(IDBKeyRange.upperBound(before, true));
      while (cursor) {
        await cursor.delete();
        removed++;
        cursor = await cursor.continue();
      }
    }
    await tx.done;
    return removed;
  }

  /** Deletes every record of every store (the options page's "clear stored data"). Returns how many went. */
  async clearAll(): Promise<number> {
    const names = ['candles', 'prints', 'openInterest', 'gaps', 'meta'] as const;
    // One transaction: the count is of exactly what the clear removes.
    const tx = this.db.transaction([...names], 'readwrite');
    const counts = await Promise.all(names.map(async (n) => {
      const store = tx.objectStore(n);
      const count = await store.count();
      await store.clear();
      return count;
    }));
    await tx.done;
    return counts.reduce((sum, n) => sum + n, 0);
  }

  /**
   * Runs a write in one transaction; all of it lands or none of it does. A quota error becomes
   * a StoreFullError naming what was not saved.
   */
  private async write<T>(what: string, body: (tx: WriteTx) => Promise<T>, stores: StoreNames<MarketDb>[]): Promise<T> {
    const tx = this.db.transaction(stores, 'readwrite');
    try {
      const result = await body(tx);
      await tx.done;
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished or aborted
      }
      if (isQuotaError(error)) throw new StoreFullError(what);
      throw error;
    }
  }
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || /quota/i.test(error.message));
}
