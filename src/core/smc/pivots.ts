/**
 * Causal pivot detection. A pivot high at bar i: high[i] is the highest of bars i-n..i+n (of
 * equal highs, the earliest wins): higher than every bar of i-n..i-1, at least as high as every
 * bar of i+1..i+n. It can only be known at bar i+n, and that is when it is reported. Lows alike
 * (lower than every bar before, at most as low as every bar after).
 *
 * The engine asks for three lengths (swing, internal, equal: 50, 5, 3 by default), and a pivot of
 * a length is one of every shorter length too. So the lengths are checked as levels, shortest
 * first: at bar j, bar j - n0 against its window of the shortest length n0; bar j - n1 against
 * the ring of bars n0+1..n1 away, if it passed n0 (a bit per bar and level); bar j - n2 against
 * the ring n1+1..n2, if it passed n1. The short checks are written without branches (whether a
 * bar beats its neighbour is a coin toss for the CPU); the long ring, reached by few bars (the
 * internal pivots), stops at its first failure.
 * Measured on the EURUSD 15m batch (24,424 bars, fastest of 270 runs, CPU time): the pivot pass
 * took 1.02 ms with the previous scheme (each bar's nearest earlier equal-or-better bar and first
 * later better one, kept as links by a walk of the unbeaten bars: a data-dependent branch per step)
 * and 0.57 ms so (0.65 ms inside runSmc, against 0.95). What is written for bar j (its byte of
 * `confirms`, and the levels of the bars j - n) depends on bars up to j only, and pushing bar j
 * again writes it all again: dropping the last bar (a preview) needs no undo.
 *
 * Which pivots each bar confirms, at the lengths given, is kept per bar (`confirmedAt`): a byte
 * the detectors read, so a bar that confirms none (most bars) costs them one read, not a check
 * per length.
 */

/** Bits of a check: bar i is a pivot high / low. */
export const PIVOT_HIGH = 1;
export const PIVOT_LOW = 2;

/** The bits of `confirmedAt` for the k-th length given to Extremes: a check's bits, shifted. */
export const pivotBits = (k: number, bits: number): number => bits << (2 * k);

/** A level's window or ring longer than this is checked with an exit at the first failure (few bars get that far). */
const BRANCHLESS_MAX = 8;

export class Extremes {
  /** Per bar, the pivots it confirms at each length (pivotBits). */
  private confirms = new Uint8Array(0);
  /**
   * Per bar, whether it passed the shortest length (bits 0-1: PIVOT_HIGH | PIVOT_LOW) and the
   * middle one (bits 2-3), written as each becomes known (the longest is only confirmed).
   */
  private passed = new Uint8Array(0);
  /** The lengths, shortest first (equal ones allowed: an empty ring passes what the shorter did). */
  private readonly n0: number;
  private readonly n1: number;
  private readonly n2: number;
  /** Per level, what multiplies a check's bits into `confirms` bits: pivotBits of its length's k. */
  private readonly k0: number;
  private readonly k1: number;
  private readonly k2: number;

  /** `lengths`: the three pivot lengths `confirmedAt` answers for, in the order of pivotBits' k. */
  constructor(lengths: readonly number[]) {
    if (lengths.length !== 3) throw new RangeError(`Extremes: three pivot lengths, not ${lengths.length}`);
    const order = [0, 1, 2].sort((a, b) => lengths[a]! - lengths[b]!);
    [this.n0, this.n1, this.n2] = order.map((k) => lengths[k]!) as [number, number, number];
    [this.k0, this.k1, this.k2] = order.map((k) => pivotBits(k, 1)) as [number, number, number];
  }

  /** Room for `capacity` bars, keeping the `length` held. */
  reserve(capacity: number, length: number): void {
    const passed = new Uint8Array(capacity);
    passed.set(this.passed.subarray(0, length));
    this.passed = passed;
    const confirms = new Uint8Array(capacity);
    confirms.set(this.confirms.subarray(0, length));
    this.confirms = confirms;
  }

  /** Bar j (the columns hold bars 0..j). */
  push(j: number, high: Float64Array, low: Float64Array): void {
    this.pushRange(j, j + 1, high, low);
  }

  /**
   * Bars from..to-1 in turn (the columns hold them), each with the pivots it confirms, in one loop
   * over locals (a batch). The loop stores nothing but per bar (V8 compiles it during the first
   * batch, OSR, and code after it, without type feedback, deoptimised every later batch).
   */
  pushRange(from: number, to: number, high: Float64Array, low: Float64Array): void {
    const passed = this.passed;
    const confirms = this.confirms;
    const { n0, n1, n2, k0, k1, k2 } = this;
    const exit0 = n0 > BRANCHLESS_MAX;
    const exit1 = n1 - n0 > BRANCHLESS_MAX;
    for (let j = from; j < to; j++) {
      let found = 0;
      let i = j - n0;
      if (i - n0 >= 0) {
        const bits = ring(high, low, i, 1, n0, PIVOT_HIGH | PIVOT_LOW, exit0);
        passed[i] = bits;
        found = bits * k0;
      }
      i = j - n1;
      if (i - n1 >= 0) {
        const below = passed[i]! & 3;
        const bits = ring(high, low, i, n0 + 1, n1, below, exit1);
        passed[i] = below | (bits << 2);
        found |= bits * k1;
      }
      i = j - n2;
      if (i - n2 >= 0) {
        const below = passed[i]! >> 2;
        found |= below === 0 ? 0 : ring(high, low, i, n1 + 1, n2, below, true) * k2;
      }
      confirms[j] = found;
    }
  }

  /** The pivots bar j confirmed, at each length given (pivotBits; 0 on most bars). */
  confirmedAt(j: number): number {
    return this.confirms[j]!;
  }
}

/**
 * Of the pivots in `below` (PIVOT_HIGH | PIVOT_LOW bits), those bar i still is against the bars
 * `from`..`to` away on each side. Every comparison is made as numbers, not branches; with `stop`
 * (long rings, which most bars fail early) it leaves at the first bar that ends both.
 */
function ring(high: Float64Array, low: Float64Array, i: number, from: number, to: number, below: number, stop: boolean): number {
  const h = high[i]!;
  const l = low[i]!;
  let isHigh = below & PIVOT_HIGH;
  let isLow = below >> 1;
  for (let d = from; d <= to; d++) {
    isHigh &= +(high[i - d]! < h) & +(high[i + d]! <= h);
    isLow &= +(low[i - d]! > l) & +(low[i + d]! >= l);
    if (stop && (isHigh | isLow) === 0) return 0;
  }
  return isHigh | (isLow << 1); // PIVOT_HIGH is 1, PIVOT_LOW 2
}
