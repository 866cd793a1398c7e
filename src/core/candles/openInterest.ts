/**
 * Open interest from CSV: Binance's `openInterestHist` (`timestamp,sumOpenInterest,sumOpenInterestValue`),
 * the recorder's 1m klines with `open_interest_btc`, and its derived 5m buckets.
 */
import type { OpenInterestSample, ParseResult } from '../types';
import { readNumber, readTime } from './candleFields';
import { TIME_COLUMN_NAMES } from './genericCsv';
import { cellAt, readTable, type ColumnSpec } from './table';
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
  const read = readTable(text, COLUMNS);
  if (read.issue) return { rows: [], issues: [read.issue] };
  const { rows, columns, widthProblem } = read.table;
  const collector = collectInOrder<OpenInterestSample>();
  for (const row of rows) {
    const sample = widthProblem(row) ?? readSample(row.cells, columns.time, columns.openInterest, cellAt(row, columns.openInterestValue));
    if (typeof sample === 'string') collector.reject(row.line, sample);
    else collector.add(row.line, sample);
  }
  return collector.result();
}

/** A sample, or why the row is not one. */
function readSample(cells: string[], timeColumn: number, oiColumn: number, valueCell: string | undefined): OpenInterestSample | string {
  const time = readTime(cells[timeColumn]);
  if (time.error !== undefined) return time.error;
  const oi = readNumber('open interest', cells[oiColumn]);
  if (oi.error !== undefined) return oi.error;
  if (oi.value < 0) return `open interest ${oi.value} is negative`;
  const sample: OpenInterestSample = { time: time.value, openInterest: oi.value };
  if (valueCell !== undefined && valueCell !== '') {
    const value = readNumber('open interest value', valueCell);
    if (value.error !== undefined) return value.error;
    if (value.value < 0) return `open interest value ${value.value} is negative`;
    sample.openInterestValue = value.value;
  }
  return sample;
}
