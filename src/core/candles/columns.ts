/**
 * Candles by index, whichever way they are held. An array of Candle objects is one; a
 * CandleColumns is the other, for long files and for the SMC engine: each price field of an
 * object is a boxed double, so a candle object takes some 200 bytes, where a row of columns
 * takes 56, and a loop over a column reads plain doubles.
 */
import type { Candle } from '../types';

/** What a reader of candles by index needs: arrays have it, and so do CandleColumns. */
export interface CandleSeries {
  readonly length: number;
  /** The candle at `index` (negative counts from the end, as Array.prototype.at), or undefined. */
  at(index: number): Candle | undefined;
}

/** The columns, in their order in the one buffer. */
const COLUMNS = 7;

/**
 * Candles as columns of Float64Array, views of one buffer, growing by doubling (or reserved up
 * front: 25k candles cost one allocation instead of the garbage of growing JS arrays). Read the
 * columns directly (`high[i]`), up to `length`; write only through `push`. `at` builds a fresh
 * Candle each call.
 */
export class CandleColumns implements CandleSeries, Iterable<Candle> {
  time = new Float64Array(0);
  open = new Float64Array(0);
  high = new Float64Array(0);
  low = new Float64Array(0);
  close = new Float64Array(0);
  volume = new Float64Array(0);
  /** NaN where the candle has no taker-buy volume. */
  takerBuy = new Float64Array(0);
  length = 0;

  constructor(capacity = 0) {
    if (capacity > 0) this.reserve(capacity);
  }

  get capacity(): number {
    return this.time.length;
  }

  /** Makes room for `capacity` candles in all, keeping those held. */
  reserve(capacity: number): void {
    if (capacity <= this.time.length) return;
    const buffer = new ArrayBuffer(COLUMNS * capacity * Float64Array.BYTES_PER_ELEMENT);
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
    this.volume = grow(this.volume);
    this.takerBuy = grow(this.takerBuy);
  }

  /** Room for `more` candles beyond those held: exactly, or double the capacity where that is more (chunked batches). */
  makeRoom(more: number): void {
    const needed = this.length + more;
    if (needed > this.time.length) this.reserve(this.length === 0 ? needed : Math.max(needed, this.time.length * 2));
  }

  push(c: Candle): void {
    if (this.length === this.time.length) this.reserve(Math.max(1024, this.length * 2));
    const i = this.length++;
    this.time[i] = c.time;
    this.open[i] = c.open;
    this.high[i] = c.high;
    this.low[i] = c.low;
    this.close[i] = c.close;
    this.volume[i] = c.volume;
    this.takerBuy[i] = c.takerBuyVolume ?? Number.NaN;
  }

  /** Drops the last candle (a preview undoing its open candle). */
  dropLast(): void {
    if (this.length > 0) this.length--;
  }

  at(index: number): Candle | undefined {
    const i = index < 0 ? this.length + index : index;
    if (!(i >= 0 && i < this.length)) return undefined;
    const candle: Candle = { time: this.time[i]!, open: this.open[i]!, high: this.high[i]!, low: this.low[i]!, close: this.close[i]!, volume: this.volume[i]! };
    const takerBuy = this.takerBuy[i]!;
    if (!Number.isNaN(takerBuy)) candle.takerBuyVolume = takerBuy;
    return candle;
  }

  *[Symbol.iterator](): Iterator<Candle> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }
}
