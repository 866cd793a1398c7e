/**
 * The overlay's pure parts: which painted item the pointer is over, and the hover read-out's
 * wording and number formats. (The painting itself is tested in Chromium: tests/browser.)
 */
import { describe, expect, it } from 'vitest';
import { HIT_TOLERANCE, hitTest } from '../../src/overlay/hitTest';
import type { PaintedItem } from '../../src/overlay/paint';
import { describeItem } from '../../src/overlay/readout';
import { formatAge, formatDuration, formatPrice, formatShare, formatUsd, formatUtc } from '../../src/wording/format';
import type { OverlayCluster, OverlayMark, OverlayPrint, OverlayScene } from '../../src/overlay/layers';
import { NO_LAYERS } from '../../src/messaging/validateLayers';

const NOW = Date.UTC(2024, 2, 6, 17, 50); // Wed 6 Mar 2024 17:50 UTC
const MIN = 60_000;
const HOUR = 60 * MIN;

const cluster = (exchanges: OverlayCluster['exchanges'], notional: number | null = 12_345_678): OverlayCluster => ({
  side: 'short', price: 43_210.5, low: 43_100, high: 43_300, notional, share: 0.042, since: NOW - (3 * HOUR + 20 * MIN), exchanges, forecast: null,
});
const breakMark = (provisional = false): OverlayMark => ({
  kind: 'break', scope: 'swing', label: 'BOS', dir: 1, price: 43_000, fromTime: NOW - 5 * HOUR, confirmTime: NOW - (3 * HOUR + 20 * MIN), provisional,
});
const print: OverlayPrint = { time: NOW - 3 * MIN, price: 42_950.4, side: 'long', notional: 1_250_000 };

const scene: OverlayScene = {
  exchange: 'binance', symbol: 'BTCUSDT', ...NO_LAYERS,
  heatmap: {
    estimator: 'oi', source: 'aggregate', times: [NOW - HOUR, NOW], candleMs: HOUR, edges: [42_000, 42_100, 42_200],
    long: [0, 0, 128, 0], short: [0, 0, 0, 255], maxLong: 12_300_000, maxShort: 4_000_000,
  },
  clusters: [cluster(['binance', 'bybit'])], marks: [breakMark()], prints: [print],
};

// Items shaped as paintScene returns them.
const band = (x: number, y: number, w: number, h: number): PaintedItem => ({ kind: 'band', x, y, w, h, price: 42_050, time: NOW, ref: { column: 1, row: 0 } });
const box = (x: number, y: number, w: number, h: number): PaintedItem => ({
  kind: 'orderBlock', x, y, w, h, price: 43_300, time: NOW,
  ref: { kind: 'orderBlock', scope: 'swing', dir: 1, top: 43_300, bottom: 43_100, fromTime: NOW - HOUR, confirmTime: NOW, endTime: null, breaker: false, provisional: false },
});
const line = (x0: number, x1: number, y: number, price = 43_000): PaintedItem => ({
  kind: 'break', x: x0, y: y - 1, w: x1 - x0, h: 2, price, time: NOW, anchorY: y, ref: { ...breakMark(), price } as OverlayMark & { kind: 'break' },
});
const bubble = (cx: number, cy: number, r: number): PaintedItem => ({
  kind: 'print', x: cx - r, y: cy - r, w: 2 * r, h: 2 * r, price: print.price, time: print.time, anchorX: cx, anchorY: cy, ref: print,
});

describe('hitTest', () => {
  it('finds nothing on an empty list or away from every item', () => {
    expect(hitTest([], 10, 10)).toBeNull();
    expect(hitTest([box(100, 100, 50, 20), line(0, 200, 300)], 10, 10)).toBeNull();
  });

  it('prefers marks and prints over boxes, and boxes over bands, whatever the paint order', () => {
    const b = band(90, 90, 100, 40);
    const ob = box(100, 100, 50, 20);
    const p = bubble(120, 110, 6);
    const l = line(0, 300, 104);
    expect(hitTest([b, ob, p], 120, 110)).toBe(p);
    expect(hitTest([p, ob, b], 120, 110)).toBe(p);
    expect(hitTest([ob, b], 140, 105)).toBe(ob);
    expect(hitTest([b, ob], 140, 105)).toBe(ob);
    expect(hitTest([b, ob], 95, 95)).toBe(b); // inside the band only
    expect(hitTest([b, ob, l], 140, 105)).toBe(l); // a line crossing the box
  });

  it('gives thin lines and small bubbles a few pixels of slack, but not boxes', () => {
    const l = line(50, 250, 100); // covers y 99..101
    expect(hitTest([l], 150, 101 + HIT_TOLERANCE - 0.5)).toBe(l);
    expect(hitTest([l], 150, 99 - HIT_TOLERANCE + 0.5)).toBe(l);
    expect(hitTest([l], 150, 101 + HIT_TOLERANCE + 1)).toBeNull();
    expect(hitTest([l], 250 + HIT_TOLERANCE + 1, 100)).toBeNull();
    const p = bubble(100, 100, 2);
    expect(hitTest([p], 100 + 2 + HIT_TOLERANCE - 0.5, 100)).toBe(p);
    expect(hitTest([p], 100 + 2 + HIT_TOLERANCE + 1, 100)).toBeNull();
    const ob = box(100, 100, 50, 20);
    expect(hitTest([ob], 99, 110)).toBeNull();
  });

  it('treats a bubble as a circle: the corners of its bounding box miss a large one', () => {
    const p = bubble(100, 100, 18);
    expect(hitTest([p], 100 + 17, 100)).toBe(p);
    expect(hitTest([p], 100 + 17, 100 + 17)).toBeNull(); // 24 px from the centre
  });

  it('among overlapping marks takes the nearest, and among equally near ones the last painted', () => {
    const low = line(0, 300, 100, 43_000);
    const high = line(0, 300, 106, 42_990);
    expect(hitTest([low, high], 150, 104.5)).toBe(high);
    expect(hitTest([low, high], 150, 101.5)).toBe(low);
    const twin = line(0, 300, 100, 43_001);
    expect(hitTest([low, twin], 150, 100)).toBe(twin);
    expect(hitTest([twin, low], 150, 100)).toBe(low);
  });
});

describe('formats', () => {
  it('formats notionals, shares and prices', () => {
    expect(formatUsd(12_345_678)).toBe('$12.3M');
    expect(formatUsd(123_456_789)).toBe('$123M');
    expect(formatUsd(1_200_000_000)).toBe('$1.2B');
    expect(formatUsd(950_000)).toBe('$950k');
    expect(formatUsd(12_500)).toBe('$12.5k');
    expect(formatUsd(999_990)).toBe('$1.0M');
    expect(formatUsd(840)).toBe('$840');
    expect(formatShare(0.042)).toBe('4.2%');
    expect(formatShare(0.374)).toBe('37%');
    expect(formatPrice(43_210.5)).toBe('43,210.5');
    expect(formatPrice(2_345.678)).toBe('2,345.68');
    expect(formatPrice(0.00123456)).toBe('0.00123456');
  });

  it('formats ages and UTC times', () => {
    expect(formatDuration(30_000)).toBe('<1 min');
    expect(formatDuration(12 * MIN)).toBe('12 min');
    expect(formatDuration(3 * HOUR)).toBe('3 h');
    expect(formatDuration(50 * HOUR)).toBe('2 d 2 h');
    expect(formatAge(NOW - (3 * HOUR + 20 * MIN + 30_000), NOW)).toBe('3 h 20 min ago');
    expect(formatAge(NOW + 40 * MIN, NOW)).toBe('in 40 min');
    expect(formatUtc(NOW - 3 * HOUR, NOW)).toBe('14:50 UTC');
    expect(formatUtc(NOW + 48 * HOUR, NOW)).toBe('Mar 8 17:50 UTC');
  });
});

describe('describeItem', () => {
  it('reads out a cluster confirmed by both exchanges, and one that is not', () => {
    const item = (c: OverlayCluster): PaintedItem => ({ kind: 'cluster', x: 0, y: 0, w: 10, h: 10, price: c.price, time: c.since, ref: c });
    expect(describeItem(item(cluster(['binance', 'bybit'])), scene, NOW)).toEqual([
      'Liquidation cluster (shorts)',
      'Price 43,210.5 (43,100 – 43,300)',
      'Positions at risk (model) $12.3M · 4.2% of shorts',
      '✓ Confirmed by 2 exchanges: Binance, Bybit',
      'Positions opened 3 h 20 min ago',
    ]);
    const single = describeItem(item(cluster(['bybit'], null)), scene, NOW);
    expect(single).toContain('Bybit only (unconfirmed)');
    expect(single).toContain('4.2% of shorts');
    expect(single.join('\n')).not.toContain('✓');
  });

  it('reads out a cluster\'s dollars as the trader\'s sentence, how far the model lifts the level, and what the dollars count', () => {
    const item = (c: OverlayCluster): PaintedItem => ({ kind: 'cluster', x: 0, y: 0, w: 10, h: 10, price: c.price, time: c.since, ref: c });
    const basis = ['Dollars liquidated within 15 min of price first reaching a level, as Binance\'s stream reports them (at most one print a second)', 'learned from 1,234 reached levels on this market'];
    const priced = { ...cluster(['binance']), forecast: { expected: 2_100_000, low80: 400_000, high80: 7_900_000, lr: 2.3 } };
    expect(describeItem(item(priced), { ...scene, dollarsBasis: basis }, NOW).slice(5)).toEqual([
      'If price reaches 43,210.5: about $2.1M of shorts liquidated (80%: $400k–$7.9M)',
      'Model: 2.3× the usual at this distance',
      ...basis,
    ]);
    // Without dollars (candles longer than 1 h), the basis line says why.
    const none = ['No dollars at levels on candles longer than 1 h (the map learns from hourly snapshots)'];
    expect(describeItem(item(cluster(['binance'])), { ...scene, dollarsBasis: none }, NOW).slice(5)).toEqual(none);
  });

  it('reads out a mark with its confirm time in UTC, and says when it is provisional', () => {
    const item = (m: OverlayMark): PaintedItem => ({ kind: 'break', x: 0, y: 0, w: 10, h: 2, price: 43_000, time: m.confirmTime, ref: m as OverlayMark & { kind: 'break' } });
    const lines = describeItem(item(breakMark()), scene, NOW);
    expect(lines).toEqual(['Swing BOS, bullish', 'Level 43,000', 'Confirmed 14:30 UTC (3 h 20 min ago)', 'Binance BTCUSDT']);
    expect(describeItem(item(breakMark(true)), scene, NOW)).toContain('Provisional: the candle is still open, so this may change');
  });

  it('reads out a print and a heatmap band in the model\'s own unit', () => {
    const printItem: PaintedItem = bubble(10, 10, 4);
    expect(describeItem(printItem, scene, NOW)).toEqual(['Long liquidation', 'Price 42,950.4', 'Notional $1.3M', 'Exchange: Binance', '17:47 UTC (3 min ago)']);
    const bandItem: PaintedItem = { kind: 'band', x: 0, y: 0, w: 10, h: 10, price: 42_050, time: NOW, ref: { column: 1, row: 0 } };
    expect(describeItem(bandItem, scene, NOW)).toEqual([
      'Liquidation heatmap band', 'Price 42,000 – 42,100', 'Longs: $6.2M est.', 'All exchanges aggregated · open-interest model',
    ]);
    const volume: OverlayScene = { ...scene, heatmap: { ...scene.heatmap!, estimator: 'volume', maxShort: 0.3 } };
    expect(describeItem({ ...bandItem, ref: { column: 1, row: 1 } }, volume, NOW)).toContain('Shorts: 30% of the side');
  });
});
