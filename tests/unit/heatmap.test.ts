/**
 * The liquidation heatmap model: the formula against Binance's documented one, consumption,
 * the long/short split, aggregation, both estimators on the real files, batch = incremental,
 * the grid against the state it claims to show, the scorer and magnet zones.
 */
import { describe, expect, it } from 'vitest';
import { parseCandleCsv, parseOpenInterestCsv } from '../../src/core/candles';
import { parseLiquidationCsv } from '../../src/exchanges/liquidationCsv';
import {
  aggregateProfiles, confirmClusters, HeatmapEngine, inTopQuartile, liquidationPrice, magnetOutcomes, MagnetTracker, PriceBuckets, runHeatmap, scoreHeatmap, type Cluster,
} from '../../src/core/heatmap';
import type { Candle, ExchangeId } from '../../src/core/types';
import { readData } from './dataFiles';

const WINDOW = 'binance-usdm/window-2023-11-27';
const windowCandles = parseCandleCsv(readData(`${WINDOW}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`)).rows;
const windowOi = (() => {
  const byTime = new Map(parseOpenInterestCsv(readData(`${WINDOW}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`)).rows.map((r) => [r.time, r.openInterest]));
  return windowCandles.map((c) => byTime.get(c.time));
})();
const windowPrints = parseLiquidationCsv(readData(`${WINDOW}/BTCUSDT_forceOrder_liquidations.csv.gz`), 'binance').rows;
const bybitBtc = parseCandleCsv(readData('bybit-linear/BTCUSDT_5m.csv.gz')).rows;

const bar = (time: number, open: number, high: number, low: number, close: number, volume = 100, takerBuyVolume?: number): Candle => ({
  time, open, high, low, close, volume, ...(takerBuyVolume !== undefined ? { takerBuyVolume } : {}),
});

describe('liquidation price', () => {
  /** Binance's documented formula for one isolated position: (WB − TMM + cum − side·Q·E) / (Q·MMR − side·Q). */
  function binance(side: 1 | -1, entry: number, leverage: number, mmr: number, quantity = 2.5): number {
    const walletBalance = (quantity * entry) / leverage;
    return (walletBalance - 0 + 0 - side * quantity * entry) / (quantity * mmr - side * quantity);
  }

  it.each([[10, 0.004], [25, 0.005], [50, 0.0065], [100, 0.01], [125, 0.004]])('equals Binance\'s for an isolated position at %ix, mmr %f', (leverage, mmr) => {
    expect(liquidationPrice('long', 37_500, leverage, mmr)).toBeCloseTo(binance(1, 37_500, leverage, mmr), 6);
    expect(liquidationPrice('short', 37_500, leverage, mmr)).toBeCloseTo(binance(-1, 37_500, leverage, mmr), 6);
  });

  it('puts a 10x long at 10,000 near 9,036 and a short near 10,956', () => {
    expect(liquidationPrice('long', 10_000, 10, 0.004)).toBeCloseTo(9_036.14, 2);
    expect(liquidationPrice('short', 10_000, 10, 0.004)).toBeCloseTo(10_956.18, 2);
  });
});

describe('price buckets', () => {
  it('are the same share of price for BTC and a small coin', () => {
    const b = new PriceBuckets(10);
    for (const price of [90_000, 0.05]) {
      const i = b.index(price);
      expect(b.low(i)).toBeLessThanOrEqual(price);
      expect(b.low(i + 1)).toBeGreaterThan(price);
      expect(b.low(i + 1) / b.low(i)).toBeCloseTo(1.001, 9);
    }
  });
});

describe('open-interest estimator', () => {
  const T = Date.UTC(2026, 0, 1);
  const M = 60_000;

  it('adds rising open interest at each tier\'s liquidation price, split by taker buying', () => {
    const e = new HeatmapEngine('oi', { leverage: [{ leverage: 10, weight: 1 }] });
    e.append(bar(T, 100, 101, 99, 100), 1_000);
    const step = e.append(bar(T + M, 100, 101, 99, 100, 100, 80), 1_010); // +10 coins at typical 100 = 1,000 USDT; 80 % taker buys
    expect(step.added.long).toBeCloseTo(800, 6);
    expect(step.added.short).toBeCloseTo(200, 6);
    const profile = e.profile();
    const long = profile.find((b) => b.long > 0)!;
    const short = profile.find((b) => b.short > 0)!;
    expect(e.buckets.index(long.price)).toBe(e.buckets.index(liquidationPrice('long', 100, 10, 0.004)));
    expect(e.buckets.index(short.price)).toBe(e.buckets.index(liquidationPrice('short', 100, 10, 0.004)));
  });

  it('without taker volume, splits by the candle\'s direction: a close at the high opened longs only', () => {
    const e = new HeatmapEngine('oi');
    e.append(bar(T, 100, 101, 99, 100), 1_000);
    expect(e.append(bar(T + M, 99, 101, 99, 101), 1_010).added.short).toBe(0);
  });

  it('consumes a level the candle reaches, and only that one', () => {
    const e = new HeatmapEngine('oi', { leverage: [{ leverage: 10, weight: 0.5 }, { leverage: 50, weight: 0.5 }] });
    e.append(bar(T, 100, 100.5, 99.5, 100), 1_000);
    e.append(bar(T + M, 100, 100.5, 99.5, 100), 1_100); // longs at ~90.4 (10x) and ~98.4 (50x)
    const before = e.totals().long;
    const step = e.append(bar(T + 2 * M, 100, 100.2, 98.0, 99), 1_100); // reaches the 50x level only
    expect(step.consumed.long).toBeCloseTo(before / 2, 6);
    expect(e.totals().long).toBeCloseTo(before / 2, 6);
    expect(e.profile().filter((b) => b.long > 0).every((b) => b.price < 98)).toBe(true);
  });

  it('removes falling open interest from every level by the share of all open interest that closed', () => {
    const e = new HeatmapEngine('oi');
    e.append(bar(T, 100, 100.5, 99.5, 100), 1_000);
    e.append(bar(T + M, 100, 100.5, 99.5, 100), 1_100); // +100 coins ≈ 10,000 USDT modelled
    const before = e.totals();
    e.append(bar(T + 2 * M, 100, 100.5, 99.5, 100), 825); // −275 coins: a quarter of all open interest
    const after = e.totals();
    expect(after.long / before.long).toBeCloseTo(0.75, 6);
    expect(after.short / before.short).toBeCloseTo(0.75, 6);
    // The drop (27,500 USDT) is larger than the modelled book, which is not wiped: it is not all the positions there are.
    expect(after.long).toBeGreaterThan(0);
  });

  it('on the recorded Binance day: longs only below the last candle, shorts only above, clusters on both sides', () => {
    const e = runHeatmap('oi', windowCandles, windowOi);
    const last = windowCandles.at(-1)!;
    const profile = e.profile();
    expect(profile.filter((b) => b.long > 0).every((b) => b.price < last.low)).toBe(true);
    expect(profile.filter((b) => b.short > 0).every((b) => b.price > last.high)).toBe(true);
    const clusters = e.clusters();
    expect(clusters.some((c) => c.side === 'long' && c.distancePct < 0)).toBe(true);
    expect(clusters.some((c) => c.side === 'short' && c.distancePct > 0)).toBe(true);
    expect(clusters.every((c) => c.ageMs >= 0 && c.share > 0 && c.share <= 1)).toBe(true);
  });
});

describe('volume estimator', () => {
  it('on 90 days of Bybit BTC 5m: the same sides, fading levels, clusters with ages', () => {
    const e = runHeatmap('volume', bybitBtc);
    expect(e.estimator).toBe('volume');
    const last = bybitBtc.at(-1)!;
    const profile = e.profile();
    expect(profile.filter((b) => b.long > 0).every((b) => b.price < last.low)).toBe(true);
    expect(profile.filter((b) => b.short > 0).every((b) => b.price > last.high)).toBe(true);
    const clusters = e.clusters({ limit: 5 });
    expect(clusters.filter((c) => c.side === 'long')).toHaveLength(5);
    expect(Math.max(...clusters.map((c) => c.ageMs))).toBeLessThan(90 * 86_400_000);
  });
});

describe('incremental = batch', () => {
  it('at every 500th candle of the Binance day, the running engine equals a batch over the prefix', () => {
    const running = new HeatmapEngine('oi');
    windowCandles.forEach((c, i) => {
      running.append(c, windowOi[i]);
      if (i % 500 === 499) {
        const batch = runHeatmap('oi', windowCandles.slice(0, i + 1), windowOi.slice(0, i + 1));
        expect(running.profile()).toEqual(batch.profile());
        expect(running.clusters()).toEqual(batch.clusters());
      }
    });
  });

  it('each column of the grid is the profile as it was after that candle', () => {
    const candles = bybitBtc.slice(0, 1_200);
    const e = runHeatmap('volume', candles, undefined, { gridHistory: 300 });
    const price = candles.at(-1)!.close;
    const grid = e.grid(1_000, 1_199, price * 0.9, price * 1.1);
    expect(grid.columns).toHaveLength(200);
    for (const index of [1_000, 1_077, 1_199]) {
      const then = runHeatmap('volume', candles.slice(0, index + 1));
      const column = grid.columns.indexOf(index);
      const byRow = new Map(then.profile().map((b) => [then.buckets.index(b.price) - e.buckets.index(price * 0.9), b]));
      grid.long[column]!.forEach((n, row) => expect(n).toBeCloseTo(byRow.get(row)?.long ?? 0, 6));
      grid.short[column]!.forEach((n, row) => expect(n).toBeCloseTo(byRow.get(row)?.short ?? 0, 6));
    }
  });
});

describe('aggregation and confirmation', () => {
  it('normalises each exchange\'s profile and weights it by its open interest', () => {
    const agg = aggregateProfiles([
      { exchange: 'binance', openInterestValue: 300, profile: [{ price: 1, long: 10, short: 0 }, { price: 2, long: 0, short: 30 }] },
      { exchange: 'bybit', openInterestValue: 100, profile: [{ price: 2, long: 0, short: 5 }] },
    ]);
    expect(agg).toEqual([{ price: 1, long: 75, short: 0 }, { price: 2, long: 0, short: 225 + 100 }]);
  });

  it('confirms a cluster only where the other exchange has one of the same side nearby', () => {
    const c = (side: 'long' | 'short', price: number): Cluster => ({ side, price, notional: 1, distancePct: 0, ageMs: 0, share: 1, low: price * 0.997, high: price * 1.003 });
    const out = confirmClusters({ binance: [c('long', 100), c('short', 110)], bybit: [c('long', 100.2), c('long', 110)] });
    expect(out.map((x) => [x.exchange, x.side, x.price, x.confirmedBy.map((m) => m.exchange)])).toEqual([
      ['binance', 'long', 100, ['bybit']], ['binance', 'short', 110, []], ['bybit', 'long', 100.2, ['binance']], ['bybit', 'long', 110, []],
    ]);
  });

  it('with three exchanges, states how many others show the cluster within 0.3 %', () => {
    const c = (side: 'long' | 'short', price: number): Cluster => ({ side, price, notional: 1, distancePct: 0, ageMs: 0, share: 1, low: price * 0.997, high: price * 1.003 });
    // confirmClusters works by id over any number of exchanges; a third id stands for a third exchange.
    const third = 'third' as ExchangeId;
    const out = confirmClusters({ binance: [c('long', 100)], bybit: [c('long', 100.25)], [third]: [c('long', 100.31), c('short', 100)] });
    const binance = out.find((x) => x.exchange === 'binance')!;
    // The third's long at 100.31 is 0.31 % from Binance's: outside; its short is the other side.
    expect(binance.confirmedBy).toEqual([{ exchange: 'bybit', price: 100.25 }]);
    const bybit = out.find((x) => x.exchange === 'bybit')!;
    expect(bybit.confirmedBy.map((m) => m.exchange)).toEqual(['binance', third]);
  });
});

describe('scorer', () => {
  it('counts a print in a top-quartile band of its side as a hit, elsewhere a miss', () => {
    const e = runHeatmap('oi', windowCandles.slice(0, 600), windowOi.slice(0, 600));
    const densest = e.profile().reduce((best, b) => (b.long > best.long ? b : best));
    expect(inTopQuartile(e, 'long', densest.price)?.hit).toBe(true);
    expect(inTopQuartile(e, 'long', densest.price * 0.5)?.hit).toBe(false);
    expect(inTopQuartile(e, 'long', densest.price)!.coverage).toBeGreaterThan(0);
    expect(inTopQuartile(e, 'long', densest.price)!.coverage).toBeLessThanOrEqual(1);
  });

  it('scores the recorded day\'s 1,261 prints against the state before each, every print accounted for', () => {
    for (const estimator of ['oi', 'volume'] as const) {
      const s = scoreHeatmap(estimator, windowCandles, windowPrints, windowOi);
      expect(s.all.prints + s.unscored).toBe(windowPrints.length);
      expect(s.long.prints + s.short.prints).toBe(s.all.prints);
      expect(s.all.hitRate).toBeGreaterThanOrEqual(0);
      expect(s.all.hitRate).toBeLessThanOrEqual(1);
      expect(s.all.hitNotional).toBeCloseTo(s.long.hitNotional + s.short.hitNotional, 6);
    }
  });
});

describe('magnet zones', () => {
  const T = Date.UTC(2026, 0, 1);
  const M = 5 * 60_000;
  const cluster: Cluster = { side: 'short', price: 103, notional: 5e6, distancePct: 3, ageMs: 0, share: 0.4, low: 102.7, high: 103.3 };

  it('open in a tight range with a major cluster 2–4 % away, and record when price reaches it', () => {
    const m = new MagnetTracker({ compressionLookback: 100 });
    // 100 wide candles, then tight ones: the ATR falls into the bottom of its history.
    for (let i = 0; i < 100; i++) m.update(bar(T + i * M, 100, 101.5, 98.5, 100), []);
    let opened: ReturnType<MagnetTracker['update']> = [];
    for (let i = 100; i < 160 && opened.length === 0; i++) opened = m.update(bar(T + i * M, 100, 100.1, 99.9, 100), [cluster]);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ side: 'short', price: 103, reachedIndex: null });
    expect(opened[0]!.expiresTime - opened[0]!.createdTime).toBe(72 * 3_600_000);
    const t = opened[0]!.createdTime + M;
    m.update(bar(t, 100, 103.2, 99.9, 102), []); // the sweep consumed the cluster
    expect(m.all()[0]!.reachedTime).toBe(t);
    expect(m.active(t)).toEqual([]);
  });

  it('are judged against their mirror level: the same distance on the other side, in the same 72 h', () => {
    const zone = { id: 'z', side: 'short', price: 103, notional: 1, distancePct: 3, compression: 0, compressionPercentile: 0, createdIndex: 0, createdTime: T, expiresTime: T + 3 * M, reachedIndex: 1, reachedTime: T + M } as const;
    const candles = [bar(T, 100, 100, 100, 100), bar(T + M, 100, 103, 99, 102), bar(T + 2 * M, 102, 102, 96.9, 97), bar(T + 3 * M, 97, 98, 96, 97)];
    expect(magnetOutcomes(candles, [zone])).toEqual({ complete: 1, reached: 1, mirrorReached: 1 });
    expect(magnetOutcomes(candles.slice(0, 3), [zone])).toEqual({ complete: 0, reached: 0, mirrorReached: 0 }); // its 72 h not over
    const missed = candles.map((c) => ({ ...c, low: Math.max(c.low, 98) }));
    expect(magnetOutcomes(missed, [zone]).mirrorReached).toBe(0);
  });

  it('do not open while the range is wide, or for a cluster outside the band', () => {
    const m = new MagnetTracker({ compressionLookback: 100 });
    for (let i = 0; i < 200; i++) expect(m.update(bar(T + i * M, 100, 101.5, 98.5, 100), [cluster])).toEqual([]);
    const far = { ...cluster, distancePct: 6, price: 106 };
    for (let i = 200; i < 260; i++) expect(m.update(bar(T + i * M, 100, 100.1, 99.9, 100), [far])).toEqual([]);
  });
});
