/**
 * What the skill scorer (skill.ts) reports: core's own output type, written here so core needs
 * nothing from the wire. src/messaging/validate.ts checks messages against a schema that the
 * compiler holds equal to this type.
 */

/** Which price a print is matched at: its fill, or its order price moved to the trigger. */
export type PriceBasis = 'fill' | 'order-to-trigger';
/** The distance-only baselines the model is scored against. */
export type BaselineKind = 'model-distance' | 'market-distance';

/** The heatmap's skill over a distance-only baseline. */
export interface SkillSummary {
  /** Notional-weighted mid-rank of the model's density at reached levels (0.5 = knows nothing). */
  model: number;
  /** The better of the distance-only baselines, scored the same way on the same snapshots. */
  baseline: number;
  baselineKind: BaselineKind;
  /** model − baseline, in −1..1. */
  edge: number;
  /** 95 % interval from a bootstrap over whole days; null with fewer than 2 independent days. */
  edgeCi95: [number, number] | null;
  /** Realized liquidation prints that were scored. */
  prints: number;
  /** Hourly snapshots scored, and the independent days they rest on. */
  snapshots: number;
  days: number;
  priceBasis: PriceBasis | 'mixed';
}
