/**
 * Low-level reading of the CSV market data LiqLens handles: lines, cells, numbers and times.
 * The files have no quoted fields (no cell contains a comma), so a plain comma split is exact.
 */
import type { ParseResult } from '../types';

/** One non-blank line of CSV text, with its 1-based line number in the source. */
export interface CsvLine {
  line: number;
  cells: string[];
}

/** Non-blank lines split into trimmed cells; \n, \r\n and \r all end a line; a leading BOM is dropped. */
export function splitCsvLines(text: string): CsvLine[] {
  const out: CsvLine[] = [];
  forEachLine(text, (raw, line) => {
    const row = toCsvLine(raw, line);
    if (row) out.push(row);
  });
  return out;
}

/** Calls `fn` with each line of `text` (without its ending) and its 1-based number; \n, \r\n and \r all end a line. */
export function forEachLine(text: string, fn: (raw: string, line: number) => void): void {
  const ending = /\r\n|\n|\r/g;
  let start = 0;
  let line = 1;
  for (let m = ending.exec(text); m !== null; m = ending.exec(text)) {
    fn(text.slice(start, m.index), line++);
    start = m.index + m[0].length;
  }
  fn(text.slice(start), line);
}

/** One raw line as trimmed cells, or null where it is blank; a BOM on line 1 is dropped. */
export function toCsvLine(raw: string, line: number): CsvLine | null {
  const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === '') return null;
  return { line, cells: text.split(',').map((c) => c.trim()) };
}

/**
 * A CSV parser fed one line at a time, so a file can be read as a stream (the command line does)
 * as well as from text in memory (`parseLines`).
 */
export interface LineParser<T> {
  /** One line without its ending, with its 1-based number; blank lines may be passed or left out. */
  push(raw: string, line: number): void;
  result(): ParseResult<T>;
}

/** Runs a line-fed parser over text held in memory. */
export function parseLines<T>(parser: LineParser<T>, text: string): ParseResult<T> {
  forEachLine(text, (raw, line) => parser.push(raw, line));
  return parser.result();
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A decimal number, or null. Stricter than Number(): '', ' ', '0x10' and 'Infinity' are not numbers
 * (Number('') is 0, which would silently turn a missing cell into a zero).
 */
export function parseNumberCell(text: string): number | null {
  const t = text.trim();
  if (!DECIMAL.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A number given as a JSON number or as numeric text (exchange APIs send both), or null. */
export function parseNumberValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return parseNumberCell(value);
  return null;
}

// Digits of the integer part tell the unit apart; other lengths are refused rather than guessed,
// so a small count (a tick volume, a row index) is never read as a date in 1970.
const EPOCH = /^(\d+)(\.\d+)?$/;
const EPOCH_SCALE: Record<number, number> = { 10: 1000, 13: 1, 16: 0.001 };

const DATE_TIME =
  /^(\d{4})([-./])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A time cell as epoch milliseconds (UTC), or null. Accepts epoch seconds (10 digits),
 * milliseconds (13 digits, also as a float such as `1755616499999.0`) and microseconds (16 digits,
 * Binance's spot archives since 2025); ISO date-times with `T` or a space, with or without a zone
 * (`Z`, `+00:00`, `+0000`, `+00`; no zone means UTC); and `YYYY.MM.DD HH:MM:SS` (UTC).
 */
export function parseTimeCell(text: string): number | null {
  const t = text.trim();
  const epoch = EPOCH.exec(t);
  if (epoch) {
    const scale = EPOCH_SCALE[epoch[1]!.length];
    return scale === undefined ? null : Math.round(Number(t) * scale);
  }
  const m = DATE_TIME.exec(t);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[3], m[4], m[5], m[6], m[7]].map((s) => Number(s ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const fraction = m[8] ? Math.round(Number(m[8]) * 1000) : 0;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, fraction);
  // Date.UTC rolls 31 April over to 1 May; refuse such dates instead.
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms - zoneOffsetMs(m[9]);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  return sign * (hours * 60 + minutes) * 60_000;
}

/** A header cell reduced to a comparable name: lower case, spaces and underscores alike. */
export function normaliseHeader(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s_]+/g, '_');
}

/** Index of the first of `names` (in their order of preference) present in the header, or -1. */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  const normalised = header.map(normaliseHeader);
  for (const name of names) {
    const i = normalised.indexOf(normaliseHeader(name));
    if (i >= 0) return i;
  }
  return -1;
}
