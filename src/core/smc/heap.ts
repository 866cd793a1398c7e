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
    // Sift up: move parents down until the item's place is found, then write it once.
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(item, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      // Sift down: move the earlier child up until `last` fits, then write it once.
      const n = items.length;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const child = l + 1 < n && this.before(items[l + 1]!, items[l]!) ? l + 1 : l;
        if (!this.before(items[child]!, last)) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
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
