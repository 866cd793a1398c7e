/**
 * Causal pivot detection. A pivot high at bar i: high[i] is the highest of bars i-n..i+n (of
 * equal highs, the earliest wins): higher than every bar of i-n..i-1, at least as high as every
 * bar of i+1..i+n. It can only be known at bar i+n, and that is when it is reported.
 *
 * One monotonic stack per side serves every pivot length: pushing bar j pops the bars it beats,
 * so each bar learns once the nearest earlier bar that is at least its equal (`prevHigh`) and the
 * first later bar that beats it (`highEnd`). Then a pivot of any length n is two reads: the
 * engine's three lengths (swing, internal, equal) cost one stack push per side and bar, O(1)
 * amortised, and nothing is allocated.
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
  /** The bars no later bar has beaten, oldest first (their highs non-increasing, lows non-decreasing). */
  private highStack = new Int32Array(0);
  private lowStack = new Int32Array(0);
  private highTop = 0;
  private lowTop = 0;
  /** What the last push overwrote on each stack, so `dropLast` can take it back (a preview). */
  private highWas = -1;
  private lowWas = -1;
  private highTopWas = 0;
  private lowTopWas = 0;

  /** `lengths`: the pivot lengths `confirmedAt` answers for (at most 4), in the order of pivotBits' k. */
  constructor(private readonly lengths: readonly number[]) {}

  /** Room for `capacity` bars, keeping the `length` held. */
  reserve(capacity: number, length: number): void {
    const grow = (old: Int32Array, held: number) => {
      const next = new Int32Array(capacity);
      next.set(old.subarray(0, held));
      return next;
    };
    const links = new Int32Array(4 * capacity);
    links.set(this.links.subarray(0, 4 * length));
    this.links = links;
    this.highStack = grow(this.highStack, this.highTop);
    this.lowStack = grow(this.lowStack, this.lowTop);
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
   * over locals (a batch). The stacks' tops and what the bar's push overwrote are stored as each
   * bar ends, not after the loop: V8 compiles the loop during the first batch (OSR), before any
   * code after it has run, and that code, without type feedback, deoptimised every later batch.
   */
  pushRange(from: number, to: number, high: Float64Array, low: Float64Array): void {
    const links = this.links;
    const hs = this.highStack;
    const ls = this.lowStack;
    const confirms = this.confirms;
    const lengths = this.lengths;
    let highTop = this.highTop;
    let lowTop = this.lowTop;
    for (let j = from; j < to; j++) {
      const h = high[j]!;
      const highTopWas = highTop;
      while (highTop > 0 && high[hs[highTop - 1]!]! < h) links[4 * hs[--highTop]! + HIGH_END] = j;
      links[4 * j + PREV_HIGH] = highTop > 0 ? hs[highTop - 1]! : -1;
      links[4 * j + HIGH_END] = NOT_YET;
      const highWas = hs[highTop]!;
      hs[highTop++] = j;

      const l = low[j]!;
      const lowTopWas = lowTop;
      while (lowTop > 0 && low[ls[lowTop - 1]!]! > l) links[4 * ls[--lowTop]! + LOW_END] = j;
      links[4 * j + PREV_LOW] = lowTop > 0 ? ls[lowTop - 1]! : -1;
      links[4 * j + LOW_END] = NOT_YET;
      const lowWas = ls[lowTop]!;
      ls[lowTop++] = j;

      let found = 0;
      for (let k = 0; k < lengths.length; k++) found |= pivotBits(k, this.pivotsAt(j, lengths[k]!));
      confirms[j] = found;

      this.highTop = highTop;
      this.lowTop = lowTop;
      this.highTopWas = highTopWas;
      this.lowTopWas = lowTopWas;
      this.highWas = highWas;
      this.lowWas = lowWas;
    }
  }

  /** Takes back the last push: the bars it popped are unbeaten again. */
  dropLast(): void {
    this.highTop = undo(this.highStack, this.links, HIGH_END, this.highTop, this.highTopWas, this.highWas);
    this.lowTop = undo(this.lowStack, this.links, LOW_END, this.lowTop, this.lowTopWas, this.lowWas);
  }

  /** The pivots bar j confirmed, at each length given (pivotBits; 0 on most bars). */
  confirmedAt(j: number): number {
    return this.confirms[j]!;
  }

  /**
   * Which pivots of length n bar j confirms at bar j - n, as PIVOT_HIGH | PIVOT_LOW bits (0 on
   * most bars). Needs bars 0..j pushed, and bar j - n's full left window.
   */
  pivotsAt(j: number, n: number): number {
    const i = j - n;
    if (i - n < 0) return 0;
    const links = this.links;
    const at = 4 * i;
    // prev < i - n and end > j, as sign bits (bar indices: no overflow), without a branch: whether
    // a bar is a pivot is close to a coin toss for the CPU, and each mispredicted `&&` cost more
    // than the arithmetic (the batch's pivot pass took 0.3 ms less of ~1.3).
    const left = i - n;
    const isHigh = ((links[at + PREV_HIGH]! - left) & (j - links[at + HIGH_END]!)) >>> 31;
    const isLow = ((links[at + PREV_LOW]! - left) & (j - links[at + LOW_END]!)) >>> 31;
    return isHigh | (isLow << 1); // PIVOT_HIGH, PIVOT_LOW
  }
}

/** One side of `dropLast`: the stack's top back to `topWas`, its overwritten slot back to `was`. */
function undo(stack: Int32Array, links: Int32Array, end: number, top: number, topWas: number, was: number): number {
  const slot = top - 1; // where the dropped bar was written
  if (slot < topWas) {
    stack[slot] = was;
    for (let p = slot; p < topWas; p++) links[4 * stack[p]! + end] = NOT_YET;
  }
  return topWas;
}
