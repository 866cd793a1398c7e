/**
 * Causal pivot detection. A pivot high at bar i: high[i] is the highest of bars i-n..i+n (of
 * equal highs, the earliest wins). It can only be known at bar i+n, and that is when it is
 * reported. Sliding-window maxima with monotonic deques: O(1) per bar for any n.
 */
export interface Pivot {
  kind: 'high' | 'low';
  index: number;
  price: number;
}

class WindowExtreme {
  /** Indices whose values are strictly decreasing (for max): the front is the earliest maximum. */
  private deque: number[] = [];
  private head = 0;

  constructor(private readonly better: (a: number, b: number) => boolean) {}

  push(index: number, values: ArrayLike<number>): void {
    const v = values[index]!;
    // Drop worse values from the back; keep equal ones, so the earliest of equals stays in front.
    while (this.deque.length > this.head && this.better(v, values[this.deque[this.deque.length - 1]!]!)) this.deque.pop();
    this.deque.push(index);
  }

  front(oldest: number): number {
    while (this.deque[this.head]! < oldest) this.head++;
    if (this.head > 1024 && this.head * 2 > this.deque.length) {
      this.deque = this.deque.slice(this.head);
      this.head = 0;
    }
    return this.deque[this.head]!;
  }

  save(): { deque: number[]; head: number } {
    return { deque: this.deque.slice(this.head), head: 0 };
  }

  restore(saved: { deque: number[]; head: number }): void {
    this.deque = saved.deque;
    this.head = saved.head;
  }
}

export class PivotDetector {
  private readonly highs = new WindowExtreme((a, b) => a > b);
  private readonly lows = new WindowExtreme((a, b) => a < b);

  constructor(readonly length: number) {}

  /** Feeds bar `j` (highs/lows hold bars 0..j); returns the pivots bar j confirms (at j - length). */
  push(j: number, highs: ArrayLike<number>, lows: ArrayLike<number>, out: Pivot[]): void {
    this.highs.push(j, highs);
    this.lows.push(j, lows);
    const n = this.length;
    const i = j - n;
    if (i - n < 0) return; // a pivot needs its full left window
    if (this.highs.front(i - n) === i) out.push({ kind: 'high', index: i, price: highs[i]! });
    if (this.lows.front(i - n) === i) out.push({ kind: 'low', index: i, price: lows[i]! });
  }

  save() {
    return { highs: this.highs.save(), lows: this.lows.save() };
  }

  restore(saved: ReturnType<PivotDetector['save']>): void {
    this.highs.restore(saved.highs);
    this.lows.restore(saved.lows);
  }
}
