/**
 * The map in dollars (docs/heatmap-model.md, "The calibrated map"): what a level is expected to
 * liquidate in the 15 minutes after price first reaches it, with an 80 % interval, learned online
 * from what the exchange's stream reported at earlier first touches.
 *
 *   expected(level) = scale · law(side, distance) · (1 − α + α · LR(level))
 *
 * - `law` is the market's own distance law: realized notional per first touch, by side and by
 *   distance from the last close (in buckets, binned on a log scale beyond a few buckets).
 * - `LR` is the model's likelihood ratio at the level: its share of the side's density there over
 *   its own average share at that distance. LR = 1 says "an ordinary level at this distance".
 * - `α` (one shrinkage weight in [0, 1]) is chosen online: the value on ALPHA_GRID whose forecasts
 *   ranked the past settled touches best. α = 0 is the law alone; the model earns weight only by
 *   having placed earlier liquidations better than the law did.
 * - `scale` keeps the expected dollars honest: realized over forecast on the past touches.
 * - The interval is split-conformal: quantiles of realized / forecast among past touches whose
 *   forecasts were of similar size (within half a decade), so it widens where the stream is lumpy
 *   and includes $0 wherever most such levels saw nothing.
 * Nothing here sees the future: every piece is learned from touches whose window has passed.
 */
import type { Side } from './engine';

/** Shrinkage weights tried for the model's likelihood ratio: α = 0 is the market's law alone. */
export const ALPHA_GRID: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
/** Distances up to this many buckets have a bin each; beyond, bins grow by a fifth. */
const EXACT_BINS = 8;
const BIN_GROWTH = Math.log(1.2);
/** A law bin needs this many touches to be read; sparser ones borrow from nearer bins. */
const MIN_BIN_TOUCHES = 5;
/**
 * Interval bins group forecasts within a factor √10 of each other (half a decade); a bin needs
 * MIN_BIN_PAIRS touches to be read (sparser ones borrow the nearest that has them), and no interval
 * is given before MIN_INTERVAL_TOUCHES touches in all.
 */
const BIN_WIDTH = Math.log(Math.sqrt(10));
const MIN_BIN_PAIRS = 50;
const MIN_INTERVAL_TOUCHES = 200;
/** Touches the interval keeps (the most recent): some weeks of a busy symbol. */
const INTERVAL_MEMORY = 30_000;

/** The law's bin of a distance of `k` buckets (k ≥ 0). */
export function distanceBin(k: number): number {
  return k <= EXACT_BINS ? k : EXACT_BINS + Math.ceil(Math.log(k / EXACT_BINS) / BIN_GROWTH);
}

export type LawTable = Record<Side, ReadonlyMap<number, number>>;

/** The market's realized notional per first touch by side and distance bin, from settled touches. */
export class DistanceLaw {
  private readonly stats: Record<Side, Map<number, { touches: number; notional: number }>> = { long: new Map(), short: new Map() };
  touches = 0;

  add(side: Side, distance: number, realized: number): void {
    const bin = distanceBin(Math.abs(distance));
    const at = this.stats[side].get(bin) ?? { touches: 0, notional: 0 };
    at.touches++;
    at.notional += realized;
    this.stats[side].set(bin, at);
    this.touches++;
  }

  /** The law as it stands, per side: mean realized notional by bin (bins with enough touches). */
  table(): LawTable {
    const read = (side: Side) => {
      const out = new Map<number, number>();
      for (const [bin, { touches, notional }] of this.stats[side]) if (touches >= MIN_BIN_TOUCHES) out.set(bin, notional / touches);
      return out;
    };
    return { long: read('long'), short: read('short') };
  }
}

/** The law's value at a distance: its bin, else the nearest nearer bin that has one, else 0. */
export function lawAt(table: LawTable, side: Side, distance: number): number {
  const side_ = table[side];
  for (let bin = distanceBin(Math.abs(distance)); bin >= 0; bin--) {
    const v = side_.get(bin);
    if (v !== undefined) return v;
  }
  return 0;
}

/** A forecast for one level: expected notional, its 80 % interval, and the chance of any print. */
export interface LevelForecast {
  expected: number;
  low80: number;
  high80: number;
  /** Share of past touches with forecasts of this size that saw any print at all. */
  pPrints: number;
  /** The median realized notional among such touches that saw prints: what "if any" looks like. */
  medianIfPrints: number;
}

interface IntervalBin {
  /** The bin's key: floor(ln(forecast) / BIN_WIDTH). */
  key: number;
  /** 10th and 90th percentile of realized / forecast; share of touches with prints, and their median ratio. */
  q10: number;
  q90: number;
  pPrints: number;
  q50IfPrints: number;
}

/** The interval's state as of a moment: frozen into each snapshot so later touches cannot leak in. */
export interface IntervalTable {
  /** Forecasts of 0 (no law yet at that distance): realized quantiles in dollars. */
  zero: { q10: number; q90: number; pPrints: number; q50IfPrints: number } | null;
  bins: IntervalBin[];
}

export function intervalFor(table: IntervalTable, expected: number): LevelForecast | null {
  if (!(expected > 0)) {
    const z = table.zero;
    return z ? { expected: 0, low80: z.q10, high80: z.q90, pPrints: z.pPrints, medianIfPrints: z.q50IfPrints } : null;
  }
  if (table.bins.length === 0) return null;
  const key = Math.floor(Math.log(expected) / BIN_WIDTH);
  // The bin of this size, else the nearest of those read (the smaller on a tie).
  let bin = table.bins[0]!;
  for (const b of table.bins) if (Math.abs(b.key - key) < Math.abs(bin.key - key)) bin = b;
  return { expected, low80: expected * bin.q10, high80: expected * bin.q90, pPrints: bin.pPrints, medianIfPrints: expected * bin.q50IfPrints };
}

/**
 * Split-conformal intervals: past touches (their law value, likelihood ratio and what was realized)
 * scored by the forecaster as it is now (its α and scale), so the interval belongs to the forecasts
 * it will be read with.
 */
export class IntervalCalibrator {
  private readonly law: number[] = [];
  private readonly lr: number[] = [];
  private readonly realized: number[] = [];
  private cached: { alpha: number; scale: number; table: IntervalTable } | null = null;

  add(law: number, lr: number, realized: number): void {
    this.law.push(law);
    this.lr.push(lr);
    this.realized.push(realized);
    if (this.law.length > INTERVAL_MEMORY) {
      const drop = this.law.length - INTERVAL_MEMORY;
      this.law.splice(0, drop);
      this.lr.splice(0, drop);
      this.realized.splice(0, drop);
    }
    this.cached = null;
  }

  get size(): number {
    return this.law.length;
  }

  table(alpha: number, scale: number): IntervalTable {
    if (this.cached && this.cached.alpha === alpha && this.cached.scale === scale) return this.cached.table;
    const zero: number[] = [];
    const pairs: { e: number; r: number }[] = [];
    for (let i = 0; i < this.law.length; i++) {
      const e = scale * this.law[i]! * (1 - alpha + alpha * this.lr[i]!);
      if (e > 0) pairs.push({ e, r: this.realized[i]! });
      else zero.push(this.realized[i]!);
    }
    const table: IntervalTable = { zero: zero.length >= MIN_BIN_PAIRS ? dollarQuantiles(zero) : null, bins: [] };
    if (pairs.length >= MIN_INTERVAL_TOUCHES) {
      const byKey = new Map<number, { e: number; r: number }[]>();
      for (const p of pairs) {
        const key = Math.floor(Math.log(p.e) / BIN_WIDTH);
        let bin = byKey.get(key);
        if (!bin) byKey.set(key, (bin = []));
        bin.push(p);
      }
      for (const [key, slice] of [...byKey].sort((a, b) => a[0] - b[0])) {
        if (slice.length < MIN_BIN_PAIRS) continue;
        const ratios = slice.map((p) => p.r / p.e).sort((a, b) => a - b);
        table.bins.push({
          key,
          q10: quantile(ratios, 0.1),
          q90: quantile(ratios, 0.9),
          pPrints: slice.filter((p) => p.r > 0).length / slice.length,
          q50IfPrints: medianPositive(ratios),
        });
      }
    }
    this.cached = { alpha, scale, table };
    return table;
  }
}

function dollarQuantiles(values: number[]): { q10: number; q90: number; pPrints: number; q50IfPrints: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { q10: quantile(sorted, 0.1), q90: quantile(sorted, 0.9), pPrints: values.filter((v) => v > 0).length / values.length, q50IfPrints: medianPositive(sorted) };
}

/** The median of the positive values of a sorted list (0 where there are none). */
function medianPositive(sorted: readonly number[]): number {
  const positive = sorted.filter((v) => v > 0);
  return positive.length > 0 ? quantile(positive, 0.5) : 0;
}

/** The q-quantile of sorted values (linear between order statistics). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * The shrinkage weight α and the dollar scale, learned from settled touches: for every α on the
 * grid, how well its forecasts ranked the touches (the skill's own measure, weighted by realized
 * notional) and how many dollars they forecast against what was realized.
 */
export class ShrinkageLearner {
  private readonly rankSum = ALPHA_GRID.map(() => 0);
  private readonly forecastSum = ALPHA_GRID.map(() => 0);
  private realizedSum = 0;

  /** One side of one settled snapshot: law value, likelihood ratio and realized notional per touch. */
  add(law: readonly number[], lr: readonly number[], realized: readonly number[], rank: (values: number[], weights: readonly number[]) => number): void {
    const total = realized.reduce((a, b) => a + b, 0);
    ALPHA_GRID.forEach((alpha, k) => {
      const values = law.map((l, i) => l * (1 - alpha + alpha * lr[i]!));
      this.forecastSum[k]! += values.reduce((a, b) => a + b, 0);
      if (total > 0 && law.length >= 2) this.rankSum[k]! += rank(values, realized) * total;
    });
    this.realizedSum += total;
  }

  /** The α that ranked past touches best (the smallest among equals: the law unless the model earns more). */
  get alpha(): number {
    let best = 0;
    for (let k = 1; k < ALPHA_GRID.length; k++) if (this.rankSum[k]! > this.rankSum[best]! + 1e-9) best = k;
    return ALPHA_GRID[best]!;
  }

  /** Realized over forecast dollars for an α (1 until anything was forecast). */
  scale(alpha: number): number {
    const k = ALPHA_GRID.indexOf(alpha);
    const forecast = this.forecastSum[k] ?? 0;
    return forecast > 0 && this.realizedSum > 0 ? this.realizedSum / forecast : 1;
  }
}

/** One distance bin of the prior: mean realized per unit of turnover, and the spread around it. */
export interface PriorBin {
  bin: number;
  perTurnover: number;
  /** Realized over the bin's mean: 10th and 90th percentiles, share with prints, median of those with prints. */
  q10: number;
  q90: number;
  pPrints: number;
  q50IfPrints: number;
  levels: number;
}

/** The distance law learned on recorded days, per unit of turnover (prior.ts is generated). */
export interface ForecastPrior {
  source: string;
  levels: number;
  long: readonly PriorBin[];
  short: readonly PriorBin[];
}

/** The prior's forecast at a distance for a market that traded `turnover` in the last 24 h (bins are in order). */
export function priorForecast(prior: ForecastPrior, side: Side, distance: number, turnover: number): LevelForecast | null {
  const bins = prior[side];
  const want = distanceBin(Math.abs(distance));
  // The nearest bin at or inside this distance, else the nearest beyond it (a short recording has gaps).
  let row: PriorBin | undefined;
  for (const b of bins) if (b.bin <= want && (!row || b.bin > row.bin)) row = b;
  for (const b of bins) if (!row && b.bin > want) row = b;
  if (!row || !(turnover > 0)) return null;
  const expected = row.perTurnover * turnover;
  return { expected, low80: expected * row.q10, high80: expected * row.q90, pPrints: row.pPrints, medianIfPrints: expected * row.q50IfPrints };
}
