/**
 * Candles from any CSV whose header names its columns: Bybit and Binance exports, the recorder's
 * 1m klines and derived 5m buckets, MetaTrader-style forex bars.
 */
import type { Candle, ParseResult } from '../types';
import { readCandle } from './candleFields';
import { parseNumberCell, type CsvLine } from './csv';
import { cellAt, readTable, type ColumnSpec } from './table';
import { collectInOrder } from './validate';

/** Header names of a time column, most preferred first; shared with the open-interest parser. */
export const TIME_COLUMN_NAMES = [
  'timestamp', 'time', 'date', 'datetime', 'open time', 'open_time', 'open_time_ms', 'bucket_start_ms', 'start',
] as const;

const COLUMNS = {
  time: { names: TIME_COLUMN_NAMES, required: true },
  open: { names: ['open'], required: true },
  high: { names: ['high'], required: true },
  low: { names: ['low'], required: true },
  close: { names: ['close'], required: true },
  volume: { names: ['volume_btc', 'volume', 'vol', 'tickvol'], required: true },
  tickVolume: { names: ['tickvol'], required: false },
  takerBuyVolume: { names: ['taker buy base asset volume'], required: false },
} satisfies Record<string, ColumnSpec>;

/**
 * Candles from a CSV with a header. Time, open, high, low, close and volume are required (one issue
 * at the header's line naming what is missing, and no rows); taker-buy volume is read where present.
 */
export function parseCandleCsv(text: string): ParseResult<Candle> {
  const read = readTable(text, COLUMNS);
  if (read.issue) return { rows: [], issues: [read.issue] };
  const { rows, columns, widthProblem } = read.table;
  const volumeColumn = chooseVolume(rows, columns.volume, columns.tickVolume);
  const collector = collectInOrder<Candle>();
  for (const row of rows) {
    const width = widthProblem(row);
    if (width !== null) {
      collector.reject(row.line, width);
      continue;
    }
    const c = row.cells;
    const candle = readCandle({
      time: c[columns.time], open: c[columns.open], high: c[columns.high], low: c[columns.low], close: c[columns.close],
      volume: c[volumeColumn], takerBuyVolume: cellAt(row, columns.takerBuyVolume),
    });
    if (candle.error !== undefined) collector.reject(row.line, candle.error);
    else collector.add(row.line, candle.value);
  }
  return collector.result();
}

/**
 * Forex exports (MetaTrader) carry a `Volume` column that is zero throughout next to `Tickvol`,
 * the only activity measure they have: use the tick volume there rather than a column of zeros.
 */
function chooseVolume(rows: readonly CsvLine[], volume: number, tickVolume: number): number {
  if (tickVolume < 0 || tickVolume === volume) return volume;
  const values = rows.map((row) => parseNumberCell(row.cells[volume] ?? '')).filter((n) => n !== null);
  return values.length > 0 && values.every((n) => n === 0) ? tickVolume : volume;
}
