import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { aggregateCandles, bucketStart, parseCandleCsv } from '../../src/core/candles';
import type { Candle } from '../../src/core/types';

const data = (file: string) => gunzipSync(readFileSync(resolve(import.meta.dirname, '../../data', file))).toString('utf8');
const MIN = 60_000;

function expectSameBars(actual: readonly Candle[], expected: readonly Candle[]) {
  expect(actual.map((c) => [c.time, c.open, c.high, c.low, c.close])).toEqual(expected.map((c) => [c.time, c.open, c.high, c.low, c.close]));
  actual.forEach((c, i) => expect(Math.abs(c.volume - expected[i]!.volume)).toBeLessThan(1e-6));
}

describe('aggregateCandles on real Bybit data', () => {
  const bybit = (symbol: string, tf: string) => parseCandleCsv(data(`bybit-linear/${symbol}_${tf}.csv.gz`)).rows;

  it("BTCUSDT 5m → 15m equals Bybit's own 15m bars for the first 100 buckets", () => {
    const aggregated = aggregateCandles(bybit('BTCUSDT', '5m'), 5 * MIN, 15 * MIN, { dropIncomplete: true });
    expectSameBars(aggregated.slice(0, 100), bybit('BTCUSDT', '15m').slice(0, 100));
  });

  // The 15m, 1h and 4h files were fetched a little after the 5m ones: their last bar was still open
  // then and differs. Every complete bucket before it matches exactly.
  it.each([
    ['BTCUSDT', '15m', 15], ['ETHUSDT', '15m', 15], ['BTCUSDT', '60m', 60], ['ETHUSDT', '60m', 60],
    ['BTCUSDT', '240m', 240], ['ETHUSDT', '240m', 240],
  ] as const)('%s 5m → %s matches every bar of the real file but its last, still-open one', (symbol, tf, minutes) => {
    const real = bybit(symbol, tf);
    const byTime = new Map(aggregateCandles(bybit(symbol, '5m'), 5 * MIN, minutes * MIN).map((c) => [c.time, c]));
    const aggregated = real.map((c) => byTime.get(c.time)!);
    expectSameBars(aggregated.slice(0, -1), real.slice(0, -1));
    expect(aggregated.at(-1)!.close).not.toBe(real.at(-1)!.close);
  });

  it('keeps partial first and last buckets unless told to drop them', () => {
    const five = bybit('BTCUSDT', '5m');
    const all = aggregateCandles(five, 5 * MIN, 15 * MIN);
    const complete = aggregateCandles(five, 5 * MIN, 15 * MIN, { dropIncomplete: true });
    expect(all).toHaveLength(8_641);
    expect(complete).toHaveLength(8_639);
    // 17:05 and 17:10 make a two-bar bucket opening at 17:00.
    expect(all[0]).toEqual({ time: Date.parse('2025-04-03T17:00:00Z'), open: 81794.8, high: 81998.1, low: 81714.5, close: 81800.3, volume: 317.956 + 128.285 });
    expect(complete[0]!.time).toBe(Date.parse('2025-04-03T17:15:00Z'));
    expect(all.at(-1)!.time).toBe(Date.parse('2025-07-02T17:00:00Z'));
    expect(complete.at(-1)!.time).toBe(Date.parse('2025-07-02T16:45:00Z'));
  });
});

describe('aggregateCandles', () => {
  const bar = (minute: number, price: number, taker?: number): Candle => ({
    time: minute * MIN, open: price, high: price + 1, low: price - 1, close: price + 0.5, volume: 2,
    ...(taker === undefined ? {} : { takerBuyVolume: taker }),
  });

  it('sums taker-buy volume only where every bar of the bucket has it', () => {
    const out = aggregateCandles([bar(0, 10, 1), bar(1, 11, 1.5), bar(2, 12, 0.5), bar(3, 9, 1), bar(4, 8)], MIN, 3 * MIN);
    expect(out).toEqual([
      { time: 0, open: 10, high: 13, low: 9, close: 12.5, volume: 6, takerBuyVolume: 3 },
      { time: 3 * MIN, open: 9, high: 10, low: 7, close: 8.5, volume: 4 },
    ]);
  });

  it('a bucket with a gap is incomplete', () => {
    const bars = [bar(0, 10), bar(2, 10), bar(3, 10), bar(4, 10), bar(5, 10)];
    expect(aggregateCandles(bars, MIN, 3 * MIN, { dropIncomplete: true }).map((c) => c.time)).toEqual([3 * MIN]);
    expect(aggregateCandles(bars, MIN, 3 * MIN).map((c) => c.time)).toEqual([0, 3 * MIN]);
  });

  it('the same length gives copies of the input', () => {
    const bars = [bar(0, 10, 1), bar(1, 11)];
    const out = aggregateCandles(bars, MIN, MIN);
    expect(out).toEqual(bars);
    expect(out[0]).not.toBe(bars[0]);
  });

  it('weekly buckets open on Mondays 00:00 UTC, days at midnight', () => {
    const WEEK = 7 * 1440 * MIN;
    expect(new Date(bucketStart(Date.parse('2025-04-03T17:05:00Z'), WEEK)).toISOString()).toBe('2025-03-31T00:00:00.000Z');
    expect(new Date(bucketStart(Date.parse('2025-03-31T00:00:00Z'), WEEK)).toISOString()).toBe('2025-03-31T00:00:00.000Z');
    expect(new Date(bucketStart(Date.parse('2025-04-03T17:05:00Z'), 1440 * MIN)).toISOString()).toBe('2025-04-03T00:00:00.000Z');
    expect(new Date(bucketStart(Date.parse('2025-04-03T17:05:00Z'), 240 * MIN)).toISOString()).toBe('2025-04-03T16:00:00.000Z');
  });

  it('refuses a target that is not a whole multiple, and unordered input', () => {
    expect(() => aggregateCandles([], 5 * MIN, 7 * MIN)).toThrow(RangeError);
    expect(() => aggregateCandles([], 5 * MIN, MIN)).toThrow(RangeError);
    expect(() => aggregateCandles([], 0, MIN)).toThrow(RangeError);
    expect(() => aggregateCandles([bar(1, 1), bar(0, 1)], MIN, 3 * MIN)).toThrow(/out of order/);
    expect(() => aggregateCandles([bar(1, 1), bar(1, 1)], MIN, 3 * MIN)).toThrow(/out of order/);
    expect(aggregateCandles([], MIN, 3 * MIN)).toEqual([]);
  });
});
