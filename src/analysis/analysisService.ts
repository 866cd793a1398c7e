/**
 * The Worker side of the analysis: per series, one SetupRunner (the SMC engine, the heatmap model
 * and the setup detectors, exactly as the backtest runs them), fed closed candles only, so that
 * what they report never repaints; and the live journal of the setups it found. Plain
 * TypeScript, so it is tested in Node.
 */
import { resolve } from '../core/backtest';
import {
  aggregateProfiles, confirmClusters, forecastPrior, PrintScorer, profileClusters, resolveHeatmapParams, sameCluster, SkillTracker, summariseSkill, type Cluster, type ConfirmedCluster, type HeatmapParams, type LevelForecaster, type SkillSummary,
} from '../core/heatmap';
import { maintenanceMarginRate } from '../core/marginTiers';
import { SetupRunner, type Setup } from '../core/setups';
import type { Candle, LiquidationPrint } from '../core/types';
import { TIMEFRAME_MS, type Timeframe } from '../core/timeframes';
import { exchange as exchangeDef, EXCHANGE_IDS, exchangeName, parseFeedId, withExchange, type ExchangeId } from '../exchanges';
import { aggregateBands, heatmapBands, overlayClusters, overlayMagnet, overlayMarks, provisionalMarks } from './overlayLayers';
import type { HeatmapBands } from '../messaging/validateLayers';
import type { AnalysisEvent, AggregateSummary, AnalysisApi, AnalysisSummary, ClusterSummary, HtfSummary, MagnetSummary, NeedsHistory, SetupSummary, SyncExtras, Unchanged } from './api';
import { textHash } from '../core/textHash';
import type { LevelForecastSummary } from '../messaging/validateLayers';

/** A setup found live, and how it has played out so far. */
interface JournalEntry {
  setup: Setup;
  status: 'waiting' | 'expired' | 'open' | 'closed';
  r: number | null;
}

/** Candles kept to judge live setups (their order waits 12 candles, a position is held 288 at most). */
const JOURNAL_CANDLES = 400;
const MAX_JOURNAL = 200;

interface Series {
  /** The SMC engine, the heatmap model (open-interest estimator where the first sync brought open interest, else volume), magnet zones and setup detectors. */
  runner: SetupRunner;
  scorer: PrintScorer;
  /** The model's edge over distance alone, on the same candles and prints as the scorer; null on candles longer than its hourly snapshots. */
  skill: SkillTracker | null;
  /** Its summaries as of the last candle or print taken (a bootstrap each: not redone on a sync that brought nothing). */
  skillSummary: { all: SkillSummary | null; lastDay: SkillSummary | null } | null;
  /** Prints waiting for the candle they fell in to be the next one appended. */
  pendingPrints: LiquidationPrint[];
  /** Newest print time taken, so a print sent twice is scored once. */
  lastPrintTime: number;
  seenAtLastPrintTime: Set<string>;
  late: number;
  lastTime: number;
  bars: number;
  /** Traded notional of the last candles, to weight exchanges that have no open interest. */
  recentNotional: number[];
  /** Traded notional of each candle of the last 24 h (open time, notional), oldest first: the turnover the map's prior is scaled by. */
  dayNotional: { time: number; notional: number }[];
  /** Candle length, ms. */
  candleMs: number;
  /** The higher timeframe the runner takes the trend from, where the first sync gave one. */
  htf: Timeframe | null;
  /** Whose model the overlay's bands show, as the last sync asked. */
  bandsSource: ExchangeId | 'aggregate' | null;
  /** The clusters as last summarised, with their confirmations and dollars: the next candles may sweep them. */
  watched: WatchedCluster[];
  /** The last candles, oldest first, and the runner index of the first. */
  recent: Candle[];
  recentStart: number;
  journal: JournalEntry[];
  /** A hash of the last summary answered (without events and computeMicros), for SyncExtras.heldSummary. */
  answered: number | null;
}

/** Keys are the background's feed ids (src/exchanges feedId): the exchange a series is of. */
function exchangeOf(key: string): ExchangeId {
  return parseFeedId(key)?.exchange ?? EXCHANGE_IDS[0]!;
}

const NOTIONAL_WINDOW = 96;

export class AnalysisService implements AnalysisApi {
  private readonly series = new Map<string, Series>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  sync(key: string, after: number | null, candles: Candle[], extras: SyncExtras = {}): AnalysisSummary | NeedsHistory | Unchanged {
    const started = this.clock();
    let series = this.series.get(key);
    if (after === null) {
      const hasOpenInterest = extras.openInterest?.some((x) => x !== null) ?? false;
      const candleMs = extras.candleMs ?? (candles.length > 1 ? candles[1]!.time - candles[0]!.time : 60_000);
      const runner = new SetupRunner(candleMs, {
        exchange: exchangeOf(key),
        estimator: hasOpenInterest ? 'oi' : 'volume',
        heatmapParams: validModel(extras.model),
        confirmedBy: (c) => this.confirmedBy(key, c),
        ...(extras.htf ? { htf: extras.htf.candles, htfMs: TIMEFRAME_MS[extras.htf.timeframe] } : {}),
      });
      series = {
        runner,
        scorer: new PrintScorer(),
        // The model's own bucket grid, and the symbol's first-tier rate to place order prices at their trigger;
        // scores older than a week are let go, so a tab left open for days holds a bounded record.
        skill: candleMs <= SKILL_MAX_CANDLE_MS
          ? new SkillTracker({ bucketBps: runner.heatmap.params.bucketBps, maintenanceMarginRate: firstTierRate(key, runner.heatmap.params), candleMs, keepMs: SKILL_KEEP_MS, prior: forecastPrior(exchangeOf(key)) })
          : null,
        skillSummary: null,
        pendingPrints: [],
        lastPrintTime: Number.NEGATIVE_INFINITY,
        seenAtLastPrintTime: new Set(),
        late: 0,
        lastTime: Number.NEGATIVE_INFINITY,
        bars: 0,
        recentNotional: [],
        dayNotional: [],
        candleMs,
        htf: extras.htf?.timeframe ?? null,
        bandsSource: null,
        watched: [],
        recent: [],
        recentStart: 0,
        journal: [],
        answered: null,
      };
      this.series.set(key, series);
    } else if (!series || series.lastTime !== after) {
      return { needsHistory: true };
    } else if (extras.htf && series.htf) {
      series.runner.addHtf(extras.htf.candles);
    }
    const candleMs = extras.candleMs ?? (candles.length > 1 ? candles[1]!.time - candles[0]!.time : series.candleMs);
    series.candleMs = candleMs;
    if (extras.bandsSource) series.bandsSource = extras.bandsSource;
    this.takePrints(series, extras.prints ?? [], candleMs);
    // A first sync replays history: what happened then is not news.
    const events: AnalysisEvent[] = [];
    const fresh = after !== null;
    // A first sync's older history is not given to the skill tracker: each hourly snapshot costs the
    // first analysis time, and the store rarely holds prints that old to score them on.
    const skillFrom = fresh ? Number.NEGATIVE_INFINITY : (candles.at(-1)?.time ?? 0) - SKILL_HISTORY_MS;
    candles.forEach((candle, i) => {
      if (candle.time <= series.lastTime) return; // already analysed: a repeat never counts twice
      // Prints that came before this candle closed are scored against the model as it was (and go to the skill tracker).
      const printed = this.scoreBefore(series, candle.time + candleMs, candle.time);
      // Sweeps first: the tracker still holds this candle's prints (taking the candle may let them go).
      if (fresh) events.push(...sweptClusters(series, candle, printed !== undefined));
      // The skill tracker takes the candle once its prints are in and before the model takes it
      // (its hourly snapshots are of the model as of the candles closed before), as measureSkill does.
      if (series.skill && candle.time >= skillFrom) {
        series.skill.candle(candle, series.runner.heatmap);
        series.skillSummary = null;
      }
      const reachedBefore = series.runner.magnets.all().filter((z) => z.reachedIndex !== null).length;
      const { setups } = series.runner.append(candle, { openInterest: extras.openInterest?.[i] ?? undefined, printed });
      if (fresh) events.push(...reachedMagnets(series, candle, reachedBefore));
      keepRecent(series, candle);
      for (const setup of setups) {
        // Setups found while replaying history are not live: only fresh ones go in the journal.
        if (!fresh) continue;
        series.journal.push({ setup, status: 'waiting', r: null });
        if (series.journal.length > MAX_JOURNAL) series.journal.shift();
        events.push({ kind: 'setupFormed', setup: setupSummary(setup) });
      }
      series.recentNotional.push(candle.volume * candle.close);
      if (series.recentNotional.length > NOTIONAL_WINDOW) series.recentNotional.shift();
      series.dayNotional.push({ time: candle.time, notional: candle.volume * candle.close });
      while (series.dayNotional[0]!.time <= candle.time - DAY_MS) series.dayNotional.shift();
      series.lastTime = candle.time;
      series.bars++;
    });
    if (fresh) events.push(...judgeJournal(series));
    const open = extras.openCandle && extras.openCandle.time > series.lastTime ? extras.openCandle : null;
    const summary = this.summary(key, series, started, events, open);
    const answered = textHash(JSON.stringify({ ...summary, events: [], computeMicros: 0 }));
    const same = series.answered === answered;
    series.answered = answered;
    return same && extras.heldSummary && events.length === 0 ? { unchanged: true, lastTime: series.lastTime } : summary;
  }

  /** The same market on every other exchange, where it is analysed (has bars). */
  private siblings(key: string): Sibling[] {
    const mine = exchangeOf(key);
    return EXCHANGE_IDS.flatMap((exchange) => {
      const otherKey = exchange === mine ? null : withExchange(key, exchange);
      const series = otherKey ? this.series.get(otherKey) : undefined;
      return series && series.bars > 0 ? [{ exchange, series }] : [];
    });
  }

  /** The other exchanges with a cluster of the same side within 0.3 %, as their runners hold them now. */
  private confirmedBy(key: string, cluster: Cluster): ExchangeId[] {
    return this.siblings(key).filter((s) => s.series.runner.currentClusters().some((c) => sameCluster(cluster, c))).map((s) => s.exchange);
  }

  drop(key: string): void {
    this.series.delete(key);
  }

  /** Queues new prints; one whose candle was already analysed cannot be scored without look-ahead. */
  private takePrints(series: Series, prints: readonly LiquidationPrint[], candleMs: number): void {
    const analysedUpTo = series.lastTime + candleMs;
    for (const p of prints) {
      if (p.time < series.lastPrintTime || (p.time === series.lastPrintTime && series.seenAtLastPrintTime.has(p.id))) continue;
      if (p.time > series.lastPrintTime) series.seenAtLastPrintTime.clear();
      series.lastPrintTime = p.time;
      series.seenAtLastPrintTime.add(p.id);
      if (series.bars > 0 && p.time < analysedUpTo) series.late++;
      else series.pendingPrints.push(p);
    }
  }

  /** Scores the prints before `closeTime`; returns the notional of those inside the candle, by side. */
  private scoreBefore(series: Series, closeTime: number, openTime: number): { long: number; short: number } | undefined {
    let n = 0;
    const printed = { long: 0, short: 0 };
    while (n < series.pendingPrints.length && series.pendingPrints[n]!.time < closeTime) {
      const p = series.pendingPrints[n++]!;
      series.scorer.add(series.runner.heatmap, p);
      if (series.skill) {
        series.skill.print(p);
        series.skillSummary = null;
      }
      if (p.time >= openTime) printed[p.side] += p.notional;
    }
    if (n > 0) series.pendingPrints.splice(0, n);
    return series.lastPrintTime > Number.NEGATIVE_INFINITY ? printed : undefined;
  }

  private summary(key: string, series: Series, started: number, events: AnalysisEvent[], open: Candle | null): AnalysisSummary {
    const { bars: _bars, ...counts } = series.runner.smc.counts();
    const exchange = exchangeOf(key);
    const view = compareWithSiblings(exchange, series, this.siblings(key));
    const forecaster = forecasterOf(series);
    series.watched = view.confirmed.map((c) => ({ ...c, forecast: clusterForecast(forecaster, c) }));
    return {
      events,
      bars: series.bars,
      lastTime: series.lastTime,
      counts,
      trend: series.runner.smc.trend(),
      htf: htfSummary(series),
      heatmap: heatmapSummary(exchange, series, view, forecaster),
      layers: {
        heatmap: bandsFor(exchange, series, view),
        clusters: overlayClusters(series.watched, series.runner.heatmap.estimator, series.lastTime),
        magnet: overlayMagnet(series.runner.magnets.active(series.lastTime).at(-1)),
        marks: open ? [...overlayMarks(series.runner.smc), ...provisionalMarks(series.runner.smc, open)] : overlayMarks(series.runner.smc),
        setups: series.journal.slice(-MAX_SETUPS_SHOWN).map((e) => ({ ...setupSummary(e.setup), status: e.status, r: e.r })),
      },
      computeMicros: Math.round((this.clock() - started) * 1000),
    };
  }
}

/** The same market on another exchange, analysed there. */
interface Sibling {
  exchange: ExchangeId;
  series: Series;
}

/** Two exchanges' prices of one market agree within this; beyond it they are not the same market now (or not the same time). */
const MAX_PRICE_GAP = 0.01;

interface SiblingView {
  clusters: Cluster[];
  /** This exchange's clusters, each with the other exchanges' matches. */
  confirmed: ConfirmedCluster[];
  /** The other exchanges' series whose price agrees with this one's. */
  siblings: Sibling[];
  aggregateSkipped?: string;
}

function compareWithSiblings(exchange: ExchangeId, series: Series, all: readonly Sibling[]): SiblingView {
  const heatmap = series.runner.heatmap;
  const clusters = heatmap.clusters();
  const mine = heatmap.lastPrice;
  const skipped: string[] = [];
  const siblings = all.filter((sibling) => {
    const theirs = sibling.series.runner.heatmap.lastPrice;
    const gap = Math.abs(theirs - mine) / mine;
    if (gap <= MAX_PRICE_GAP) return true;
    skipped.push(`by ${(gap * 100).toFixed(1)}% (${exchangeName(exchange)} ${mine}, ${exchangeName(sibling.exchange)} ${theirs})`);
    return false;
  });
  const byExchange: Partial<Record<ExchangeId, Cluster[]>> = { [exchange]: clusters };
  for (const s of siblings) byExchange[s.exchange] = s.series.runner.heatmap.clusters();
  const confirmed = confirmClusters(byExchange).filter((c) => c.exchange === exchange);
  const aggregateSkipped = skipped.length > 0 ? `not combined: the prices differ ${skipped.join('; ')}` : undefined;
  return { clusters, confirmed, siblings, ...(aggregateSkipped ? { aggregateSkipped } : {}) };
}

function heatmapSummary(exchange: ExchangeId, series: Series, view: SiblingView, forecaster: LevelForecaster | null): AnalysisSummary['heatmap'] {
  const heatmap = series.runner.heatmap;
  const { clusters, siblings, aggregateSkipped } = view;
  // This exchange's clusters as watched: with their confirmations and dollars, in the same order.
  const confirmed = series.watched;
  // The largest cluster of each side (clusters() ranks each side by notional).
  const first = (side: 'long' | 'short'): ClusterSummary | null => {
    const i = clusters.findIndex((x) => x.side === side);
    if (i < 0) return null;
    const c: Cluster = clusters[i]!;
    const { confirmedBy, forecast } = confirmed[i]!;
    const by = confirmedBy.map((m) => m.exchange);
    return { price: c.price, distancePct: c.distancePct, share: c.share, ageMs: c.ageMs, ...(by.length > 0 ? { confirmedBy: by } : {}), ...(forecast ? { forecast } : {}) };
  };
  // Prints of the candle still open are scored once it closes; those shown are the ones scored.
  const { all } = series.scorer.result();
  return {
    estimator: heatmap.estimator,
    clusters: clusters.length,
    long: first('long'),
    short: first('short'),
    score: { prints: all.prints, hitRate: all.hitRate, chance: all.chance, late: series.late },
    ...skillSummaries(series),
    forecast: forecaster && { ...forecaster.basis, alpha: forecaster.alpha },
    aggregate: siblings.length > 0 ? aggregateSummary([{ exchange, series }, ...siblings]) : null,
    ...(aggregateSkipped ? { aggregateSkipped } : {}),
    magnets: magnetSummary(series),
  };
}

function htfSummary(series: Series): HtfSummary | null {
  const state = series.runner.htfState();
  return series.htf && state ? { timeframe: series.htf, trend: state.trend, bars: state.bars } : null;
}

const DAY_MS = 86_400_000;
/** The skill tracker snapshots hourly: it runs on candles of an hour or shorter. */
/** The live skill record covers the last week of hourly snapshots. */
const SKILL_KEEP_MS = 7 * 86_400_000;
const SKILL_MAX_CANDLE_MS = 3_600_000;
/** History a first sync gives the skill tracker (two days: enough for a first interval). */
const SKILL_HISTORY_MS = 2 * DAY_MS;

/** A cluster with its confirmations and the map's dollars at its price, as last summarised. */
type WatchedCluster = ConfirmedCluster & { forecast: LevelForecastSummary | null };

/** Likelihood ratios beyond this are said as this (the message bounds them). */
const MAX_LR = 1e6;

/**
 * The map in dollars as it stands after the last candle (SkillTracker.forecaster): this market's
 * law once learned, else the prior scaled by the traded notional of the last 24 h. Null where the
 * series has no tracker (candles longer than 1 h) or no candle yet.
 */
function forecasterOf(series: Series): LevelForecaster | null {
  const last = series.recent.at(-1);
  if (!series.skill || !last) return null;
  const turnover = series.dayNotional.reduce((sum, c) => sum + c.notional, 0);
  return series.skill.forecaster(series.runner.heatmap, last, turnover);
}

/** The map's dollars at a cluster's price, bounded as the message wants them; null where it has none. */
function clusterForecast(forecaster: LevelForecaster | null, c: Cluster): LevelForecastSummary | null {
  const f = forecaster?.at(c.side, c.price);
  if (!f || ![f.expected, f.low80, f.high80, f.lr].every(Number.isFinite)) return null;
  return { expected: f.expected, low80: f.low80, high80: f.high80, lr: Math.min(Math.max(f.lr, 0), MAX_LR) };
}

/** The skill over every snapshot scored so far, and over those of the last day alone (what the notifications say). */
function skillSummaries(series: Series): { skill: SkillSummary | null; skillLastDay: SkillSummary | null } {
  if (!series.skillSummary) {
    const tracker = series.skill;
    const all = tracker && tracker.summary();
    const since = series.lastTime + series.candleMs - DAY_MS;
    const lastDay = all && summariseSkill(tracker!.snapshotScores().filter((s) => s.time >= since), all.priceBasis);
    series.skillSummary = { all, lastDay };
  }
  return { skill: series.skillSummary.all, skillLastDay: series.skillSummary.lastDay };
}

/** The first maintenance-margin tier's rate of the series' symbol (an exchange's shipped default table knows some symbols' own). */
function firstTierRate(key: string, params: HeatmapParams): number {
  const market = parseFeedId(key);
  const shipped = market && exchangeDef(market.exchange).defaultTiers?.(market.symbol);
  return maintenanceMarginRate(shipped ?? params.marginTiers, 0);
}

function magnetSummary(series: Series): MagnetSummary {
  const all = series.runner.magnets.all();
  const now = series.lastTime;
  const active = series.runner.magnets.active(now).at(-1);
  const price = series.runner.heatmap.lastPrice;
  return {
    opened: all.length,
    reached: all.filter((z) => z.reachedIndex !== null).length,
    active: active ? { side: active.side, price: active.price, distancePct: ((active.price - price) / price) * 100, expiresTime: active.expiresTime } : null,
  };
}

/** Every analysed exchange's profile (the chart's first), each normalised and weighted by its open interest (or, lacking it, its traded notional). */
function aggregateSummary(parts: readonly Sibling[]): AggregateSummary {
  const series = parts[0]!.series;
  const { byOpenInterest, weightOf, total } = exchangeWeights(parts.map((p) => p.series));
  const profile = aggregateProfiles(parts.map((p) => ({ exchange: p.exchange, profile: p.series.runner.heatmap.profile(), openInterestValue: weightOf(p.series) })));
  const clusters = profileClusters(profile, series.runner.heatmap.lastPrice);
  const first = (side: 'long' | 'short'): ClusterSummary | null => {
    const c = clusters.find((x) => x.side === side);
    return c ? { price: c.price, distancePct: c.distancePct, share: c.share, ageMs: 0 } : null;
  };
  return {
    weighting: byOpenInterest ? 'open interest' : 'traded notional',
    weights: Object.fromEntries(parts.map((p) => [p.exchange, total > 0 ? weightOf(p.series) / total : 0])),
    long: first('long'),
    short: first('short'),
  };
}

/** Each exchange's weight in an aggregate: its open interest in notional where all have it, else its recent traded notional. */
function exchangeWeights(all: readonly Series[]): { byOpenInterest: boolean; weightOf: (s: Series) => number; total: number } {
  const oiValue = (s: Series) => (s.runner.heatmap.lastOpenInterest !== undefined ? s.runner.heatmap.lastOpenInterest * s.runner.heatmap.lastPrice : undefined);
  const byOpenInterest = all.every((s) => oiValue(s) !== undefined);
  const weightOf = (s: Series) => (byOpenInterest ? oiValue(s)! : s.recentNotional.reduce((a, b) => a + b, 0));
  return { byOpenInterest, weightOf, total: all.reduce((sum, s) => sum + weightOf(s), 0) };
}

/**
 * The bands of the model the setting asks for: this exchange's, another's, or all aggregated. Where
 * the exchange asked for is not analysed (or its price disagrees) this exchange's are shown, and
 * their `source` says so.
 */
function bandsFor(exchange: ExchangeId, series: Series, view: SiblingView): HeatmapBands | null {
  const wanted = series.bandsSource ?? exchange;
  if (view.siblings.length > 0 && wanted === 'aggregate') {
    const all = [series, ...view.siblings.map((s) => s.series)];
    const { weightOf, total } = exchangeWeights(all);
    const weight = (s: Series) => (total > 0 ? weightOf(s) / total : 1 / all.length);
    return aggregateBands(all.map((s) => ({ heatmap: s.runner.heatmap, weight: weight(s) })), series.runner.heatmap.lastPrice, series.candleMs);
  }
  const other = view.siblings.find((s) => s.exchange === wanted);
  if (other) return heatmapBands(other.series.runner.heatmap, other.exchange, series.candleMs);
  return heatmapBands(series.runner.heatmap, exchange, series.candleMs);
}

/**
 * Clusters the candle reached: it traded into the cluster's span (a short cluster's lower edge, a
 * long cluster's upper edge). Each is reported once. The edge, not the peak: as price eats into a
 * cluster its rest can fall under the share that makes it a cluster, so it would never be "reached".
 */
function sweptClusters(series: Series, candle: Candle, printsScored: boolean): AnalysisEvent[] {
  const swept = series.watched.filter((c) => (c.side === 'long' ? candle.low <= c.high : candle.high >= c.low));
  if (swept.length === 0) return [];
  series.watched = series.watched.filter((c) => !swept.includes(c));
  // What the stream reported at the level in this candle, counted as the skill's tracker counts a level's prints.
  const realized = (c: WatchedCluster) => (series.skill && printsScored ? series.skill.realizedNear(c.side, c.price, candle.time, candle.time + series.candleMs) : null);
  return swept.map((c) => ({
    kind: 'clusterSwept',
    side: c.side,
    price: c.price,
    notional: series.runner.heatmap.estimator === 'oi' ? c.notional : null,
    share: c.share,
    exchanges: [c.exchange, ...c.confirmedBy.map((m) => m.exchange)],
    forecast: c.forecast,
    realized: realized(c),
    time: candle.time,
  }));
}

/** Magnet zones this candle reached (the tracker marks them in update). */
function reachedMagnets(series: Series, candle: Candle, reachedBefore: number): AnalysisEvent[] {
  const reached = series.runner.magnets.all().filter((z) => z.reachedIndex !== null);
  return reached.slice(reachedBefore).filter((z) => z.reachedTime === candle.time).map((z) => ({
    kind: 'magnetReached', side: z.side, price: z.price, openedTime: z.createdTime, time: candle.time,
  }));
}

/** Live setups shown on the chart at most, newest kept. */
const MAX_SETUPS_SHOWN = 20;

function keepRecent(series: Series, candle: Candle): void {
  series.recent.push(candle);
  if (series.recent.length > JOURNAL_CANDLES) {
    series.recent.shift();
    series.recentStart++;
  }
}

/** What the overlay and the notification need of a setup. */
function setupSummary(s: Setup): SetupSummary {
  return {
    id: s.id, kind: s.kind, dir: s.dir, entry: s.entry, stop: s.stop, target: s.target, confirmTime: s.confirmTime, grade: s.grade, confluence: s.confluence.slice(0, 8),
  };
}

/** Plays each live setup on the candles since it formed, as the backtest would; reports those that just closed. */
function judgeJournal(series: Series): AnalysisEvent[] {
  const closed: AnalysisEvent[] = [];
  for (const entry of series.journal) {
    if (entry.status === 'closed' || entry.status === 'expired') continue;
    const shifted = { ...entry.setup, confirmIndex: entry.setup.confirmIndex - series.recentStart };
    if (shifted.confirmIndex < 0) {
      entry.status = 'expired'; // its candles are gone: it can no longer be judged
      continue;
    }
    const outcome = resolve(series.recent, shifted);
    entry.status = outcome.status;
    if (outcome.status === 'closed') {
      entry.r = outcome.trade.r;
      closed.push({ kind: 'setupClosed', id: entry.setup.id, setupKind: entry.setup.kind, r: outcome.trade.r, exitReason: outcome.trade.exitReason, time: outcome.trade.exitTime });
    }
  }
  return closed;
}

/** The trader's model parameters where they pass the model's own checks; else the defaults (the options page checks first). */
function validModel(model: SyncExtras['model']): Partial<HeatmapParams> | undefined {
  if (!model) return undefined;
  try {
    resolveHeatmapParams(model);
    return model;
  } catch {
    return undefined;
  }
}
