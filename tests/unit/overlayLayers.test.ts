/**
 * The overlay's layers as the Worker builds them from the real engines on real candles: bands
 * that sum the model's buckets exactly, marks that keep the engine's times and bounds, and a
 * message that survives the tab's validation.
 */
import { describe, expect, it } from 'vitest';
import { parseCandleCsv } from '../../src/core/candles';
import { confirmClusters, runHeatmap } from '../../src/core/heatmap';
import { SmcEngine } from '../../src/core/smc';
import { BAND_COLUMNS, BAND_ROWS, heatmapBands, MAX_MARKS, overlayClusters, overlayMarks } from '../../src/analysis/overlayLayers';
import { NO_LAYERS, parseLayers } from '../../src/messaging/validateLayers';
import { readData } from './dataFiles';
import { AnalysisService } from '../../src/analysis/analysisService';

const candles = parseCandleCsv(readData('bybit-linear/BTCUSDT_15m.csv.gz')).rows.slice(0, 3_000);
const M15 = 15 * 60_000;

describe('heatmap bands', () => {
  const heatmap = runHeatmap('volume', candles);
  const bands = heatmapBands(heatmap, 'bybit', M15)!;

  it('cover the last candles around the last price, each side scaled to 0..255 of its own maximum', () => {
    expect(bands.times).toEqual(candles.slice(-BAND_COLUMNS).map((c) => c.time));
    const rows = bands.edges.length - 1;
    expect(rows).toBeLessThanOrEqual(BAND_ROWS);
    expect(bands.long).toHaveLength(BAND_COLUMNS * rows);
    const price = candles.at(-1)!.close;
    expect(bands.edges[0]).toBeLessThan(price * 0.95);
    expect(bands.edges.at(-1)).toBeGreaterThan(price * 1.05);
    expect(Math.max(...bands.long)).toBe(255);
    expect(Math.max(...bands.short)).toBe(255);
    expect(bands.long.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)).toBe(true);
  });

  it('sum the model\'s own buckets: the newest column matches the grid to the quantisation step', () => {
    const last = heatmap.bars - 1;
    const grid = heatmap.grid(last, last, bands.edges[0]!, bands.edges.at(-1)! * 0.99999);
    const rows = bands.edges.length - 1;
    const merge = Math.ceil((grid.edges.length - 1) / rows);
    const column = grid.long[0]!;
    // The volume model's bands are shares of the side's total.
    const unit = heatmap.estimator === 'oi' ? 1 : 1 / heatmap.totals().long;
    for (let r = 0; r < rows; r++) {
      const sum = column.slice(r * merge, (r + 1) * merge).reduce((a, b) => a + b, 0) * unit;
      expect(Math.abs(bands.long[(BAND_COLUMNS - 1) * rows + r]! - (sum / bands.maxLong) * 255)).toBeLessThanOrEqual(0.5);
    }
  });
});

describe('marks', () => {
  const engine = new SmcEngine();
  engine.appendAll(candles);
  const marks = overlayMarks(engine);

  it('are the engine\'s objects confirmed in the last candles, with its times and bounds, oldest first', () => {
    const from = candles[candles.length - BAND_COLUMNS]!.time;
    expect(marks.length).toBeGreaterThan(20);
    expect(marks.length).toBeLessThanOrEqual(MAX_MARKS);
    expect(marks.every((m) => m.confirmTime >= from && m.fromTime <= m.confirmTime)).toBe(true);
    expect(marks.map((m) => m.confirmTime)).toEqual(marks.map((m) => m.confirmTime).sort((a, b) => a - b));
    const snapshot = engine.snapshot();
    const lastBreak = snapshot.breaks.at(-1)!;
    expect(marks.filter((m) => m.kind === 'break').at(-1)).toEqual({
      kind: 'break', scope: lastBreak.scope, label: lastBreak.kind, dir: lastBreak.dir, price: lastBreak.level,
      fromTime: lastBreak.anchorTime, confirmTime: lastBreak.confirmTime, provisional: false,
    });
    const ob = snapshot.orderBlocks.filter((o) => o.confirmTime >= from && o.changes.some((c) => c.type === 'mitigated')).at(-1);
    expect(ob).toBeDefined();
    const mark = marks.find((m) => m.kind === 'orderBlock' && m.confirmTime === ob!.confirmTime && m.top === ob!.top);
    expect(mark).toMatchObject({ endTime: ob!.changes.find((c) => c.type === 'mitigated')!.time, breaker: true });
  });

  it('travel to the tab and pass its validation unchanged', () => {
    const heatmap = runHeatmap('volume', candles);
    const forecast = { expected: 2.1e6, low80: 4e5, high80: 7.9e6, lr: 2.3 };
    const clusters = overlayClusters(confirmClusters({ bybit: heatmap.clusters() }).map((c) => ({ ...c, forecast })), 'volume', candles.at(-1)!.time);
    const layers = { ...NO_LAYERS, heatmap: heatmapBands(heatmap, 'bybit', M15), clusters, marks };
    expect(parseLayers(JSON.parse(JSON.stringify(layers)))).toEqual(layers);
    expect(clusters.every((c) => c.low < c.price && c.price < c.high && c.notional === null && c.exchanges.length === 1)).toBe(true);
  });
});

describe('whose bands', () => {
  const recent = candles.slice(-400);
  const service = () => new AnalysisService(() => 0);

  it('are this exchange\'s by default, the other\'s or both aggregated as the setting asks', () => {
    const s = service();
    const own = s.sync('binance:BTCUSDT:15m', null, recent, { candleMs: M15 });
    expect('layers' in own && own.layers.heatmap!.source).toBe('binance');
    // The same candles on both exchanges: the aggregate of two equal halves is the same picture.
    s.sync('bybit:BTCUSDT:15m', null, recent, { candleMs: M15 });
    const both = s.sync('binance:BTCUSDT:15m', recent.at(-1)!.time, [], { candleMs: M15, bandsSource: 'aggregate' });
    if (!('layers' in both) || !('layers' in own)) throw new Error('no summary');
    expect(both.layers.heatmap!.source).toBe('aggregate');
    expect(both.layers.heatmap!.long).toEqual(own.layers.heatmap!.long);
    // The volume model's cells are shares of their side, on one exchange as in the aggregate.
    expect(both.layers.heatmap!.maxLong).toBeCloseTo(own.layers.heatmap!.maxLong, 9);
    expect(own.layers.heatmap!.maxLong).toBeGreaterThan(0);
    expect(own.layers.heatmap!.maxLong).toBeLessThanOrEqual(1);
    const other = s.sync('binance:BTCUSDT:15m', recent.at(-1)!.time, [], { candleMs: M15, bandsSource: 'bybit' });
    expect('layers' in other && other.layers.heatmap!.source).toBe('bybit');
  });

  it('fall back to this exchange\'s, and say so, where the other exchange is not analysed', () => {
    const alone = service().sync('binance:BTCUSDT:15m', null, recent, { candleMs: M15, bandsSource: 'aggregate' });
    expect('layers' in alone && alone.layers.heatmap!.source).toBe('binance');
  });
});

describe('events', () => {
  it('report each cluster a new candle trades into once, from the clusters last summarised; a first sync reports nothing', () => {
    const s = new AnalysisService(() => 0);
    const key = 'bybit:BTCUSDT:15m';
    const first = s.sync(key, null, candles.slice(0, 1_000), { candleMs: M15 });
    if (!('events' in first)) throw new Error('no summary');
    expect(first.events).toEqual([]);
    let watched = first.layers.clusters;
    let swept = 0;
    for (let i = 1_000; i < 1_600; i++) {
      const c = candles[i]!;
      const next = s.sync(key, candles[i - 1]!.time, [c], { candleMs: M15 });
      if (!('events' in next)) throw new Error('no summary');
      const expected = watched.filter((w) => (w.side === 'long' ? c.low <= w.high : c.high >= w.low));
      expect(next.events.filter((e) => e.kind === 'clusterSwept').map((e) => [e.side, e.price, e.time]))
        .toEqual(expected.map((w) => [w.side, w.price, c.time]));
      swept += expected.length;
      watched = next.layers.clusters;
    }
    expect(swept).toBeGreaterThan(5);
  });
});

describe('provisional marks', () => {
  it('show what the forming candle would make, and are exactly what that candle makes once it closes', () => {
    const s = new AnalysisService(() => 0);
    const key = 'bybit:BTCUSDT:15m';
    s.sync(key, null, candles.slice(0, 1_000), { candleMs: M15 });
    let previews = 0;
    for (let i = 1_000; i < 1_200; i++) {
      const forming = candles[i]!;
      const before = s.sync(key, candles[i - 1]!.time, [], { candleMs: M15, openCandle: forming });
      if (!('layers' in before)) throw new Error('no summary');
      const provisional = before.layers.marks.filter((m) => m.provisional);
      const after = s.sync(key, candles[i - 1]!.time, [forming], { candleMs: M15 });
      if (!('layers' in after)) throw new Error('no summary');
      const confirmed = after.layers.marks.filter((m) => m.confirmTime === forming.time);
      const asSet = (marks: object[]) => marks.map((m) => JSON.stringify(m)).sort();
      expect(asSet(provisional.map((m) => ({ ...m, provisional: false })))).toEqual(asSet(confirmed));
      expect(after.layers.marks.some((m) => m.provisional)).toBe(false);
      previews += provisional.length;
    }
    expect(previews).toBeGreaterThan(20);
  });
});
