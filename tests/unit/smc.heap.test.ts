import { describe, expect, it } from 'vitest';
import { Heap, maxHeap, minHeap } from '../../src/core/smc/heap';

interface Item {
  id: number;
  price: number;
}

/** Pushes and pops interleaved, prices with many ties (ties decide which object an event reaches first). */
function script(seed: number): { push: Item[]; popsAfter: number[] } {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const push: Item[] = [];
  const popsAfter: number[] = [];
  for (let id = 0; id < 500; id++) {
    push.push({ id, price: Math.floor(next() * 40) / 4 });
    popsAfter.push(next() < 0.4 ? Math.floor(next() * 3) : 0);
  }
  return { push, popsAfter };
}

function drain(heap: { push(item: Item): void; pop(): Item | undefined; size: number }, { push, popsAfter }: ReturnType<typeof script>): number[] {
  const out: number[] = [];
  push.forEach((item, i) => {
    heap.push(item);
    for (let k = 0; k < popsAfter[i]! && heap.size > 0; k++) out.push(heap.pop()!.id);
  });
  while (heap.size > 0) out.push(heap.pop()!.id);
  return out;
}

describe('KeyedHeap (the SMC engine\'s open objects)', () => {
  it('pops in the same order as the comparator heap, ties included, for both directions', () => {
    for (const seed of [1, 2, 3]) {
      const s = script(seed);
      const byMin = drain(minHeap<Item>((e) => e.price), s);
      expect(byMin).toEqual(drain(new Heap<Item>((a, b) => a.price < b.price), s));
      expect(byMin).toHaveLength(500);
      expect(drain(maxHeap<Item>((e) => e.price), s)).toEqual(drain(new Heap<Item>((a, b) => a.price > b.price), s));
    }
  });

  it('restores what it saved, also when saved empty and grown past its room since', () => {
    const heap = minHeap<Item>((e) => e.price);
    const empty = heap.save();
    for (let id = 0; id < 40; id++) heap.push({ id, price: 40 - id });
    heap.restore(empty);
    expect(heap.size).toBe(0);
    for (let id = 0; id < 40; id++) heap.push({ id, price: (id * 7) % 40 });
    const saved = heap.save();
    const first = drain(heap, { push: [], popsAfter: [] });
    heap.restore(saved);
    expect(drain(heap, { push: [], popsAfter: [] })).toEqual(first);
    expect(first.map((id) => (id * 7) % 40)).toEqual([...Array(40).keys()]);
  });
});
