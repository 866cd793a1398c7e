/**
 * The estimated liquidation levels of one side (long or short) of one exchange, by price bucket.
 * Everything a candle does to them is O(levels touched): consumption pops buckets from a heap
 * ordered toward price, and proportional changes (open interest falling, fading) multiply one
 * scale factor instead of every level.
 */
import { Heap } from '../smc/heap';

/** Raw values are stored divided by `scale`; renormalised before they lose precision. */
const MIN_SCALE = 1e-150;

export interface LevelReading {
  bucket: number;
  notional: number;
  /** Notional-weighted mean time at which the level's positions were opened. */
  bornAt: number;
}

/**
 * Changes to buckets, kept for the time × price grid: at candle `index[k]`, bucket `bucket[k]`
 * went from raw `before[k]` to `after[k]`, for k in [start, end). Parallel typed arrays that grow
 * by doubling and are compacted in place, so recording a change allocates nothing (and leaves no
 * garbage: with a change or more per candle, growing JS arrays were a tenth of a batch's time).
 */
export class ChangeLog {
  index = new Int32Array(1024);
  bucket = new Int32Array(1024);
  before = new Float64Array(1024);
  after = new Float64Array(1024);
  /** First live entry: everything before it has been trimmed. */
  start = 0;
  /** One past the last entry. */
  end = 0;

  push(index: number, bucket: number, before: number, after: number): void {
    if (this.end === this.index.length) this.grow();
    const k = this.end++;
    this.index[k] = index;
    this.bucket[k] = bucket;
    this.before[k] = before;
    this.after[k] = after;
  }

  /** Drops changes of candles before `firstIndex`; compacts now and then, not on every call. */
  trimBefore(firstIndex: number): void {
    while (this.start < this.end && this.index[this.start]! < firstIndex) this.start++;
    if (this.start > 4_096 && this.start * 2 > this.end) {
      for (const column of [this.index, this.bucket, this.before, this.after]) column.copyWithin(0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
    }
  }

  rescale(factor: number): void {
    for (let k = this.start; k < this.end; k++) {
      this.before[k]! *= factor;
      this.after[k]! *= factor;
    }
  }

  private grow(): void {
    const size = this.index.length * 2;
    const index = new Int32Array(size);
    index.set(this.index);
    this.index = index;
    const bucket = new Int32Array(size);
    bucket.set(this.bucket);
    this.bucket = bucket;
    const before = new Float64Array(size);
    before.set(this.before);
    this.before = before;
    const after = new Float64Array(size);
    after.set(this.after);
    this.after = after;
  }
}

/**
 * Per bucket: raw notional and raw notional × birth time, in typed arrays indexed from `base`,
 * grown at either end as buckets outside them arrive. A book's buckets sit within some tens of
 * percent of price (a few hundred to a few thousand 10 bp buckets), so dense storage is small,
 * and adding to a level allocates nothing (a Map of per-level objects was most of a batch's
 * garbage). A level exists while `present` is set, whatever its value.
 */
class DenseLevels {
  private base = 0;
  raw = new Float64Array(0);
  born = new Float64Array(0);
  present = new Uint8Array(0);
  count = 0;

  has(bucket: number): boolean {
    const k = bucket - this.base;
    return k >= 0 && k < this.present.length && this.present[k] === 1;
  }

  /** The slot of `bucket`, growing the arrays to cover it. */
  slot(bucket: number): number {
    if (this.present.length === 0) this.resize(bucket - 64, 128);
    else if (bucket < this.base || bucket >= this.base + this.present.length) {
      const lo = Math.min(this.base, bucket);
      const hi = Math.max(this.base + this.present.length, bucket + 1);
      // Double the span, the new room on the side that grew, so growth is amortised O(1).
      const span = 2 * (hi - lo);
      this.resize(bucket < this.base ? hi - span : lo, span);
    }
    return bucket - this.base;
  }

  /** The bucket of slot `k`. */
  bucket(k: number): number {
    return k + this.base;
  }

  clear(): void {
    this.raw.fill(0);
    this.born.fill(0);
    this.present.fill(0);
    this.count = 0;
  }

  private resize(base: number, length: number): void {
    const shift = this.base - base;
    const raw = new Float64Array(length);
    const born = new Float64Array(length);
    const present = new Uint8Array(length);
    if (this.present.length > 0) {
      raw.set(this.raw, shift);
      born.set(this.born, shift);
      present.set(this.present, shift);
    }
    this.raw = raw;
    this.born = born;
    this.present = present;
    this.base = base;
  }
}

export class LevelBook {
  /** Per bucket: raw notional, and raw notional × birth time (for the mean age). */
  private readonly slots = new DenseLevels();
  /** Buckets nearest to price first: highest for longs (below price), lowest for shorts. */
  private readonly order: Heap;
  private scale = 1;
  private rawTotal = 0;
  /** Changes of the last candles, for the grid; trimmed by the owner. */
  readonly changes = new ChangeLog();

  /** `onRenormalise(f)`: raw values were multiplied by f and the scale reset (the owner rescales what it recorded). */
  constructor(readonly side: 'long' | 'short', private readonly onRenormalise?: (factor: number) => void) {
    this.order = new Heap(side === 'long' ? 'max' : 'min');
  }

  get total(): number {
    return this.rawTotal * this.scale;
  }

  get currentScale(): number {
    return this.scale;
  }

  add(bucket: number, notional: number, time: number, index: number): void {
    if (!(notional > 0)) return;
    const r = notional / this.scale;
    const levels = this.slots;
    const k = levels.slot(bucket);
    const before = levels.raw[k]!;
    levels.raw[k] = before + r;
    levels.born[k]! += r * time;
    if (levels.present[k] === 0) {
      levels.present[k] = 1;
      levels.count++;
      this.order.push(bucket, bucket);
    }
    this.rawTotal += r;
    this.changes.push(index, bucket, before, before + r);
  }

  /**
   * Removes every level the candle reached: for longs, buckets at or above `reachedBucket` (the
   * low's); for shorts, at or below it (the high's). Returns the notional consumed.
   */
  consume(reachedBucket: number, index: number, onConsumed?: (level: LevelReading) => void): number {
    let consumed = 0;
    const levels = this.slots;
    const long = this.side === 'long';
    while (this.order.size > 0 && (long ? this.order.keys[0]! >= reachedBucket : this.order.keys[0]! <= reachedBucket)) {
      const bucket = this.order.pop();
      if (!levels.has(bucket)) continue;
      const k = levels.slot(bucket);
      const raw = levels.raw[k]!;
      const notional = raw * this.scale;
      consumed += notional;
      onConsumed?.({ bucket, notional, bornAt: levels.born[k]! / raw });
      levels.raw[k] = 0;
      levels.born[k] = 0;
      levels.present[k] = 0;
      levels.count--;
      this.rawTotal -= raw;
      this.changes.push(index, bucket, raw, 0);
    }
    if (levels.count === 0) this.rawTotal = 0; // no drift left behind
    return consumed;
  }

  /** Multiplies every level by `factor` (0..1]: open interest closed proportionally, or fading. */
  multiply(factor: number): void {
    if (!(factor > 0)) {
      this.clear();
      return;
    }
    this.scale *= factor;
    if (this.scale < MIN_SCALE) this.renormalise();
  }

  clear(): void {
    this.slots.clear();
    this.order.clear();
    this.rawTotal = 0;
    this.scale = 1;
  }

  /** Every level at or above `minNotional`, lowest bucket first. */
  levels(minNotional = 0): LevelReading[] {
    const out: LevelReading[] = [];
    const { raw, born, present } = this.slots;
    for (let k = 0; k < present.length; k++) {
      if (present[k] === 0) continue;
      const notional = raw[k]! * this.scale;
      if (notional >= minNotional) out.push({ bucket: this.slots.bucket(k), notional, bornAt: born[k]! / raw[k]! });
    }
    return out;
  }

  /** Raw values of every bucket (for rebuilding the grid's past), lowest bucket first. */
  *rawEntries(): IterableIterator<[number, number]> {
    const { raw, present } = this.slots;
    for (let k = 0; k < present.length; k++) if (present[k] === 1) yield [this.slots.bucket(k), raw[k]!];
  }

  private renormalise(): void {
    const { raw, born } = this.slots;
    for (let k = 0; k < raw.length; k++) {
      raw[k]! *= this.scale;
      born[k]! *= this.scale;
    }
    this.changes.rescale(this.scale);
    this.rawTotal *= this.scale;
    this.onRenormalise?.(this.scale);
    this.scale = 1;
  }
}
