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

export type SavedHeap<T> = { items: T[]; keys: Float64Array };

/**
 * The same heap for items ordered by a fixed numeric key (the SMC engine's open objects): each
 * key is read once, on push, and kept in a Float64Array beside its item, so the engine's
 * per-candle checks and sifts compare plain doubles instead of calling a key function (whose
 * boxed results were most of the batch's garbage). Sifts make the same comparisons as `Heap`,
 * so items come out in the same order, ties included.
 */
export class KeyedHeap<T> {
  private items: T[] = [];
  /** keys[i] is `sign × key(items[i])`: smallest first for both directions. */
  private keys: Float64Array = new Float64Array(16);

  /** `sign` 1: smallest key first; -1: largest first. */
  constructor(private readonly sign: 1 | -1, private readonly key: (item: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    if (i === this.keys.length) {
      const grown = new Float64Array(Math.max(16, 2 * i));
      grown.set(this.keys);
      this.keys = grown;
    }
    const keys = this.keys;
    const k = this.sign * this.key(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!(k < keys[parent]!)) break;
      items[i] = items[parent]!;
      keys[i] = keys[parent]!;
      i = parent;
    }
    items[i] = item;
    keys[i] = k;
  }

  pop(): T | undefined {
    const items = this.items;
    const keys = this.keys;
    const top = items[0];
    const last = items.pop();
    const n = items.length;
    if (n > 0 && last !== undefined) {
      const k = keys[n]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const child = l + 1 < n && keys[l + 1]! < keys[l]! ? l + 1 : l;
        if (!(keys[child]! < k)) break;
        items[i] = items[child]!;
        keys[i] = keys[child]!;
        i = child;
      }
      items[i] = last;
      keys[i] = k;
    }
    return top;
  }

  /** A copy, to restore after a preview. */
  save(): SavedHeap<T> {
    return { items: this.items.slice(), keys: this.keys.slice(0, this.items.length) };
  }

  restore(saved: SavedHeap<T>): void {
    this.items = saved.items;
    this.keys = saved.keys;
  }
}

export const minHeap = <T>(key: (item: T) => number) => new KeyedHeap<T>(1, key);
export const maxHeap = <T>(key: (item: T) => number) => new KeyedHeap<T>(-1, key);
