import { describe, expect, it } from 'vitest';
import { Heap } from '../../src/core/smc/heap';

/** Pushes and pops interleaved, keys with many ties (ties decide which object an event reaches first). */
function script(seed: number): { keys: number[]; popsAfter: number[] } {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const keys: number[] = [];
  const popsAfter: number[] = [];
  for (let value = 0; value < 500; value++) {
    keys.push(Math.floor(next() * 40) / 4);
    popsAfter.push(next() < 0.4 ? Math.floor(next() * 3) : 0);
  }
  return { keys, popsAfter };
}

/**
 * The textbook binary heap by comparator, swapping as it sifts: the order the SMC engine's
 * objects were reached in before the heap held numbers (the golden digests were taken then).
 */
class ReferenceHeap {
  private readonly items: { value: number; key: number }[] = [];
  constructor(private readonly before: (a: number, b: number) => boolean) {}
  get size() {
    return this.items.length;
  }
  push(value: number, key: number) {
    const a = this.items;
    a.push({ value, key });
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i]!.key, a[p]!.key)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!.value;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && this.before(a[l + 1]!.key, a[l]!.key) ? l + 1 : l;
        if (!this.before(a[c]!.key, a[i]!.key)) break;
        [a[i], a[c]] = [a[c]!, a[i]!];
        i = c;
      }
    }
    return top;
  }
}

function drain(heap: { push(value: number, key: number): void; pop(): number; size: number }, { keys, popsAfter }: ReturnType<typeof script>): number[] {
  const out: number[] = [];
  keys.forEach((key, value) => {
    heap.push(value, key);
    for (let k = 0; k < popsAfter[value]! && heap.size > 0; k++) out.push(heap.pop());
  });
  while (heap.size > 0) out.push(heap.pop());
  return out;
}

describe('Heap (the SMC engine\'s open objects, the heatmap\'s buckets)', () => {
  it('pops in the same order as the textbook comparator heap, ties included, for both directions', () => {
    for (const seed of [1, 2, 3]) {
      const s = script(seed);
      const byMin = drain(new Heap('min'), s);
      expect(byMin).toEqual(drain(new ReferenceHeap((a, b) => a < b), s));
      expect(byMin).toHaveLength(500);
      expect(drain(new Heap('max'), s)).toEqual(drain(new ReferenceHeap((a, b) => a > b), s));
    }
  });

  it('gives the top key in its own sign, largest first for max', () => {
    const heap = new Heap('max');
    for (const key of [3, -2, 7.5, 0]) heap.push(key * 10, key);
    expect([heap.keys[0], heap.top()]).toEqual([7.5, 75]);
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toEqual([75, 30, 0, -20]);
    expect(heap.size).toBe(0);
  });

  it('when empty, has a top key no price reaches (its owners check a candle against it without checking the size)', () => {
    for (const [order, none] of [['max', -Infinity], ['min', Infinity]] as const) {
      const heap = new Heap(order);
      expect(heap.keys[0]).toBe(none);
      heap.push(1, 5);
      expect(heap.keys[0]).toBe(5);
      heap.pop();
      expect(heap.keys[0]).toBe(none);
      const empty = heap.save();
      for (let value = 0; value < 40; value++) heap.push(value, value);
      heap.restore(empty);
      expect(heap.keys[0]).toBe(none);
      heap.push(2, 6);
      heap.clear();
      expect(heap.keys[0]).toBe(none);
    }
  });

  it('restores what it saved, also when saved empty and grown past its room since', () => {
    const heap = new Heap('min');
    const empty = heap.save();
    for (let value = 0; value < 40; value++) heap.push(value, 40 - value);
    heap.restore(empty);
    expect(heap.size).toBe(0);
    for (let value = 0; value < 40; value++) heap.push(value, (value * 7) % 40);
    const saved = heap.save();
    const first = drain(heap, { keys: [], popsAfter: [] });
    heap.restore(saved);
    expect(drain(heap, { keys: [], popsAfter: [] })).toEqual(first);
    expect(first.map((value) => (value * 7) % 40)).toEqual([...Array(40).keys()]);
  });
});
