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
    const tr = prevClose === undefined ? high - low : Math.max(high - low, Math.abs(high - prevClose), Math.abs(low - prevClose));
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
