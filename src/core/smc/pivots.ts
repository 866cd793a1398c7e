/**
 * Causal pivot detection. A pivot high at bar i: high[i] is the highest of bars i-n..i+n (of
 * equal highs, the earliest wins). It can only be known at bar i+n, and that is when it is
 * reported. Sliding-window maxima with monotonic deques: O(1) per bar for any n.
 */

/** Bits of `PivotDetector.push`'s result: bar j - length is a pivot high / low. */
export const PIVOT_HIGH = 1;
export const PIVOT_LOW = 2;

/**
 * The earliest extreme of a sliding window, as a monotonic deque in a fixed ring buffer (the
 * window never holds more than `capacity` bars), so pushing a bar allocates nothing.
 */
class WindowExtreme {
  /** Indices whose values are strictly worsening from front to back: the front is the earliest extreme. */
  private ring: Int32Array;
  /** The ring's size is a power of two, so wrapping is a mask instead of a division. */
  private readonly mask: number;
  private head = 0;
  private size = 0;

  /** `sign` 1 tracks the maximum, -1 the minimum. */
  constructor(private readonly sign: 1 | -1, capacity: number) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(2, capacity)));
    this.ring = new Int32Array(size);
    this.mask = size - 1;
  }

  push(index: number, values: ArrayLike<number>): void {
    const v = this.sign * values[index]!;
    const ring = this.ring;
    const mask = this.mask;
    // Drop worse values from the back; keep equal ones, so the earliest of equals stays in front.
    while (this.size > 0 && v > this.sign * values[ring[(this.head + this.size - 1) & mask]!]!) this.size--;
    ring[(this.head + this.size) & mask] = index;
    this.size++;
  }

  front(oldest: number): number {
    const ring = this.ring;
    while (ring[this.head]! < oldest) {
      this.head = (this.head + 1) & this.mask;
      this.size--;
    }
    return ring[this.head]!;
  }

  save(): { ring: Int32Array; head: number; size: number } {
    return { ring: this.ring.slice(), head: this.head, size: this.size };
  }

  restore(saved: { ring: Int32Array; head: number; size: number }): void {
    this.ring = saved.ring;
    this.head = saved.head;
    this.size = saved.size;
  }
}

export class PivotDetector {
  private readonly highs: WindowExtreme;
  private readonly lows: WindowExtreme;

  constructor(readonly length: number) {
    // The deque holds bars of the window j-2n..j only: front() drops older ones on every push.
    this.highs = new WindowExtreme(1, 2 * length + 2);
    this.lows = new WindowExtreme(-1, 2 * length + 2);
  }

  /**
   * Feeds bar `j` (highs/lows hold bars 0..j). Returns which pivots bar j confirms at bar
   * j - length, as PIVOT_HIGH | PIVOT_LOW bits (0 on most bars; a number, so nothing is allocated).
   */
  push(j: number, highs: ArrayLike<number>, lows: ArrayLike<number>): number {
    this.highs.push(j, highs);
    this.lows.push(j, lows);
    const n = this.length;
    const i = j - n;
    if (i - n < 0) return 0; // a pivot needs its full left window
    return (this.highs.front(i - n) === i ? PIVOT_HIGH : 0) | (this.lows.front(i - n) === i ? PIVOT_LOW : 0);
  }

  save() {
    return { highs: this.highs.save(), lows: this.lows.save() };
  }

  restore(saved: ReturnType<PivotDetector['save']>): void {
    this.highs.restore(saved.highs);
    this.lows.restore(saved.lows);
  }
}
