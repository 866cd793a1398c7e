/**
 * A binary heap of items by a numeric key, for "every open object that this candle reaches":
 * the engine pops while the top is reached, so each object costs O(log n) once, never a scan.
 */
export class Heap<T> {
  private items: T[] = [];

  /** `before(a, b)`: a comes out first. */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < items.length && this.before(items[l]!, items[best]!)) best = l;
        if (r < items.length && this.before(items[r]!, items[best]!)) best = r;
        if (best === i) break;
        [items[i], items[best]] = [items[best]!, items[i]!];
        i = best;
      }
    }
    return top;
  }

  /** Every item, in no particular order (for removal by id and for previews). */
  values(): readonly T[] {
    return this.items;
  }

  /** A copy, to restore after a preview. */
  save(): T[] {
    return this.items.slice();
  }

  restore(items: T[]): void {
    this.items = items;
  }

  removeWhere(match: (item: T) => boolean): void {
    const kept = this.items.filter((item) => !match(item));
    this.items = [];
    for (const item of kept) this.push(item);
  }
}

export const minHeap = <T>(key: (item: T) => number) => new Heap<T>((a, b) => key(a) < key(b));
export const maxHeap = <T>(key: (item: T) => number) => new Heap<T>((a, b) => key(a) > key(b));
