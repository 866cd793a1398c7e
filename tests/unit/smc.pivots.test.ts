/**
 * The pivot checks (src/core/smc/pivots.ts) against the definition written out, bar by bar, on
 * real bars: for length triples that take each path (equal lengths, the shortest or the middle
 * ring past the branchless bound, the swing length not the longest), in one batch and one bar at a
 * time with a different bar pushed first and taken back, as a preview does.
 */
import { describe, expect, it } from 'vitest';
import { Extremes, PIVOT_HIGH, PIVOT_LOW, pivotBits } from '../../src/core/smc/pivots';
import { realCandles } from './smcFixtures';

const candles = realCandles('data/smc-peer-eurusd/EURUSD_15M.csv.gz').slice(0, 4000);
const high = Float64Array.from(candles, (c) => c.high);
const low = Float64Array.from(candles, (c) => c.low);

/** The definition: bar j - n is higher than each of the n bars before it and at least as high as each of the n after (lows alike). */
function naive(j: number, lengths: readonly number[]): number {
  let found = 0;
  lengths.forEach((n, k) => {
    const i = j - n;
    if (i - n < 0) return;
    let isHigh = true;
    let isLow = true;
    for (let d = 1; d <= n; d++) {
      if (!(high[i - d]! < high[i]! && high[i + d]! <= high[i]!)) isHigh = false;
      if (!(low[i - d]! > low[i]! && low[i + d]! >= low[i]!)) isLow = false;
    }
    found |= pivotBits(k, (isHigh ? PIVOT_HIGH : 0) | (isLow ? PIVOT_LOW : 0));
  });
  return found;
}

const LENGTHS: number[][] = [[50, 5, 3], [5, 5, 3], [20, 3, 5], [12, 30, 10], [3, 3, 3], [1, 2, 20], [40, 2, 14]];

describe('pivot checks', () => {
  it.each(LENGTHS)('match the definition on every bar, lengths %i/%i/%i, batch and bar by bar with previews', (...lengths) => {
    const expected = Array.from({ length: candles.length }, (_, j) => naive(j, lengths));
    expect(expected.filter((bits) => bits !== 0).length).toBeGreaterThan(100);

    const batch = new Extremes(lengths);
    batch.reserve(candles.length, 0);
    batch.pushRange(0, candles.length, high, low);
    expect(Array.from({ length: candles.length }, (_, j) => batch.confirmedAt(j))).toEqual(expected);

    // One bar at a time; before each 3rd bar, a preview: a made-up bar there (a new extreme, which
    // ends pivots, or a bar inside every other, which lets more through: either writes pivots of
    // its own), then the real one pushed in its place.
    const one = new Extremes(lengths);
    one.reserve(candles.length, 0);
    const h = new Float64Array(candles.length);
    const l = new Float64Array(candles.length);
    const got: number[] = [];
    for (let j = 0; j < candles.length; j++) {
      if (j % 3 === 0) {
        const outside = j % 2 === 0;
        h[j] = outside ? high[j]! + 0.01 : 0;
        l[j] = outside ? low[j]! - 0.01 : 1e9;
        one.push(j, h, l);
      }
      h[j] = high[j]!;
      l[j] = low[j]!;
      one.push(j, h, l);
      got.push(one.confirmedAt(j));
    }
    expect(got).toEqual(expected);
  });

  it('takes exactly three lengths', () => {
    expect(() => new Extremes([5, 3])).toThrow(RangeError);
  });
});
