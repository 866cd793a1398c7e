import type { Candle } from '../types';
import type { Atr } from './atr';
import { Extremes } from './pivots';

/**
 * The engine's closed candles as columns of Float64Array, six views of one buffer. They grow by
 * doubling, and a batch reserves its size up front, so 25k candles cost one allocation instead
 * of the garbage of six growing JS arrays (the batch's GC time was a third of its run time).
 */
export class BarColumns {
  time = new Float64Array(0);
  open = new Float64Array(0);
  high = new Float64Array(0);
  low = new Float64Array(0);
  close = new Float64Array(0);
  /** ATR as of each bar. */
  atr = new Float64Array(0);
  /** Each bar's place among the highs and lows before and after it: every pivot length reads it. */
  readonly extremes = new Extremes();
  length = 0;

  constructor(capacity = 1024) {
    this.reserve(capacity);
  }

  /** Makes room for `capacity` bars in all, keeping the bars already held. */
  reserve(capacity: number): void {
    if (capacity <= this.time.length) return;
    const buffer = new ArrayBuffer(6 * capacity * Float64Array.BYTES_PER_ELEMENT);
    let column = 0;
    const grow = (old: Float64Array) => {
      const next = new Float64Array(buffer, column++ * capacity * Float64Array.BYTES_PER_ELEMENT, capacity);
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.time = grow(this.time);
    this.open = grow(this.open);
    this.high = grow(this.high);
    this.low = grow(this.low);
    this.close = grow(this.close);
    this.atr = grow(this.atr);
    this.extremes.reserve(capacity, this.length);
  }

  /** Room for `more` bars beyond those held: exactly, or double the capacity where that is more (chunked batches). */
  makeRoom(more: number): void {
    const needed = this.length + more;
    if (needed > this.time.length) this.reserve(this.length === 0 ? needed : Math.max(needed, this.time.length * 2));
  }

  /**
   * Appends a candle and its ATR, which `atr` updates. Takes the candle, not its prices: a call
   * that is not inlined boxes every number argument, an allocation each.
   */
  push(c: Candle, atr: Atr): void {
    if (this.length === this.time.length) this.reserve(Math.max(1024, this.length * 2));
    const j = this.length++;
    this.time[j] = c.time;
    this.open[j] = c.open;
    this.high[j] = c.high;
    this.low[j] = c.low;
    this.close[j] = c.close;
    atr.updateAt(j, this.high, this.low, this.close, this.atr);
    this.extremes.push(j, this.high, this.low);
  }

  /** Drops the bars from `length` on: the last one only (a preview undoing its open candle). */
  truncate(length: number): void {
    if (length === this.length) return;
    if (length !== this.length - 1) throw new RangeError(`BarColumns: can drop the last bar only, not truncate ${this.length} bars to ${length}`);
    this.extremes.dropLast();
    this.length = length;
  }
}
