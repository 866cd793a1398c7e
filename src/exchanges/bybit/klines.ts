/** Bybit v5 klines: `result.list` of `/v5/market/kline`. */
import type { Candle, ParseResult } from '../../core/types';
import { readKlineRows } from '../../core/candles/candleFields';

/** [startTime, open, high, low, close, volume, turnover] */
const KLINE_FIELDS = 7;

/**
 * Candles, oldest first, from a `result.list` that Bybit sends newest first. Line numbers are
 * index in the given array + 1. A row that breaks the newest-first order is reported and dropped,
 * as is every row that cannot be read. Turnover (quote volume) is not part of a Candle and is not read.
 */
export function parseBybitKlines(rows: unknown): ParseResult<Candle> {
  return readKlineRows(rows, { width: KLINE_FIELDS, order: 'newest-first', what: ' (result.list)' }, (row) => ({
    time: row[0], open: row[1], high: row[2], low: row[3], close: row[4], volume: row[5],
  }));
}
