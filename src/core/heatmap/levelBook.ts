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

export class LevelBook {
  /** Per bucket: raw notional, and raw notional × birth time (for the mean age). One lookup per change. */
  private readonly raw = new Map<number, { raw: number; born: number }>();
  /** Buckets nearest to price first: highest for longs (below price), lowest for shorts. */
  private readonly order: Heap<number>;
  private scale = 1;
  private rawTotal = 0;
  /** Changes of the last candles, for the grid; trimmed by the owner. */
  readonly changes = new ChangeLog();

  /** `onRenormalise(f)`: raw values were multiplied by f and the scale reset (the owner rescales what it recorded). */
  constructor(readonly side: 'long' | 'short', private readonly onRenormalise?: (factor: number) => void) {
    this.order = side === 'long' ? new Heap<number>((a, b) => a > b) : new Heap<number>((a, b) => a < b);
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
    const level = this.raw.get(bucket);
    const before = level ? level.raw : 0;
    if (level) {
      level.raw += r;
      level.born += r * time;
    } else {
      this.raw.set(bucket, { raw: r, born: r * time });
      this.order.push(bucket);
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
    const reached = this.side === 'long' ? (b: number) => b >= reachedBucket : (b: number) => b <= reachedBucket;
    while (this.order.size > 0 && reached(this.order.peek()!)) {
      const bucket = this.order.pop()!;
      const level = this.raw.get(bucket);
      if (level === undefined) continue;
      const notional = level.raw * this.scale;
      consumed += notional;
      onConsumed?.({ bucket, notional, bornAt: level.born / level.raw });
      this.raw.delete(bucket);
      this.rawTotal -= level.raw;
      this.changes.push(index, bucket, level.raw, 0);
    }
    if (this.raw.size === 0) this.rawTotal = 0; // no drift left behind
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
    this.raw.clear();
    this.order.restore([]);
    this.rawTotal = 0;
    this.scale = 1;
  }

  /** Every level at or above `minNotional`, in no particular order. */
  levels(minNotional = 0): LevelReading[] {
    const out: LevelReading[] = [];
    for (const [bucket, level] of this.raw) {
      const notional = level.raw * this.scale;
      if (notional >= minNotional) out.push({ bucket, notional, bornAt: level.born / level.raw });
    }
    return out;
  }

  /** Raw values of every bucket (for rebuilding the grid's past). */
  *rawEntries(): IterableIterator<[number, number]> {
    for (const [bucket, level] of this.raw) yield [bucket, level.raw];
  }

  private renormalise(): void {
    for (const level of this.raw.values()) {
      level.raw *= this.scale;
      level.born *= this.scale;
    }
    this.changes.rescale(this.scale);
    this.rawTotal *= this.scale;
    this.onRenormalise?.(this.scale);
    this.scale = 1;
  }
}
