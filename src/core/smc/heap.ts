/**
 * A binary heap of small integers (an index into the owner's own columns or lists, or a price
 * bucket) by a numeric key, for "every open object that this candle reaches": the owner pops
 * while the top key is reached, so each object costs O(log n) once, never a scan.
 *
 * Keys and values live in typed arrays side by side: a push or a sift moves plain numbers, the
 * owner compares `keys[0]` against a price without reading an object, and nothing is allocated
 * per item (an array of objects keyed by a key function made most of the SMC batch's garbage and
 * calls). Ties come out in the order of the classic sift (moving parents down, the earlier child
 * up, each only while strictly before), which decides which object an event reaches first.
 */
export type SavedHeap = { keys: Float64Array; values: Int32Array };

export class Heap {
  /**
   * The key of each value; `keys[0]` is the top's, and when the heap is empty a key no price
   * reaches (-Infinity in a 'max' heap, Infinity in a 'min' one), so an owner's check of a
   * candle against `keys[0]` needs no check of `size` first. Owners read it in place: a method
   * returning it, where V8 does not inline the call, boxes the double (an allocation per candle
   * and heap). Replaced as it grows: read `heap.keys`, never keep it.
   */
  keys = new Float64Array(16);
  private values = new Int32Array(16);
  size = 0;
  private readonly max: boolean;
  /** `keys[0]` of the empty heap. */
  private readonly none: number;

  /** `order` 'min': smallest key first; 'max': largest first. */
  constructor(order: 'min' | 'max') {
    this.max = order === 'max';
    this.none = this.max ? -Infinity : Infinity;
    this.keys[0] = this.none;
  }

  /** The top value (check `size` first). */
  top(): number {
    return this.values[0]!;
  }

  push(value: number, key: number): void {
    let i = this.size++;
    if (i === this.keys.length) this.grow(2 * i);
    const keys = this.keys;
    const values = this.values;
    const k = key;
    const max = this.max;
    // Sift up: move parents down until the place is found, then write once.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!(max ? k > keys[parent]! : k < keys[parent]!)) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = k;
    values[i] = value;
  }

  /** Removes and returns the top value (check `size` first). */
  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const top = values[0]!;
    const n = --this.size;
    const max = this.max;
    if (n > 0) {
      // Sift down the last: move the earlier child up until it fits, then write once. Its key
      // stays at keys[n] meanwhile, so a right child at n (past the heap) is never moved up: the
      // child is picked without checking it is in the heap, and as a number, not a branch (which
      // child is first is a coin toss for the CPU).
      const k = keys[n]!;
      const v = values[n]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const child = l + +(max ? keys[l + 1]! > keys[l]! : keys[l + 1]! < keys[l]!);
        if (!(max ? keys[child]! > k : keys[child]! < k)) break;
        keys[i] = keys[child]!;
        values[i] = values[child]!;
        i = child;
      }
      keys[i] = k;
      values[i] = v;
    } else {
      keys[0] = this.none;
    }
    return top;
  }

  clear(): void {
    this.size = 0;
    this.keys[0] = this.none;
  }

  /** A copy, to restore after a preview. */
  save(): SavedHeap {
    return { keys: this.keys.slice(0, this.size), values: this.values.slice(0, this.size) };
  }

  restore(saved: SavedHeap): void {
    this.size = 0;
    if (saved.keys.length > this.keys.length) this.grow(saved.keys.length);
    this.keys.set(saved.keys);
    this.values.set(saved.values);
    this.size = saved.keys.length;
    if (this.size === 0) this.keys[0] = this.none;
  }

  private grow(capacity: number): void {
    const keys = new Float64Array(Math.max(16, capacity));
    keys.set(this.keys.subarray(0, this.size));
    const values = new Int32Array(keys.length);
    values.set(this.values.subarray(0, this.size));
    this.keys = keys;
    this.values = values;
  }
}
