/**
 * Price buckets on one geometric grid: bucket i covers [g^i, g^(i+1)) with g = 1 + bps/10,000.
 * The same price always lands in the same bucket, whatever the reference price, and a bucket is
 * the same share of price for BTC at 90,000 and for a coin at 0.05.
 */
export class PriceBuckets {
  private readonly logStep: number;

  constructor(readonly bps: number) {
    this.logStep = Math.log1p(bps / 10_000);
  }

  index(price: number): number {
    return Math.floor(Math.log(price) / this.logStep);
  }

  /** The bucket of the price whose natural log is `logPrice`. */
  indexOfLog(logPrice: number): number {
    return Math.floor(logPrice / this.logStep);
  }

  /** Lower edge of bucket i. */
  low(i: number): number {
    return Math.exp(i * this.logStep);
  }

  /** The bucket's middle on the log scale: what a level in it is drawn and reported at. */
  mid(i: number): number {
    return Math.exp((i + 0.5) * this.logStep);
  }
}
