/**
 * Scoring the heatmap against reality: for each realized liquidation print, the model's state
 * just before it (after the last candle closed before the print) is asked whether the print's
 * price lies in one of the densest bands of the print's side: the buckets holding the top
 * quartile of that side's non-empty buckets. The hit rate is the share of realized notional
 * that did, per side, with the counts behind it.
 */
import type { Candle, LiquidationPrint } from '../types';
import { HeatmapEngine, type Estimator } from './engine';
import type { HeatmapParams } from './params';

export interface SideScore {
  prints: number;
  hits: number;
  notional: number;
  hitNotional: number;
  /** hitNotional / notional; null with no prints. */
  hitRate: number | null;
  /**
   * The chance level: the notional-weighted mean share of the side's populated price span that
   * the top-quartile bands covered when each print came. A model no better than chance has a
   * hit rate near it.
   */
  chance: number | null;
}

export interface HeatmapScore {
  estimator: Estimator;
  long: SideScore;
  short: SideScore;
  all: SideScore;
  /** Prints before the first closed candle or with an empty side (nothing to score against). */
  unscored: number;
}

/**
 * Is `price` in a top-quartile bucket of `side` (or the bucket next to it: one bucket of
 * tolerance)? With the share of the side's populated span those bands cover; null for an empty side.
 */
export function inTopQuartile(engine: HeatmapEngine, side: 'long' | 'short', price: number): { hit: boolean; coverage: number } | null {
  const levels = engine.profile().filter((b) => b[side] > 0).map((b) => ({ bucket: engine.buckets.index(b.price), n: b[side] }));
  if (levels.length === 0) return null;
  const sorted = levels.map((l) => l.n).sort((a, b) => a - b);
  const threshold = sorted[Math.floor(0.75 * (sorted.length - 1))]!;
  const covered = new Set<number>();
  for (const l of levels) if (l.n >= threshold) for (let d = -1; d <= 1; d++) covered.add(l.bucket + d);
  const first = levels[0]!.bucket;
  const last = levels.at(-1)!.bucket;
  let inSpan = 0;
  for (const b of covered) if (b >= first && b <= last) inSpan++;
  return { hit: covered.has(engine.buckets.index(price)), coverage: inSpan / (last - first + 1) };
}

/** Running tally of prints scored against a model, one at a time (the Worker keeps one per series). */
export class PrintScorer {
  private readonly tally = { long: empty(), short: empty(), all: empty() };
  unscored = 0;

  /** Scores one print against the model's current state (which must not include the print's candle). */
  add(engine: HeatmapEngine, print: Pick<LiquidationPrint, 'side' | 'price' | 'notional'>): void {
    const reading = engine.bars > 0 ? inTopQuartile(engine, print.side, print.price) : null;
    if (reading === null) {
      this.unscored++;
      return;
    }
    for (const s of [this.tally[print.side], this.tally.all]) {
      s.prints++;
      s.notional += print.notional;
      s.coveredNotional += reading.coverage * print.notional;
      if (reading.hit) {
        s.hits++;
        s.hitNotional += print.notional;
      }
    }
  }

  result(): { long: SideScore; short: SideScore; all: SideScore } {
    const done = (s: Tally): SideScore => {
      const { coveredNotional, ...rest } = s;
      return { ...rest, hitRate: s.notional > 0 ? s.hitNotional / s.notional : null, chance: s.notional > 0 ? coveredNotional / s.notional : null };
    };
    return { long: done(this.tally.long), short: done(this.tally.short), all: done(this.tally.all) };
  }
}

/**
 * Runs the model over `candles` (with `openInterest[i]` at candle i's close, for the oi
 * estimator) and scores every print against the state before it. Prints must be in time order.
 */
export function scoreHeatmap(
  estimator: Estimator,
  candles: readonly Candle[],
  prints: readonly LiquidationPrint[],
  openInterest?: readonly (number | undefined)[],
  params?: Partial<HeatmapParams>,
  candleMs = candles.length > 1 ? candles[1]!.time - candles[0]!.time : 60_000,
  /** Prints before this time only pass; the model still takes every candle. */
  scoreFrom = Number.NEGATIVE_INFINITY,
): HeatmapScore {
  const engine = new HeatmapEngine(estimator, params);
  const scorer = new PrintScorer();
  let next = 0; // next candle to append
  for (const print of prints) {
    // Every candle that closed before the print.
    while (next < candles.length && candles[next]!.time + candleMs <= print.time) {
      engine.append(candles[next]!, openInterest?.[next]);
      next++;
    }
    if (print.time >= scoreFrom) scorer.add(engine, print);
  }
  return { estimator, ...scorer.result(), unscored: scorer.unscored };
}

interface Tally {
  prints: number;
  hits: number;
  notional: number;
  hitNotional: number;
  coveredNotional: number;
}

function empty(): Tally {
  return { prints: 0, hits: 0, notional: 0, hitNotional: 0, coveredNotional: 0 };
}
