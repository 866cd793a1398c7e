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
 * Three densities are scored the same way, on the same snapshots:
 * - the model (its density summed over ±1 bucket, the prints' tolerance);
 * - `model-distance`: the model's own average profile by signed distance from price, built from
 *   earlier snapshots only: the same shape with no price-specific information;
 * - `market-distance`: the market's own law, the average realized notional per touch by signed
 *   distance, from earlier snapshots whose 24 h (and their last 15 minutes) have passed.
 * The edge is the model minus the better baseline, with a 95 % interval from a bootstrap over
 * whole days: snapshots of one day share most of their window, so a day is the unit of evidence.
 */
import type { Candle, LiquidationPrint } from '../types';
import { PriceBuckets } from './buckets';
import type { Side } from './engine';

// The summary travels to the tab: src/messaging's schema is held equal to this type.
import type { BaselineKind, PriceBasis, SkillSummary } from './skillSummary';

export type { BaselineKind, PriceBasis, SkillSummary };

/** What the scorer reads of a model at a snapshot: its density by price bucket, per side. */
export interface DensitySource {
  readonly bars: number;
  /** Notional (or weight) per bucket index of the side; absent buckets hold nothing. */
  density(side: Side): ReadonlyMap<number, number>;
}

/** One snapshot's scores: each is null where that density could not be read (no history yet). */
export interface SnapshotScore {
  time: number;
  /** Realized notional at the snapshot's reached levels: its weight in every average. */
  weight: number;
  model: number;
  modelDistance: number | null;
  marketDistance: number | null;
  /** The prints that counted (sequence numbers, or any key), to count distinct prints across snapshots. */
  printIds: readonly (number | string)[];
}

export interface SkillOptions {
  bucketBps: number;
  /** First-tier maintenance margin rate of the symbol: maps an order price back to its trigger. */
  maintenanceMarginRate: number;
  /** Snapshots before this time only feed the baselines. */
  scoreFrom?: number;
  /** Candle length, ms (a snapshot's touches are judged on these candles). */
  candleMs?: number;
  snapshotMs?: number;
  horizonMs?: number;
  touchMs?: number;
  /** Live: scores of snapshots older than this are dropped (ms). */
  keepMs?: number;
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
  modelDistance: SideProfiles | null;
  marketDistance: SideProfiles | null;
  touches: Touch[];
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
 * The incremental scorer: fed every closed candle (before the model takes it) and every print.
 * The Worker keeps one per series; `measureSkill` runs one over recorded files.
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
  /** Realized notional and touches by distance, from snapshots whose window has passed. */
  private readonly law: Record<Side, Map<number, { notional: number; touches: number }>> = { long: new Map(), short: new Map() };
  private lawSnapshots = 0;
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
    return [...this.scores, ...provisional].filter((s) => s.weight > 0);
  }

  /** Closes every open snapshot on what was seen (the end of a recording). */
  finish(): void {
    this.settle(true);
  }

  summary(): SkillSummary | null {
    const basis = this.bases.fill > 0 && this.bases['order-to-trigger'] > 0 ? 'mixed' : this.bases.fill > 0 ? 'fill' : 'order-to-trigger';
    return summariseSkill(this.snapshotScores(), basis);
  }

  // ── internals ─────────────────────────────────────────────────────────────────────────────

  private snapshot(time: number, last: Candle, model: DensitySource): void {
    const ref = this.buckets.index(last.close);
    const read = (side: Side) => new Map(model.density(side));
    const snap: Snapshot = {
      time, ref,
      low: this.buckets.index(last.low), high: this.buckets.index(last.high),
      model: { long: read('long'), short: read('short') },
      modelDistance: this.profileCount > 0 ? { long: new Map(this.profileSum.long), short: new Map(this.profileSum.short) } : null,
      marketDistance: this.lawSnapshots > 0 ? { long: lawDensity(this.law.long), short: lawDensity(this.law.short) } : null,
      touches: [],
    };
    // This snapshot's shape joins the average only after it has been read.
    for (const side of ['long', 'short'] as const) {
      let total = 0;
      for (const v of snap.model[side].values()) total += v;
      if (!(total > 0)) continue;
      const sum = this.profileSum[side];
      for (const [bucket, v] of snap.model[side]) sum.set(bucket - ref, (sum.get(bucket - ref) ?? 0) + v / total);
    }
    this.profileCount++;
    this.open.push(snap);
  }

  /** The buckets this candle reaches first for the snapshot: beyond its furthest so far. */
  private reach(s: Snapshot, candle: Candle): void {
    const low = this.buckets.index(candle.low);
    const high = this.buckets.index(candle.high);
    for (let b = s.low - 1; b >= low; b--) s.touches.push({ side: 'long', bucket: b, time: candle.time });
    for (let b = s.high + 1; b <= high; b++) s.touches.push({ side: 'short', bucket: b, time: candle.time });
    s.low = Math.min(s.low, low);
    s.high = Math.max(s.high, high);
  }

  /** Scores and retires snapshots whose window and last touch's 15 minutes have passed (all, at the end). */
  private settle(all: boolean): void {
    while (this.open.length > 0 && (all || this.open[0]!.time + this.horizonMs + this.touchMs <= this.clock)) {
      const s = this.open.shift()!;
      const score = this.score(s, Number.POSITIVE_INFINITY);
      if (s.time >= this.scoreFrom) this.scores.push(score);
      this.learnLaw(s);
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

  private learnLaw(s: Snapshot): void {
    for (const t of s.touches) {
      const law = this.law[t.side];
      const at = law.get(t.bucket - s.ref) ?? { notional: 0, touches: 0 };
      at.notional += this.realized(t.side, t, new Set());
      at.touches++;
      law.set(t.bucket - s.ref, at);
    }
    this.lawSnapshots++;
  }

  /** The snapshot's scores on the touches whose 15 minutes had passed by `until`. */
  private score(s: Snapshot, until: number): SnapshotScore {
    const ids = new Set<number>();
    let weight = 0;
    const sums = { model: 0, modelDistance: 0, marketDistance: 0 };
    for (const side of ['long', 'short'] as const) {
      const touches = s.touches.filter((t) => t.side === side && t.time + this.touchMs <= until);
      if (touches.length < 2) continue;
      const w = touches.map((t) => this.realized(side, t, ids));
      const total = w.reduce((a, b) => a + b, 0);
      if (!(total > 0)) continue;
      weight += total;
      const rankOf = (density: (bucket: number) => number) => weightedMidRank(touches.map((t) => density(t.bucket)), w) * total;
      sums.model += rankOf((b) => windowSum(s.model[side], b));
      if (s.modelDistance) sums.modelDistance += rankOf((b) => windowSum(s.modelDistance![side], b - s.ref));
      if (s.marketDistance) sums.marketDistance += rankOf((b) => s.marketDistance![side].get(b - s.ref) ?? 0);
    }
    const per = (x: number) => (weight > 0 ? x / weight : 0.5);
    return {
      time: s.time, weight,
      model: per(sums.model),
      modelDistance: s.modelDistance ? per(sums.modelDistance) : null,
      marketDistance: s.marketDistance ? per(sums.marketDistance) : null,
      printIds: [...ids],
    };
  }
}

/**
 * Pools snapshot scores (of one series, or several whose times line up, e.g. two symbols on the
 * same days) into the summary: the model against each baseline on the snapshots that baseline
 * could be read for, the better baseline kept, and the edge's interval from whole days.
 */
export function summariseSkill(scores: readonly SnapshotScore[], priceBasis: SkillSummary['priceBasis'], seed = 1): SkillSummary | null {
  const candidates = (['model-distance', 'market-distance'] as const).map((kind) => {
    const key: 'modelDistance' | 'marketDistance' = kind === 'model-distance' ? 'modelDistance' : 'marketDistance';
    const used = scores.filter((s) => s.weight > 0 && s[key] !== null);
    const pooled = (pick: (s: SnapshotScore) => number) => weighted(used, pick);
    return { kind, key, used, model: pooled((s) => s.model), baseline: pooled((s) => s[key]!) };
  }).filter((c) => c.used.length > 0);
  if (candidates.length === 0) return null;
  // The better baseline is the one the model beats by less.
  const best = candidates.reduce((a, b) => (b.model - b.baseline < a.model - a.baseline ? b : a));
  const edgeOf = (s: SnapshotScore) => s.model - s[best.key]!;
  const anchor = Math.min(...best.used.map((s) => s.time));
  const days = groupBy(best.used, (s) => Math.floor((s.time - anchor) / DAY));
  const ids = new Set<number | string>();
  for (const s of best.used) for (const id of s.printIds) ids.add(id);
  return {
    model: best.model,
    baseline: best.baseline,
    baselineKind: best.kind,
    edge: best.model - best.baseline,
    edgeCi95: days.length >= 2 ? bootstrapDays(days, edgeOf, seed) : null,
    prints: ids.size,
    snapshots: best.used.length,
    days: days.length,
    priceBasis,
  };
}

/** 2.5 % and 97.5 % of the pooled edge over days drawn with replacement (seeded: reproducible). */
function bootstrapDays(days: SnapshotScore[][], edgeOf: (s: SnapshotScore) => number, seed: number): [number, number] {
  const random = mulberry32(seed);
  const perDay = days.map((d) => ({ weight: d.reduce((a, s) => a + s.weight, 0), sum: d.reduce((a, s) => a + s.weight * edgeOf(s), 0) }));
  const edges: number[] = [];
  for (let k = 0; k < BOOTSTRAP_SAMPLES; k++) {
    let weight = 0;
    let sum = 0;
    for (let i = 0; i < perDay.length; i++) {
      const d = perDay[Math.floor(random() * perDay.length)]!;
      weight += d.weight;
      sum += d.sum;
    }
    edges.push(weight > 0 ? sum / weight : 0);
  }
  edges.sort((a, b) => a - b);
  return [edges[Math.floor(0.025 * (BOOTSTRAP_SAMPLES - 1))]!, edges[Math.ceil(0.975 * (BOOTSTRAP_SAMPLES - 1))]!];
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

function lawDensity(law: Map<number, { notional: number; touches: number }>): Profile {
  const out: Profile = new Map();
  for (const [offset, { notional, touches }] of law) out.set(offset, notional / touches);
  return out;
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
