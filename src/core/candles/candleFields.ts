/** Turning the raw fields of one row (CSV cells or API values) into a checked candle. */
import type { Candle, ParseResult } from '../types';
import { parseNumberValue, parseTimeCell } from './csv';
import { checkCandle, collectInOrder } from './validate';

export interface CandleFields {
  time: unknown;
  open: unknown;
  high: unknown;
  low: unknown;
  close: unknown;
  volume: unknown;
  /** Absent, undefined or '' where the source has no taker-buy volume for this row. */
  takerBuyVolume?: unknown;
}

export type FieldResult<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

/** How a raw value is shown in a message: short, and quoted where it is text. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return value === '' ? 'empty' : `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (value === undefined) return 'missing';
  return JSON.stringify(value) ?? String(value);
}

/** Epoch milliseconds from an API number or any text parseTimeCell accepts. */
export function readTime(value: unknown): FieldResult<number> {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? { value } : { error: `time ${describe(value)} is not epoch milliseconds` };
  }
  const ms = typeof value === 'string' ? parseTimeCell(value) : null;
  return ms === null ? { error: `time ${describe(value)} is not a time` } : { value: ms };
}

export function readNumber(name: string, value: unknown): FieldResult<number> {
  if (value === '' || value === undefined) return { error: `${name} is ${describe(value)}` };
  const n = parseNumberValue(value);
  return n === null ? { error: `${name} ${describe(value)} is not a number` } : { value: n };
}

/** A sound candle, or the first thing wrong with the row. */
export function readCandle(fields: CandleFields): FieldResult<Candle> {
  const time = readTime(fields.time);
  if (time.error !== undefined) return time;
  const candle: Candle = { time: time.value, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  for (const name of ['open', 'high', 'low', 'close', 'volume'] as const) {
    const n = readNumber(name, fields[name]);
    if (n.error !== undefined) return n;
    candle[name] = n.value;
  }
  const taker = fields.takerBuyVolume;
  if (taker !== undefined && taker !== '') {
    const n = readNumber('taker buy volume', taker);
    if (n.error !== undefined) return n;
    candle.takerBuyVolume = n.value;
  }
  const problem = checkCandle(candle);
  return problem === null ? { value: candle } : { error: problem };
}

/**
 * Candles from an exchange's REST array of fixed-width kline rows. Line numbers are array index
 * + 1; a response that is not an array is one issue at line 1; a row of the wrong width or with
 * unreadable fields is reported and dropped.
 */
export function readKlineRows(
  rows: unknown,
  { width, order, what }: { width: number; order?: 'oldest-first' | 'newest-first'; what: string },
  fields: (row: unknown[]) => CandleFields,
): ParseResult<Candle> {
  const collector = collectInOrder<Candle>({ order });
  if (!Array.isArray(rows)) {
    collector.reject(1, `expected an array of klines${what}`);
    return collector.result();
  }
  rows.forEach((row: unknown, i) => {
    const line = i + 1;
    if (!Array.isArray(row) || row.length !== width) {
      const got = Array.isArray(row) ? `${row.length} fields` : typeof row;
      collector.reject(line, `expected a kline of ${width} fields, got ${got}`);
      return;
    }
    const candle = readCandle(fields(row));
    if (candle.error !== undefined) collector.reject(line, candle.error);
    else collector.add(line, candle.value);
  });
  return collector.result();
}
