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
}

export interface HeatmapScore {
  estimator: Estimator;
  long: SideScore;
  short: SideScore;
  all: SideScore;
  /** Prints before the first closed candle or with an empty side (nothing to score against). */
  unscored: number;
}

/** Is `price` in a top-quartile bucket of `side` (or the bucket next to it, one bucket of tolerance)? */
export function inTopQuartile(engine: HeatmapEngine, side: 'long' | 'short', price: number): boolean | null {
  const levels = engine.profile().map((b) => ({ price: b.price, n: b[side] })).filter((b) => b.n > 0);
  if (levels.length === 0) return null;
  const sorted = levels.map((l) => l.n).sort((a, b) => a - b);
  const threshold = sorted[Math.floor(0.75 * (sorted.length - 1))]!;
  const bucket = engine.buckets.index(price);
  return levels.some((l) => l.n >= threshold && Math.abs(engine.buckets.index(l.price) - bucket) <= 1);
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
): HeatmapScore {
  const engine = new HeatmapEngine(estimator, params);
  const score = { long: empty(), short: empty(), all: empty() };
  let unscored = 0;
  let next = 0; // next candle to append
  for (const print of prints) {
    // Every candle that closed before the print.
    while (next < candles.length && candles[next]!.time + candleMs <= print.time) {
      engine.append(candles[next]!, openInterest?.[next]);
      next++;
    }
    const hit = engine.bars > 0 ? inTopQuartile(engine, print.side, print.price) : null;
    if (hit === null) {
      unscored++;
      continue;
    }
    for (const s of [score[print.side], score.all]) {
      s.prints++;
      s.notional += print.notional;
      if (hit) {
        s.hits++;
        s.hitNotional += print.notional;
      }
    }
  }
  for (const s of Object.values(score)) s.hitRate = s.notional > 0 ? s.hitNotional / s.notional : null;
  return { estimator, ...score, unscored };
}

function empty(): SideScore {
  return { prints: 0, hits: 0, notional: 0, hitNotional: 0, hitRate: null };
}
