/** Bybit v5 klines: `result.list` of `/v5/market/kline`. */
import type { Candle, ParseResult } from '../types';
import { readCandle } from './candleFields';
import { collectInOrder } from './validate';

/** [startTime, open, high, low, close, volume, turnover] */
const KLINE_FIELDS = 7;

/**
 * Candles, oldest first, from a `result.list` that Bybit sends newest first. Line numbers are
 * index in the given array + 1. A row that breaks the newest-first order is reported and dropped,
 * as is every row that cannot be read. Turnover (quote volume) is not part of a Candle and is not read.
 */
export function parseBybitKlines(rows: unknown): ParseResult<Candle> {
  const collector = collectInOrder<Candle>({ order: 'newest-first' });
  if (!Array.isArray(rows)) {
    collector.reject(1, 'expected an array of klines (result.list)');
    return collector.result();
  }
  rows.forEach((row: unknown, i) => {
    const line = i + 1;
    if (!Array.isArray(row) || row.length !== KLINE_FIELDS) {
      const got = Array.isArray(row) ? `${row.length} fields` : typeof row;
      collector.reject(line, `expected a kline of ${KLINE_FIELDS} fields, got ${got}`);
      return;
    }
    const candle = readCandle({ time: row[0], open: row[1], high: row[2], low: row[3], close: row[4], volume: row[5] });
    if (candle.error !== undefined) collector.reject(line, candle.error);
    else collector.add(line, candle.value);
  });
  return collector.result();
}
