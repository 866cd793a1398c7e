/**
 * Candles by index, whichever way they are held. An array of Candle objects is one; a
 * CandleColumns is the other, for long files: each price field of an object is a boxed double,
 * so a candle object takes some 200 bytes, where a row of columns takes 56.
 */
import type { Candle } from '../types';

/** What a reader of candles by index needs: arrays have it, and so do CandleColumns. */
export interface CandleSeries {
  readonly length: number;
  /** The candle at `index` (negative counts from the end, as Array.prototype.at), or undefined. */
  at(index: number): Candle | undefined;
}

/** Candles as columns of Float64Array, growing by doubling. `at` builds a fresh Candle each call. */
export class CandleColumns implements CandleSeries, Iterable<Candle> {
  private time = new Float64Array(0);
  private open = new Float64Array(0);
  private high = new Float64Array(0);
  private low = new Float64Array(0);
  private close = new Float64Array(0);
  private volume = new Float64Array(0);
  /** NaN where the candle has no taker-buy volume. */
  private takerBuy = new Float64Array(0);
  length = 0;

  push(c: Candle): void {
    if (this.length === this.time.length) this.grow(Math.max(1024, this.length * 2));
    const i = this.length++;
    this.time[i] = c.time;
    this.open[i] = c.open;
    this.high[i] = c.high;
    this.low[i] = c.low;
    this.close[i] = c.close;
    this.volume[i] = c.volume;
    this.takerBuy[i] = c.takerBuyVolume ?? Number.NaN;
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

  private grow(capacity: number): void {
    const grow = (column: Float64Array) => {
      const next = new Float64Array(capacity);
      next.set(column.subarray(0, this.length));
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
}
