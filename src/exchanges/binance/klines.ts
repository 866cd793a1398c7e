/**
 * Binance klines: the REST arrays of `/api/v3/klines` and `/fapi/v1/klines`, and the 12-column CSV
 * (with a header, or headerless as in Binance's public archives).
 */
import type { Candle, ParseResult } from '../../core/types';
import { readCandle, readKlineRows } from '../../core/candles/candleFields';
import { parseTimeCell, splitCsvLines } from '../../core/candles/csv';
import { collectInOrder } from '../../core/candles/validate';

/** [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBuyBase, takerBuyQuote, ignore] */
const KLINE_FIELDS = 12;
const TAKER_BUY_BASE = 9;

/**
 * Candles from a kline REST response (values as strings or numbers). Line numbers are array
 * index + 1; a response that is not an array is one issue at line 1.
 */
export function parseBinanceKlines(rows: unknown): ParseResult<Candle> {
  return readKlineRows(rows, { width: KLINE_FIELDS, what: '' }, (row) => ({
    time: row[0], open: row[1], high: row[2], low: row[3], close: row[4], volume: row[5],
    takerBuyVolume: row[TAKER_BUY_BASE],
  }));
}

/**
 * Candles from Binance's 12-column kline CSV. The header is optional (the public archives have
 * none). Rows may stop after the volume column or leave columns 7-12 empty (recordings cut
 * before the bar's close fields arrived): those are candles without taker-buy volume.
 */
export function parseBinanceKlineCsv(text: string): ParseResult<Candle> {
  const collector = collectInOrder<Candle>();
  const lines = splitCsvLines(text);
  if (lines.length === 0) {
    collector.reject(1, 'no data: the text is empty');
    return collector.result();
  }
  // A first line whose first cell is not a time is the header.
  const body = parseTimeCell(lines[0]!.cells[0] ?? '') === null ? lines.slice(1) : lines;
  for (const { line, cells } of body) {
    if (cells.length < 6 || cells.length > KLINE_FIELDS) {
      collector.reject(line, `expected 6 to ${KLINE_FIELDS} cells, got ${cells.length}`);
      continue;
    }
    const candle = readCandle({
      time: cells[0], open: cells[1], high: cells[2], low: cells[3], close: cells[4], volume: cells[5],
      takerBuyVolume: cells[TAKER_BUY_BASE],
    });
    if (candle.error !== undefined) collector.reject(line, candle.error);
    else collector.add(line, candle.value);
  }
  return collector.result();
}
