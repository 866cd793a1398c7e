/**
 * The recordings the replay exchange serves, as markets: the shape of one (exchange, symbol) and
 * the reader of the gzipped CSVs in data/. Each exchange's own file under ./exchanges/ builds its
 * markets from these; catalog.ts gathers them. Imports no exchange, so the exchanges may import it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Timeframe } from '../../src/core/timeframes';
import type { Candle, ExchangeId, LiquidationPrint, OpenInterestSample, ParseResult } from '../../src/core/types';
import { REPO_ROOT } from '../repoRoot';

export interface ReplayMarket {
  exchange: ExchangeId;
  /** The exchange's id of the USDT perpetual, e.g. BTCUSDT. */
  symbol: string;
  base: string;
  quote: string;
  /** The finest recorded timeframe; every larger one is aggregated from it. */
  baseTimeframe: Timeframe;
  candles: Candle[];
  /** Open-interest snapshots, in time order; empty where none were recorded. */
  openInterest: OpenInterestSample[];
  /** Realized liquidation prints, in time order; empty where none were recorded. */
  prints: LiquidationPrint[];
  /** Plain sentences: the recording, and anything derived or missing. */
  provenance: string[];
}

export const DATA_DIR = resolve(REPO_ROOT, 'data');

/** The rows of one shipped recording (data/<file>, gzipped). */
export function loadRecording<T>(file: string, parse: (text: string) => ParseResult<T>): T[] {
  const text = gunzipSync(readFileSync(resolve(DATA_DIR, file))).toString('utf8');
  const { rows, issues } = parse(text);
  // The shipped files are checked by the unit tests; a problem here means a broken checkout.
  if (rows.length === 0) throw new Error(`replay data ${file}: no rows (${issues[0]?.message ?? 'empty'})`);
  return rows;
}
