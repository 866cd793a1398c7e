/**
 * Causal pivot detection. A pivot high at bar i: high[i] is the highest of bars i-n..i+n (of
 * equal highs, the earliest wins): higher than every bar of i-n..i-1, at least as high as every
 * bar of i+1..i+n. It can only be known at bar i+n, and that is when it is reported.
 *
 * Each bar learns once the nearest earlier bar that is at least its equal (`prevHigh`) and the
 * first later bar that beats it (`highEnd`). The bars no later bar has beaten yet are a chain of
 * prevHigh links from the last bar (a monotonic stack, held in the links themselves): pushing bar
 * j walks it from j-1, ending each bar j beats, and links j to the first it does not. Then a pivot
 * of any length n is two reads: the engine's three lengths (swing, internal, equal) cost one walk
 * per side and bar, O(1) amortised, and nothing is allocated.
 *
 * Which pivots each bar confirms, at the lengths given, is kept per bar (`confirmedAt`): a byte
 * the detectors read, so a bar that confirms none (most bars) costs them one read, not a check
 * per length.
 */

/** Bits of `pivotsAt`'s result: bar j - n is a pivot high / low. */
export const PIVOT_HIGH = 1;
export const PIVOT_LOW = 2;

/** The bits of `confirmedAt` for the k-th length given to Extremes: `pivotsAt`'s bits, shifted. */
export const pivotBits = (k: number, bits: number): number => bits << (2 * k);

/** `highEnd`/`lowEnd` of a bar nothing has beaten yet. */
const NOT_YET = 0x7fffffff;
/** Offsets of a bar's four links. */
const PREV_HIGH = 0;
const HIGH_END = 1;
const PREV_LOW = 2;
const LOW_END = 3;

export class Extremes {
  /** Per bar, the pivots it confirms at each length (pivotBits). */
  private confirms = new Uint8Array(0);
  /**
   * Four per bar, side by side so a pivot check reads one cache line: the nearest earlier bar
   * whose high is >= its high (-1: none), the first later bar whose high is > it (NOT_YET: none so
   * far), and the same for lows (<= and <).
   */
  private links = new Int32Array(0);

  /** `lengths`: the pivot lengths `confirmedAt` answers for (at most 4), in the order of pivotBits' k. */
  constructor(private readonly lengths: readonly number[]) {}

  /** Room for `capacity` bars, keeping the `length` held. */
  reserve(capacity: number, length: number): void {
    const links = new Int32Array(4 * capacity);
    links.set(this.links.subarray(0, 4 * length));
    this.links = links;
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
   * over locals (a batch). The walks keep no state beside the links: the loop stores nothing else
   * (V8 compiles it during the first batch, OSR, and code after it, without type feedback,
   * deoptimised every later batch).
   */
  pushRange(from: number, to: number, high: Float64Array, low: Float64Array): void {
    const links = this.links;
    const confirms = this.confirms;
    const lengths = this.lengths;
    for (let j = from; j < to; j++) {
      const h = high[j]!;
      let p = j - 1;
      while (p >= 0 && high[p]! < h) {
        links[4 * p + HIGH_END] = j;
        p = links[4 * p + PREV_HIGH]!;
      }
      links[4 * j + PREV_HIGH] = p;
      links[4 * j + HIGH_END] = NOT_YET;

      const l = low[j]!;
      p = j - 1;
      while (p >= 0 && low[p]! > l) {
        links[4 * p + LOW_END] = j;
        p = links[4 * p + PREV_LOW]!;
      }
      links[4 * j + PREV_LOW] = p;
      links[4 * j + LOW_END] = NOT_YET;

      let found = 0;
      for (let k = 0; k < lengths.length; k++) found |= pivotBits(k, pivotsAt(links, j, lengths[k]!));
      confirms[j] = found;
    }
  }

  /** Takes back the push of bar j, the last: the bars it beat (the chain from j-1 to its own link) are unbeaten again. */
  dropLast(j: number): void {
    const links = this.links;
    for (let p = j - 1; p !== links[4 * j + PREV_HIGH]; p = links[4 * p + PREV_HIGH]!) links[4 * p + HIGH_END] = NOT_YET;
    for (let p = j - 1; p !== links[4 * j + PREV_LOW]; p = links[4 * p + PREV_LOW]!) links[4 * p + LOW_END] = NOT_YET;
  }

  /** The pivots bar j confirmed, at each length given (pivotBits; 0 on most bars). */
  confirmedAt(j: number): number {
    return this.confirms[j]!;
  }
}

/**
 * Which pivots of length n bar j confirms at bar j - n, as PIVOT_HIGH | PIVOT_LOW bits (0 on
 * most bars), from the links of bars 0..j (Extremes). Needs bar j - n's full left window. The
 * links are passed in rather than read from the Extremes in each call: the pivot pass took
 * 0.06 ms less of ~0.96 per EURUSD batch.
 */
function pivotsAt(links: Int32Array, j: number, n: number): number {
  const i = j - n;
  if (i - n < 0) return 0;
  const at = 4 * i;
  // prev < i - n and end > j, as sign bits (bar indices: no overflow), without a branch: whether
  // a bar is a pivot is close to a coin toss for the CPU, and each mispredicted `&&` cost more
  // than the arithmetic (the batch's pivot pass took 0.3 ms less of ~1.3).
  const left = i - n;
  const isHigh = ((links[at + PREV_HIGH]! - left) & (j - links[at + HIGH_END]!)) >>> 31;
  const isLow = ((links[at + PREV_LOW]! - left) & (j - links[at + LOW_END]!)) >>> 31;
  return isHigh | (isLow << 1); // PIVOT_HIGH is 1, PIVOT_LOW 2
}
