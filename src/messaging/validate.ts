/**
 * The messages between a tab's content script, the background and the popup (protocol.ts), each
 * written once as a schema: the types are inferred from these (protocol.ts, analysis/api.ts,
 * site/pageUrl.ts and core/heatmap re-export them) and the run-time checks are these. TypeScript
 * types vanish at run time; anything that arrives over a port is checked here before use, and a
 * refused message says why (`check`).
 */
import * as v from 'valibot';
import { amount, check, count, exchangeId, exchangeList, finite, list, parse, printNotional, side, text, timeframe, trend, unit, within, type Checked } from './schema';
import { AnalysisEventsSchema, AnalysisLayersSchema, LevelForecastSchema, PrintsSchema } from './validateLayers';
import type { SkillSummary } from '../core/heatmap/skillSummary';
import { SMC_KINDS } from '../core/smc/kinds';
import type { SmcListName } from '../core/smc/types';

export type { BaselineKind, CalibrationSummary, PriceBasis, SkillSummary } from '../core/heatmap/skillSummary';

/** `true` only where A and B are the same type: a schema written for a type core owns is held to it. */
type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The exchange's id of a market, upper case without separators: BTCUSDT. */
const SYMBOL = /^[A-Z0-9]{2,24}$/;
const ASSET = /^[A-Z0-9]{1,16}$/;

/** A trade page of an exchange: its market, symbol, and the pair's two assets. */
export const TradePageSchema = v.object({
  exchange: exchangeId,
  market: v.picklist(['futures', 'spot']),
  /** The exchange's id, upper case without separators: BTCUSDT. */
  symbol: v.pipe(v.string(), v.regex(SYMBOL)),
  base: v.pipe(v.string(), v.regex(ASSET)),
  quote: v.pipe(v.string(), v.regex(ASSET)),
});
export type TradePage = v.InferOutput<typeof TradePageSchema>;

/** Content script → background. */
export const TabRequestSchema = v.variant('type', [
  v.object({ type: v.literal('watch'), page: TradePageSchema, timeframe }),
  v.object({ type: v.literal('unwatch') }),
]);
export type TabRequest = v.InferOutput<typeof TabRequestSchema>;

// ── the analysis summary ────────────────────────────────────────────────────────────────────

/** Share of printed notional inside the top-quartile bands beside its chance level (see core/heatmap/score). */
export const HitRateSchema = v.object({
  prints: count,
  hitRate: v.nullable(unit),
  chance: v.nullable(unit),
  /** Prints that arrived after their candle had been analysed: not scored, to avoid look-ahead. */
  late: count,
});
export type HitRate = v.InferOutput<typeof HitRateSchema>;

const priceBasis = v.picklist(['fill', 'order-to-trigger']);
const baselineKind = v.picklist(['model-distance', 'market-distance']);
/** Mid-ranks lie in 0..1, so an edge lies in −1..1. */
const edge = within(-1, 1);

const share = within(0, 1);
const interval = (of: v.GenericSchema<number>) => v.nullable(v.pipe(v.strictTuple([of, of]), v.check(([lo, hi]) => lo <= hi, 'an interval runs from low to high')));

/** How the map's dollars fared at the levels price reached (core/heatmap/skill). */
export const CalibrationSummarySchema = v.object({
  /** Share of reached levels whose realized notional fell inside their 80 % interval (target 0.75–0.85). */
  coverage80: share,
  coverage80Ci95: interval(share),
  levels: count,
  /** Of those, the levels forecast by the prior of recorded days (before this market had taught the map). */
  priorLevels: count,
  levelsWithPrints: count,
  coverageWithPrints: v.nullable(share),
  /** Share of the levels with no print at all whose interval included $0. */
  noPrintCoverage80: v.nullable(share),
  /** Median of log(the forecast's median given any print / realized) at levels with prints: 0 = unbiased. */
  logBias: v.nullable(within(-50, 50)),
  /** Forecast dollars over realized dollars, all levels together. */
  forecastOverRealized: v.nullable(within(0, 1e6)),
  days: count,
});

/** The heatmap's skill over a distance-only baseline (core/heatmap/skill). */
export const SkillSummarySchema = v.object({
  /** Notional-weighted mid-rank of the calibrated map at reached levels (0.5 = knows nothing). */
  model: unit,
  /** The same for the estimator's raw density, as the bands are shaded. */
  raw: unit,
  /** The better of the distance-only baselines, scored the same way on the same snapshots. */
  baseline: unit,
  baselineKind,
  /** model − baseline */
  edge,
  /** 95 % interval from a bootstrap over whole days; null with fewer than 2 independent days. */
  edgeCi95: interval(edge),
  /** The weight the calibrated map gives the model's likelihood ratio (0 = the market's distance law alone). */
  alpha: share,
  /** Realized liquidation prints that were scored. */
  prints: count,
  /** Hourly snapshots scored, and the independent days they rest on. */
  snapshots: count,
  days: count,
  priceBasis: v.union([priceBasis, v.literal('mixed')]),
  calibration: v.nullable(CalibrationSummarySchema),
});
// Core's own output type (core/heatmap/skillSummary.ts): the schema must describe it exactly.
const skillSummaryMatchesCore: SameType<v.InferOutput<typeof SkillSummarySchema>, SkillSummary> = true;
void skillSummaryMatchesCore;

/** Whose law the clusters' dollars come from (core/heatmap/skill ForecastBasis), and the weight on the model's likelihood ratio. */
export const ForecastBasisSchema = v.variant('kind', [
  /** This market's own law, learned from `levels` reached levels. */
  v.object({ kind: v.literal('market'), levels: count, alpha: share }),
  /** The prior learned on recorded days (`source`), scaled by this market's 24 h turnover; `levels` learned here so far. */
  v.object({ kind: v.literal('prior'), levels: count, source: text(200), alpha: share }),
]);
export type ForecastBasisSummary = v.InferOutput<typeof ForecastBasisSchema>;

export const ClusterSummarySchema = v.object({
  price: amount,
  /** The other exchanges showing a cluster of the same side within 0.3 %: N of them confirm it. */
  confirmedBy: v.optional(exchangeList(0, 1)),
  /** Signed distance from the last close, percent. */
  distancePct: finite,
  /** Share of its side's total (the volume estimator's scale is relative, so shares, not dollars). */
  share: unit,
  ageMs: amount,
  /** The map's dollars at its price (absent where it has none, and for the aggregate's clusters). */
  forecast: v.optional(LevelForecastSchema),
});
export type ClusterSummary = v.InferOutput<typeof ClusterSummarySchema>;

export const AggregateSummarySchema = v.object({
  /** What each exchange is weighted by: its open interest where all have it, else its traded notional. */
  weighting: v.picklist(['open interest', 'traded notional']),
  /** Each exchange's weight, 0..1. */
  weights: v.record(exchangeId, unit),
  long: v.nullable(ClusterSummarySchema),
  short: v.nullable(ClusterSummarySchema),
});
export type AggregateSummary = v.InferOutput<typeof AggregateSummarySchema>;

/** Magnet zones of this series: how many opened and were reached so far, and the one active now. */
export const MagnetSummarySchema = v.object({
  opened: count,
  reached: count,
  active: v.nullable(v.object({ side, price: amount, distancePct: finite, expiresTime: amount })),
});
export type MagnetSummary = v.InferOutput<typeof MagnetSummarySchema>;

export const HeatmapSummarySchema = v.object({
  estimator: v.picklist(['oi', 'volume']),
  clusters: count,
  long: v.nullable(ClusterSummarySchema),
  short: v.nullable(ClusterSummarySchema),
  /** Secondary: the share of printed notional inside the top-quartile bands, beside its chance level. */
  score: HitRateSchema,
  /** The model's skill over a distance-only baseline on the prints scored live; null until a snapshot is scored. */
  skill: v.nullable(SkillSummarySchema),
  /** The same over the snapshots of the last day only (the notifications say when its edge is not positive). */
  skillLastDay: v.nullable(SkillSummarySchema),
  /** Where the clusters' dollars come from; null where the map has none (candles longer than 1 h: its hourly snapshots need shorter ones). */
  forecast: v.nullable(ForecastBasisSchema),
  /** Every exchange analysing this market together, where another exchange's same market is analysed too. */
  aggregate: v.nullable(AggregateSummarySchema),
  /** Which analysed exchanges were left out of the aggregate, and why (their prices disagree). */
  aggregateSkipped: v.optional(text(200)),
  magnets: MagnetSummarySchema,
});
export type HeatmapSummary = v.InferOutput<typeof HeatmapSummarySchema>;

/** The higher timeframe's swing trend as of the last closed candle, and how many of its candles made it. */
export const HtfSummarySchema = v.object({ timeframe, trend, bars: count });
export type HtfSummary = v.InferOutput<typeof HtfSummarySchema>;

/** What the badge and popup show of the structure found so far. */
export const AnalysisSummarySchema = v.object({
  /** Closed candles analysed. */
  bars: count,
  /** Open time of the newest closed candle analysed. */
  lastTime: finite,
  /** How many of each SMC object the engine has emitted (core/smc's SmcCounts less `bars`). */
  counts: v.object(Object.fromEntries(SMC_KINDS.map((k) => [k.list, count])) as Record<SmcListName, typeof count>),
  /** Trend of swing and internal structure: 1 up, -1 down, 0 not yet known. */
  trend: v.object({ swing: trend, internal: trend }),
  /** The higher timeframe the setups take their trend confluence from (as the backtest's `--htf`); null where the series has none. */
  htf: v.nullable(HtfSummarySchema),
  /** Microseconds the Worker spent on this update, for the read-out and the note. */
  computeMicros: count,
  /** The liquidation heatmap of the same candles: its estimator and the largest cluster each side. */
  heatmap: HeatmapSummarySchema,
  /** What the overlay paints of it: bands, clusters, magnet zone, recent SMC marks. */
  layers: AnalysisLayersSchema,
  /** What happened on the candles of this sync (never on a first sync, which replays history). */
  events: AnalysisEventsSchema,
});
export type AnalysisSummary = v.InferOutput<typeof AnalysisSummarySchema>;

// ── the status update ───────────────────────────────────────────────────────────────────────

/** A liquidation stream's state (market/liquidationStream). */
export const streamState = v.picklist(['idle', 'connecting', 'live', 'waiting to reconnect']);
export type StreamState = v.InferOutput<typeof streamState>;

export const PrintSummarySchema = v.object({
  stream: streamState,
  /** Prints stored in the last hour, and their notional in USDT. */
  lastHour: count,
  lastHourNotional: amount,
  lastPrint: v.nullable(v.object({ time: amount, side, price: amount, notional: printNotional })),
  /** Stretches of the last hour in which prints may have been missed. */
  gapsLastHour: count,
  /** The exchange sends at most one print per symbol per second (Binance): cascades are undercounted. */
  throttled: v.boolean(),
  /** Why the stream is not live, or why prints were not stored. */
  error: v.optional(v.string()),
  /** The prints of the last day (newest 1,000 at most), drawn as bubbles. */
  recent: PrintsSchema,
});
export type PrintSummary = v.InferOutput<typeof PrintSummarySchema>;

/** How fresh the data for a tab is, as the badge and the popup show it. */
export const feedState = v.picklist(['loading', 'replay', 'live', 'no data']);
export type FeedState = v.InferOutput<typeof feedState>;

export const FeedStatusSchema = v.object({
  state: feedState,
  exchange: exchangeId,
  /** The exchange symbol the data is for (the USDⓈ-M / linear perpetual of the page's pair). */
  symbol: v.string(),
  timeframe,
  /** Closed and open candles held for the tab. */
  candleCount: count,
  /** Open time of the newest candle, epoch ms; null before the first fetch. */
  lastCandleTime: v.nullable(finite),
  lastClose: v.nullable(finite),
  /** When data last arrived successfully, epoch ms; null if never. */
  updatedAt: v.nullable(finite),
  /** Why there is no data, in words a trader can act on. */
  error: v.optional(v.string()),
  /** The structure found in the closed candles so far (absent until the first analysis). */
  analysis: v.optional(AnalysisSummarySchema),
  /** Realized liquidations of the symbol from the exchange's live stream (absent until subscribed). */
  prints: v.optional(PrintSummarySchema),
});
export type FeedStatus = v.InferOutput<typeof FeedStatusSchema>;

/** The heavy parts of a status that a tab may be told to keep from the last status it accepted. */
export const KEPT_PARTS = ['analysis', 'prints'] as const;

/**
 * Background → content script. `keep`: these parts are as in the last status the tab got for the
 * same feed, so they are not sent (nor checked) again; a status without `keep` is whole.
 */
export const TabUpdateSchema = v.object({
  type: v.literal('status'),
  status: FeedStatusSchema,
  keep: v.optional(list(v.picklist(KEPT_PARTS), KEPT_PARTS.length)),
});
export type TabUpdate = v.InferOutput<typeof TabUpdateSchema>;

// ── the checks ──────────────────────────────────────────────────────────────────────────────

/** A request from a content script, or why it was refused. */
export function checkTabRequest(value: unknown): Checked<TabRequest> {
  return check(TabRequestSchema, value);
}

export function parseTabRequest(value: unknown): TabRequest | null {
  return parse(TabRequestSchema, value);
}

/** A status update from the background as the content script receives it, or why it was refused. */
export function checkTabUpdate(value: unknown): Checked<TabUpdate> {
  return check(TabUpdateSchema, value);
}

/** The status of a status update from the background, else null. */
export function parseFeedStatus(value: unknown): FeedStatus | null {
  return parse(TabUpdateSchema, value)?.status ?? null;
}
