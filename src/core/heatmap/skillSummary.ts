/**
 * What the skill scorer (skill.ts) reports: core's own output type, written here so core needs
 * nothing from the wire. src/messaging/validate.ts checks messages against schemas that the
 * compiler holds equal to these types.
 */

/** Which price a print is matched at: its fill, or its order price moved to the trigger. */
export type PriceBasis = 'fill' | 'order-to-trigger';
/** The distance-only baselines the model is scored against. */
export type BaselineKind = 'model-distance' | 'market-distance';

/** How the map's dollars fared at the levels price reached. */
export interface CalibrationSummary {
  /** Share of reached levels whose realized notional fell inside their 80 % interval (target 0.75–0.85). */
  coverage80: number;
  coverage80Ci95: [number, number] | null;
  levels: number;
  /** Of those, the levels forecast by the prior of recorded days (before this market had taught the map). */
  priorLevels: number;
  levelsWithPrints: number;
  coverageWithPrints: number | null;
  /** Share of the levels with no print at all whose interval included $0. */
  noPrintCoverage80: number | null;
  /** Median of log(the forecast's median given any print / realized) at levels with prints: 0 = unbiased. */
  logBias: number | null;
  /** Forecast dollars over realized dollars, all levels together. */
  forecastOverRealized: number | null;
  days: number;
}

/** The heatmap's skill over a distance-only baseline. */
export interface SkillSummary {
  /** Notional-weighted mid-rank of the calibrated map at reached levels (0.5 = knows nothing). */
  model: number;
  /** The same for the estimator's raw density, as the bands are shaded. */
  raw: number;
  /** The better of the distance-only baselines, scored the same way on the same snapshots. */
  baseline: number;
  baselineKind: BaselineKind;
  /** model − baseline, in −1..1. */
  edge: number;
  /** 95 % interval from a bootstrap over whole days; null with fewer than 2 independent days. */
  edgeCi95: [number, number] | null;
  /** The weight the calibrated map gives the model's likelihood ratio (0 = the market's distance law alone). */
  alpha: number;
  /** Realized liquidation prints that were scored. */
  prints: number;
  /** Hourly snapshots scored, and the independent days they rest on. */
  snapshots: number;
  days: number;
  priceBasis: PriceBasis | 'mixed';
  calibration: CalibrationSummary | null;
}
