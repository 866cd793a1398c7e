/**
 * The rules a feed's first load from the store goes by (src/background/candleWindow.ts): which
 * stored bars it may start from, how coverage grows, and that a fetched gap joins or is refused.
 * Hand-built bars (synthetic: the edge cases are the point), one minute apart.
 */
import { describe, expect, it } from 'vitest';
import { isSoundCandle, joinGap, storedWindow, unite } from '../../src/background/candleWindow';
import type { Candle } from '../../src/core/types';

const M = 60_000;
const bar = (i: number, close = 100): Candle => ({ time: i * M, open: 100, high: Math.max(101, close), low: Math.min(99, close), close, volume: 1 });
const bars = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => bar(from + k));

describe('storedWindow', () => {
  const rows = bars(0, 9);

  it('gives the stored bars from the window start to the newest covered bar, where coverage reaches back to the window', () => {
    expect(storedWindow(rows, { from: 0, to: 9 * M }, 4 * M)?.map((c) => c.time / M)).toEqual([4, 5, 6, 7, 8, 9]);
    // Bars stored after the covered span (not known to join) are left to the gap fetch.
    expect(storedWindow(rows, { from: 0, to: 7 * M }, 4 * M)?.map((c) => c.time / M)).toEqual([4, 5, 6, 7]);
  });

  it('accepts a window older than the coverage only where the exchange has nothing older (its first bar is covered)', () => {
    expect(storedWindow(rows.slice(3), { from: 2 * M, to: 9 * M }, 0)).toBeNull();
    expect(storedWindow(rows.slice(3), { from: 2 * M, to: 9 * M, start: 3 * M }, 0)?.map((c) => c.time / M)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(storedWindow(rows.slice(3), { from: 4 * M, to: 9 * M, start: 3 * M }, 0)).toBeNull();
  });

  it('refuses a store without coverage, or without the newest covered bar', () => {
    expect(storedWindow(rows, undefined, 0)).toBeNull();
    expect(storedWindow(rows.slice(0, 8), { from: 0, to: 9 * M }, 0)).toBeNull();
    // The whole window lies after the covered span: nothing stored to start from.
    expect(storedWindow(rows, { from: 0, to: 9 * M }, 10 * M)).toBeNull();
  });

  it('refuses the window when one stored bar is unsound or out of order (the exchange loads it afresh)', () => {
    const broken: Candle[][] = [
      [...rows.slice(0, 5), { ...bar(5), high: 98 }, ...rows.slice(6)],
      [...rows.slice(0, 5), { ...bar(5), close: Number.NaN }, ...rows.slice(6)],
      [...rows.slice(0, 5), { ...bar(5), volume: -1 }, ...rows.slice(6)],
      [...rows.slice(0, 5), { ...bar(5), low: 0, open: 0 }, ...rows.slice(6)],
      [...rows.slice(0, 5), { ...bar(5), time: 5 * M + 0.5 }, ...rows.slice(6)],
      [...rows.slice(0, 5), bar(4), ...rows.slice(6)],
    ];
    for (const stored of broken) expect(storedWindow(stored, { from: 0, to: 9 * M }, 0)).toBeNull();
    expect(storedWindow(rows, { from: 0, to: 9 * M }, 0)).toHaveLength(10);
  });
});

describe('isSoundCandle', () => {
  it('takes what an exchange sends and nothing a broken row could hold', () => {
    expect(isSoundCandle(bar(1))).toBe(true);
    expect(isSoundCandle({ ...bar(1), volume: 0 })).toBe(true);
    expect(isSoundCandle({ ...bar(1), open: 102 })).toBe(false);
    expect(isSoundCandle({ ...bar(1), low: -1 })).toBe(false);
    expect(isSoundCandle({ ...bar(1), time: -M })).toBe(false);
    expect(isSoundCandle({ ...bar(1), volume: Number.POSITIVE_INFINITY })).toBe(false);
  });
});

describe('unite', () => {
  it('joins spans that overlap or touch, keeps the exchange\'s first bar, and lets a newer run apart replace the old span', () => {
    expect(unite(undefined, { from: 0, to: 5 * M }, M)).toEqual({ from: 0, to: 5 * M });
    expect(unite({ from: 0, to: 5 * M }, { from: 6 * M, to: 9 * M }, M)).toEqual({ from: 0, to: 9 * M });
    expect(unite({ from: 4 * M, to: 5 * M }, { from: 0, to: 9 * M, start: 0 }, M)).toEqual({ from: 0, to: 9 * M, start: 0 });
    expect(unite({ from: 0, to: 5 * M, start: 0 }, { from: 3 * M, to: 7 * M }, M)).toEqual({ from: 0, to: 7 * M, start: 0 });
    // A hole between: the newer run is what a feed can start from.
    expect(unite({ from: 0, to: 5 * M }, { from: 8 * M, to: 9 * M }, M)).toEqual({ from: 8 * M, to: 9 * M });
    expect(unite({ from: 8 * M, to: 9 * M }, { from: 0, to: 5 * M }, M)).toEqual({ from: 8 * M, to: 9 * M });
  });
});

describe('joinGap', () => {
  it('joins a gap fetched from the newest stored bar, which takes the exchange\'s values', () => {
    const joined = joinGap(bars(0, 5), [bar(5, 104), bar(6), bar(7)]);
    expect(joined?.map((c) => c.time / M)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(joined?.[5]!.close).toBe(104);
  });

  it('refuses a gap that leaves a hole after the stored bars, or that brought nothing', () => {
    expect(joinGap(bars(0, 5), [bar(7), bar(8)])).toBeNull();
    expect(joinGap(bars(0, 5), [])).toBeNull();
    expect(joinGap([], [bar(1)])).toBeNull();
  });
});
