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
 * went from raw `before[k]` to `after[k]`. Parallel arrays with a moving start, so recording a
 * change allocates nothing.
 */
export class ChangeLog {
  index: number[] = [];
  bucket: number[] = [];
  before: number[] = [];
  after: number[] = [];
  /** First live entry: everything before it has been trimmed. */
  start = 0;

  push(index: number, bucket: number, before: number, after: number): void {
    this.index.push(index);
    this.bucket.push(bucket);
    this.before.push(before);
    this.after.push(after);
  }

  get end(): number {
    return this.index.length;
  }

  /** Drops changes of candles before `firstIndex`; compacts now and then, not on every call. */
  trimBefore(firstIndex: number): void {
    while (this.start < this.index.length && this.index[this.start]! < firstIndex) this.start++;
    if (this.start > 4_096 && this.start * 2 > this.index.length) {
      for (const name of ['index', 'bucket', 'before', 'after'] as const) this[name] = this[name].slice(this.start);
      this.start = 0;
    }
  }

  rescale(factor: number): void {
    for (let k = this.start; k < this.index.length; k++) {
      this.before[k]! *= factor;
      this.after[k]! *= factor;
    }
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
