/**
 * The heatmap model's parameters: a typed, documented object with defaults (DESIGN.md §2),
 * validated where it comes from outside (the options page, a settings file).
 */
import { DEFAULT_BINANCE_TIERS, type MarginTier } from '../marginTiers';

export interface LeverageTier {
  leverage: number;
  /** Share of new notional opened at this leverage; the weights sum to 1. */
  weight: number;
}

export interface HeatmapParams {
  /** How traders spread new positions over leverage. */
  leverage: LeverageTier[];
  /** Maintenance-margin tiers of the exchange (Bybit's from its endpoint; a default for Binance). */
  marginTiers: readonly MarginTier[];
  /** Width of a price bucket in basis points of price, so BTC and a small coin both look right. */
  bucketBps: number;
  /** Volume estimator: half-life of a level, in candles (OI estimator levels live until consumed or closed). */
  fadeHalfLife: number;
  /** Volume estimator: candles over which the average volume is taken. */
  volumeLookback: number;
  /** Levels smaller than this notional (USDT) are dropped, so the book stays small. */
  minLevelNotional: number;
  /** Candles of density history kept for the time × price grid. */
  gridHistory: number;
}

export const DEFAULT_HEATMAP_PARAMS: Readonly<HeatmapParams> = Object.freeze({
  leverage: [
    { leverage: 5, weight: 0.15 },
    { leverage: 10, weight: 0.3 },
    { leverage: 25, weight: 0.25 },
    { leverage: 50, weight: 0.2 },
    { leverage: 100, weight: 0.1 },
  ],
  marginTiers: DEFAULT_BINANCE_TIERS,
  bucketBps: 10,
  fadeHalfLife: 288,
  volumeLookback: 50,
  minLevelNotional: 1,
  gridHistory: 500,
});

/** Defaults overlaid with `partial`, checked: a bad value throws a RangeError naming it. */
export function resolveHeatmapParams(partial: Partial<HeatmapParams> = {}): HeatmapParams {
  const p: HeatmapParams = { ...DEFAULT_HEATMAP_PARAMS, ...partial, leverage: (partial.leverage ?? DEFAULT_HEATMAP_PARAMS.leverage).map((t) => ({ ...t })) };
  if (p.leverage.length === 0) throw new RangeError('heatmap: at least one leverage tier is needed');
  for (const t of p.leverage) {
    if (!(t.leverage >= 1 && t.leverage <= 200)) throw new RangeError(`heatmap: leverage ${t.leverage} is not between 1 and 200`);
    if (!(t.weight >= 0)) throw new RangeError(`heatmap: weight ${t.weight} of ${t.leverage}x is negative or not a number`);
  }
  const total = p.leverage.reduce((s, t) => s + t.weight, 0);
  // Two weights of 1e308 are each finite, but their sum is Infinity: every tier's share would be 0.
  if (!(total > 0) || !Number.isFinite(total)) throw new RangeError(`heatmap: the leverage weights sum to ${total}, not a finite positive number`);
  p.leverage = p.leverage.map((t) => ({ leverage: t.leverage, weight: t.weight / total }));
  if (!(p.bucketBps >= 1 && p.bucketBps <= 500)) throw new RangeError(`heatmap: bucketBps ${p.bucketBps} is not between 1 and 500`);
  if (!(p.fadeHalfLife > 0)) throw new RangeError(`heatmap: fadeHalfLife ${p.fadeHalfLife} must be positive`);
  if (!(Number.isInteger(p.volumeLookback) && p.volumeLookback >= 1)) throw new RangeError(`heatmap: volumeLookback ${p.volumeLookback} must be a whole number ≥ 1`);
  if (!(p.minLevelNotional >= 0)) throw new RangeError('heatmap: minLevelNotional must be ≥ 0');
  if (!(Number.isInteger(p.gridHistory) && p.gridHistory >= 0)) throw new RangeError('heatmap: gridHistory must be a whole number ≥ 0');
  if (p.marginTiers.length === 0) throw new RangeError('heatmap: margin tiers are empty');
  return p;
}
