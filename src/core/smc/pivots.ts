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
 */

/** Bits of `pivotsAt`'s result: bar j - n is a pivot high / low. */
export const PIVOT_HIGH = 1;
export const PIVOT_LOW = 2;

/** `highEnd`/`lowEnd` of a bar nothing has beaten yet. */
const NOT_YET = 0x7fffffff;

export class Extremes {
  /** Per bar: the nearest earlier bar whose high is >= its high (-1: none); the first later bar whose high is > it (NOT_YET: none so far). */
  prevHigh = new Int32Array(0);
  highEnd = new Int32Array(0);
  /** Per bar, the same for lows (<= and <). */
  prevLow = new Int32Array(0);
  lowEnd = new Int32Array(0);
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

  /** Room for `capacity` bars, keeping the `length` held. */
  reserve(capacity: number, length: number): void {
    const grow = (old: Int32Array, held: number) => {
      const next = new Int32Array(capacity);
      next.set(old.subarray(0, held));
      return next;
    };
    this.prevHigh = grow(this.prevHigh, length);
    this.highEnd = grow(this.highEnd, length);
    this.prevLow = grow(this.prevLow, length);
    this.lowEnd = grow(this.lowEnd, length);
    this.highStack = grow(this.highStack, this.highTop);
    this.lowStack = grow(this.lowStack, this.lowTop);
  }

  /** Bar j (the columns hold bars 0..j). */
  push(j: number, high: Float64Array, low: Float64Array): void {
    const hs = this.highStack;
    const h = high[j]!;
    let top = this.highTop;
    this.highTopWas = top;
    while (top > 0 && high[hs[top - 1]!]! < h) this.highEnd[hs[--top]!] = j;
    this.prevHigh[j] = top > 0 ? hs[top - 1]! : -1;
    this.highEnd[j] = NOT_YET;
    this.highWas = hs[top]!;
    hs[top] = j;
    this.highTop = top + 1;

    const ls = this.lowStack;
    const l = low[j]!;
    top = this.lowTop;
    this.lowTopWas = top;
    while (top > 0 && low[ls[top - 1]!]! > l) this.lowEnd[ls[--top]!] = j;
    this.prevLow[j] = top > 0 ? ls[top - 1]! : -1;
    this.lowEnd[j] = NOT_YET;
    this.lowWas = ls[top]!;
    ls[top] = j;
    this.lowTop = top + 1;
  }

  /** Takes back the last push: the bars it popped are unbeaten again. */
  dropLast(): void {
    this.highTop = undo(this.highStack, this.highEnd, this.highTop, this.highTopWas, this.highWas);
    this.lowTop = undo(this.lowStack, this.lowEnd, this.lowTop, this.lowTopWas, this.lowWas);
  }

  /**
   * Which pivots of length n bar j confirms at bar j - n, as PIVOT_HIGH | PIVOT_LOW bits (0 on
   * most bars). Needs bars 0..j pushed, and bar j - n's full left window.
   */
  pivotsAt(j: number, n: number): number {
    const i = j - n;
    if (i - n < 0) return 0;
    return (this.prevHigh[i]! < i - n && this.highEnd[i]! > j ? PIVOT_HIGH : 0) | (this.prevLow[i]! < i - n && this.lowEnd[i]! > j ? PIVOT_LOW : 0);
  }
}

/** One side of `dropLast`: the stack's top back to `topWas`, its overwritten slot back to `was`. */
function undo(stack: Int32Array, end: Int32Array, top: number, topWas: number, was: number): number {
  const slot = top - 1; // where the dropped bar was written
  if (slot < topWas) {
    stack[slot] = was;
    for (let p = slot; p < topWas; p++) end[stack[p]!] = NOT_YET;
  }
  return topWas;
}
