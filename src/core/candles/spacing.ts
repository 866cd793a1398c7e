/** How evenly candles are spaced: the engines assume one fixed step between bars. */
import type { Candle } from '../types';

export interface Spacing {
  /** The most common step between consecutive candles (the shortest among equals); 0 for fewer than two. */
  stepMs: number;
  /** Steps that differ from it (gaps in the data, or bars of another timeframe mixed in). */
  uneven: number;
  /** The first such step: from the index of the candle before it. */
  first?: { index: number; ms: number };
}

export function candleSpacing(candles: readonly Candle[]): Spacing {
  if (candles.length < 2) return { stepMs: 0, uneven: 0 };
  const counts = new Map<number, number>();
  for (let i = 1; i < candles.length; i++) {
    const step = candles[i]!.time - candles[i - 1]!.time;
    counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  let stepMs = 0;
  let best = 0;
  for (const [step, n] of counts) if (n > best || (n === best && step < stepMs)) [stepMs, best] = [step, n];
  let first: Spacing['first'];
  for (let i = 1; i < candles.length && !first; i++) {
    const ms = candles[i]!.time - candles[i - 1]!.time;
    if (ms !== stepMs) first = { index: i - 1, ms };
  }
  return { stepMs, uneven: candles.length - 1 - best, ...(first ? { first } : {}) };
}
