/**
 * The IndexedDB schema of LiqLens's market data, and its migrations. One store per kind of
 * data, keyed so that the same candle, sample or print can only be stored once.
 * Version history:
 *   1: candles, prints, meta
 *   2: openInterest and gaps; prints indexed by time alone (for retention)
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Candle, ExchangeId, LiquidationPrint, OpenInterestSample } from '../core/types';
import type { Timeframe } from '../core/timeframes';

export const DB_NAME = 'liqlens-market';
export const DB_VERSION = 2;

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
    key: string;
    value: LiquidationPrint;
    indexes: { bySymbolTime: [ExchangeId, string, number]; byTime: number };
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
    const prints = db.createObjectStore('prints', { keyPath: 'id' });
    prints.createIndex('bySymbolTime', ['exchange', 'symbol', 'time']);
    db.createObjectStore('meta');
  },
  (db, tx) => {
    const oi = db.createObjectStore('openInterest', { keyPath: ['exchange', 'symbol', 'time'] });
    oi.createIndex('byTime', 'time');
    const gaps = db.createObjectStore('gaps', { keyPath: 'id', autoIncrement: true });
    gaps.createIndex('byExchangeTime', ['exchange', 'from']);
    tx.objectStore('prints').createIndex('byTime', 'time');
  },
];

export function migrate(db: IDBPDatabase<MarketDb>, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let v = oldVersion; v < newVersion; v++) MIGRATIONS[v]!(db, tx);
}
