/**
 * Candles from any CSV whose header names its columns: Bybit and Binance exports, the recorder's
 * 1m klines and derived 5m buckets, MetaTrader-style forex bars.
 */
import type { Candle, ParseResult } from '../types';
import { readCandle } from './candleFields';
import { parseLines, parseNumberCell, type LineParser } from './csv';
import { cellAt, tableParser, type ColumnSpec } from './table';
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
  return parseLines(candleCsvParser(), text);
}

/**
 * parseCandleCsv fed line by line; with `keep`, each good candle is handed on as soon as it is
 * known good, and none is held (the command line streams long files so). Forex exports
 * (MetaTrader) carry a `Volume` column that is zero throughout next to `Tickvol`, the only
 * activity measure they have: there the tick volume is used rather than a column of zeros, which
 * is known only at the end, so a file with both columns is held until then and handed on at
 * result().
 */
export function candleCsvParser(keep?: (candle: Candle) => void): LineParser<Candle> {
  let held = false;
  const collector = collectInOrder<Candle>({ keep: keep && ((candle) => (held ? undefined : keep(candle))) });
  let volumeSeen = false;
  let volumeAllZero = true;
  // By index of the kept candle: a row's entry is written before the collector keeps or refuses
  // it, so a refused row's entry is overwritten by the next.
  const ticks: { line: number; tick: string }[] = [];
  const heldRows: Candle[] = [];
  const table = tableParser(COLUMNS, collector, (row, columns) => {
    const c = row.cells;
    const tickColumn = columns.tickVolume >= 0 && columns.tickVolume !== columns.volume ? columns.tickVolume : -1;
    held = tickColumn >= 0;
    if (held) {
      const v = parseNumberCell(c[columns.volume] ?? '');
      if (v !== null) {
        volumeSeen = true;
        if (v !== 0) volumeAllZero = false;
      }
    }
    const candle = readCandle({
      time: c[columns.time], open: c[columns.open], high: c[columns.high], low: c[columns.low], close: c[columns.close],
      volume: c[columns.volume], takerBuyVolume: cellAt(row, columns.takerBuyVolume),
    });
    if (candle.error !== undefined) return candle.error;
    if (held) {
      ticks[collector.size()] = { line: row.line, tick: c[tickColumn]! };
      if (keep) heldRows[collector.size()] = candle.value;
    }
    return candle.value;
  });
  return {
    push: table.push,
    result() {
      const parsed = table.result();
      if (!held) return parsed;
      // The rows the collector kept, in order (it held none where `keep` was given).
      const kept = keep ? heldRows.slice(0, collector.size()) : parsed.rows;
      let rows = kept;
      let issues = parsed.issues;
      if (volumeSeen && volumeAllZero) {
        rows = [];
        issues = [...parsed.issues];
        kept.forEach((candle, i) => {
          const { line, tick } = ticks[i]!;
          const volume = readCandle({ ...candle, volume: tick });
          if (volume.error !== undefined) issues.push({ line, message: volume.error.replace(/^volume/, 'tick volume') });
          else rows.push(volume.value);
        });
        issues.sort((a, b) => a.line - b.line);
      }
      if (!keep) return { rows, issues };
      rows.forEach(keep);
      return { rows: [], issues };
    },
  };
}
