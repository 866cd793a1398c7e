/**
 * The liquidation heatmap of one exchange, updated one closed candle at a time (DESIGN.md §2).
 *
 * Per candle: first the levels the candle's range reached are consumed (longs at or above its
 * low, shorts at or below its high); then the estimator adds or removes:
 * - `oi` (open interest known): rising open interest adds its notional at the candle's typical
 *   price, split long/short by taker buy volume where known (else by the candle's direction) and
 *   over the leverage tiers, at each tier's liquidation price; falling open interest removes the
 *   same share of every level as it is of all open interest.
 * - `volume` (candles only): each candle adds its traded notional, weighted again by its volume
 *   relative to the recent average (capped at 5×): longs taken at its high, shorts at its low,
 *   split like above; every level fades with a half-life. Its scale is relative, not a notional
 *   anyone holds.
 * Batch is a loop of appends, so batch and incremental agree by construction.
 */
import type { Candle } from '../types';
import { maintenanceMarginRate } from '../marginTiers';
import { PriceBuckets } from './buckets';
import { LevelBook } from './levelBook';
import { liquidationPrice } from './liquidationPrice';
import { resolveHeatmapParams, type HeatmapParams } from './params';

export type Estimator = 'oi' | 'volume';
export type Side = 'long' | 'short';

export interface ProfileBucket {
  price: number;
  long: number;
  short: number;
}

export interface Cluster {
  side: Side;
  /** Middle of the peak bucket. */
  price: number;
  /** Notional of the peak and its neighbours within the cluster's width. */
  notional: number;
  /** Signed distance from the reference price, in percent (longs negative, shorts positive). */
  distancePct: number;
  /** Notional-weighted mean age of its positions, ms. */
  ageMs: number;
  /** Share of its side's total notional. */
  share: number;
  /** Price span of the buckets summed into it. */
  low: number;
  high: number;
}

export interface HeatmapStep {
  index: number;
  time: number;
  consumed: { long: number; short: number };
  added: { long: number; short: number };
}

export interface DensityGrid {
  /** Candle indices of the columns, oldest first. */
  columns: number[];
  times: number[];
  /** Bucket lower edges of the rows, lowest price first; one more than rows (the top edge last). */
  edges: number[];
  /** long[c][r], short[c][r]: notional in row r at column c. */
  long: number[][];
  short: number[][];
}

const MAX_RELATIVE_VOLUME = 5;

export class HeatmapEngine {
  readonly params: HeatmapParams;
  readonly buckets: PriceBuckets;
  private readonly books: Record<Side, LevelBook>;
  private index = -1;
  private lastTime = Number.NEGATIVE_INFINITY;
  private lastClose = Number.NaN;
  private previousOi: number | undefined;
  private readonly fade: number;
  /** Per leverage tier: its weight and log(liquidation price / entry) for each side. */
  private readonly tiers: { weight: number; logLong: number; logShort: number }[];
  private readonly volumes: number[] = [];
  private volumeSum = 0;
  /**
   * Per candle (the last gridHistory and a few): time and each side's scale after the candle, in
   * parallel columns of plain numbers (an object per candle was a tenth of a batch's time in GC).
   * `historyFirst` is the candle index of entry 0.
   */
  private readonly history: { time: number[]; long: number[]; short: number[] } = { time: [], long: [], short: [] };
  private historyFirst = 0;

  constructor(readonly estimator: Estimator, params: Partial<HeatmapParams> = {}) {
    this.params = resolveHeatmapParams(params);
    this.buckets = new PriceBuckets(this.params.bucketBps);
    // Recorded scales refer to raw units: when a book renormalises, they are divided by the same factor.
    const rescale = (side: Side) => (factor: number) => {
      const scales = this.history[side];
      for (let k = 0; k < scales.length; k++) scales[k]! /= factor;
    };
    this.books = { long: new LevelBook('long', rescale('long')), short: new LevelBook('short', rescale('short')) };
    this.fade = 0.5 ** (1 / this.params.fadeHalfLife);
    // Individual positions are small: the first tier's maintenance rate applies to nearly all of them.
    const m = maintenanceMarginRate(this.params.marginTiers, 0);
    this.tiers = this.params.leverage.map(({ leverage, weight }) => ({
      weight,
      logLong: Math.log(liquidationPrice('long', 1, leverage, m)),
      logShort: Math.log(liquidationPrice('short', 1, leverage, m)),
    }));
  }

  get bars(): number {
    return this.index + 1;
  }

  get lastPrice(): number {
    return this.lastClose;
  }

  /** The newest open interest taken (base coin), for weighting this exchange in an aggregate. */
  get lastOpenInterest(): number | undefined {
    return this.previousOi;
  }

  totals(): { long: number; short: number } {
    return { long: this.books.long.total, short: this.books.short.total };
  }

  /**
   * One closed candle, with the open interest (base coin) at its close where the estimator uses
   * it. A missing sample adds nothing for that candle; the next one is compared with the last known.
   */
  append(candle: Candle, openInterest?: number): HeatmapStep {
    if (!(candle.time > this.lastTime)) throw new RangeError(`heatmap: candle at ${candle.time} is not after the previous one (${this.lastTime})`);
    if (!(candle.low > 0) || !(candle.high >= candle.low) || !Number.isFinite(candle.close)) throw new RangeError(`heatmap: candle at ${candle.time} has invalid prices`);
    const index = ++this.index;
    this.lastTime = candle.time;
    this.lastClose = candle.close;
    const consumed = {
      long: this.books.long.consume(this.buckets.index(candle.low), index),
      short: this.books.short.consume(this.buckets.index(candle.high), index),
    };
    const added = this.estimator === 'oi' ? this.fromOpenInterest(candle, openInterest, index) : this.fromVolume(candle, index);
    this.record(candle.time);
    return { index, time: candle.time, consumed, added };
  }

  /** Density by price now: every bucket holding notional on either side, lowest price first. */
  profile(): ProfileBucket[] {
    const byBucket = new Map<number, ProfileBucket>();
    const min = this.params.minLevelNotional;
    for (const side of ['long', 'short'] as const) {
      for (const level of this.books[side].levels(min)) {
        let row = byBucket.get(level.bucket);
        if (!row) byBucket.set(level.bucket, (row = { price: this.buckets.mid(level.bucket), long: 0, short: 0 }));
        row[side] += level.notional;
      }
    }
    return [...byBucket].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  }

  /** Notional per price bucket of one side now (levels of at least `minLevelNotional`). */
  density(side: Side): Map<number, number> {
    const out = new Map<number, number>();
    for (const level of this.books[side].levels(this.params.minLevelNotional)) out.set(level.bucket, level.notional);
    return out;
  }

  /**
   * Density peaks per side: a bucket that holds the most within ±`radius` buckets and at least
   * `minShare` of its side, summed over that width; nearest to price first within each side's
   * ranking by notional.
   */
  clusters({ radius = 3, minShare = 0.02, limit = 10, now = this.lastTime, price = this.lastClose } = {}): Cluster[] {
    const out: Cluster[] = [];
    for (const side of ['long', 'short'] as const) {
      const book = this.books[side];
      const total = book.total;
      if (!(total > 0)) continue;
      const levels = book.levels(this.params.minLevelNotional).sort((a, b) => a.bucket - b.bucket);
      const found: Cluster[] = [];
      for (let i = 0; i < levels.length; i++) {
        const peak = levels[i]!;
        let sum = 0;
        let born = 0;
        let isPeak = true;
        for (let j = i; j >= 0 && levels[j]!.bucket >= peak.bucket - radius; j--) {
          if (j !== i && levels[j]!.notional > peak.notional) isPeak = false;
          sum += levels[j]!.notional;
          born += levels[j]!.notional * levels[j]!.bornAt;
        }
        // Ties: the lower bucket of equal neighbours is the peak.
        for (let j = i + 1; j < levels.length && levels[j]!.bucket <= peak.bucket + radius; j++) {
          if (levels[j]!.notional >= peak.notional) isPeak = false;
          sum += levels[j]!.notional;
          born += levels[j]!.notional * levels[j]!.bornAt;
        }
        if (!isPeak || sum / total < minShare) continue;
        const at = this.buckets.mid(peak.bucket);
        found.push({
          side, price: at, notional: sum, distancePct: ((at - price) / price) * 100, ageMs: now - born / sum, share: sum / total,
          low: this.buckets.low(peak.bucket - radius), high: this.buckets.low(peak.bucket + radius + 1),
        });
      }
      out.push(...found.sort((a, b) => b.notional - a.notional).slice(0, limit));
    }
    return out;
  }

  /**
   * Density of each side by candle (columns) and price bucket (rows) for candles `from..to`
   * (indices, within the last gridHistory candles) and prices [low, high]: the past state is
   * rebuilt from the recorded changes, so the grid costs nothing per candle.
   */
  grid(from: number, to: number, low: number, high: number): DensityGrid {
    const first = this.historyFirst;
    from = Math.max(from, first);
    to = Math.min(to, this.index);
    const lo = this.buckets.index(low);
    const hi = this.buckets.index(high);
    const rows = Math.max(0, hi - lo + 1);
    const edges = Array.from({ length: rows + 1 }, (_, r) => this.buckets.low(lo + r));
    const result: DensityGrid = { columns: [], times: [], edges, long: [], short: [] };
    if (to < from || rows === 0) return result;
    for (const side of ['long', 'short'] as const) {
      const book = this.books[side];
      // Raw values now, then undo the changes after `from` to get the state at `from`.
      const raw = new Map<number, number>();
      for (const [bucket, r] of book.rawEntries()) if (bucket >= lo && bucket <= hi) raw.set(bucket, r);
      const log = book.changes;
      const inRange = (k: number) => log.bucket[k]! >= lo && log.bucket[k]! <= hi;
      let k = log.end;
      while (k > log.start && log.index[k - 1]! > from) {
        k--;
        if (inRange(k)) raw.set(log.bucket[k]!, log.before[k]!);
      }
      // Forward, one column per candle.
      for (let index = from; index <= to; index++) {
        for (; k < log.end && log.index[k]! <= index; k++) {
          if (log.index[k]! > from && inRange(k)) raw.set(log.bucket[k]!, log.after[k]!);
        }
        const scale = this.history[side][index - first]!;
        const column = new Array<number>(rows).fill(0);
        for (const [bucket, r] of raw) column[bucket - lo] = r * scale;
        result[side].push(column);
      }
    }
    for (let index = from; index <= to; index++) {
      result.columns.push(index);
      result.times.push(this.history.time[index - first]!);
    }
    return result;
  }

  // ── estimators ────────────────────────────────────────────────────────────────────────────

  private fromOpenInterest(candle: Candle, openInterest: number | undefined, index: number): HeatmapStep['added'] {
    const added = { long: 0, short: 0 };
    if (openInterest === undefined || !Number.isFinite(openInterest)) return added;
    const previous = this.previousOi;
    this.previousOi = openInterest;
    if (previous === undefined) return added;
    const typical = (candle.high + candle.low + candle.close) / 3;
    const change = (openInterest - previous) * typical;
    if (change > 0) return this.open(change, typical, typical, longShare(candle), candle.time, index);
    if (change < 0 && previous > 0) {
      // The share of all open positions that closed, taken from every modelled level alike. (The
      // model holds only what it saw open, so its own total is not the measure: a drop of 5 % of
      // open interest must not wipe a young book.)
      const keep = Math.max(0, openInterest / previous);
      this.books.long.multiply(keep);
      this.books.short.multiply(keep);
    }
    return added;
  }

  private fromVolume(candle: Candle, index: number): HeatmapStep['added'] {
    this.books.long.multiply(this.fade);
    this.books.short.multiply(this.fade);
    const lookback = this.params.volumeLookback;
    const average = this.volumes.length > 0 ? this.volumeSum / this.volumes.length : candle.volume;
    this.volumes.push(candle.volume);
    this.volumeSum += candle.volume;
    if (this.volumes.length > lookback) this.volumeSum -= this.volumes.shift()!;
    if (!(candle.volume > 0) || !(average > 0)) return { long: 0, short: 0 };
    const relative = Math.min(MAX_RELATIVE_VOLUME, candle.volume / average);
    const typical = (candle.high + candle.low + candle.close) / 3;
    return this.open(candle.volume * typical * relative, candle.high, candle.low, longShare(candle), candle.time, index);
  }

  /** New positions of `notional`: longs entered at `longEntry`, shorts at `shortEntry`, over the leverage tiers. */
  private open(notional: number, longEntry: number, shortEntry: number, share: number, time: number, index: number): HeatmapStep['added'] {
    const added = { long: notional * share, short: notional * (1 - share) };
    // A liquidation price is the entry times a factor per tier, so its bucket is one log away.
    const logLong = Math.log(longEntry);
    const logShort = Math.log(shortEntry);
    for (const tier of this.tiers) {
      this.books.long.add(this.buckets.indexOfLog(logLong + tier.logLong), added.long * tier.weight, time, index);
      this.books.short.add(this.buckets.indexOfLog(logShort + tier.logShort), added.short * tier.weight, time, index);
    }
    return added;
  }

  private record(time: number): void {
    const keep = this.params.gridHistory;
    const h = this.history;
    h.time.push(time);
    h.long.push(this.books.long.currentScale);
    h.short.push(this.books.short.currentScale);
    if (h.time.length > keep + 64) {
      // Trim in batches: the grid keeps `gridHistory` candles and the changes after them.
      const drop = h.time.length - keep;
      for (const column of [h.time, h.long, h.short]) column.splice(0, drop);
      this.historyFirst += drop;
      for (const book of Object.values(this.books)) book.changes.trimBefore(this.historyFirst);
    }
  }
}

/** Share of new positions that are long: taker buying where known, else the candle's direction. */
function longShare(candle: Candle): number {
  if (candle.takerBuyVolume !== undefined && candle.volume > 0) return Math.min(1, Math.max(0, candle.takerBuyVolume / candle.volume));
  const range = candle.high - candle.low;
  return range > 0 ? 0.5 + (0.5 * (candle.close - candle.open)) / range : 0.5;
}


/** Batch: the same appends over every candle. `openInterest[i]` goes with `candles[i]`. */
export function runHeatmap(estimator: Estimator, candles: readonly Candle[], openInterest?: readonly (number | undefined)[], params?: Partial<HeatmapParams>): HeatmapEngine {
  const engine = new HeatmapEngine(estimator, params);
  candles.forEach((c, i) => engine.append(c, openInterest?.[i]));
  return engine;
}
