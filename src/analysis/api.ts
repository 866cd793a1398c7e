/**
 * What the analysis Worker offers the background, over comlink. Everything crossing this
 * boundary is plain JSON (Chrome's runtime ports carry JSON between the background and the
 * offscreen document that hosts the Worker).
 */
import type { Candle, LiquidationPrint } from '../core/types';
import type { HeatmapParams } from '../core/heatmap';
import type { Timeframe } from '../core/timeframes';
import type { ExchangeId } from '../exchanges';
import type { AnalysisSummary } from '../messaging/validate';

// What the Worker's summary holds travels to the tab: written once, as schemas, in src/messaging.
export type {
  AggregateSummary, AnalysisSummary, ClusterSummary, HeatmapSummary, HitRate, HtfSummary, MagnetSummary,
} from '../messaging/validate';
export type { AnalysisEvent, SetupSummary } from '../messaging/validateLayers';
export type { JournalSummary } from '../messaging/protocol';


/** What else a sync can carry besides candles. JSON only: null, never undefined. */
export interface SyncExtras {
  /** Open interest (base coin) at each candle's close, parallel to the candles; null where unknown. */
  openInterest?: (number | null)[];
  /** Realized prints the Worker has not seen, in time order: scored against the model before each. */
  prints?: LiquidationPrint[];
  /** Candle length, ms (to know which candle a print fell in). */
  candleMs?: number;
  /** Whose model the overlay's heatmap bands show (default: this series' exchange). */
  bandsSource?: ExchangeId | 'aggregate';
  /** The forming candle: what it would make if it closed now is shown as provisional marks. */
  openCandle?: Candle;
  /** The heatmap model's parameters a trader set (leverage tiers, fade, lookback); read when a series starts. */
  model?: Pick<HeatmapParams, 'leverage' | 'fadeHalfLife' | 'volumeLookback'>;
  /**
   * The higher timeframe of the same exchange and symbol: its closed candles, oldest first (those
   * the Worker holds already are skipped). Read on every sync; the timeframe is fixed when a series starts.
   */
  htf?: { timeframe: Timeframe; candles: Candle[] };
  /**
   * The caller holds the summary this series last answered: one that would be the same (its
   * computeMicros aside) and has no events comes back as Unchanged, a few bytes instead of the
   * layers through the offscreen relay (issue 23: most polls of a forming candle change nothing).
   */
  heldSummary?: boolean;
}

/** The Worker lost or never had this series (e.g. the offscreen document restarted): send it whole. */
export interface NeedsHistory {
  needsHistory: true;
}

/** The summary would be the one the caller holds (SyncExtras.heldSummary). */
export interface Unchanged {
  unchanged: true;
  lastTime: number;
}

export interface AnalysisApi {
  /**
   * Brings the analysis of series `key` up to date with closed candles. `after` is the open time
   * of the last candle the caller already sent for this key (null: start over with `candles`);
   * where the Worker's state does not end exactly there, it answers NeedsHistory.
   */
  sync(key: string, after: number | null, candles: Candle[], extras?: SyncExtras): AnalysisSummary | NeedsHistory | Unchanged;
  /** Forgets a series no tab shows any more. */
  drop(key: string): void;
}
