/**
 * The IndexedDB schema of LiqLens's market data, and its migrations. One store per kind of
 * data, keyed so that the same candle, sample or print can only be stored once.
 * Version history:
 *   1: candles, prints, meta
 *   2: openInterest and gaps; prints indexed by time alone (for retention)
 *   3: prints as compact rows (printRow.ts): the print's fields are its key, no index
 */
import type { DBSchema, IDBPDatabase, IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { Candle, ExchangeId, LiquidationPrint, OpenInterestSample } from '../core/types';
import type { Timeframe } from '../core/timeframes';
import { toPrintRow, type PrintRowKey, type PrintValue } from './printRow';

export const DB_NAME = 'liqlens-market';
export const DB_VERSION = 3;

export interface StoredCandle extends Candle {
  exchange: ExchangeId;
  symbol: string;
  timeframe: Timeframe;
}

export interface StoredOpenInterest extends OpenInterestSample {
  exchange: ExchangeId;
  symbol: string;
}

/** A stretch of time in which an exchange's print stream did not cover these symbols: prints there are unknown. */
export interface StreamGap {
  id?: number;
  exchange: ExchangeId;
  symbols: string[];
  from: number;
  to: number;
  reason: string;
}

export interface MarketDb extends DBSchema {
  candles: {
    key: [ExchangeId, string, Timeframe, number];
    value: StoredCandle;
    indexes: { byTime: number };
  };
  prints: {
    key: PrintRowKey;
    value: PrintValue;
  };
  openInterest: {
    key: [ExchangeId, string, number];
    value: StoredOpenInterest;
    indexes: { byTime: number };
  };
  gaps: {
    key: number;
    value: StreamGap;
    indexes: { byExchangeTime: [ExchangeId, number] };
  };
  meta: {
    key: string;
    value: unknown;
  };
}

type UpgradeTx = IDBPTransaction<MarketDb, StoreNames<MarketDb>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<MarketDb>, tx: UpgradeTx) => void;

/** MIGRATIONS[v - 1] brings a database from version v - 1 to v. Never edit a released step: add one. */
export const MIGRATIONS: readonly Migration[] = [
  (db) => {
    const candles = db.createObjectStore('candles', { keyPath: ['exchange', 'symbol', 'timeframe', 'time'] });
    candles.createIndex('byTime', 'time');
    const prints = db.createObjectStore('prints', { keyPath: 'id' }) as unknown as LegacyPrintStore;
    prints.createIndex('bySymbolTime', ['exchange', 'symbol', 'time']);
    db.createObjectStore('meta');
  },
  (db, tx) => {
    const oi = db.createObjectStore('openInterest', { keyPath: ['exchange', 'symbol', 'time'] });
    oi.createIndex('byTime', 'time');
    const gaps = db.createObjectStore('gaps', { keyPath: 'id', autoIncrement: true });
    gaps.createIndex('byExchangeTime', ['exchange', 'from']);
    legacyPrints(tx).createIndex('byTime', 'time');
  },
  (db, tx) => {
    // The old rows are walked with a cursor and held compact (not all read whole at once), then
    // the store is made again without a key path or indexes and they are written to it.
    const rows: [PrintValue, PrintRowKey][] = [];
    const rewrite = async () => {
      for (let cursor = await legacyPrints(tx).openCursor(); cursor; cursor = await cursor.continue()) rows.push(toPrintRow(cursor.value));
      db.deleteObjectStore('prints');
      const prints = db.createObjectStore('prints');
      // put, not add: two old rows of one print (ids that differ only as liquidationPrintId normalises) become one.
      await Promise.all(rows.map((row) => prints.put(...row)));
    };
    // A failed step fails the upgrade (the database stays at version 2 with its rows), never half done.
    rewrite().catch(() => {
      try {
        tx.abort();
      } catch {
        // already aborted
      }
    });
  },
];

/** Versions 1 and 2 kept each print whole, keyed by its id, indexed by symbol and time, and (2) by time. */
export interface LegacyPrints extends DBSchema {
  prints: { key: string; value: LiquidationPrint; indexes: { bySymbolTime: [ExchangeId, string, number]; byTime: number } };
}
type LegacyPrintStore = IDBPObjectStore<LegacyPrints, ['prints'], 'prints', 'versionchange'>;

function legacyPrints(tx: UpgradeTx): LegacyPrintStore {
  return tx.objectStore('prints') as unknown as LegacyPrintStore;
}

export function migrate(db: IDBPDatabase<MarketDb>, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let v = oldVersion; v < newVersion; v++) MIGRATIONS[v]!(db, tx);
}
