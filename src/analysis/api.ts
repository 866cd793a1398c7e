/**
 * What the analysis Worker offers the background, over comlink. Everything crossing this
 * boundary is plain JSON (Chrome's runtime ports carry JSON between the background and the
 * offscreen document that hosts the Worker).
 */
import type { SmcCounts } from '../core/smc';
import type { AnalysisLayers } from './overlayLayers';
import type { OverlaySetup } from '../overlay/layers';
import type { Candle, LiquidationPrint } from '../core/types';
import type { HeatmapParams, SkillSummary } from '../core/heatmap';
import type { Timeframe } from '../core/timeframes';
import type { ExchangeId } from '../exchanges';

/** What the badge and popup show of the structure found so far. */
export interface AnalysisSummary {
  /** Closed candles analysed. */
  bars: number;
  /** Open time of the newest closed candle analysed. */
  lastTime: number;
  /** How many of each SMC object the engine has emitted. */
  counts: Omit<SmcCounts, 'bars'>;
  /** Trend of swing and internal structure: 1 up, -1 down, 0 not yet known. */
  trend: { swing: 1 | -1 | 0; internal: 1 | -1 | 0 };
  /** The higher timeframe the setups take their trend confluence from (as the backtest's `--htf`); null where the series has none. */
  htf: HtfSummary | null;
  /** Microseconds the Worker spent on this update, for the read-out and the note. */
  computeMicros: number;
  /** The liquidation heatmap of the same candles: its estimator and the largest cluster each side. */
  heatmap: HeatmapSummary;
  /** What the overlay paints of it: bands, clusters, magnet zone, recent SMC marks. */
  layers: AnalysisLayers;
  /** What happened on the candles of this sync (never on a first sync, which replays history). */
  events: AnalysisEvent[];
}

/** The higher timeframe's swing trend as of the last closed candle, and how many of its candles made it. */
export interface HtfSummary {
  timeframe: Timeframe;
  trend: 1 | -1 | 0;
  bars: number;
}

/** A setup as the tab and the notifications see it. */
export type SetupSummary = Omit<OverlaySetup, 'status' | 'r'>;

export interface JournalSummary {
  kind: 'sweep-choch' | 'magnet';
  /** Setups found live, closed trades among them, wins, and their mean R (fees and slippage in). */
  found: number;
  closed: number;
  wins: number;
  avgR: number | null;
}

/** News for notifications, each dated by the open time of the candle it happened on. */
export type AnalysisEvent =
  | {
      kind: 'clusterSwept';
      side: 'long' | 'short';
      price: number;
      /** USDT where the model is in notional (open interest), else null. */
      notional: number | null;
      share: number;
      /** The exchanges whose models showed it: more than one means confirmed. */
      exchanges: ExchangeId[];
      time: number;
    }
  | { kind: 'magnetReached'; side: 'long' | 'short'; price: number; openedTime: number; time: number }
  | { kind: 'setupFormed'; setup: SetupSummary }
  | { kind: 'setupClosed'; id: string; setupKind: SetupSummary['kind']; r: number; exitReason: 'target' | 'stop' | 'time'; time: number };

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
}

/** How the heatmap did against the realized prints seen so far (see core/heatmap/score). */
export interface HitRate {
  prints: number;
  hitRate: number | null;
  chance: number | null;
  /** Prints that arrived after their candle had been analysed: not scored, to avoid look-ahead. */
  late: number;
}

export interface ClusterSummary {
  price: number;
  /** The other exchanges showing a cluster of the same side within 0.3 %: N of them confirm it. */
  confirmedBy?: ExchangeId[];
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
  /** Secondary: the share of printed notional inside the top-quartile bands, beside its chance level. */
  score: HitRate;
  /** The model's skill over a distance-only baseline on the prints scored live (core/heatmap/skill); null until a snapshot is scored. */
  skill: SkillSummary | null;
  /** The same over the snapshots of the last day only (the notifications say when its edge is not positive). */
  skillLastDay: SkillSummary | null;
  /** Every exchange analysing this market together, where another exchange's same market is analysed too. */
  aggregate: AggregateSummary | null;
  /** Which analysed exchanges were left out of the aggregate, and why (their prices disagree). */
  aggregateSkipped?: string;
  magnets: MagnetSummary;
}

/** Magnet zones of this series: how many opened and were reached so far, and the one active now. */
export interface MagnetSummary {
  opened: number;
  reached: number;
  active: { side: 'long' | 'short'; price: number; distancePct: number; expiresTime: number } | null;
}

export interface AggregateSummary {
  /** What each exchange is weighted by: its open interest where all have it, else its traded notional. */
  weighting: 'open interest' | 'traded notional';
  /** Each exchange's weight, 0..1. */
  weights: Partial<Record<ExchangeId, number>>;
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
  sync(key: string, after: number | null, candles: Candle[], extras?: SyncExtras): AnalysisSummary | NeedsHistory;
  /** Forgets a series no tab shows any more. */
  drop(key: string): void;
}
