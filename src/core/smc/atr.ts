/**
 * Average true range, Wilder's smoothing, causal from the first bar: before `length` bars it is
 * the running mean of the true range, so early bars get a sensible scale instead of nothing.
 */
export class Atr {
  private sum = 0;
  private count = 0;
  value = Number.NaN;

  constructor(private readonly length: number) {}

  update(high: number, low: number, prevClose: number | undefined): number {
    return this.add(prevClose === undefined ? high - low : trueRange(high, low, prevClose));
  }

  /**
   * The same for bar j of price columns, written to `out[j]`. Takes the columns, not prices: a
   * call that is not inlined boxes each number passed or returned, an allocation per bar.
   */
  updateAt(j: number, high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): void {
    this.updateRange(j, j + 1, high, low, close, out);
  }

  /**
   * `updateAt` for bars from..to-1 in turn, in one loop over locals (a batch): `add`, written out.
   * The state is stored as each bar ends, not after the loop (as Extremes.pushRange: code after
   * an OSR'd loop deoptimised every batch).
   */
  updateRange(from: number, to: number, high: Float64Array, low: Float64Array, close: Float64Array, out: Float64Array): void {
    const length = this.length;
    let sum = this.sum;
    let count = this.count;
    let value = this.value;
    for (let j = from; j < to; j++) {
      const tr = j > 0 ? trueRange(high[j]!, low[j]!, close[j - 1]!) : high[j]! - low[j]!;
      count++;
      if (count <= length) {
        sum += tr;
        value = sum / count;
      } else {
        value = (value * (length - 1) + tr) / length;
      }
      out[j] = value;
      this.sum = sum;
      this.count = count;
      this.value = value;
    }
  }

  private add(tr: number): number {
    this.count++;
    if (this.count <= this.length) {
      this.sum += tr;
      this.value = this.sum / this.count;
    } else {
      this.value = (this.value * (this.length - 1) + tr) / this.length;
    }
    return this.value;
  }

  save(): [number, number, number] {
    return [this.sum, this.count, this.value];
  }

  restore([sum, count, value]: [number, number, number]): void {
    this.sum = sum;
    this.count = count;
    this.value = value;
  }
}

const trueRange = (high: number, low: number, prevClose: number) => Math.max(high - low, Math.abs(high - prevClose), Math.abs(low - prevClose));
