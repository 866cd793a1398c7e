/**
 * The analysis path from the background's side: FeedAnalyser → comlink → (a JSON port, as
 * Chrome's runtime ports are) → AnalysisService with the real SMC engine, on real candles.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expose, wrap, type Remote } from 'comlink';
import { describe, expect, it } from 'vitest';
import type { AnalysisApi, AnalysisSummary } from '../../src/analysis/api';
import { aggregateProfiles, confirmClusters, forecastPrior, HeatmapEngine, MagnetTracker, profileClusters, runHeatmap, scoreHeatmap, SkillTracker, summariseSkill } from '../../src/core/heatmap';
import { parseCandleCsv, parseOpenInterestCsv } from '../../src/core/candles';
import { parseLiquidationCsv } from '../../src/exchanges/liquidationCsv';
import { readData } from './dataFiles';
import { AnalysisService } from '../../src/analysis/analysisService';
import { portEndpoint, type MessagePortLike } from '../../src/analysis/portEndpoint';
import { FeedAnalyser, RESYNC_MS } from '../../src/background/feedAnalyser';
import { runSmc } from '../../src/core/smc';
import { priorForecast } from '../../src/core/heatmap/forecast';
import { FORECAST_PRIORS } from '../../src/core/heatmap/prior';
import { PriceBuckets } from '../../src/core/heatmap/buckets';

const candles = parseCandleCsv(gunzipSync(readFileSync('data/bybit-linear/BTCUSDT_15m.csv.gz')).toString()).rows.slice(0, 2_000);

/** Two ends of a runtime-port-like channel that, like Chrome's, carries JSON only. */
function jsonPortPair(): [MessagePortLike, MessagePortLike] {
  const listeners: [Set<(m: unknown) => void>, Set<(m: unknown) => void>] = [new Set(), new Set()];
  const end = (self: 0 | 1): MessagePortLike => ({
    postMessage: (message) => {
      const copy: unknown = JSON.parse(JSON.stringify(message));
      setTimeout(() => listeners[1 - self]!.forEach((l) => l(copy)), 0);
    },
    onMessage: { addListener: (l) => listeners[self].add(l), removeListener: (l) => listeners[self].delete(l) },
  });
  return [end(0), end(1)];
}

function connect(service: AnalysisService): Remote<AnalysisApi> {
  const [workerSide, backgroundSide] = jsonPortPair();
  expose(service, portEndpoint(workerSide));
  return wrap<AnalysisApi>(portEndpoint(backgroundSide));
}

/** Magnet zones of a batch run over the first `count` candles, as the Worker summarises them. */
function magnetsOf(count: number) {
  const engine = new HeatmapEngine('volume');
  const magnets = new MagnetTracker();
  for (const c of candles.slice(0, count)) {
    engine.append(c);
    magnets.update(c, engine.clusters());
  }
  const active = magnets.active(candles[count - 1]!.time).at(-1);
  const price = candles[count - 1]!.close;
  return {
    opened: magnets.all().length,
    reached: magnets.all().filter((z) => z.reachedIndex !== null).length,
    active: active ? { side: active.side, price: active.price, distancePct: ((active.price - price) / price) * 100, expiresTime: active.expiresTime } : null,
  };
}

function expectMatchesBatch(summary: AnalysisSummary | null, closedCount: number): void {
  const batch = runSmc(candles.slice(0, closedCount));
  expect(summary).toMatchObject({
    bars: closedCount,
    lastTime: candles[closedCount - 1]!.time,
    counts: {
      swings: batch.swings.length,
      breaks: batch.breaks.length,
      orderBlocks: batch.orderBlocks.length,
      fvgs: batch.fvgs.length,
      equalLevels: batch.equalLevels.length,
      sweeps: batch.sweeps.length,
    },
    trend: batch.trend,
  });
  // The heatmap beside it: the largest cluster each side, as a batch run of the model finds them.
  const engine = runHeatmap('volume', candles.slice(0, closedCount));
  const heatmap = engine.clusters();
  // No prints yet, so the dollars are the prior's, scaled by the traded notional of the last 24 h of candles.
  const last = candles[closedCount - 1]!;
  const turnover = candles.slice(0, closedCount).filter((c) => c.time > last.time - 86_400_000).reduce((sum, c) => sum + c.volume * c.close, 0);
  const buckets = new PriceBuckets(engine.params.bucketBps);
  // The prior of the series' exchange (its own where recorded, else Bybit's): the one the basis names.
  const prior = Object.values(FORECAST_PRIORS).find((p) => p!.source === (summary?.heatmap.forecast as { source?: string } | null)?.source);
  expect(prior).toBeDefined();
  const largest = (side: 'long' | 'short') => {
    const c = heatmap.find((x) => x.side === side);
    const f = c && priorForecast(prior!, side, buckets.index(c.price) - buckets.index(last.close), turnover);
    const forecast = f ? { forecast: { expected: f.expected, low80: f.low80, high80: f.high80, lr: expect.any(Number) as number } } : {};
    return c ? { price: c.price, distancePct: c.distancePct, share: c.share, ageMs: c.ageMs, ...forecast } : null;
  };
  expect(summary?.heatmap).toEqual({
    estimator: 'volume', clusters: heatmap.length, long: largest('long'), short: largest('short'), score: { prints: 0, hitRate: null, chance: null, late: 0 }, skill: null, skillLastDay: null,
    forecast: { kind: 'prior', levels: expect.any(Number) as number, source: prior!.source, alpha: 0 }, aggregate: null, magnets: magnetsOf(closedCount),
  });
  // The overlay's clusters carry the same dollars as the summary's largest.
  for (const side of ['long', 'short'] as const) {
    const c = summary!.heatmap[side];
    if (c) expect(summary!.layers.clusters.find((o) => o.side === side && o.price === c.price)?.forecast).toEqual(c.forecast ?? null);
  }
}

describe('the heatmap in the Worker, with open interest and prints', () => {
  const W = 'binance-usdm/window-2023-11-27';
  const day = parseCandleCsv(readData(`${W}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`)).rows;
  const oiByTime = new Map(parseOpenInterestCsv(readData(`${W}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`)).rows.map((r) => [r.time, r.openInterest]));
  const oi = day.map((c) => oiByTime.get(c.time) ?? null);
  const prints = parseLiquidationCsv(readData(`${W}/BTCUSDT_forceOrder_liquidations.csv.gz`), 'binance').rows;

  it('fed in polls as the background feeds it (prints as they come, some twice), scores exactly as the batch scorer', () => {
    const service = new AnalysisService();
    const first = 400;
    const printsUpTo = (t: number) => prints.filter((p) => p.time < t);
    service.sync('k', null, day.slice(0, first), { openInterest: oi.slice(0, first), prints: printsUpTo(day[first]!.time), candleMs: 60_000 });
    let summary: AnalysisSummary | null = null;
    for (let i = first; i < day.length; i += 7) {
      const chunk = day.slice(i, i + 7);
      // Each poll brings the prints up to now (the open candle's included), overlapping the last poll's.
      const now = chunk.at(-1)!.time + 60_000 + 30_000;
      const result = service.sync('k', day[i - 1]!.time, chunk, { openInterest: oi.slice(i, i + 7), prints: printsUpTo(now).filter((p) => p.time >= day[Math.max(0, i - 10)]!.time), candleMs: 60_000 });
      if (!('bars' in result)) throw new Error('lost the series (or no summary)');
      summary = result;
    }
    const batch = scoreHeatmap('oi', day, prints.filter((p) => p.time < day.at(-1)!.time + 60_000), oi.map((x) => x ?? undefined));
    expect(summary!.heatmap.estimator).toBe('oi');
    expect(summary!.heatmap.score).toEqual({ prints: batch.all.prints, hitRate: batch.all.hitRate, chance: batch.all.chance, late: 0 });
  });

  it('measures the skill over distance alone live exactly as a tracker fed the same candles and prints, over two recorded days', () => {
    const days = ['binance-usdm/window-2023-11-27', 'binance-usdm/window-2023-11-28'];
    const candles = days.flatMap((w) => parseCandleCsv(readData(`${w}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`)).rows);
    const oiAt = new Map(days.flatMap((w) => parseOpenInterestCsv(readData(`${w}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`)).rows.map((r) => [r.time, r.openInterest] as const)));
    const openInterest = candles.map((c) => oiAt.get(c.time) ?? null);
    const all = days.flatMap((w) => parseLiquidationCsv(readData(`${w}/BTCUSDT_forceOrder_liquidations.csv.gz`), 'binance').rows);
    const service = new AnalysisService();
    const first = 500;
    const upTo = (t: number) => all.filter((p) => p.time < t);
    service.sync('binance:BTCUSDT:1m', null, candles.slice(0, first), { openInterest: openInterest.slice(0, first), prints: upTo(candles[first]!.time), candleMs: 60_000 });
    let summary: AnalysisSummary | null = null;
    for (let i = first; i < candles.length; i += 30) {
      const chunk = candles.slice(i, i + 30);
      const now = chunk.at(-1)!.time + 60_000;
      const result = service.sync('binance:BTCUSDT:1m', candles[i - 1]!.time, chunk, { openInterest: openInterest.slice(i, i + 30), prints: upTo(now).filter((p) => p.time >= candles[i]!.time), candleMs: 60_000 });
      if (!('bars' in result)) throw new Error('lost the series (or no summary)');
      summary = result;
    }
    // The same tracker fed directly, as measureSkill feeds it (each candle's prints, then the candle, then the model takes it).
    const model = new HeatmapEngine('oi');
    const tracker = new SkillTracker({ bucketBps: model.params.bucketBps, maintenanceMarginRate: 0.004, candleMs: 60_000, prior: forecastPrior('binance') });
    let next = 0;
    candles.forEach((c, i) => {
      for (; next < all.length && all[next]!.time < c.time + 60_000; next++) tracker.print(all[next]!);
      tracker.candle(c, model);
      model.append(c, openInterest[i] ?? undefined);
    });
    const expected = tracker.summary();
    expect(expected).not.toBeNull();
    expect(expected!.prints).toBeGreaterThan(100);
    expect(summary!.heatmap.skill).toEqual(expected);
    const since = candles.at(-1)!.time + 60_000 - 86_400_000;
    expect(summary!.heatmap.skillLastDay).toEqual(summariseSkill(tracker.snapshotScores().filter((s) => s.time >= since), expected!.priceBasis));
    expect(summary!.heatmap.skillLastDay!.snapshots).toBeLessThan(expected!.snapshots);

    // The clusters' dollars are the same tracker's forecaster's, at their prices, scaled by the last 24 h's traded notional.
    const last = candles.at(-1)!;
    const turnover = candles.filter((c) => c.time > last.time - 86_400_000).reduce((sum, c) => sum + c.volume * c.close, 0);
    const forecaster = tracker.forecaster(model, last, turnover);
    expect(summary!.heatmap.forecast).toEqual({ ...forecaster.basis, alpha: forecaster.alpha });
    const dollars = (side: 'long' | 'short', price: number) => {
      const f = forecaster.at(side, price);
      return f && { expected: f.expected, low80: f.low80, high80: f.high80, lr: f.lr };
    };
    const shown = summary!.layers.clusters;
    expect(shown.length).toBeGreaterThan(0);
    for (const c of shown) expect(c.forecast).toEqual(dollars(c.side, c.price));
    expect(shown.some((c) => c.forecast !== null && c.forecast.expected > 0 && c.forecast.high80 > c.forecast.low80)).toBe(true);
    for (const side of ['long', 'short'] as const) {
      const c = summary!.heatmap[side];
      if (c) expect(c.forecast).toEqual(dollars(side, c.price) ?? undefined);
    }
    console.log(`dollars basis after two recorded days: ${JSON.stringify(summary!.heatmap.forecast)}`);
  });

  it('has no dollars on candles longer than 1 h (the tracker snapshots hourly), and says so by a null basis', () => {
    // Synthetic, labelled: the shipped 15m candles read as 4h ones (only their length matters here).
    const service = new AnalysisService();
    const summary = service.sync('bybit:BTCUSDT:4h', null, candles.slice(0, 600), { candleMs: 4 * 3_600_000 });
    if (!('bars' in summary)) throw new Error('lost the series (or no summary)');
    expect(summary.heatmap.forecast).toBeNull();
    expect(summary.layers.clusters.length).toBeGreaterThan(0);
    expect(summary.layers.clusters.every((c) => c.forecast === null)).toBe(true);
    expect(summary.heatmap.long?.forecast).toBeUndefined();
  });

  it('with the other exchange\'s same market analysed, aggregates both and confirms clusters both show', () => {
    const service = new AnalysisService();
    const tenth = (c: (typeof day)[number]) => ({ ...c, volume: c.volume / 10 });
    // Binance with its recorded open interest; "Bybit" here is the same recorded candles at a tenth of the volume, without open interest.
    service.sync('binance:BTCUSDT:1m', null, day, { openInterest: oi, candleMs: 60_000 });
    const result = service.sync('bybit:BTCUSDT:1m', null, day.map(tenth), { candleMs: 60_000 });
    if (!('bars' in result)) throw new Error('lost the series (or no summary)');
    const binance = runHeatmap('oi', day, oi.map((x) => x ?? undefined));
    const bybit = runHeatmap('volume', day.map(tenth));
    const notional = (candles: typeof day) => candles.slice(-96).reduce((sum, c) => sum + c.volume * c.close, 0);
    const weights = { binance: notional(day), bybit: notional(day.map(tenth)) };
    const aggregate = aggregateProfiles([
      { exchange: 'bybit', profile: bybit.profile(), openInterestValue: weights.bybit },
      { exchange: 'binance', profile: binance.profile(), openInterestValue: weights.binance },
    ]);
    const expected = profileClusters(aggregate, bybit.lastPrice);
    const a = result.heatmap.aggregate!;
    expect(a.weighting).toBe('traded notional'); // only Binance has open interest
    expect(a.weights.bybit).toBeCloseTo(1 / 11, 9);
    expect(a.long?.price).toBe(expected.find((c) => c.side === 'long')?.price);
    expect(a.short?.price).toBe(expected.find((c) => c.side === 'short')?.price);
    // The same candles make clusters at the same prices: the largest ones are confirmed by Binance.
    const confirmed = confirmClusters({ bybit: bybit.clusters(), binance: binance.clusters() }).filter((c) => c.exchange === 'bybit');
    const by = (side: 'long' | 'short') => confirmed.find((c) => c.side === side)!.confirmedBy.map((m) => m.exchange);
    expect(result.heatmap.long?.confirmedBy ?? []).toEqual(by('long'));
    expect([result.heatmap.long?.confirmedBy, result.heatmap.short?.confirmedBy]).toContainEqual(['binance']);
  });

  it('does not combine two exchanges whose prices disagree, and says so', () => {
    const service = new AnalysisService();
    service.sync('binance:BTCUSDT:1m', null, day, { candleMs: 60_000 });
    const doubled = day.map((c) => ({ ...c, open: c.open * 2, high: c.high * 2, low: c.low * 2, close: c.close * 2 }));
    const result = service.sync('bybit:BTCUSDT:1m', null, doubled, { candleMs: 60_000 });
    if (!('bars' in result)) throw new Error('lost the series (or no summary)');
    expect(result.heatmap.aggregate).toBeNull();
    expect(result.heatmap.aggregateSkipped).toMatch(/^not combined: the prices differ by 50\.0% \(Bybit [\d.]+, Binance [\d.]+\)$/);
    expect(result.heatmap.long?.confirmedBy).toBeUndefined();
  });

  it('does not score a print whose candle was already analysed (no look-ahead), and says how many', () => {
    const service = new AnalysisService();
    service.sync('k', null, day.slice(0, 600), { openInterest: oi.slice(0, 600), candleMs: 60_000 });
    const old = prints.filter((p) => p.time < day[500]!.time);
    const result = service.sync('k', day[599]!.time, day.slice(600, 601), { openInterest: oi.slice(600, 601), prints: old, candleMs: 60_000 });
    expect('bars' in result ? result.heatmap.score : null).toEqual({ prints: 0, hitRate: null, chance: null, late: old.length });
  });
});

describe('FeedAnalyser over comlink and a JSON port', () => {
  it('sends history once, then only newly closed candles, and agrees with a batch run', async () => {
    const service = new AnalysisService();
    const remote = connect(service);
    const analyser = new FeedAnalyser(async () => remote);
    expectMatchesBatch(await analyser.update('bybit:BTCUSDT:15m', candles.slice(0, 1_500)), 1_500);
    // Polls that bring no new closed candle, then a few that do, one or several at a time.
    expectMatchesBatch(await analyser.update('bybit:BTCUSDT:15m', candles.slice(0, 1_500)), 1_500);
    expectMatchesBatch(await analyser.update('bybit:BTCUSDT:15m', candles.slice(1, 1_501)), 1_501);
    expectMatchesBatch(await analyser.update('bybit:BTCUSDT:15m', candles.slice(10, 1_510)), 1_510);
  });

  it('sends the whole history again when the Worker lost its state', async () => {
    const remote = connect(new AnalysisService());
    const analyser = new FeedAnalyser(async () => remote);
    await analyser.update('k', candles.slice(0, 1_000));
    await remote.drop('k'); // as if the offscreen document had restarted
    expectMatchesBatch(await analyser.update('k', candles.slice(0, 1_001)), 1_001);
  });
});

describe('FeedAnalyser asks the Worker only when something may have changed', () => {
  class CountingService extends AnalysisService {
    syncs = 0;
    override sync(...args: Parameters<AnalysisService['sync']>): ReturnType<AnalysisService['sync']> {
      this.syncs++;
      return super.sync(...args);
    }
  }

  it('answers a poll that brought nothing from the last summary (without its events), and asks again on anything new', async () => {
    const service = new CountingService();
    const remote = connect(service);
    let now = 0;
    const analyser = new FeedAnalyser(async () => remote, () => undefined, async () => undefined, () => now);
    const [a, b] = ['bybit:BTCUSDT:15m', 'binance:BTCUSDT:15m'];
    const poll = async (id: string, closed: number, forming = candles[closed]!) => {
      const before = service.syncs;
      const summary = await analyser.update(id, candles.slice(0, closed), undefined, forming);
      return { asked: service.syncs > before, summary };
    };
    expect((await poll(a, 1_000)).asked).toBe(true);
    expect((await poll(b, 1_000)).asked).toBe(true);
    // b's series started after a's last summary: a's may read it (aggregate, confirmations).
    const synced = await poll(a, 1_000);
    expect(synced.asked).toBe(true);
    // Nothing new anywhere: both answered without the Worker, a with its last summary less its events.
    const quiet = await poll(a, 1_000);
    expect(quiet.asked).toBe(false);
    expect(quiet.summary).toEqual({ ...synced.summary, events: [] });
    expect((await poll(b, 1_000)).asked).toBe(false);
    // The forming candle changed: a is asked, and b after it (a's series moved on).
    expect((await poll(a, 1_000, { ...candles[1_000]!, close: candles[1_000]!.close + 1 })).asked).toBe(true);
    expect((await poll(b, 1_000)).asked).toBe(true);
    expect((await poll(b, 1_000)).asked).toBe(false);
    // A newly closed candle.
    const next = await poll(b, 1_001);
    expect(next.asked).toBe(true);
    expect(next.summary!.bars).toBe(1_001);
    // Nothing new, but a while since: the prints scored may have changed the summary.
    expect((await poll(b, 1_001)).asked).toBe(false);
    now += RESYNC_MS;
    expect((await poll(b, 1_001)).asked).toBe(true);
  });
});

describe('a summary the caller holds is not sent again', () => {
  it('answers Unchanged only where the caller holds the last summary and nothing in it would change', () => {
    const service = new AnalysisService();
    const key = 'bybit:BTCUSDT:15m';
    const first = service.sync(key, null, candles.slice(0, 1_000), { candleMs: 900_000 });
    const last = candles[999]!.time;
    // Asked again with nothing new: without heldSummary the whole summary, with it a few bytes.
    expect(service.sync(key, last, [], { candleMs: 900_000 })).toMatchObject({ bars: 1_000 });
    expect(service.sync(key, last, [], { candleMs: 900_000, heldSummary: true })).toEqual({ unchanged: true, lastTime: last });
    // A newly closed candle changes it: the summary comes whole, and then Unchanged again.
    const next = service.sync(key, last, candles.slice(1_000, 1_001), { candleMs: 900_000, heldSummary: true });
    expect(next).toMatchObject({ bars: 1_001 });
    expect(service.sync(key, candles[1_000]!.time, [], { candleMs: 900_000, heldSummary: true })).toMatchObject({ unchanged: true });
    expect('bars' in first).toBe(true);
  });

  it('gives the feed the very summary object it holds, so the tab is sent nothing new', async () => {
    const service = new AnalysisService();
    const analyser = new FeedAnalyser(async () => connect(service), () => undefined, async () => undefined, () => 0);
    const id = 'bybit:BTCUSDT:15m';
    await analyser.update(id, candles.slice(0, 1_000), undefined, candles[1_000]!);
    // The forming candle moved but changed no mark: asked, and answered with the object held.
    const held = await analyser.update(id, candles.slice(0, 1_000), undefined, { ...candles[1_000]!, volume: candles[1_000]!.volume + 1 });
    const again = await analyser.update(id, candles.slice(0, 1_000), undefined, { ...candles[1_000]!, volume: candles[1_000]!.volume + 2 });
    expect(again).toBe(held);
    expect(again!.bars).toBe(1_000);
    // A newly closed candle: a new summary.
    expect((await analyser.update(id, candles.slice(0, 1_001), undefined, candles[1_001]!))!.bars).toBe(1_001);
  });
});

describe('the heatmap model a trader set', () => {
  it('is used from the start of a series, and a change starts every series over with it', async () => {
    const remote = connect(new AnalysisService());
    let model: { leverage: { leverage: number; weight: number }[]; fadeHalfLife: number; volumeLookback: number } | undefined;
    const analyser = new FeedAnalyser(async () => remote, () => undefined, async () => model);
    const key = 'bybit:BTCUSDT:15m';
    const clusterPrices = (s: AnalysisSummary | null) => s!.layers.clusters.map((c) => c.price);
    const byDefault = await analyser.update(key, candles.slice(0, 1_500));
    // Only 100x positions: every level sits about 1 % from where it opened, unlike the default spread.
    model = { leverage: [{ leverage: 100, weight: 1 }], fadeHalfLife: 288, volumeLookback: 50 };
    const unchanged = await analyser.update(key, candles.slice(0, 1_501));
    expect(unchanged!.bars).toBe(1_501); // no restart without being told: the series goes on
    analyser.restartAll();
    const restarted = await analyser.update(key, candles.slice(0, 1_502));
    expect(restarted!.bars).toBe(1_502);
    // The same candles under the default model, for comparison: the trader's model changed the clusters.
    const reference = await new FeedAnalyser(async () => connect(new AnalysisService())).update(key, candles.slice(0, 1_502));
    expect(clusterPrices(reference).length).toBeGreaterThan(0);
    expect(clusterPrices(restarted)).not.toEqual(clusterPrices(reference));
    // A model the heatmap refuses (all weights 0) falls back to the defaults instead of breaking the series.
    model = { leverage: [{ leverage: 10, weight: 0 }], fadeHalfLife: 288, volumeLookback: 50 };
    analyser.restartAll();
    expect(clusterPrices(await analyser.update(key, candles.slice(0, 1_500)))).toEqual(clusterPrices(byDefault));
  });
});

describe('AnalysisService', () => {
  it('asks for history it does not have, and never counts a repeated candle twice', () => {
    const service = new AnalysisService();
    expect(service.sync('k', 123, candles.slice(0, 5))).toEqual({ needsHistory: true });
    service.sync('k', null, candles.slice(0, 600));
    const again = service.sync('k', candles[599]!.time, candles.slice(590, 610));
    expect(again).toMatchObject({ bars: 610, lastTime: candles[609]!.time });
  });
});
