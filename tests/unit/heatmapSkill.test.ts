/**
 * The skill measure (src/core/heatmap/skill.ts) on hand-built cases. The market here is
 * SYNTHETIC (a seeded random walk with liquidations planted at chosen levels), made to know the
 * right answer: a model that knows the loaded levels must show a clear edge, a distance-only
 * model none, and prints placed at random no skill at all.
 */
import { describe, expect, it } from 'vitest';
import { measureSkill, PriceBuckets, SkillTracker, triggerPrice, weightedMidRank, type ScoredLevel, type SkillModel } from '../../src/core/heatmap';
import type { Candle, LiquidationPrint } from '../../src/core/types';

const BPS = 10;
const buckets = new PriceBuckets(BPS);
const MINUTE = 60_000;
const START = Date.UTC(2024, 0, 1);

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Three days of 1m candles, a random walk of about 2 % a day around 100. */
function walk(seed: number, days = 3): Candle[] {
  const random = rng(seed);
  const out: Candle[] = [];
  let price = 100;
  for (let i = 0; i < days * 1440; i++) {
    const open = price;
    price *= Math.exp((random() - 0.5) * 0.0017);
    const close = price;
    const wick = 1 + random() * 0.0004;
    out.push({ time: START + i * MINUTE, open, high: Math.max(open, close) * wick, low: Math.min(open, close) / wick, close, volume: 1 });
  }
  return out;
}

const isLoaded = (bucket: number) => ((bucket * 2654435761) >>> 0) % 10 < 3;

/**
 * Prints where price trades through a bucket: a large one at every loaded bucket, a small one at
 * a few others (so the unloaded levels are not all empty), at the bucket's middle as a fill price.
 */
function plantedPrints(candles: readonly Candle[], seed: number, where: (bucket: number, random: () => number) => number): LiquidationPrint[] {
  const random = rng(seed);
  const prints: LiquidationPrint[] = [];
  const seen = new Set<number>();
  for (const c of candles) {
    for (let b = buckets.index(c.low); b <= buckets.index(c.high); b++) {
      if (seen.has(b)) continue; // one print per level and day is enough to know it
      seen.add(b);
      const notional = where(b, random);
      if (notional <= 0) continue;
      const price = buckets.mid(b);
      const side = price < c.open ? 'long' : 'short';
      prints.push({ id: `${c.time}:${b}`, exchange: 'binance', symbol: 'SYNTH', side, price, priceBasis: 'fill', quantity: notional / price, notional, time: c.time, throttled: false });
    }
    if (c.time % (1440 * MINUTE) === 0) seen.clear();
  }
  return prints;
}

/** A model that reads candles only for their close, and draws what `shape` says around it. */
function modelOf(shape: (bucket: number, ref: number) => number): SkillModel {
  let close = Number.NaN;
  let bars = 0;
  return {
    get bars() { return bars; },
    append(c: Candle) { close = c.close; bars++; },
    density() {
      const ref = buckets.index(close);
      const out = new Map<number, number>();
      for (let b = ref - 80; b <= ref + 80; b++) {
        const v = shape(b, ref);
        if (v > 0) out.set(b, v);
      }
      return out;
    },
  };
}

const OPTIONS = { bucketBps: BPS, maintenanceMarginRate: 0.004 };
const knowsLevels = () => modelOf((b) => (isLoaded(b) ? 1 : 0.01));
const distanceOnly = () => modelOf((b, ref) => Math.exp(-Math.abs(b - ref) / 15));

describe('heatmap skill over distance from price', () => {
  const candles = walk(7);
  const planted = plantedPrints(candles, 11, (b, random) => (isLoaded(b) ? 50_000 : random() < 0.3 ? 2_000 : 0));
  // The calibrated map learns online: the law needs a finished day, the weight on the model a day more.
  const long = walk(7, 6);
  const plantedLong = plantedPrints(long, 11, (b, random) => (isLoaded(b) ? 50_000 : random() < 0.3 ? 2_000 : 0));
  const afterLearning = START + 3 * 1440 * MINUTE;

  it('a model that knows the loaded levels has a clearly positive edge, once the map has learned to weigh it', () => {
    const { summary } = measureSkill(knowsLevels(), long, plantedLong, { ...OPTIONS, scoreFrom: afterLearning });
    expect(summary).not.toBeNull();
    expect(summary!.raw).toBeGreaterThan(0.7);
    expect(summary!.model).toBeGreaterThan(0.65);
    expect(summary!.alpha).toBeGreaterThan(0.5);
    expect(summary!.edge).toBeGreaterThan(0.15);
    expect(summary!.edgeCi95![0]).toBeGreaterThan(0.05);
    expect(summary!.days).toBe(3);
    expect(summary!.priceBasis).toBe('fill');
    expect(summary!.prints).toBeGreaterThan(20);
  });

  it('a model that knows only distance from price has an edge near 0', () => {
    const { summary } = measureSkill(distanceOnly(), candles, planted, OPTIONS);
    expect(Math.abs(summary!.edge)).toBeLessThan(0.03);
    expect(summary!.edgeCi95![0]).toBeLessThanOrEqual(0.01);
  });

  it('prints placed at random among the reached levels give the raw model a skill near 0.5 and the map no edge', () => {
    const random = plantedPrints(candles, 13, (_b, r) => (r() < 0.5 ? 1_000 + r() * 50_000 : 0));
    const { summary } = measureSkill(knowsLevels(), candles, random, OPTIONS);
    // The map itself includes the market's distance law, which this market has (a level traded
    // earlier the same day gets no second print), so only the raw model is expected at 0.5.
    expect(Math.abs(summary!.raw - 0.5)).toBeLessThan(0.06);
    expect(Math.abs(summary!.edge)).toBeLessThan(0.08);
  });

  it('--score-from: snapshots and prints before it are history only', () => {
    const from = START + 2 * 1440 * MINUTE;
    const all = measureSkill(knowsLevels(), candles, planted, OPTIONS).scores;
    const { summary, scores } = measureSkill(knowsLevels(), candles, planted, { ...OPTIONS, scoreFrom: from });
    expect(all.some((s) => s.time < from)).toBe(true);
    expect(scores.length).toBeGreaterThan(0);
    expect(scores.every((s) => s.time >= from)).toBe(true);
    expect(summary!.snapshots).toBe(scores.filter((s) => s.weight > 0).length);
    expect(summary!.days).toBe(1);
    expect(summary!.edgeCi95).toBeNull(); // one day: no interval is claimed
    // The market's own distance law needs a finished earlier day: here it exists.
    expect(scores.every((s) => s.marketDistance !== null)).toBe(true);
  });

  it('touches outside the recorded spans are neither scored nor learned from', () => {
    const recorded: [number, number][] = [[START, START + 4 * 1440 * MINUTE]];
    const levels: ScoredLevel[] = [];
    measureSkill(knowsLevels(), long, plantedLong, { ...OPTIONS, coverage: recorded, onLevel: (l) => levels.push(l) });
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.every((l) => l.time + 15 * MINUTE <= recorded[0]![1])).toBe(true);
  });
});

describe('the map in dollars: calibration can tell', () => {
  // SYNTHETIC: six days of the seeded walk, 50k planted at every loaded level, 2k at 30 % of the others.
  const candles = walk(7, 6);
  const planted = plantedPrints(candles, 11, (b, random) => (isLoaded(b) ? 50_000 : random() < 0.3 ? 2_000 : 0));
  const from = START + 3 * 1440 * MINUTE;
  /**
   * The map's calibration overall, and its bias where the market really loaded the levels (the
   * planted 50k) and where it did not (2k): log(the forecast's median given prints / realized).
   */
  function calibrationByTruth(model: SkillModel) {
    const levels: ScoredLevel[] = [];
    const { summary } = measureSkill(model, candles, planted, { ...OPTIONS, scoreFrom: from, onLevel: (l) => { if (l.forecast) levels.push(l); } });
    const loaded = (l: ScoredLevel) => [-1, 0, 1].some((d) => isLoaded(buckets.index(l.price) + d));
    const bias = (ls: ScoredLevel[]) => {
      const logs = ls.filter((l) => l.realized > 0).map((l) => Math.log(l.forecast!.medianIfPrints / l.realized)).sort((a, b) => a - b);
      return logs[Math.floor(logs.length / 2)]!;
    };
    return { summary: summary!, loadedBias: bias(levels.filter(loaded)), otherBias: bias(levels.filter((l) => !loaded(l))) };
  }

  it('a model that knows the loaded levels is calibrated within its interval, and unbiased where it matters', () => {
    const { summary, loadedBias, otherBias } = calibrationByTruth(knowsLevels());
    const c = summary.calibration!;
    expect(c.levels).toBeGreaterThan(500);
    expect(c.coverage80).toBeGreaterThan(0.7);
    expect(c.coverage80).toBeLessThan(0.9);
    expect(Math.abs(c.logBias!)).toBeLessThan(0.5);
    expect(Math.abs(loadedBias)).toBeLessThan(0.5);
    expect(Math.abs(otherBias)).toBeLessThan(1);
  });

  it('a constant model is not: it forecasts the levels nobody loaded as if they were (more than e× too high)', () => {
    const { summary, otherBias } = calibrationByTruth(modelOf(() => 1));
    // Its intervals still cover about 80 % overall: marginal coverage alone cannot tell, the bias by level can.
    expect(summary.calibration!.coverage80).toBeGreaterThan(0.7);
    expect(otherBias).toBeGreaterThan(1);
  });
});

describe('the live record', () => {
  it('lets go of scores older than keepMs, so a long session holds a bounded record', () => {
    const candles = walk(7);
    const prints = plantedPrints(candles, 11, (b) => (isLoaded(b) ? 50_000 : 0));
    const model = knowsLevels();
    const tracker = new SkillTracker({ ...OPTIONS, candleMs: MINUTE, keepMs: 86_400_000 });
    let next = 0;
    for (const c of candles) {
      for (; next < prints.length && prints[next]!.time < c.time + MINUTE; next++) tracker.print(prints[next]!);
      tracker.candle(c, model);
      model.append(c);
    }
    const end = candles.at(-1)!.time + MINUTE;
    const kept = tracker.snapshotScores();
    expect(kept.length).toBeGreaterThan(0);
    // Settled scores are kept a day; the open ones (the last 24 h and 15 minutes) are still scoring.
    expect(Math.min(...kept.map((s) => s.time))).toBeGreaterThanOrEqual(end - 86_400_000 - 86_400_000 - 15 * MINUTE);
    const all = measureSkill(knowsLevels(), candles, prints, OPTIONS).scores;
    expect(kept.length).toBeLessThan(all.length);
  });
});

describe('trigger prices', () => {
  it('maps an order price back through the first tier: long p/(1−m), short p/(1+m); a fill is kept', () => {
    expect(triggerPrice({ side: 'long', price: 99.6, priceBasis: 'order' }, 0.004)).toBeCloseTo(100, 10);
    expect(triggerPrice({ side: 'short', price: 100.4, priceBasis: 'order' }, 0.004)).toBeCloseTo(100, 10);
    expect(triggerPrice({ side: 'long', price: 99.6 }, 0.004)).toBeCloseTo(100, 10);
    expect(triggerPrice({ side: 'long', price: 99.6, priceBasis: 'fill' }, 0.004)).toBe(99.6);
  });

  it('an order price outside the traded range is counted at the level price reached', () => {
    // Price holds 100 for 2.5 h (a first snapshot to learn the distance shape from), falls to 99
    // within the next hour and stays: the lowest reached long level holds the print.
    const candles: Candle[] = [];
    for (let i = 0; i < 300; i++) {
      const p = i < 150 ? 100 : i < 210 ? 100 - (i - 150) / 60 : 99;
      candles.push({ time: START + i * MINUTE, open: p, high: p * 1.0001, low: p / 1.0001, close: p, volume: 1 });
    }
    const touched = candles[209]!; // the bottom: the lowest level price reached
    const orderPrice = touched.low * (1 - 0.004); // 0.4 % below anything that traded
    expect(orderPrice).toBeLessThan(Math.min(...candles.map((c) => c.low)));
    const print: LiquidationPrint = { id: 'x', exchange: 'binance', symbol: 'SYNTH', side: 'long', price: orderPrice, priceBasis: 'order', quantity: 1, notional: 1e5, time: touched.time, throttled: true };
    const level = buckets.index(touched.low);
    const model = modelOf((b) => (b === level ? 1 : 0.001));
    const tracker = new SkillTracker({ ...OPTIONS, candleMs: MINUTE, horizonMs: 3 * 3_600_000 });
    candles.forEach((c, i) => {
      if (i === 210) tracker.print(print);
      tracker.candle(c, model);
      model.append(c);
    });
    tracker.finish();
    const summary = tracker.summary()!;
    expect(summary.prints).toBe(1);
    expect(summary.model).toBeGreaterThan(0.9);
    expect(summary.priceBasis).toBe('order-to-trigger');
  });
});

describe('weighted mid-rank', () => {
  it('ranks by density with ties counting half, weighted by notional', () => {
    expect(weightedMidRank([1, 2, 3], [0, 0, 1])).toBe(1);
    expect(weightedMidRank([1, 2, 3], [1, 0, 0])).toBe(0);
    expect(weightedMidRank([5, 5, 5], [1, 2, 3])).toBe(0.5);
    expect(weightedMidRank([1, 2, 2], [0, 1, 1])).toBe(0.75);
    expect(weightedMidRank([3], [1])).toBe(0.5);
  });
});
