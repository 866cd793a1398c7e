/** How evenly candles are spaced: the engines assume one fixed step between bars. */
import type { CandleSeries } from './columns';

export interface Spacing {
  /** The most common step between consecutive candles (the shortest among equals); 0 for fewer than two. */
  stepMs: number;
  /** Steps that differ from it (gaps in the data, or bars of another timeframe mixed in). */
  uneven: number;
  /** The first such step: the index and time of the candle before it, and its length. */
  first?: { index: number; time: number; ms: number };
}

/** Spacing counted as candle times arrive, so a streamed file need not be held to be checked. */
export class SpacingTally {
  private readonly counts = new Map<number, number>();
  /** The first step of each length: the index and time of the candle before it. */
  private readonly firstAt = new Map<number, { index: number; time: number }>();
  private last: number | undefined;
  private index = -1;

  add(time: number): void {
    this.index++;
    if (this.last !== undefined) {
      const step = time - this.last;
      this.counts.set(step, (this.counts.get(step) ?? 0) + 1);
      if (!this.firstAt.has(step)) this.firstAt.set(step, { index: this.index - 1, time: this.last });
    }
    this.last = time;
  }

  result(): Spacing {
    let stepMs = 0;
    let best = 0;
    for (const [step, n] of this.counts) if (n > best || (n === best && step < stepMs)) [stepMs, best] = [step, n];
    let first: Spacing['first'];
    for (const [ms, at] of this.firstAt) if (ms !== stepMs && (!first || at.index < first.index)) first = { ...at, ms };
    return { stepMs, uneven: Math.max(0, this.index - best), ...(first ? { first } : {}) };
  }
}

export function candleSpacing(candles: CandleSeries): Spacing {
  const tally = new SpacingTally();
  for (let i = 0; i < candles.length; i++) tally.add(candles.at(i)!.time);
  return tally.result();
}
