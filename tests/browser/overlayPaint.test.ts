/**
 * The overlay painter on real Chromium canvases: what it draws lands on the device pixels the
 * chart's own mapping (geometry.ts) gives, at any DPR and on linear, log and inverted scales;
 * what is off the pane is culled; a switched-off layer leaves no pixel.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { barToX, instantToX, priceToY, type ChartGeometry } from '../../src/overlay/geometry';
import { type HeatmapBands, type OverlayMark, type OverlayScene } from '../../src/overlay/layers';
import { NO_LAYERS, parseLayers } from '../../src/messaging/validateLayers';
import { ALL_LAYERS_ON, type LayerToggles } from '../../src/settings/switches';
import { DRAWN_KINDS, SMC_TOGGLES, toggleOf, type SmcToggleKey } from '../../src/core/smc/kinds';
import type { MarkField, MarkFields } from '../../src/core/smc/marks';
import { skillText } from '../../src/wording/heatmap';
import { paintScene, type Ctx2D, type PaintedItem } from '../../src/overlay/paint';
import { heatBucket, heatRgba, LONG_HEAT, SHORT_HEAT } from '../../src/overlay/colors';

const MIN = 60_000;
const T0 = Date.UTC(2024, 2, 6, 12, 0);
/** A bar's open time, n bars from the anchor bar. */
const bar = (n: number) => T0 + n * MIN;

/** A 400 × 300 pane, bars 10 px apart, the anchor bar's centre at x = 300, prices 110 (top) to 90. */
function geometry(price: Partial<ChartGeometry['price']> = {}, time: Partial<ChartGeometry['time']> = {}): ChartGeometry {
  return {
    symbol: 'BTCUSDT', resolution: '1', mount: 1,
    pane: { left: 0, top: 0, width: 400, height: 300 },
    // A page whose library legend takes no room: LiqLens's legend at the pane's top, over the top 60 px
    // the cell checks leave out (its placement below a real library legend is e2e badge.spec's).
    legendBottom: 0,
    time: { anchorTime: T0, anchorX: 300, barSpacing: 10, barMs: MIN, ...time },
    price: { top: 110, bottom: 90, log: false, ...price },
  };
}

// Every layer empty, from beside their schema: a new layer's field comes in without being listed here.
const EMPTY: OverlayScene = { exchange: 'binance', symbol: 'BTCUSDT', ...NO_LAYERS, prints: [] };
const scene = (parts: Partial<OverlayScene>): OverlayScene => ({ ...EMPTY, ...parts });
const layersWith = (off: Partial<Record<keyof LayerToggles, false>>): LayerToggles => ({ ...ALL_LAYERS_ON, ...off });

const canvases: HTMLCanvasElement[] = [];
afterEach(() => {
  for (const c of canvases.splice(0)) c.remove();
  vi.restoreAllMocks();
});

function canvasFor(g: ChartGeometry, dpr: number, offscreen = false): Ctx2D {
  const width = Math.round(g.pane.width * dpr);
  const height = Math.round(g.pane.height * dpr);
  if (offscreen) return new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })!;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.style.width = `${g.pane.width}px`;
  document.body.append(canvas);
  canvases.push(canvas);
  return canvas.getContext('2d', { willReadFrequently: true })!;
}

/** The canvas's pixels, read once; coordinates in device px. */
function pixels(ctx: Ctx2D) {
  const img = ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height);
  const index = (x: number, y: number) => (Math.round(y) * img.width + Math.round(x)) * 4;
  return {
    width: img.width,
    height: img.height,
    alpha: (x: number, y: number) => img.data[index(x, y) + 3]!,
    rgb: (x: number, y: number) => [img.data[index(x, y)]!, img.data[index(x, y) + 1]!, img.data[index(x, y) + 2]!] as const,
    /** Largest alpha in a rectangle of device px, bounds inclusive (and clipped to the canvas). */
    maxAlpha(x0: number, y0: number, x1: number, y1: number): number {
      let max = 0;
      for (let y = Math.max(0, Math.round(y0)); y <= Math.min(img.height - 1, Math.round(y1)); y++) {
        for (let x = Math.max(0, Math.round(x0)); x <= Math.min(img.width - 1, Math.round(x1)); x++) max = Math.max(max, img.data[(y * img.width + x) * 4 + 3]!);
      }
      return max;
    },
  };
}

/** Counts the canvas calls a paint makes: the heatmap should be a few scaled images, not a fill per cell. */
function recordCalls(ctx: Ctx2D) {
  const drawImage = vi.spyOn(ctx, 'drawImage');
  const fillRect = vi.spyOn(ctx, 'fillRect');
  return () => ({ drawImages: drawImage.mock.calls.length, fillRects: fillRect.mock.calls.length });
}

/**
 * Every heatmap cell whose centre is on the pane shows its bucket's colour there (or nothing, for
 * an empty cell); returns how many cells were checked (those under the legend are not). A cell with both sides set shows them
 * composited and is left to the caller.
 */
function expectCellColours(ctx: Ctx2D, g: ChartGeometry, hm: HeatmapBands, dpr: number): number {
  const px = pixels(ctx);
  const rows = hm.edges.length - 1;
  const long = heatRgba(LONG_HEAT);
  const short = heatRgba(SHORT_HEAT);
  let checked = 0;
  hm.times.forEach((time, c) => {
    const x = barToX(g, time);
    for (let r = 0; r < rows; r++) {
      const y = priceToY(g, (hm.edges[r]! + hm.edges[r + 1]!) / 2);
      // The legend is drawn over the top 60 px: below it only.
      if (!(x >= 0 && x < g.pane.width && y >= 60 && y < g.pane.height)) continue;
      const [l, s] = [hm.long[c * rows + r]!, hm.short[c * rows + r]!];
      const where = `cell ${c},${r} at ${x},${y.toFixed(1)}`;
      if (l > 0 && s > 0) continue;
      if (l === 0 && s === 0) expect(px.alpha(x * dpr, y * dpr), where).toBe(0);
      else {
        const [ramp, b] = l > 0 ? [long, heatBucket(l)] : [short, heatBucket(s)];
        // Read back from a premultiplied store: a faint colour comes back a few units off.
        expect(Math.abs(px.alpha(x * dpr, y * dpr) - ramp[b * 4 + 3]!), `${where} alpha`).toBeLessThanOrEqual(1);
        px.rgb(x * dpr, y * dpr).forEach((v, k) => expect(Math.abs(v - ramp[b * 4 + k]!), `${where} channel ${k}`).toBeLessThanOrEqual(8));
      }
      checked++;
    }
  });
  return checked;
}

const swingBreak = (price: number, from: number, to: number, extra: Partial<OverlayMark> = {}): OverlayMark =>
  ({ kind: 'break', scope: 'swing', label: 'BOS', dir: 1, price, fromTime: bar(from), confirmTime: bar(to), provisional: false, ...extra }) as OverlayMark;

type Region = [number, number, number, number];

/** Where the marks go: bars -29 … -1 and prices 105.5 … 94 (below the legend, above the heatmap sample, left of the other layers). */
const MARK_AREA = { fromBar: -29, toBar: -1, high: 105.5, low: 94 };

/**
 * One mark per SMC switch, made from its kind's declared fields (core/smc/kinds.ts), so a new kind
 * is painted by the layer tests without being written out here. Each gets its own slot of bars
 * and band of prices: a single price in the band's middle, several spread from its top to its
 * bottom (a box), every time field at its confirming candle, amounts 2, and the first choice of
 * each fixed word, direction, scope and flag that puts the mark under the switch. Its region is
 * where the chart's mapping puts its own prices just before its confirming candle, which every
 * SMC mark paints (a level line from its first candle, a box to its end, a sweep's tick): a
 * painter that paints elsewhere, or nothing, fails.
 */
function markSamples(area: typeof MARK_AREA): Partial<Record<SmcToggleKey, { mark: OverlayMark; region(g: ChartGeometry): Region }>> {
  const choices = (field: MarkField): readonly unknown[] =>
    field === 'dir' ? [1, -1] : field === 'scope' ? ['swing', 'internal'] : field === 'flag' ? [false, true] : Array.isArray(field) ? field : [null];
  // Every combination of a kind's choices, first choices first.
  const combos = (fields: [string, MarkField][]): Record<string, unknown>[] =>
    fields.reduce<Record<string, unknown>[]>((acc, [name, field]) => acc.flatMap((c) => choices(field).map((v) => ({ ...c, [name]: v }))), [{}]);
  const found: { key: SmcToggleKey; prices: string[]; make(from: number, to: number, high: number, low: number): OverlayMark }[] = [];
  for (const { mark: spec } of DRAWN_KINDS) {
    const fields = Object.entries(spec.fields as MarkFields);
    const priceNames = fields.filter(([, f]) => f === 'price').map(([name]) => name);
    const make = (choice: Record<string, unknown>) => (from: number, to: number, high: number, low: number): OverlayMark => {
      const mark: Record<string, unknown> = { kind: spec.kind, fromTime: bar(from), confirmTime: bar(to), provisional: false };
      for (const [name, field] of fields) {
        const i = priceNames.indexOf(name);
        mark[name] = field === 'price' ? (priceNames.length === 1 ? (high + low) / 2 : high - ((high - low) * i) / (priceNames.length - 1))
          : field === 'amount' ? 2 : field === 'time' || field === 'time|null' ? bar(to) : choice[name];
      }
      return mark as OverlayMark;
    };
    for (const choice of combos(fields.filter(([, f]) => choices(f)[0] !== null))) {
      const key = toggleOf(make(choice)(0, 1, 2, 1));
      if (!found.some((s) => s.key === key)) found.push({ key, prices: priceNames, make: make(choice) });
    }
  }
  const bars = Math.floor((area.toBar - area.fromBar) / found.length);
  const band = (area.high - area.low) / found.length;
  if (bars < 3 || band < 1) throw new Error(`${found.length} SMC switches do not fit the marks' area: widen MARK_AREA`);
  return Object.fromEntries(found.map(({ key, prices: priceNames, make }, i) => {
    const from = area.fromBar + i * bars;
    const mark = make(from, from + bars - 1, area.high - (i + 0.15) * band, area.high - (i + 0.85) * band);
    const prices = priceNames.map((name) => (mark as unknown as Record<string, number>)[name]!);
    const region = (g: ChartGeometry): Region => {
      const x = barToX(g, mark.confirmTime);
      const [top, bottom] = [priceToY(g, Math.max(...prices)), priceToY(g, Math.min(...prices))];
      return top === bottom ? [x - 9, top - 1, x - 6, bottom + 1] : [x - 9, Math.min(top, bottom) + 1, x - 6, Math.max(top, bottom) - 1];
    };
    return [key, { mark, region }];
  }));
}

describe('paintScene: marks land on the chart mapping', () => {
  const cases = [
    { name: 'linear, DPR 1', g: geometry(), dpr: 1, price: 103.77, offscreen: false },
    { name: 'log, DPR 2', g: geometry({ top: 200, bottom: 50, log: true }), dpr: 2, price: 123.4, offscreen: false },
    { name: 'inverted, DPR 1.5', g: geometry({ top: 90, bottom: 110 }), dpr: 1.5, price: 96.31, offscreen: false },
    { name: 'log, DPR 2, OffscreenCanvas', g: geometry({ top: 200, bottom: 50, log: true }), dpr: 2, price: 71.9, offscreen: true },
  ];
  for (const { name, g, dpr, price, offscreen } of cases) {
    it(`draws a break line on the row of its price, between its times (${name})`, () => {
      const ctx = canvasFor(g, dpr, offscreen);
      const mark = swingBreak(price, -20, -5); // x 100 … 250
      const items = paintScene(ctx, scene({ marks: [mark] }), g, ALL_LAYERS_ON, { dpr, now: T0 });
      const px = pixels(ctx);
      expect([px.width, px.height]).toEqual([Math.round(400 * dpr), Math.round(300 * dpr)]);
      const y = priceToY(g, price);
      const row = Math.round(y * dpr);
      const from = barToX(g, mark.fromTime) * dpr;
      const to = barToX(g, mark.confirmTime) * dpr;
      // Opaque on the row (±1 device px) all along, from just after its start to just before its end.
      for (let x = from + 2; x <= to - 2; x += 3) expect(px.maxAlpha(x, row - 1, x, row + 1), `x ${x}`).toBeGreaterThan(240);
      // Nothing past its ends on that row, nothing below it (the BOS label is above), nothing far above.
      expect(px.maxAlpha(0, row - 1, from - 3, row + 1)).toBe(0);
      expect(px.maxAlpha(to + 3, row - 1, px.width, row + 1)).toBe(0);
      expect(px.maxAlpha(from, row + 3, to, px.height)).toBe(0);
      expect(px.maxAlpha(from, 0, to, row - 16 * dpr)).toBe(0);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ kind: 'break', price, time: mark.confirmTime, anchorX: barToX(g, mark.confirmTime), anchorY: y, ref: mark });
    });
  }

  it('draws a print bubble at its instant (the bar\'s left edge for its open time), not at the bar\'s centre', () => {
    for (const g of [geometry(), geometry({ top: 200, bottom: 50, log: true })]) {
      const dpr = 2;
      const ctx = canvasFor(g, dpr);
      const small = { time: bar(-10), price: 101, side: 'long' as const, notional: 100 }; // radius 2 px
      const large = { time: bar(-20) + 30_000, price: 99, side: 'short' as const, notional: 4_000_000 }; // radius 18 px
      const items = paintScene(ctx, scene({ prints: [small, large] }), g, ALL_LAYERS_ON, { dpr, now: T0 });
      const px = pixels(ctx);
      const sx = instantToX(g, small.time) * dpr;
      const sy = priceToY(g, small.price) * dpr;
      expect(px.alpha(sx, sy)).toBeGreaterThan(100);
      const [r, gr] = px.rgb(sx, sy);
      expect(r).toBeGreaterThan(gr); // long liquidations are red
      expect(px.maxAlpha(barToX(g, small.time) * dpr - 2, sy - 2, barToX(g, small.time) * dpr + 2, sy + 2)).toBe(0);
      const lx = instantToX(g, large.time) * dpr;
      const ly = priceToY(g, large.price) * dpr;
      expect(px.alpha(lx + 15 * dpr, ly)).toBeGreaterThan(50);
      expect(px.alpha(lx - 15 * dpr, ly)).toBeGreaterThan(50);
      expect(px.maxAlpha(lx + 21 * dpr, ly - 2, lx + 24 * dpr, ly + 2)).toBe(0);
      const [rl, gl] = px.rgb(lx, ly);
      expect(gl).toBeGreaterThan(rl); // short liquidations are green
      expect(items.map((i) => [i.kind, i.anchorX, i.anchorY])).toEqual([
        ['print', instantToX(g, small.time), priceToY(g, small.price)],
        ['print', instantToX(g, large.time), priceToY(g, large.price)],
      ]);
    }
  });
});

describe('paintScene: culling', () => {
  it('returns items only for what is on the pane', () => {
    const g = geometry();
    const ctx = canvasFor(g, 1);
    const visible = {
      print: { time: bar(-3), price: 100, side: 'long' as const, notional: 10_000 },
      ob: { kind: 'orderBlock', scope: 'swing', dir: 1, top: 101, bottom: 100, fromTime: bar(-8), confirmTime: bar(-6), endTime: null, breaker: false, provisional: false } as OverlayMark,
      sweep: { kind: 'sweep', dir: -1, price: 104, fromTime: bar(-12), confirmTime: bar(-10), displacement: 1.4, provisional: false } as OverlayMark,
      cluster: { side: 'short' as const, price: 106, low: 105.8, high: 106.2, notional: 5e6, share: 0.1, since: bar(-4), exchanges: ['binance' as const], forecast: null },
    };
    const hidden = {
      printFuture: { time: bar(20), price: 100, side: 'long' as const, notional: 10_000 }, // x 505
      printAbove: { time: bar(-3), price: 120, side: 'short' as const, notional: 10_000 }, // y -150
      breakBelow: swingBreak(80, -20, -5),
      breakPast: swingBreak(100, -80, -40), // x -500 … -100
      obEnded: { kind: 'orderBlock', scope: 'internal', dir: -1, top: 101, bottom: 100, fromTime: bar(-90), confirmTime: bar(-88), endTime: bar(-40), breaker: false, provisional: false } as OverlayMark,
      fvgAhead: { kind: 'fvg', dir: 1, top: 101, bottom: 100, fromTime: bar(15), confirmTime: bar(16), endTime: null, provisional: false } as OverlayMark,
      equalAbove: { kind: 'equal', label: 'EQH', price: 115, fromTime: bar(-20), confirmTime: bar(-5), provisional: false } as OverlayMark,
      sweepPast: { kind: 'sweep', dir: 1, price: 100, fromTime: bar(-50), confirmTime: bar(-40), displacement: 1, provisional: false } as OverlayMark,
      clusterBelow: { side: 'long' as const, price: 85, low: 84, high: 86, notional: 5e6, share: 0.1, since: bar(-4), exchanges: ['binance' as const, 'bybit' as const], forecast: null },
      clusterAhead: { side: 'long' as const, price: 100, low: 99, high: 101, notional: 5e6, share: 0.1, since: bar(11), exchanges: ['bybit' as const], forecast: null },
    };
    const s = scene({
      prints: [hidden.printFuture, visible.print, hidden.printAbove],
      marks: [hidden.breakBelow, visible.ob, hidden.breakPast, hidden.obEnded, hidden.fvgAhead, visible.sweep, hidden.equalAbove, hidden.sweepPast],
      clusters: [hidden.clusterBelow, visible.cluster, hidden.clusterAhead],
      magnet: { side: 'long', price: 150, openedTime: bar(-10), expiresTime: bar(100) }, // y -600
    });
    const items = paintScene(ctx, s, g, ALL_LAYERS_ON, { dpr: 1, now: T0 });
    expect(new Set(items.map((i) => i.ref))).toEqual(new Set([visible.print, visible.ob, visible.sweep, visible.cluster]));
  });

  it('paints the visible heatmap cells only, and returns one band per painted row of the newest visible column', () => {
    const g = geometry();
    const ctx = canvasFor(g, 1);
    // 50 columns from bar -44 (x -140) to bar 5 (x 350); rows 95..105 in 1.0 steps; row 3 empty.
    const times = Array.from({ length: 50 }, (_, c) => bar(c - 44));
    const edges = Array.from({ length: 11 }, (_, r) => 95 + r);
    const long = times.flatMap((_, c) => edges.slice(1).map((__, r) => (r < 5 && r !== 3 ? 30 + ((c * 7 + r * 13) % 225) : 0)));
    const short = times.flatMap((_, c) => edges.slice(1).map((__, r) => (r >= 5 ? 30 + ((c * 11 + r * 5) % 225) : 0)));
    const hm: HeatmapBands = { estimator: 'oi', source: 'binance', times, candleMs: MIN, edges, long, short, maxLong: 1e7, maxShort: 2e7 };
    const calls = recordCalls(ctx);
    const items = paintScene(ctx, scene({ heatmap: hm }), g, ALL_LAYERS_ON, { dpr: 1, now: T0 });
    // Columns whose span [x - 5, x + 5] meets 0..400: bars -30 … 5, i.e. c 14 … 49 (the first half off the pane); 10 rows each.
    expect(expectCellColours(ctx, g, hm, 1)).toBe(36 * 10); // c 14 … 49 have their centre on the pane
    // One scaled image (evenly spaced rows and columns); the legend's background and swatches are the only fills.
    expect(calls()).toEqual({ drawImages: 1, fillRects: 1 + 2 * 16 });
    const newest = 49;
    expect(items.map((i) => i.kind === 'band' && i.ref.column)).toEqual(Array(9).fill(newest));
    expect(items.map((i) => (i.kind === 'band' ? i.ref.row : -1)).sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    const row2 = items.find((i) => i.kind === 'band' && i.ref.row === 2)!;
    expect(row2).toMatchObject({ price: 97.5, time: bar(5), x: 345, w: 10, y: 180, h: 15, anchorX: 350, anchorY: priceToY(g, 97.5) });
    const px = pixels(ctx);
    expect(px.alpha(350, priceToY(g, 97.5))).toBeGreaterThan(0); // a long cell
    expect(px.alpha(350, priceToY(g, 98.5))).toBe(0); // the empty row
    expect(px.alpha(360, priceToY(g, 97.5))).toBe(0); // right of the newest column
    const [r, gr, b] = px.rgb(200, priceToY(g, 96.5));
    expect(gr + b).toBeGreaterThan(2 * r); // teal/cyan family below…
    const [r2, , b2] = px.rgb(200, priceToY(g, 103.5));
    expect(r2).toBeGreaterThan(b2); // …magenta/orange above
  });

  it('paints 2,000 cells in their buckets\' colours as one scaled image, and labels the legend', () => {
    const g = geometry({}, { barSpacing: 4, anchorX: 398 });
    const ctx = canvasFor(g, 2);
    const times = Array.from({ length: 100 }, (_, c) => bar(c - 99));
    const edges = Array.from({ length: 21 }, (_, r) => 95 + r * 0.5);
    const long = times.flatMap((_, c) => edges.slice(1).map((__, r) => (r < 10 ? 1 + ((c * 31 + r * 17) % 255) : 0)));
    const short = times.flatMap((_, c) => edges.slice(1).map((__, r) => (r >= 10 ? 1 + ((c * 29 + r * 7) % 255) : 0)));
    const hm: HeatmapBands = { estimator: 'oi', source: 'aggregate', times, candleMs: MIN, edges, long, short, maxLong: 12_345_678, maxShort: 950_000 };
    const calls = recordCalls(ctx);
    const text = vi.spyOn(ctx, 'fillText');
    paintScene(ctx, scene({ heatmap: hm }), g, ALL_LAYERS_ON, { dpr: 2, now: T0 });
    expect(expectCellColours(ctx, g, hm, 2)).toBe(2000);
    expect(calls().drawImages).toBe(1);
    // All 16 buckets of both sides are in use.
    expect(new Set(hm.long.filter((v) => v > 0).map(heatBucket)).size + new Set(hm.short.filter((v) => v > 0).map(heatBucket)).size).toBe(32);
    const texts = text.mock.calls.map(([t]) => t);
    expect(texts).toEqual(expect.arrayContaining(['Liquidation heatmap · All exchanges aggregated · open-interest model', '$12.3M', '$950k']));

    text.mockClear();
    paintScene(ctx, scene({ heatmap: { ...hm, estimator: 'volume', source: 'bybit', maxLong: 0.184, maxShort: 0.3 } }), g, ALL_LAYERS_ON, { dpr: 2, now: T0 });
    expect(text.mock.calls.map(([t]) => t)).toEqual(expect.arrayContaining(['Liquidation heatmap · Bybit · volume model', '18%', '30%']));

    // The measured edge over distance alone is the legend's last line, under the scale.
    text.mockClear();
    const skill = skillText({ model: 0.57, raw: 0.55, alpha: 0.5, calibration: null, baseline: 0.56, baselineKind: 'market-distance', edge: 0.01, edgeCi95: [-0.03, 0.05], prints: 812, snapshots: 40, days: 3, priceBasis: 'fill' });
    paintScene(ctx, scene({ heatmap: hm, skill }), g, ALL_LAYERS_ON, { dpr: 2, now: T0 });
    const legend = text.mock.calls;
    expect(legend.at(-1)![0]).toBe('no better than distance alone (+0.01, −0.03 to 0.05, 812 liquidations)');
    expect(legend.at(-1)![2]).toBeGreaterThan(Math.max(...legend.slice(0, -1).map(([, , y]) => y)));
  });
  for (const [name, price, dpr] of [['linear', {}, 1.5], ['inverted', { top: 90, bottom: 110 }, 2], ['log', { top: 112, bottom: 88, log: true }, 2]] as const) {
    it(`paints geometric rows on a ${name} scale within a device pixel of their edges, at DPR ${dpr}`, () => {
      const g = geometry(price);
      const ctx = canvasFor(g, dpr);
      const times = Array.from({ length: 40 }, (_, c) => bar(c - 35));
      const edges = Array.from({ length: 41 }, (_, r) => 90 * 1.005 ** r); // 90 … 109.8, rows 0.45 … 0.55 apart
      const long = times.flatMap((_, c) => edges.slice(1).map((__, r) => (r % 3 === 0 ? 0 : 1 + ((c * 37 + r * 11) % 255))));
      const short = times.flatMap((_, c) => edges.slice(1).map((__, r) => (r % 4 === 1 ? 1 + ((c * 13 + r * 29) % 255) : 0)));
      const hm: HeatmapBands = { estimator: 'volume', source: 'bybit', times, candleMs: MIN, edges, long, short, maxLong: 0.2, maxShort: 0.3 };
      const calls = recordCalls(ctx);
      paintScene(ctx, scene({ heatmap: hm }), g, ALL_LAYERS_ON, { dpr, now: T0 });
      const px = pixels(ctx);
      expect(expectCellColours(ctx, g, hm, dpr)).toBeGreaterThan(500);
      // Where both are set (column 20, row 1) shorts are composited over longs: more opaque than either alone.
      const [l, sh] = [long[20 * 40 + 1]!, short[20 * 40 + 1]!];
      expect(l > 0 && sh > 0).toBe(true);
      const alone = Math.max(heatRgba(LONG_HEAT)[heatBucket(l) * 4 + 3]!, heatRgba(SHORT_HEAT)[heatBucket(sh) * 4 + 3]!);
      expect(px.alpha(barToX(g, times[20]!) * dpr, priceToY(g, (edges[1]! + edges[2]!) / 2) * dpr)).toBeGreaterThan(alone);
      // Every row edge sits within a device pixel of where the chart maps it: the pixel 1 px inside a filled row is filled.
      for (let row = 0; row < 40; row++) {
        const x = barToX(g, times[20]!) * dpr;
        const cell = 20 * 40 + row;
        if (long[cell] === 0 && short[cell] === 0) continue;
        const [ya, yb] = [priceToY(g, edges[row]!) * dpr, priceToY(g, edges[row + 1]!) * dpr];
        expect(px.alpha(x, Math.min(ya, yb) + 1.5), `row ${row} top`).toBeGreaterThan(0);
        expect(px.alpha(x, Math.max(ya, yb) - 1.5), `row ${row} bottom`).toBeGreaterThan(0);
      }
      expect(calls().drawImages).toBeLessThanOrEqual(name === 'log' ? 1 : 40);
    });
  }
});

describe('paintScene: layers', () => {
  // One of each layer, each in its own region of the 400 × 300 pane (CSS px, inclusive).
  const g = geometry();
  const y = (p: number) => priceToY(g, p);
  const heatmap: HeatmapBands = {
    estimator: 'oi', source: 'binance', times: [bar(-29), bar(-28), bar(-27), bar(-26), bar(-25)], candleMs: MIN,
    edges: [91, 91.5, 92, 92.5, 93], long: Array(20).fill(200), short: Array(20).fill(0), maxLong: 1e6, maxShort: 1e6,
  };
  // The SMC marks: one per switch, made from the kinds' declarations, in the upper left of the pane.
  const marks = markSamples(MARK_AREA);
  const full = scene({
    heatmap,
    clusters: [{ side: 'short', price: 97.5, low: 97, high: 98, notional: 3e6, share: 0.2, since: bar(4), exchanges: ['binance', 'bybit'], forecast: null }],
    magnet: { side: 'long', price: 92, openedTime: bar(0), expiresTime: bar(72 * 60) },
    prints: [{ time: bar(2) + MIN / 2, price: 100, side: 'long', notional: 10_000 }],
    setups: [{ id: 'magnet:z:1', kind: 'magnet', dir: 1, entry: 107, stop: 106, target: 109, confirmTime: bar(5), grade: 'B', confluence: ['FVG toward the cluster'], status: 'waiting', r: null }],
    marks: Object.values(marks).map((s) => s.mark),
  });
  const LAYER_REGIONS: Record<Exclude<keyof LayerToggles, SmcToggleKey>, Region> = {
    heatmap: [15, y(92.67), 45, y(91.33)],
    prints: [318, 148, 322, 152],
    magnets: [320, y(92.1), 340, y(91.9)],
    setups: [360, y(107) - 1, 390, y(107) + 1],
  };
  const regions: Record<keyof LayerToggles, Region> = { ...LAYER_REGIONS, ...Object.fromEntries(Object.entries(marks).map(([key, s]) => [key, s.region(g)])) as Record<SmcToggleKey, Region> };
  // What the layers other than the marks paint: four heatmap rows, their cluster, the magnet zone, a print, a setup.
  const ITEMS = [...['band', 'band', 'band', 'band', 'cluster', 'magnet', 'print', 'setup'], ...Object.values(marks).map((s) => s.mark.kind)].sort();

  it('has one mark per SMC switch, each well formed and obeying its switch, the known kinds as they were written', () => {
    expect(Object.keys(marks).sort()).toEqual(SMC_TOGGLES.map((t) => t.key).sort());
    for (const [key, { mark }] of Object.entries(marks)) {
      expect(parseLayers({ ...NO_LAYERS, marks: [mark] }), key).not.toBeNull();
      expect(toggleOf(mark), key).toBe(key);
    }
    // The kinds' own switches, pinned here as written: a declaration that sends a kind to another switch fails.
    expect(marks.swingStructure?.mark).toMatchObject({ kind: 'break', scope: 'swing' });
    expect(marks.internalStructure?.mark).toMatchObject({ kind: 'break', scope: 'internal' });
    expect(Object.fromEntries((['orderBlocks', 'fvgs', 'equalLevels', 'sweeps'] as const).map((k) => [k, marks[k]?.mark.kind]))).toEqual({ orderBlocks: 'orderBlock', fvgs: 'fvg', equalLevels: 'equal', sweeps: 'sweep' });
    // No two regions meet: each layer's region is its own.
    const all = Object.entries(regions);
    for (const [i, [a, ra]] of all.entries()) for (const [b, rb] of all.slice(i + 1)) expect(ra[0] > rb[2] || rb[0] > ra[2] || ra[1] > rb[3] || rb[1] > ra[3], `${a} and ${b}`).toBe(true);
  });

  const inRegion = (px: ReturnType<typeof pixels>, [x0, y0, x1, y1]: Region) => px.maxAlpha(x0, y0, x1, y1);

  it('paints every layer in its own place when all are on', () => {
    const ctx = canvasFor(g, 1);
    const items = paintScene(ctx, full, g, ALL_LAYERS_ON, { dpr: 1, now: T0 });
    const px = pixels(ctx);
    for (const [layer, region] of Object.entries(regions)) expect(inRegion(px, region), layer).toBeGreaterThan(0);
    expect(items.map((i) => i.kind).sort()).toEqual(ITEMS);
  });

  for (const layer of Object.keys(regions) as (keyof LayerToggles)[]) {
    it(`leaves no pixel of ${layer} when it is switched off, and keeps the others`, () => {
      const ctx = canvasFor(g, 1);
      paintScene(ctx, full, g, ALL_LAYERS_ON, { dpr: 1, now: T0 });
      // Repainting the same canvas must clear what the first paint left.
      const items = paintScene(ctx, full, g, layersWith({ [layer]: false }), { dpr: 1, now: T0 });
      const px = pixels(ctx);
      expect(inRegion(px, regions[layer])).toBe(0);
      for (const [other, region] of Object.entries(regions)) if (other !== layer) expect(inRegion(px, region), other).toBeGreaterThan(0);
      expect(items.length).toBeLessThan(ITEMS.length);
    });
  }

  it('paints nothing at all with every layer off', () => {
    const ctx = canvasFor(g, 1);
    paintScene(ctx, full, g, ALL_LAYERS_ON, { dpr: 1, now: T0 });
    const off = Object.fromEntries(Object.keys(ALL_LAYERS_ON).map((k) => [k, false])) as unknown as LayerToggles;
    expect(paintScene(ctx, full, g, off, { dpr: 1, now: T0 })).toEqual([]);
    const px = pixels(ctx);
    expect(px.maxAlpha(0, 0, px.width, px.height)).toBe(0);
  });

  it('repaints a pan from its cache as a fresh paint of the panned chart would, and lets go of the cache on any other change', () => {
    const dpr = 2;
    const panned = (dx: number, extra: Partial<ChartGeometry['time']> = {}) => geometry({}, { anchorX: 300 + dx, ...extra });
    const cached = canvasFor(g, dpr);
    const drawImage = vi.spyOn(cached, 'drawImage');
    // A run of pans (half-pixel steps land on device pixels at DPR 2), then the chart's other changes.
    const steps: ChartGeometry[] = [g, panned(2.5), panned(-7), panned(40.5), panned(-90), panned(-90, { barSpacing: 12 }), panned(120, { barSpacing: 12 })];
    for (const [i, step] of steps.entries()) {
      drawImage.mockClear();
      const items = paintScene(cached, full, step, ALL_LAYERS_ON, { dpr, now: T0 });
      const fresh = canvasFor(step, dpr);
      expect(items, `step ${i}: the same items`).toEqual(paintScene(fresh, full, step, ALL_LAYERS_ON, { dpr, now: T0 }));
      const [a, b] = [pixels(cached), pixels(fresh)];
      let differ = 0;
      for (let y = 0; y < a.height; y++) for (let x = 0; x < a.width; x++) if (Math.abs(a.alpha(x, y) - b.alpha(x, y)) > 8) differ++;
      // Labels are drawn after every moving shape rather than each after its own: a few pixels may differ where they overlap.
      expect(differ / (a.width * a.height), `step ${i}: pixels that differ`).toBeLessThan(0.002);
      // The cache is built on the second paint of a pan and copied from then on; a new bar spacing paints directly once.
      const fromCache = drawImage.mock.calls.some(([source]) => source instanceof OffscreenCanvas && source.width === Math.round((400 + 200) * dpr));
      expect(fromCache, `step ${i}: copied from the cache`).toBe([false, true, true, true, true, false, true][i]);
    }
  });

  it('does not paint a magnet zone once it has expired', () => {
    const ctx = canvasFor(g, 1);
    const items = paintScene(ctx, full, g, ALL_LAYERS_ON, { dpr: 1, now: bar(72 * 60) });
    expect(items.some((i) => i.kind === 'magnet')).toBe(false);
    expect(inRegion(pixels(ctx), regions.magnets)).toBe(0);
  });
});

describe('paintScene: device pixel ratio', () => {
  it('maps CSS px to a 2× backing store: a box edge at x = 200 CSS px starts at device px 400', () => {
    const g = geometry();
    const ob: OverlayMark = { kind: 'orderBlock', scope: 'swing', dir: -1, top: 102, bottom: 98, fromTime: bar(-10), confirmTime: bar(-8), endTime: bar(-5), breaker: false, provisional: false };
    const s = scene({ marks: [ob] });
    const one = canvasFor(g, 1);
    const two = canvasFor(g, 2);
    const items1 = paintScene(one, s, g, ALL_LAYERS_ON, { dpr: 1, now: T0 });
    const items2 = paintScene(two, s, g, ALL_LAYERS_ON, { dpr: 2, now: T0 });
    const p1 = pixels(one);
    const p2 = pixels(two);
    expect([p2.width, p2.height]).toEqual([800, 600]);
    // The box spans x 200…250, y 120…180 CSS px.
    expect(p2.alpha(401, 300)).toBeGreaterThan(0);
    expect(p2.alpha(398, 300)).toBe(0);
    expect(p2.alpha(498, 300)).toBeGreaterThan(0);
    expect(p2.alpha(501, 300)).toBe(0);
    expect(p2.alpha(450, 241)).toBeGreaterThan(0);
    expect(p2.alpha(450, 238)).toBe(0);
    expect(p2.alpha(450, 358)).toBeGreaterThan(0);
    expect(p2.alpha(450, 361)).toBe(0);
    // The same picture at twice the resolution, and the same CSS px items.
    for (let x = 190; x <= 260; x += 5) for (let yy = 110; yy <= 190; yy += 5) expect(p2.alpha(2 * x + 1, 2 * yy + 1) > 0, `${x},${yy}`).toBe(p1.alpha(x, yy) > 0);
    expect(items2).toEqual(items1);
    const box: PaintedItem = items1[0]!;
    expect([box.x, box.y, box.w, box.h].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([200, 120, 50, 60]);
  });
});
