/**
 * What the analysis Worker offers the background, over comlink. Everything crossing this
 * boundary is plain JSON (Chrome's runtime ports carry JSON between the background and the
 * offscreen document that hosts the Worker).
 */
import type { Candle } from '../core/types';

/** What the badge and popup show of the structure found so far. */
export interface AnalysisSummary {
  /** Closed candles analysed. */
  bars: number;
  /** Open time of the newest closed candle analysed. */
  lastTime: number;
  counts: {
    swings: number;
    breaks: number;
    orderBlocks: number;
    fvgs: number;
    equalLevels: number;
    sweeps: number;
  };
  /** Trend of swing and internal structure: 1 up, -1 down, 0 not yet known. */
  trend: { swing: 1 | -1 | 0; internal: 1 | -1 | 0 };
  /** Microseconds the Worker spent on this update, for the read-out and the note. */
  computeMicros: number;
  /** The liquidation heatmap of the same candles: its estimator and the largest cluster each side. */
  heatmap: HeatmapSummary;
}

export interface ClusterSummary {
  price: number;
  /** Signed distance from the last close, percent. */
  distancePct: number;
  /** Share of its side's total (the volume estimator's scale is relative, so shares, not dollars). */
  share: number;
  ageMs: number;
}

export interface HeatmapSummary {
  estimator: 'oi' | 'volume';
  clusters: number;
  long: ClusterSummary | null;
  short: ClusterSummary | null;
}

/** The Worker lost or never had this series (e.g. the offscreen document restarted): send it whole. */
export interface NeedsHistory {
  needsHistory: true;
}

export interface AnalysisApi {
  /**
   * Brings the analysis of series `key` up to date with closed candles. `after` is the open time
   * of the last candle the caller already sent for this key (null: start over with `candles`);
   * where the Worker's state does not end exactly there, it answers NeedsHistory.
   */
  sync(key: string, after: number | null, candles: Candle[]): AnalysisSummary | NeedsHistory;
  /** Forgets a series no tab shows any more. */
  drop(key: string): void;
}
