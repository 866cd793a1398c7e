/**
 * A feed's first candles from the store, and how fetched candles join held ones. Pure, so the
 * rules are tested without a browser: which stored bars a feed may start from (the store must
 * hold every bar the exchange had there, each sound), and a merge that refuses a hole.
 */
import type { Candle } from '../core/types';

/**
 * What the store holds of a series: every bar the exchange had with open time in [from, to].
 * `start`, where known, is the exchange's first bar of the series (nothing older exists).
 */
export interface Coverage {
  from: number;
  to: number;
  start?: number;
}

/** A candle as an exchange sends it: finite prices above zero, low and high around open and close, volume not negative. */
export function isSoundCandle(c: Candle): boolean {
  const { time, open, high, low, close, volume } = c;
  return Number.isSafeInteger(time) && time >= 0 && [open, high, low, close, volume].every(Number.isFinite)
    && low > 0 && low <= Math.min(open, close) && high >= Math.max(open, close) && volume >= 0;
}

/**
 * The stored bars a feed may start from, those with open time in [windowFrom, coverage.to]: only
 * where the store is known to hold every bar the exchange has there (its coverage reaches back to
 * the window's start, or to the exchange's first bar), the newest covered bar is there, and every
 * bar is sound and newer than the one before. Otherwise null: the window is loaded from the exchange.
 */
export function storedWindow(rows: readonly Candle[], coverage: Coverage | undefined, windowFrom: number): Candle[] | null {
  if (!coverage) return null;
  const reachesBack = coverage.from <= windowFrom || (coverage.start !== undefined && coverage.from <= coverage.start);
  if (!reachesBack) return null;
  const kept = rows.filter((c) => c.time >= windowFrom && c.time <= coverage.to);
  if (kept.at(-1)?.time !== coverage.to) return null;
  for (let i = 0; i < kept.length; i++) {
    if (!isSoundCandle(kept[i]!) || (i > 0 && kept[i]!.time <= kept[i - 1]!.time)) return null;
  }
  return kept;
}

/**
 * Coverage after the store took a contiguous run of the exchange's bars [from, to] (and, where
 * known, the exchange's first bar): two spans that overlap or touch make one; a run apart from
 * what was covered replaces it when newer (the feed needs the present), else changes nothing.
 */
export function unite(coverage: Coverage | undefined, run: Coverage, candleMs: number): Coverage {
  const start = run.start ?? coverage?.start;
  const withStart = (c: Coverage): Coverage => (start === undefined ? { from: c.from, to: c.to } : { from: c.from, to: c.to, start });
  if (!coverage) return withStart(run);
  if (run.from <= coverage.to + candleMs && run.to >= coverage.from - candleMs) {
    return withStart({ from: Math.min(coverage.from, run.from), to: Math.max(coverage.to, run.to) });
  }
  return withStart(run.to > coverage.to ? run : coverage);
}

/**
 * Merges freshly fetched candles into held ones by open time: a fetched bar replaces the held
 * bar of the same time (the open bar updates), new bars append, and order stays by time.
 */
export function mergeCandles(held: readonly Candle[], fresh: readonly Candle[]): Candle[] {
  if (fresh.length === 0) return held.slice();
  const firstFresh = fresh[0]!.time;
  let keep = held.length;
  while (keep > 0 && held[keep - 1]!.time >= firstFresh) keep--;
  const merged = held.slice(0, keep);
  for (const candle of fresh) {
    const last = merged.at(-1);
    if (last && candle.time < last.time) continue;
    if (last && candle.time === last.time) merged[merged.length - 1] = candle;
    else merged.push(candle);
  }
  return merged;
}

/**
 * The gap fetched since the newest stored bar, joined to the stored bars; null where it does not
 * join (nothing came, or it starts after the newest stored bar, which the exchange then does not
 * have: a hole the chart must not paint over). The refetched bar takes the exchange's values.
 */
export function joinGap(stored: readonly Candle[], gap: readonly Candle[]): Candle[] | null {
  const last = stored.at(-1);
  const first = gap[0];
  if (!last || !first || first.time > last.time) return null;
  return mergeCandles(stored, gap);
}
