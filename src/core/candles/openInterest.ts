/**
 * Open interest from CSV: Binance's `openInterestHist` (`timestamp,sumOpenInterest,sumOpenInterestValue`),
 * the recorder's 1m klines with `open_interest_btc`, and its derived 5m buckets.
 */
import type { OpenInterestSample, ParseResult } from '../types';
import { amountProblem } from '../bounds';
import { readNumber, readTime } from './candleFields';
import { parseLines, type LineParser } from './csv';
import { TIME_COLUMN_NAMES } from './genericCsv';
import { cellAt, tableParser, type ColumnSpec } from './table';
import { collectInOrder } from './validate';

const COLUMNS = {
  time: { names: TIME_COLUMN_NAMES, required: true },
  openInterest: {
    names: ['sumOpenInterest', 'sumOpenInterest_btc', 'open_interest_btc', 'open_interest', 'openInterest'],
    required: true,
  },
  openInterestValue: {
    names: ['sumOpenInterestValue', 'sumOpenInterestValue_usd', 'open_interest_value', 'openInterestValue'],
    required: false,
  },
} satisfies Record<string, ColumnSpec>;

/**
 * Samples in time order. The time is the row's own time column: the period timestamp of
 * `openInterestHist`, or the bar's open time in kline files that carry a snapshot per bar.
 * A row whose open interest is empty (a bucket with no data) is reported, never read as zero.
 */
export function parseOpenInterestCsv(text: string): ParseResult<OpenInterestSample> {
  return parseLines(openInterestCsvParser(), text);
}

/** parseOpenInterestCsv fed line by line. */
export function openInterestCsvParser(): LineParser<OpenInterestSample> {
  return tableParser(COLUMNS, collectInOrder<OpenInterestSample>(), (row, columns) =>
    readSample(row.cells, columns.time, columns.openInterest, cellAt(row, columns.openInterestValue)));
}

/** A sample, or why the row is not one. */
function readSample(cells: string[], timeColumn: number, oiColumn: number, valueCell: string | undefined): OpenInterestSample | string {
  const time = readTime(cells[timeColumn]);
  if (time.error !== undefined) return time.error;
  const oi = readNumber('open interest', cells[oiColumn]);
  if (oi.error !== undefined) return oi.error;
  const oiProblem = amountProblem('open interest', oi.value, true);
  if (oiProblem !== null) return oiProblem;
  const sample: OpenInterestSample = { time: time.value, openInterest: oi.value };
  if (valueCell !== undefined && valueCell !== '') {
    const value = readNumber('open interest value', valueCell);
    if (value.error !== undefined) return value.error;
    const valueProblem = amountProblem('open interest value', value.value, true);
    if (valueProblem !== null) return valueProblem;
    sample.openInterestValue = value.value;
  }
  return sample;
}
