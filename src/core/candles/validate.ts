/** Checks shared by every parser: a sane candle, and rows that move forward in time. */
import { amountProblem, priceProblem } from '../bounds';
import type { Candle, InputIssue, ParseResult } from '../types';

/** Null where the candle is sound; otherwise why it is not. */
export function checkCandle(c: Candle): string | null {
  const fields: [string, number | undefined][] = [
    ['time', c.time], ['open', c.open], ['high', c.high], ['low', c.low], ['close', c.close],
    ['volume', c.volume], ['takerBuyVolume', c.takerBuyVolume],
  ];
  for (const [name, value] of fields) {
    if (value === undefined && name === 'takerBuyVolume') continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} is not a finite number (${String(value)})`;
  }
  for (const name of ['open', 'high', 'low', 'close'] as const) {
    const problem = priceProblem(name, c[name]);
    if (problem !== null) return problem;
  }
  const volume = amountProblem('volume', c.volume, true);
  if (volume !== null) return volume;
  if (c.takerBuyVolume !== undefined) {
    const taker = amountProblem('taker buy volume', c.takerBuyVolume, true);
    if (taker !== null) return taker;
  }
  if (c.high < c.low) return `high ${c.high} is below low ${c.low}`;
  if (c.open < c.low || c.open > c.high) return `open ${c.open} is outside [low ${c.low}, high ${c.high}]`;
  if (c.close < c.low || c.close > c.high) return `close ${c.close} is outside [low ${c.low}, high ${c.high}]`;
  return null;
}

/** A time for messages: ISO text, which a reader can check against the file at a glance. */
export function formatTime(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}

export interface CollectOptions<T> {
  /** The order rows arrive in; the result is always oldest first. Default 'oldest-first'. */
  order?: 'oldest-first' | 'newest-first';
  /**
   * Allow several rows with the same time (liquidation prints share milliseconds). Rows with
   * the same time and the same `identity` are still rejected as duplicates.
   */
  allowEqualTimes?: boolean;
  identity?: (row: T) => string;
  /**
   * Hand each kept row on, oldest first, instead of holding it: result() then has no rows. A
   * reader of a long file streams the rows into compact storage or straight into an engine.
   * Only for oldest-first rows: newest-first ones are reversed at the end, so they must be held.
   */
  keep?: (row: T) => void;
}

/** Gathers a parser's rows and issues, refusing any row that does not move forward in time. */
export interface OrderedCollector<T> {
  /** Keep the row, or report it (and drop it) where its time is out of order or repeated. */
  add(line: number, row: T): void;
  /** Report a row that could not be read at all. */
  reject(line: number, message: string): void;
  /** Rows kept so far (held, or handed to `keep`). */
  size(): number;
  result(): ParseResult<T>;
}

/**
 * A collector that keeps only rows in strict time order (or non-decreasing, with `allowEqualTimes`).
 * Each refused row is reported with its line and the time of the last kept row, and is never kept:
 * a row out of order is as likely to be the wrong one as its neighbour, so nothing is reordered.
 */
export function collectInOrder<T extends { time: number }>(options: CollectOptions<T> = {}): OrderedCollector<T> {
  const newestFirst = options.order === 'newest-first';
  if (newestFirst && options.keep) throw new Error('collectInOrder: rows handed on as they come must be oldest first');
  const rows: T[] = [];
  let kept = 0;
  const issues: InputIssue[] = [];
  let last: { time: number; line: number } | undefined;
  // Identities of the kept rows at `last.time`: duplicates can only share a time.
  let sameTime = new Map<string, number>();

  return {
    add(line, row) {
      if (last !== undefined) {
        const forward = newestFirst ? row.time < last.time : row.time > last.time;
        if (row.time === last.time) {
          if (!options.allowEqualTimes) {
            issues.push({ line, message: `duplicate time ${formatTime(row.time)} (already on line ${last.line})` });
            return;
          }
        } else if (!forward) {
          const relation = newestFirst ? 'after' : 'before';
          const expected = newestFirst ? 'rows must be newest first' : 'rows must be oldest first';
          issues.push({
            line,
            message: `time ${formatTime(row.time)} is ${relation} the previous row's ${formatTime(last.time)} (line ${last.line}); ${expected}`,
          });
          return;
        }
      }
      if (last === undefined || row.time !== last.time) sameTime = new Map();
      if (options.identity) {
        const id = options.identity(row);
        const earlier = sameTime.get(id);
        if (earlier !== undefined) {
          issues.push({ line, message: `duplicate of line ${earlier} (${id})` });
          return;
        }
        sameTime.set(id, line);
      }
      last = { time: row.time, line };
      kept++;
      if (options.keep) options.keep(row);
      else rows.push(row);
    },
    reject(line, message) {
      issues.push({ line, message });
    },
    size: () => kept,
    result() {
      return { rows: newestFirst ? rows.slice().reverse() : rows, issues };
    },
  };
}
