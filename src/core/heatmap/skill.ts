/**
 * Does the heatmap know where liquidations sit, beyond their distance from price? (DESIGN.md §2)
 *
 * Every hour the model is read as it stood after the last candle that closed before the hour (a
 * snapshot). Over the next 24 h price first reaches new price buckets on each side (longs below
 * the snapshot's last candle, shorts above it). A reached bucket holds the notional of that side's
 * prints whose trigger price lies within ±1 bucket of it, in the 15 minutes from its first touch.
 * The snapshot's skill for a density is the notional-weighted mid-rank of that density at the
 * reached buckets among all reached buckets of the side: 0.5 = it cannot tell which reached
 * levels were loaded. The question is not whether liquidations happen near price (they do,
 * everywhere) but whether the map knows which of the levels price reached held them.
 *
 * Four densities are scored the same way, on the same snapshots:
 * - `model`: the calibrated map (forecast.ts): the market's distance law times the raw model's
 *   likelihood ratio at the level, shrunk by a weight learned online; this is what LiqLens shows;
 * - `raw`: the estimator's own density (summed over ±1 bucket, the prints' tolerance);
 * - `model-distance`: the raw model's own average profile by signed distance from price, built from
 *   earlier snapshots only: the same shape with no price-specific information;
 * - `market-distance`: the market's own law, the average realized notional per touch by signed
 *   distance, from earlier snapshots whose 24 h (and their last 15 minutes) have passed.
 * The edge is the model minus the better baseline, with a 95 % interval from a bootstrap over
 * whole days: snapshots of one day share most of their window, so a day is the unit of evidence.
 *
 * The calibration: each reached level's forecast dollars and 80 % interval as issued at the
 * snapshot, against what the stream then reported there (coverage, and the median log ratio).
 */
import type { Candle, LiquidationPrint } from '../types';
import { PriceBuckets } from './buckets';
import type { Side } from './engine';
import { DistanceLaw, IntervalCalibrator, intervalFor, lawAt, priorForecast, quantile, ShrinkageLearner, type ForecastPrior, type IntervalTable, type LawTable, type LevelForecast } from './forecast';
import { forecastPrior } from './prior';

// The summary travels to the tab: src/messaging's schema is held equal to this type.
import type { BaselineKind, CalibrationSummary, PriceBasis, SkillSummary } from './skillSummary';

export type { BaselineKind, CalibrationSummary, PriceBasis, SkillSummary };

/** What the scorer reads of a model at a snapshot: its density by price bucket, per side. */
export interface DensitySource {
  readonly bars: number;
  /** Notional (or weight) per bucket index of the side; absent buckets hold nothing. */
  density(side: Side): ReadonlyMap<number, number>;
}

/** Whose law the map's dollars come from: this market's, or the prior from recorded days (with the levels learned so far). */
export type ForecastBasis = { kind: 'market'; levels: number } | { kind: 'prior'; levels: number; source: string };

/** The map in dollars for the levels around price now. */
export interface LevelForecaster {
  basis: ForecastBasis;
  /** The weight on the model's likelihood ratio (0 = the law alone). */
  alpha: number;
  /** A level's forecast and the model's likelihood ratio there (1 = an ordinary level at that distance). */
  at(side: Side, price: number): (LevelForecast & { lr: number }) | null;
}

/** A snapshot's reached levels against their issued forecasts. */
export interface CalibrationCounts {
  /** Reached levels that had an interval, and how many of them realized within it. */
  levels: number;
  /** Of those, the levels forecast by the prior of recorded days (this market had not taught the map yet). */
  priorLevels: number;
  covered: number;
  /** Of those, the levels where the stream reported any print, and how many were covered. */
  withPrints: number;
  coveredWithPrints: number;
  /** log(the forecast's median given any print / realized) at each level with prints. */
  logRatios: number[];
  /** Forecast and realized dollars over all levels with an interval. */
  forecast: number;
  realized: number;
}

/** One snapshot's scores: each is null where that density could not be read (no history yet). */
export interface SnapshotScore {
  time: number;
  /** Realized notional at the snapshot's reached levels: its weight in every average. */
  weight: number;
  model: number;
  raw: number;
  modelDistance: number | null;
  marketDistance: number | null;
  /** The shrinkage weight the calibrated map used at this snapshot. */
  alpha: number;
  calibration: CalibrationCounts;
  /** The prints that counted (sequence numbers, or any key), to count distinct prints across snapshots. */
  printIds: readonly (number | string)[];
}

export interface SkillOptions {
  bucketBps: number;
  /** First-tier maintenance margin rate of the symbol: maps an order price back to its trigger. */
  maintenanceMarginRate: number;
  /** Snapshots before this time only feed the baselines and what the map learns. */
  scoreFrom?: number;
  /** Candle length, ms (a snapshot's touches are judged on these candles). */
  candleMs?: number;
  snapshotMs?: number;
  horizonMs?: number;
  touchMs?: number;
  /** Live: scores of snapshots older than this are dropped (ms). */
  keepMs?: number;
  /**
   * The spans the print stream was recorded over, in order ([from, to) ms). A first touch whose 15
   * minutes are not inside one is neither scored nor learned from: a day the recorder missed is not
   * a quiet day. Absent: the stream is taken as recorded throughout.
   */
  coverage?: readonly (readonly [number, number])[];
  /** The dollars before this market has taught the map (prior.ts: the exchange's own recorded days, else Bybit's). */
  prior?: ForecastPrior;
  /** Each reached level as it is scored, with its forecast (research and tests look at them one by one). */
  onLevel?: (level: ScoredLevel) => void;
}

/** One reached level of a settled snapshot: where, when, what the map forecast and what came. */
export interface ScoredLevel {
  snapshot: number;
  side: Side;
  price: number;
  time: number;
  /** Null where the map had nothing to say yet (no law and no prior for that distance). */
  forecast: LevelForecast | null;
  realized: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Prints within this many buckets of a reached level belong to it; densities use the same width. */
const TOLERANCE = 1;
const BOOTSTRAP_SAMPLES = 2000;

type Profile = Map<number, number>;
type SideProfiles = Record<Side, Profile>;

interface Touch {
  side: Side;
  bucket: number;
  time: number;
}

interface Snapshot {
  time: number;
  /** Bucket of the last close: distances are counted from it. */
  ref: number;
  /** The furthest buckets reached so far on each side (starting at the last candle's range). */
  low: number;
  high: number;
  model: SideProfiles;
  modelTotal: Record<Side, number>;
  modelDistance: SideProfiles | null;
  law: LawTable | null;
  alpha: number;
  scale: number;
  intervals: IntervalTable | null;
  /** Traded notional of the 24 h before the snapshot: the prior's dollars scale with it. */
  turnover: number;
  touches: Touch[];
}

/** One touch as the snapshot saw it: each density's value, and the calibrated forecast. */
interface TouchReading {
  raw: number;
  modelDistance: number;
  law: number;
  lr: number;
  forecast: number;
}

interface StoredPrint {
  seq: number;
  time: number;
  bucket: number;
  notional: number;
}

/** The trigger price of a print: its fill where known, else its order price mapped back through the first tier. */
export function triggerPrice(print: Pick<LiquidationPrint, 'side' | 'price' | 'priceBasis'>, maintenanceMarginRate: number): number {
  if (print.priceBasis === 'fill') return print.price;
  // The order price sits at the bankruptcy price, one maintenance rate beyond the trigger.
  return print.side === 'long' ? print.price / (1 - maintenanceMarginRate) : print.price / (1 + maintenanceMarginRate);
}

/**
 * The incremental scorer and the map's calibration: fed every closed candle (before the model
 * takes it) and every print. The Worker keeps one per series; `measureSkill` runs one over
 * recorded files.
 */
export class SkillTracker {
  private readonly buckets: PriceBuckets;
  private readonly snapshotMs: number;
  private readonly horizonMs: number;
  private readonly touchMs: number;
  private readonly scoreFrom: number;
  private readonly keepMs: number;
  private candleMs: number | undefined;
  private nextSnapshot = Number.NaN;
  private lastCandle: Candle | null = null;
  private clock = Number.NEGATIVE_INFINITY;
  private readonly open: Snapshot[] = [];
  private readonly scores: SnapshotScore[] = [];
  /** Sum of each earlier snapshot's profile, normalised per side, by distance in buckets. */
  private readonly profileSum: SideProfiles = { long: new Map(), short: new Map() };
  private profileCount = 0;
  /** What the map has learned from snapshots whose window has passed. */
  private readonly law = new DistanceLaw();
  private readonly shrinkage = new ShrinkageLearner();
  private readonly intervals = new IntervalCalibrator();
  private readonly turnover = new Turnover();
  private readonly prior: ForecastPrior;
  private readonly prints: Record<Side, StoredPrint[]> = { long: [], short: [] };
  private printSeq = 0;
  private readonly bases = { fill: 0, 'order-to-trigger': 0 };

  constructor(private readonly options: SkillOptions) {
    this.buckets = new PriceBuckets(options.bucketBps);
    this.snapshotMs = options.snapshotMs ?? HOUR;
    this.horizonMs = options.horizonMs ?? DAY;
    this.touchMs = options.touchMs ?? 15 * 60_000;
    this.scoreFrom = options.scoreFrom ?? Number.NEGATIVE_INFINITY;
    this.keepMs = options.keepMs ?? Number.POSITIVE_INFINITY;
    this.candleMs = options.candleMs;
    this.prior = options.prior ?? forecastPrior(undefined);
  }

  /** One closed candle, given before the model takes it (the model then holds only earlier candles). */
  candle(candle: Candle, model: DensitySource): void {
    if (this.lastCandle && !(candle.time > this.lastCandle.time)) return;
    if (this.candleMs === undefined && this.lastCandle) this.candleMs = candle.time - this.lastCandle.time;
    const candleMs = this.candleMs ?? 60_000;
    if (Number.isNaN(this.nextSnapshot)) this.nextSnapshot = Math.ceil((candle.time + candleMs) / this.snapshotMs) * this.snapshotMs;
    // Snapshots at every hour the model has fully seen: all candles before this one closed by then.
    while (this.nextSnapshot <= candle.time) {
      if (this.lastCandle && model.bars > 0) this.snapshot(this.nextSnapshot, this.lastCandle, model);
      this.nextSnapshot += this.snapshotMs;
    }
    for (const s of this.open) if (candle.time < s.time + this.horizonMs) this.reach(s, candle);
    this.turnover.add(candle);
    this.lastCandle = candle;
    this.clock = candle.time + candleMs;
    this.settle(false);
  }

  print(print: LiquidationPrint): void {
    const basis: PriceBasis = print.priceBasis === 'fill' ? 'fill' : 'order-to-trigger';
    const trigger = triggerPrice(print, this.options.maintenanceMarginRate);
    if (!(trigger > 0) || !(print.notional > 0) || !Number.isFinite(print.notional)) return;
    this.bases[basis]++;
    const list = this.prints[print.side];
    const stored = { seq: this.printSeq++, time: print.time, bucket: this.buckets.index(trigger), notional: print.notional };
    // Prints come nearly in time order: insert from the end.
    let i = list.length;
    while (i > 0 && list[i - 1]!.time > print.time) i--;
    list.splice(i, 0, stored);
  }

  /** Every snapshot scored so far (open ones on the touches whose 15 minutes have passed). */
  snapshotScores(): SnapshotScore[] {
    const provisional = this.open.filter((s) => s.time >= this.scoreFrom).map((s) => this.score(s, this.clock));
    return [...this.scores, ...provisional].filter((s) => s.weight > 0 || s.calibration.levels > 0);
  }

  /** Closes every open snapshot on what was seen (the end of a recording). */
  finish(): void {
    this.settle(true);
  }

  summary(): SkillSummary | null {
    const basis = this.bases.fill > 0 && this.bases['order-to-trigger'] > 0 ? 'mixed' : this.bases.fill > 0 ? 'fill' : 'order-to-trigger';
    return summariseSkill(this.snapshotScores(), basis);
  }

  /**
   * The calibrated map as it stands for `model` after `last`: each level's forecast by side and
   * price. Until this market has taught it intervals (MIN_INTERVAL_TOUCHES reached levels with a
   * law), the prior learned on recorded days speaks instead, scaled by `turnover` (the traded
   * notional of the last 24 h, by default of the candles this tracker saw), and the basis says so.
   */
  forecaster(model: DensitySource, last: Candle, turnover = this.turnover.total): LevelForecaster {
    const snap = { ...this.freeze(last.time, last, model), turnover };
    const learned = snap.law !== null && snap.intervals !== null && snap.intervals.bins.length > 0;
    return {
      basis: learned ? { kind: 'market', levels: this.intervals.size } : { kind: 'prior', levels: this.intervals.size, source: this.prior.source },
      alpha: learned ? snap.alpha : 0,
      at: (side, price) => {
        const bucket = this.buckets.index(price);
        const reading = this.read(snap, side, bucket);
        const f = this.issued(snap, side, bucket, reading);
        if (!f) return null;
        const { prior: _prior, ...forecast } = f;
        return { ...forecast, lr: reading.lr };
      },
    };
  }

  /**
   * What a level realized so far: the notional of `side`'s stored prints whose trigger price lies
   * within the scorer's tolerance of `price`'s bucket, timed in [from, to). Read-only; prints older
   * than the oldest open snapshot are gone, so ask about the candle just taken.
   */
  realizedNear(side: Side, price: number, from: number, to: number): number {
    const bucket = this.buckets.index(price);
    const list = this.prints[side];
    let sum = 0;
    for (let i = lowerBound(list, from); i < list.length && list[i]!.time < to; i++) {
      if (Math.abs(list[i]!.bucket - bucket) <= TOLERANCE) sum += list[i]!.notional;
    }
    return sum;
  }

  /** How the map currently mixes the model in: the shrinkage weight α on its likelihood ratio. */
  get alpha(): number {
    return this.shrinkage.alpha;
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────

  private freeze(time: number, last: Candle, model: DensitySource): Snapshot {
    const ref = this.buckets.index(last.close);
    const read = (side: Side) => new Map(model.density(side));
    const modelMaps = { long: read('long'), short: read('short') };
    const total = (m: Profile) => [...m.values()].reduce((a, b) => a + b, 0);
    const alpha = this.shrinkage.alpha;
    return {
      time, ref,
      low: this.buckets.index(last.low), high: this.buckets.index(last.high),
      model: modelMaps,
      modelTotal: { long: total(modelMaps.long), short: total(modelMaps.short) },
      modelDistance: this.profileCount > 0 ? { long: scaled(this.profileSum.long, 1 / this.profileCount), short: scaled(this.profileSum.short, 1 / this.profileCount) } : null,
      law: this.law.touches > 0 ? this.law.table() : null,
      alpha,
      scale: this.shrinkage.scale(alpha),
      intervals: this.intervals.table(alpha, this.shrinkage.scale(alpha)),
      turnover: this.turnover.total,
      touches: [],
    };
  }

  /**
   * The forecast a snapshot issued for a level, as the product shows it: from the market's own law
   * once it has taught intervals, else from the prior of recorded days (see forecaster()).
   */
  private issued(s: Snapshot, side: Side, bucket: number, reading: TouchReading): (LevelForecast & { prior: boolean }) | null {
    if (s.law && s.intervals && s.intervals.bins.length > 0) {
      const f = intervalFor(s.intervals, reading.forecast);
      return f && { ...f, prior: false };
    }
    const f = priorForecast(this.prior, side, bucket - s.ref, s.turnover);
    return f && { ...f, prior: true };
  }

  private snapshot(time: number, last: Candle, model: DensitySource): void {
    const snap = this.freeze(time, last, model);
    // This snapshot's shape joins the average only after it has been read.
    for (const side of ['long', 'short'] as const) {
      const total = snap.modelTotal[side];
      if (!(total > 0)) continue;
      const sum = this.profileSum[side];
      for (const [bucket, v] of snap.model[side]) sum.set(bucket - snap.ref, (sum.get(bucket - snap.ref) ?? 0) + v / total);
    }
    this.profileCount++;
    this.open.push(snap);
  }

  /** Each density's value at a bucket of the snapshot, and the calibrated forecast there. */
  private read(s: Snapshot, side: Side, bucket: number): TouchReading {
    const distance = bucket - s.ref;
    const raw = windowSum(s.model[side], bucket);
    const modelDistance = s.modelDistance ? windowSum(s.modelDistance[side], distance) : 0;
    // The likelihood ratio: the model's share here over its usual share at this distance (1 where it has no usual).
    const lr = modelDistance > 0 && s.modelTotal[side] > 0 ? raw / s.modelTotal[side] / modelDistance : 1;
    const law = s.law ? lawAt(s.law, side, distance) : 0;
    return { raw, modelDistance, law, lr, forecast: s.scale * law * (1 - s.alpha + s.alpha * lr) };
  }

  /** The buckets this candle reaches first for the snapshot: beyond its furthest so far. */
  private reach(s: Snapshot, candle: Candle): void {
    const low = this.buckets.index(candle.low);
    const high = this.buckets.index(candle.high);
    const recorded = this.recorded(candle.time);
    if (recorded) {
      for (let b = s.low - 1; b >= low; b--) s.touches.push({ side: 'long', bucket: b, time: candle.time });
      for (let b = s.high + 1; b <= high; b++) s.touches.push({ side: 'short', bucket: b, time: candle.time });
    }
    s.low = Math.min(s.low, low);
    s.high = Math.max(s.high, high);
  }

  /** Whether the stream was recorded over a touch at `time` and its 15 minutes. */
  private recorded(time: number): boolean {
    const spans = this.options.coverage;
    if (!spans) return true;
    return spans.some(([from, to]) => time >= from && time + this.touchMs <= to);
  }

  /** Scores and retires snapshots whose window and last touch's 15 minutes have passed (all, at the end). */
  private settle(all: boolean): void {
    while (this.open.length > 0 && (all || this.open[0]!.time + this.horizonMs + this.touchMs <= this.clock)) {
      const s = this.open.shift()!;
      const score = this.score(s, Number.POSITIVE_INFINITY, s.time >= this.scoreFrom ? this.options.onLevel : undefined);
      if (s.time >= this.scoreFrom) this.scores.push(score);
      this.learn(s);
    }
    // Live: forget old scores and prints no open snapshot can use.
    const horizon = this.clock - this.keepMs;
    while (this.scores.length > 0 && this.scores[0]!.time < horizon) this.scores.shift();
    const oldest = this.open[0]?.time ?? this.clock;
    for (const side of ['long', 'short'] as const) {
      const list = this.prints[side];
      let drop = 0;
      while (drop < list.length && list[drop]!.time < oldest) drop++;
      if (drop > 0) list.splice(0, drop);
    }
  }

  private realized(side: Side, touch: Touch, ids: Set<number>): number {
    const list = this.prints[side];
    let i = lowerBound(list, touch.time);
    let sum = 0;
    for (; i < list.length && list[i]!.time < touch.time + this.touchMs; i++) {
      const p = list[i]!;
      if (Math.abs(p.bucket - touch.bucket) > TOLERANCE) continue;
      sum += p.notional;
      ids.add(p.seq);
    }
    return sum;
  }

  /** A settled snapshot teaches the law, the shrinkage weight and the interval. */
  private learn(s: Snapshot): void {
    for (const side of ['long', 'short'] as const) {
      const touches = s.touches.filter((t) => t.side === side);
      const realized = touches.map((t) => this.realized(side, t, new Set()));
      const readings = touches.map((t) => this.read(s, side, t.bucket));
      touches.forEach((t, i) => {
        this.law.add(side, t.bucket - s.ref, realized[i]!);
        if (s.law) this.intervals.add(readings[i]!.law, readings[i]!.lr, realized[i]!);
      });
      if (s.law) this.shrinkage.add(readings.map((r) => r.law), readings.map((r) => r.lr), realized, weightedMidRank);
    }
  }

  /** The snapshot's scores on the touches whose 15 minutes had passed by `until`. */
  private score(s: Snapshot, until: number, onLevel?: (level: ScoredLevel) => void): SnapshotScore {
    const ids = new Set<number>();
    let weight = 0;
    const sums = { model: 0, raw: 0, modelDistance: 0, marketDistance: 0 };
    const calibration: CalibrationCounts = { levels: 0, priorLevels: 0, covered: 0, withPrints: 0, coveredWithPrints: 0, logRatios: [], forecast: 0, realized: 0 };
    for (const side of ['long', 'short'] as const) {
      const touches = s.touches.filter((t) => t.side === side && t.time + this.touchMs <= until);
      const w = touches.map((t) => this.realized(side, t, ids));
      const readings = touches.map((t) => this.read(s, side, t.bucket));
      // Every reached level against the forecast the snapshot issued for it (the map's calibration).
      touches.forEach((t, i) => {
        const f = this.issued(s, side, t.bucket, readings[i]!);
        const r = w[i]!;
        onLevel?.({ snapshot: s.time, side, price: this.buckets.mid(t.bucket), time: t.time, forecast: f, realized: r });
        if (!f) return;
        if (f.prior) calibration.priorLevels++;
        const inside = r >= f.low80 && r <= f.high80;
        calibration.levels++;
        calibration.covered += inside ? 1 : 0;
        calibration.forecast += f.expected;
        calibration.realized += r;
        if (r > 0) {
          calibration.withPrints++;
          calibration.coveredWithPrints += inside ? 1 : 0;
          // Like with like: the median the map gives a level that sees any print, against what it saw.
          if (f.medianIfPrints > 0) calibration.logRatios.push(Math.log(f.medianIfPrints / r));
        }
      });
      if (touches.length < 2) continue;
      const total = w.reduce((a, b) => a + b, 0);
      if (!(total > 0)) continue;
      weight += total;
      const rankOf = (values: number[]) => weightedMidRank(values, w) * total;
      sums.raw += rankOf(readings.map((r) => r.raw));
      // Before the map has a law, it is the raw model.
      sums.model += rankOf(readings.map((r) => (s.law ? r.forecast : r.raw)));
      if (s.modelDistance) sums.modelDistance += rankOf(readings.map((r) => r.modelDistance));
      if (s.law) sums.marketDistance += rankOf(readings.map((r) => r.law));
    }
    const per = (x: number) => (weight > 0 ? x / weight : 0.5);
    return {
      time: s.time, weight,
      model: per(sums.model),
      raw: per(sums.raw),
      modelDistance: s.modelDistance ? per(sums.modelDistance) : null,
      marketDistance: s.law ? per(sums.marketDistance) : null,
      alpha: s.alpha,
      calibration,
      printIds: [...ids],
    };
  }
}

/** Traded notional (volume × close) of the candles of the last 24 h. */
class Turnover {
  private readonly candles: { time: number; notional: number }[] = [];
  total = 0;

  add(candle: Candle): void {
    const notional = candle.volume * candle.close;
    if (Number.isFinite(notional) && notional > 0) {
      this.candles.push({ time: candle.time, notional });
      this.total += notional;
    }
    while (this.candles.length > 0 && this.candles[0]!.time <= candle.time - DAY) this.total -= this.candles.shift()!.notional;
  }
}

function scaled(profile: Profile, k: number): Profile {
  const out: Profile = new Map();
  for (const [key, v] of profile) out.set(key, v * k);
  return out;
}

/**
 * Pools snapshot scores (of one series, or several whose times line up, e.g. two symbols on the
 * same days) into the summary: the model against each baseline on the snapshots that baseline
 * could be read for, the better baseline kept, and the edge's interval from whole days; and the
 * calibration of the map's dollars over every scored level, with its interval from whole days.
 */
export function summariseSkill(scores: readonly SnapshotScore[], priceBasis: SkillSummary['priceBasis'], seed = 1): SkillSummary | null {
  const candidates = (['model-distance', 'market-distance'] as const).map((kind) => {
    const key: 'modelDistance' | 'marketDistance' = kind === 'model-distance' ? 'modelDistance' : 'marketDistance';
    const used = scores.filter((s) => s.weight > 0 && s[key] !== null);
    const pooled = (pick: (s: SnapshotScore) => number) => weighted(used, pick);
    return { kind, key, used, model: pooled((s) => s.model), raw: pooled((s) => s.raw), baseline: pooled((s) => s[key]!) };
  }).filter((c) => c.used.length > 0);
  if (candidates.length === 0) return null;
  // The better baseline is the one the model beats by less.
  const best = candidates.reduce((a, b) => (b.model - b.baseline < a.model - a.baseline ? b : a));
  const dayOf = dayKey(scores);
  const days = groupBy(best.used, dayOf);
  const ids = new Set<number | string>();
  for (const s of best.used) for (const id of s.printIds) ids.add(id);
  const perDay = days.map((d) => ({ num: d.reduce((a, s) => a + s.weight * (s.model - s[best.key]!), 0), den: d.reduce((a, s) => a + s.weight, 0) }));
  return {
    model: best.model,
    raw: best.raw,
    baseline: best.baseline,
    baselineKind: best.kind,
    edge: best.model - best.baseline,
    edgeCi95: days.length >= 2 ? bootstrapRatio(perDay, seed) : null,
    alpha: scores.length > 0 ? scores[scores.length - 1]!.alpha : 0,
    prints: ids.size,
    snapshots: best.used.length,
    days: days.length,
    priceBasis,
    calibration: summariseCalibration(scores, dayOf, seed),
  };
}

/** Coverage of the 80 % intervals and the bias of the dollars, pooled over every scored level. */
/** The UTC calendar day of a time, as `YYYY-MM-DD`. */
export const utcDay = (t: number): string => new Date(Math.floor(t / DAY) * DAY).toISOString().slice(0, 10);

/** Each UTC day's own summary, in time order (no interval: a day is one unit of evidence). */
export function skillByUtcDay(scores: readonly SnapshotScore[], priceBasis: SkillSummary['priceBasis']): { day: string; skill: SkillSummary | null }[] {
  const days = new Map<string, SnapshotScore[]>();
  for (const s of scores) {
    const key = utcDay(s.time);
    const list = days.get(key);
    if (list) list.push(s);
    else days.set(key, [s]);
  }
  return [...days].map(([day, list]) => ({ day, skill: summariseSkill(list, priceBasis) }));
}

export function summariseCalibration(scores: readonly SnapshotScore[], dayOf = dayKey(scores), seed = 1): CalibrationSummary | null {
  const used = scores.filter((s) => s.calibration.levels > 0);
  const sum = (pick: (c: CalibrationCounts) => number, of: readonly SnapshotScore[] = used) => of.reduce((a, s) => a + pick(s.calibration), 0);
  const levels = sum((c) => c.levels);
  if (levels === 0) return null;
  const withPrints = sum((c) => c.withPrints);
  const noPrints = levels - withPrints;
  const days = groupBy(used, dayOf);
  const logRatios = used.flatMap((s) => s.calibration.logRatios).sort((a, b) => a - b);
  const realized = sum((c) => c.realized);
  return {
    coverage80: sum((c) => c.covered) / levels,
    coverage80Ci95: days.length >= 2 ? bootstrapRatio(days.map((d) => ({ num: sum((c) => c.covered, d), den: sum((c) => c.levels, d) })), seed) : null,
    levels,
    priorLevels: sum((c) => c.priorLevels),
    levelsWithPrints: withPrints,
    coverageWithPrints: withPrints > 0 ? sum((c) => c.coveredWithPrints) / withPrints : null,
    noPrintCoverage80: noPrints > 0 ? (sum((c) => c.covered) - sum((c) => c.coveredWithPrints)) / noPrints : null,
    logBias: logRatios.length > 0 ? quantile(logRatios, 0.5) : null,
    forecastOverRealized: realized > 0 ? sum((c) => c.forecast) / realized : null,
    days: days.length,
  };
}

/** A score's day: 24 h blocks from the first scored snapshot (a recording may start at any hour). */
function dayKey(scores: readonly SnapshotScore[]): (s: SnapshotScore) => number {
  const anchor = scores.length > 0 ? Math.min(...scores.map((s) => s.time)) : 0;
  return (s) => Math.floor((s.time - anchor) / DAY);
}

/** 2.5 % and 97.5 % of Σnum / Σden over days drawn with replacement (seeded: reproducible). */
function bootstrapRatio(perDay: readonly { num: number; den: number }[], seed: number): [number, number] {
  const random = mulberry32(seed);
  const draws: number[] = [];
  for (let k = 0; k < BOOTSTRAP_SAMPLES; k++) {
    let den = 0;
    let num = 0;
    for (let i = 0; i < perDay.length; i++) {
      const d = perDay[Math.floor(random() * perDay.length)]!;
      den += d.den;
      num += d.num;
    }
    draws.push(den > 0 ? num / den : 0);
  }
  draws.sort((a, b) => a - b);
  return [draws[Math.floor(0.025 * (BOOTSTRAP_SAMPLES - 1))]!, draws[Math.ceil(0.975 * (BOOTSTRAP_SAMPLES - 1))]!];
}

/**
 * Σ wᵢ·rᵢ / Σ wᵢ, rᵢ the mid-rank of values[i] among all values scaled to [0, 1]: the share of the
 * others it exceeds, ties counting half. Random values give 0.5 in expectation.
 */
export function weightedMidRank(values: readonly number[], weights: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0.5;
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  let total = 0;
  let sum = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && order[end + 1]!.v === order[start]!.v) end++;
    // Positions start..end tie: each exceeds `start` others and ties with end − start of them.
    const rank = (start + (end - start) / 2) / (n - 1);
    for (let k = start; k <= end; k++) {
      const w = weights[order[k]!.i]!;
      total += w;
      sum += w * rank;
    }
    start = end + 1;
  }
  return total > 0 ? sum / total : 0.5;
}

function windowSum(profile: Profile, at: number): number {
  let sum = 0;
  for (let d = -TOLERANCE; d <= TOLERANCE; d++) sum += profile.get(at + d) ?? 0;
  return sum;
}

function weighted(scores: readonly SnapshotScore[], pick: (s: SnapshotScore) => number): number {
  let weight = 0;
  let sum = 0;
  for (const s of scores) {
    weight += s.weight;
    sum += s.weight * pick(s);
  }
  return weight > 0 ? sum / weight : 0.5;
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(item);
  }
  return [...groups.values()];
}

function lowerBound(list: readonly StoredPrint[], time: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A model the batch scorer can run: it takes closed candles and is read as a density. */
export interface SkillModel extends DensitySource {
  append(candle: Candle, openInterest?: number): unknown;
  /** A model that learns from realized prints sees each one (at its trigger price) when it happened. */
  observe?(print: LiquidationPrint, trigger: number): void;
}

/**
 * Runs `model` over recorded candles (with `openInterest[i]` at candle i's close) and prints in
 * time order, scores every hourly snapshot from `scoreFrom` on, and closes the open windows at
 * the end of the recording. The scores are returned too, so several series can be pooled.
 */
export function measureSkill(
  model: SkillModel,
  candles: readonly Candle[],
  prints: readonly LiquidationPrint[],
  options: SkillOptions & { openInterest?: readonly (number | undefined)[] },
): { summary: SkillSummary | null; scores: SnapshotScore[] } {
  const candleMs = options.candleMs ?? (candles.length > 1 ? candles[1]!.time - candles[0]!.time : 60_000);
  const tracker = new SkillTracker({ ...options, candleMs });
  let next = 0;
  candles.forEach((candle, i) => {
    // The prints of this candle are known by its close; they count for touches from now on.
    for (; next < prints.length && prints[next]!.time < candle.time + candleMs; next++) {
      tracker.print(prints[next]!);
      model.observe?.(prints[next]!, triggerPrice(prints[next]!, options.maintenanceMarginRate));
    }
    tracker.candle(candle, model);
    model.append(candle, options.openInterest?.[i]);
  });
  for (; next < prints.length; next++) tracker.print(prints[next]!);
  tracker.finish();
  return { summary: tracker.summary(), scores: tracker.snapshotScores() };
}
