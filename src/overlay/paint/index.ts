/**
 * Paints an OverlayScene onto a canvas that covers the chart's main pane, in the chart's own
 * price and time mapping (geometry.ts: never re-derived here), and says what it drew where so
 * the hover read-out can find it. Everything off the pane is culled before any canvas call, and
 * the heatmap is one cached bitmap scaled onto the pane, so a pan can repaint on every frame.
 */
import { barToX, instantToX, priceToY, type ChartGeometry } from '../geometry';
import type { HeatmapBands, LayerToggles, OverlayCluster, OverlayMagnet, OverlayMark, OverlayPrint, OverlayScene, OverlaySetup } from '../layers';
import {
  FVG, HEAT_BUCKETS, LABEL_BG, LABEL_MUTED, LABEL_TEXT, LONG_HEAT, ORDER_BLOCK, PRINT, SHORT_HEAT, SIDE, STRUCTURE, heatBucket, heatRgba,
} from '../colors';
import { estimatorName, formatPrice, formatShare, formatUsd, formatUtc, sourceName } from '../readout';

/** A document canvas's context or an OffscreenCanvas's (the painter may run in a Worker). */
export type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** A heatmap cell: column (candle) and row (price band) of HeatmapBands. */
export interface BandRef {
  column: number;
  row: number;
}

type MarkItem = { [K in OverlayMark['kind']]: { kind: K; ref: Extract<OverlayMark, { kind: K }> } }[OverlayMark['kind']];

/** One drawn thing, for the hover read-out and the tests. Coordinates are CSS px in the pane. */
export type PaintedItem = {
  /** Bounding box. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** The main price: band centre, cluster or print price, a line's level, a box's top. */
  price: number;
  /** The main time: print time, a mark's confirmTime, a band's column time, a cluster's since. */
  time: number;
  /** The exact pixel `time` and `price` were mapped to. */
  anchorX?: number;
  anchorY?: number;
} & (
  | { kind: 'band'; ref: BandRef }
  | { kind: 'cluster'; ref: OverlayCluster }
  | { kind: 'magnet'; ref: OverlayMagnet }
  | { kind: 'print'; ref: OverlayPrint }
  | { kind: 'setup'; ref: OverlaySetup }
  | MarkItem
);

export type PaintedKind = PaintedItem['kind'];

export interface PaintOptions {
  /** Device pixels per CSS pixel: the backing store is pane.width*dpr × pane.height*dpr. */
  dpr: number;
  /** Epoch ms: expired magnet zones are not drawn. */
  now: number;
}

export const FONT = '11px system-ui, sans-serif';
/** A magnet zone is drawn this share of its price either side. */
export const MAGNET_BAND = 0.0015;
/** Print bubbles: radius ∝ √notional, so area ∝ notional ($1M ≈ 12 px). */
const PRINT_RADIUS_PER_SQRT_USD = 0.012;
const PRINT_RADIUS_MIN = 2;
const PRINT_RADIUS_MAX = 18;
/** How far past the pane's edge a label can reach back into it. */
const LABEL_REACH = 16;
const TAU = Math.PI * 2;

// Dash patterns are shared arrays: setLineDash copies them, and literals would allocate per mark.
const SOLID: number[] = [];
const DASHED: number[] = [4, 3];
const DOTTED: number[] = [1, 3];
const PROVISIONAL: number[] = [2, 3];

interface Frame {
  ctx: Ctx2D;
  g: ChartGeometry;
  dpr: number;
  /** Pane size, CSS px. */
  w: number;
  h: number;
  now: number;
  items: PaintedItem[];
  /** What this pass draws: shapes (cacheable, they only move in a pan) and labels placed against the pane's edges. */
  shapes: boolean;
  labels: boolean;
}

export function paintScene(ctx: Ctx2D, scene: OverlayScene, g: ChartGeometry, layers: LayerToggles, opts: PaintOptions): PaintedItem[] {
  const { dpr, now } = opts;
  const f: Frame = { ctx, g, dpr, w: g.pane.width, h: g.pane.height, now, items: [], shapes: true, labels: true };
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const moved = movingLayer(ctx, scene, g, layers, opts);
  if (moved) {
    // The shapes come from the cache, moved; this pass only places labels and lists the items.
    ctx.drawImage(moved.canvas, Math.round((moved.dx - moved.margin) * dpr), 0);
    f.shapes = false;
  }
  begin(ctx, dpr);
  paintMoving(f, scene, layers);
  f.shapes = true;

  const hm = layers.heatmap ? scene.heatmap : null;
  if (layers.heatmap) for (const c of scene.clusters) paintCluster(f, c);
  if (layers.magnets && scene.magnet && now < scene.magnet.expiresTime) paintMagnet(f, scene.magnet);
  if (layers.setups) for (const setup of scene.setups) paintSetup(f, setup);
  // The legend goes on last so no mark ever hides what the colours mean.
  if (hm) paintLegend(f, hm, scene.skill);

  ctx.globalAlpha = 1;
  ctx.setLineDash(SOLID);
  return f.items;
}

function begin(ctx: Ctx2D, dpr: number): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.setLineDash(SOLID);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
}

/** The layers a pan only moves: the heatmap, the prints and the SMC marks. */
function paintMoving(f: Frame, scene: OverlayScene, layers: LayerToggles): void {
  if (layers.heatmap && scene.heatmap) paintHeatmap(f, scene.heatmap);
  if (layers.prints) paintPrints(f, scene.prints);
  paintMarks(f, scene.marks, layers);
}

// ---- the cache of what a pan only moves ----------------------------------------------------

/**
 * The moving layers' shapes, drawn once onto a canvas a margin wider than the pane on both
 * sides, then copied at an offset while the chart only pans: the same scene and layers, the same
 * pane size, price scale and bar spacing, and less than a margin of horizontal travel. The cache
 * is built on the second paint of such a run (a single repaint, or a zoom, never pays for it) and
 * dropped when anything but the pan changes. Labels stay out of it: they are placed against the
 * pane's edges, so each paint places them afresh.
 */
interface MovingCache {
  canvas: OffscreenCanvas;
  /** Where the build's geometry put its anchor bar; a later geometry's shift is measured from it. */
  anchorTime: number;
  anchorX: number;
  margin: number;
}

interface PaintState {
  scene: OverlayScene;
  layers: LayerToggles;
  g: ChartGeometry;
  dpr: number;
  cache: MovingCache | null;
}

const paintStates = new WeakMap<Ctx2D, PaintState>();

function movingLayer(ctx: Ctx2D, scene: OverlayScene, g: ChartGeometry, layers: LayerToggles, opts: PaintOptions): { canvas: OffscreenCanvas; dx: number; margin: number } | null {
  const last = paintStates.get(ctx);
  const same = last !== undefined && last.scene === scene && last.dpr === opts.dpr && sameLayers(last.layers, layers) && onlyPanned(last.g, g);
  let cache = same ? last.cache : null;
  if (cache && Math.abs(barToX(g, cache.anchorTime) - cache.anchorX) > cache.margin) cache = null;
  if (!cache && same) cache = buildCache(last.cache?.canvas ?? null, scene, g, layers, opts);
  paintStates.set(ctx, { scene, layers: { ...layers }, g, dpr: opts.dpr, cache });
  return cache ? { canvas: cache.canvas, dx: barToX(g, cache.anchorTime) - cache.anchorX, margin: cache.margin } : null;
}

function buildCache(reuse: OffscreenCanvas | null, scene: OverlayScene, g: ChartGeometry, layers: LayerToggles, opts: PaintOptions): MovingCache {
  const { dpr } = opts;
  const margin = Math.round(g.pane.width / 4);
  const width = Math.round((g.pane.width + 2 * margin) * dpr);
  const height = Math.round(g.pane.height * dpr);
  const canvas = reuse && reuse.width === width && reuse.height === height ? reuse : new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  begin(ctx, dpr);
  // The pane widened by the margin on both sides: the same mapping, shifted right by the margin.
  const wide: ChartGeometry = { ...g, pane: { ...g.pane, width: g.pane.width + 2 * margin }, time: { ...g.time, anchorX: g.time.anchorX + margin } };
  paintMoving({ ctx, g: wide, dpr, w: wide.pane.width, h: g.pane.height, now: opts.now, items: [], shapes: true, labels: false }, scene, layers);
  return { canvas, anchorTime: g.time.anchorTime, anchorX: g.time.anchorX, margin };
}

function sameLayers(a: LayerToggles, b: LayerToggles): boolean {
  for (const k in a) if (a[k as keyof LayerToggles] !== b[k as keyof LayerToggles]) return false;
  return true;
}

/** b differs from a by a horizontal pan at most. */
function onlyPanned(a: ChartGeometry, b: ChartGeometry): boolean {
  return a.pane.width === b.pane.width && a.pane.height === b.pane.height && a.price.top === b.price.top && a.price.bottom === b.price.bottom &&
    a.price.log === b.price.log && a.time.barSpacing === b.time.barSpacing && a.time.barMs === b.time.barMs;
}

// ---- heatmap -------------------------------------------------------------------------------

// Scratch buffers reused across paints (grown, never shrunk): a repaint allocates no cell arrays.
let edgeY = new Float64Array(256);
/** The same edges unsnapped, to tell whether a run of rows is evenly spaced on this scale. */
let edgeExact = new Float64Array(256);
let colLeft = new Float64Array(256);
let colRight = new Float64Array(256);
let visibleCols = new Int32Array(256);
let visibleRows = new Int32Array(256);

const growF64 = (a: Float64Array<ArrayBuffer>, n: number) => (a.length >= n ? a : new Float64Array(Math.max(n, a.length * 2)));
const growI32 = (a: Int32Array<ArrayBuffer>, n: number) => (a.length >= n ? a : new Int32Array(Math.max(n, a.length * 2)));
/** To the device pixel grid, so neighbouring cells share an edge instead of a blended seam. */
const snap = (v: number, dpr: number) => Math.round(v * dpr) / dpr;

function paintHeatmap(f: Frame, hm: HeatmapBands): void {
  const rows = hm.edges.length - 1;
  const cols = hm.times.length;
  if (rows <= 0 || cols === 0) return;
  const nRows = cullRows(f, hm.edges);
  const { count: nCols, newest } = cullColumns(f, hm.times);
  if (nRows === 0 || nCols === 0) return;
  if (f.shapes) blitHeatmap(f, heatImage(hm), hm, nCols, nRows);
  if (f.labels) bandItems(f, hm, newest, nRows);
}
/** y of every row edge, once, and the rows that show a device pixel or more of the pane. */
function cullRows(f: Frame, edges: readonly number[]): number {
  const rows = edges.length - 1;
  edgeY = growF64(edgeY, rows + 1);
  edgeExact = growF64(edgeExact, rows + 1);
  visibleRows = growI32(visibleRows, rows);
  for (let r = 0; r <= rows; r++) {
    edgeExact[r] = priceToY(f.g, edges[r]!);
    edgeY[r] = snap(edgeExact[r]!, f.dpr);
  }
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const a = edgeY[r]!;
    const b = edgeY[r + 1]!;
    // NaN (a non-positive edge on a log scale) fails every comparison and is skipped.
    if (a !== b && Math.max(a, b) > 0 && Math.min(a, b) < f.h) visibleRows[n++] = r;
  }
  return n;
}

/** x span of every column on the pane; returns how many, and the newest of them. */
function cullColumns(f: Frame, times: readonly number[]): { count: number; newest: number } {
  const cols = times.length;
  colLeft = growF64(colLeft, cols);
  colRight = growF64(colRight, cols);
  visibleCols = growI32(visibleCols, cols);
  const half = f.g.time.barSpacing / 2;
  let n = 0;
  let newest = -1;
  for (let c = 0; c < cols; c++) {
    const cx = barToX(f.g, times[c]!);
    if (!(cx + half > 0 && cx - half < f.w)) continue;
    colLeft[c] = snap(cx - half, f.dpr);
    colRight[c] = snap(cx + half, f.dpr);
    visibleCols[n++] = c;
    if (newest < 0 || times[c]! > times[newest]!) newest = c;
  }
  return { count: n, newest };
}

/**
 * The heatmap as one bitmap at grid resolution: pixel (c, r) is cell (c, r), row 0 (the lowest
 * price band) at the bottom. Built once per grid (the Worker sends a new HeatmapBands whenever
 * the grid or its scale changes) and only scaled onto the pane by the paints that follow: a pan
 * costs a few drawImage calls instead of one fillRect per cell.
 */
const heatImages = new WeakMap<HeatmapBands, { long: readonly number[]; short: readonly number[]; image: OffscreenCanvas }>();
const LONG_RGBA = heatRgba(LONG_HEAT);
const SHORT_RGBA = heatRgba(SHORT_HEAT);

function heatImage(hm: HeatmapBands): OffscreenCanvas {
  const cached = heatImages.get(hm);
  // A grid is never changed in place, but a changed array must not show a stale picture.
  if (cached && cached.long === hm.long && cached.short === hm.short) return cached.image;
  const rows = hm.edges.length - 1;
  const cols = hm.times.length;
  const data = new Uint8ClampedArray(cols * rows * 4);
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      const cell = c * rows + r;
      const l = hm.long[cell] ?? 0;
      const s = hm.short[cell] ?? 0;
      if (!(l > 0) && !(s > 0)) continue;
      const at = ((rows - 1 - r) * cols + c) * 4;
      // Shorts over longs, as two fills would composite them (source-over, straight alpha).
      if (l > 0 && s > 0) blend(data, at, LONG_RGBA, heatBucket(l), SHORT_RGBA, heatBucket(s));
      else data.set(l > 0 ? LONG_RGBA.subarray(heatBucket(l) * 4, heatBucket(l) * 4 + 4) : SHORT_RGBA.subarray(heatBucket(s) * 4, heatBucket(s) * 4 + 4), at);
    }
  }
  const image = new OffscreenCanvas(cols, rows);
  image.getContext('2d')!.putImageData(new ImageData(data, cols, rows), 0, 0);
  heatImages.set(hm, { long: hm.long, short: hm.short, image });
  return image;
}

function blend(out: Uint8ClampedArray, at: number, under: Uint8ClampedArray, ub: number, over: Uint8ClampedArray, ob: number): void {
  const aU = under[ub * 4 + 3]! / 255;
  const aO = over[ob * 4 + 3]! / 255;
  const a = aO + aU * (1 - aO);
  for (let k = 0; k < 3; k++) out[at + k] = (over[ob * 4 + k]! * aO + under[ub * 4 + k]! * aU * (1 - aO)) / a;
  out[at + 3] = a * 255;
}

/**
 * Scales the bitmap's visible cells onto the pane, nearest-neighbour: one drawImage per run of
 * adjacent columns (one run unless the grid has a gap) and per run of rows whose edges lie
 * evenly spaced within half a device pixel (one run for rows even in the chart's scale, a few
 * for geometric rows on a linear scale), so a cell edge lands within a device pixel or so of
 * where the chart maps it.
 */
function blitHeatmap(f: Frame, image: OffscreenCanvas, hm: HeatmapBands, nCols: number, nRows: number): void {
  const { ctx, dpr } = f;
  const rows = hm.edges.length - 1;
  const smoothing = ctx.imageSmoothingEnabled;
  ctx.imageSmoothingEnabled = false;
  const lo = visibleRows[0]!;
  const hi = visibleRows[nRows - 1]!;
  let first = 0;
  for (let i = 1; i <= nCols; i++) {
    const c = visibleCols[i - 1]!;
    const next = i < nCols ? visibleCols[i]! : -1;
    if (next === c + 1 && hm.times[next]! - hm.times[c]! === f.g.time.barMs) continue;
    const c0 = visibleCols[first]!;
    const x0 = colLeft[c0]!;
    const x1 = colRight[c]!;
    blitRows(f, image, rows, c0, c - c0 + 1, x0, x1 - x0, lo, hi);
    first = i;
  }
  ctx.imageSmoothingEnabled = smoothing;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
}

/** Rows lo..hi of columns c0…c0+n-1 into x…x+w: in one piece if evenly spaced, else halved until they are. */
function blitRows(f: Frame, image: OffscreenCanvas, rows: number, c0: number, n: number, x: number, w: number, lo: number, hi: number): void {
  const yA = edgeY[lo]!;
  const yB = edgeY[hi + 1]!;
  if (hi > lo && !evenlySpaced(lo, hi + 1, f.dpr)) {
    const mid = (lo + hi) >> 1;
    blitRows(f, image, rows, c0, n, x, w, lo, mid);
    blitRows(f, image, rows, c0, n, x, w, mid + 1, hi);
    return;
  }
  if (!(yA !== yB)) return; // no height, or NaN (off a log scale)
  const top = Math.min(yA, yB);
  const bottom = Math.max(yA, yB);
  const { ctx, dpr } = f;
  // The bitmap's rows run from high price down; an inverted scale draws it upside down.
  if (yB < yA) ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  else ctx.setTransform(dpr, 0, 0, -dpr, 0, dpr * (top + bottom));
  ctx.drawImage(image, c0, rows - 1 - hi, n, hi - lo + 1, x, top, w, bottom - top);
}

/** Whether the edges a..b lie within half a device pixel of the straight line between the two. */
function evenlySpaced(a: number, b: number, dpr: number): boolean {
  const yA = edgeExact[a]!;
  const step = (edgeExact[b]! - yA) / (b - a);
  const tolerance = 0.5 / dpr;
  for (let r = a + 1; r < b; r++) if (!(Math.abs(edgeExact[r]! - (yA + step * (r - a))) <= tolerance)) return false;
  return true;
}

/** One item per painted row of the newest visible column: enough for the read-out, not one per cell. */
function bandItems(f: Frame, hm: HeatmapBands, column: number, nRows: number): void {
  const rows = hm.edges.length - 1;
  const time = hm.times[column]!;
  const x = colLeft[column]!;
  const w = colRight[column]! - x;
  for (let j = 0; j < nRows; j++) {
    const row = visibleRows[j]!;
    const cell = column * rows + row;
    if (!((hm.long[cell] ?? 0) > 0 || (hm.short[cell] ?? 0) > 0)) continue;
    const y0 = edgeY[row]!;
    const y1 = edgeY[row + 1]!;
    const price = (hm.edges[row]! + hm.edges[row + 1]!) / 2;
    f.items.push({
      kind: 'band', x, y: Math.min(y0, y1), w, h: Math.abs(y1 - y0), price, time,
      anchorX: barToX(f.g, time), anchorY: priceToY(f.g, price), ref: { column, row },
    });
  }
}

const LEGEND_MARGIN = 8;
const LEGEND_PAD = 6;
const LEGEND_LINE = 15;
const LEGEND_SIDE_W = 44;
const LEGEND_SWATCH = 6;

function paintLegend(f: Frame, hm: HeatmapBands, skill: string | undefined): void {
  const { ctx } = f;
  const title = `Liquidation heatmap · ${sourceName(hm.source)} · ${estimatorName(hm.estimator)}`;
  const fmt = hm.estimator === 'oi' ? formatUsd : formatShare;
  const sides = [
    { name: 'Shorts', max: fmt(hm.maxShort), colours: SHORT_HEAT },
    { name: 'Longs', max: fmt(hm.maxLong), colours: LONG_HEAT },
  ];
  const barW = HEAT_BUCKETS * LEGEND_SWATCH;
  const maxW = Math.max(ctx.measureText(sides[0]!.max).width, ctx.measureText(sides[1]!.max).width);
  const innerW = Math.max(ctx.measureText(title).width, LEGEND_SIDE_W + barW + 6 + maxW, skill ? ctx.measureText(skill).width : 0);
  const x = LEGEND_MARGIN;
  const y = LEGEND_MARGIN;
  const lines = skill ? 4 : 3;
  ctx.fillStyle = LABEL_BG;
  ctx.fillRect(x, y, innerW + 2 * LEGEND_PAD, lines * LEGEND_LINE + LEGEND_PAD);
  ctx.textAlign = 'left';
  ctx.fillStyle = LABEL_TEXT;
  ctx.fillText(title, x + LEGEND_PAD, y + LEGEND_PAD + LEGEND_LINE / 2);
  sides.forEach((side, i) => {
    const cy = y + LEGEND_PAD + LEGEND_LINE * (i + 1.5);
    ctx.fillStyle = LABEL_MUTED;
    ctx.fillText(side.name, x + LEGEND_PAD, cy);
    const bx = x + LEGEND_PAD + LEGEND_SIDE_W;
    // The bar is the very buckets the cells are painted with.
    for (let b = 0; b < HEAT_BUCKETS; b++) {
      ctx.fillStyle = side.colours[b]!;
      ctx.fillRect(bx + b * LEGEND_SWATCH, cy - 4, LEGEND_SWATCH, 8);
    }
    ctx.fillStyle = LABEL_TEXT;
    ctx.fillText(side.max, bx + barW + 6, cy);
  });
  // Whether the bands know more than distance from price, as measured on the prints so far.
  if (skill) {
    ctx.fillStyle = LABEL_MUTED;
    ctx.fillText(skill, x + LEGEND_PAD, y + LEGEND_PAD + LEGEND_LINE * 3.5);
  }
}

// ---- clusters, magnet, prints --------------------------------------------------------------

/**
 * Light text on a translucent dark pill, so it reads on either chart theme and over the
 * heatmap; the layer's colour is a stripe at the pill's left edge (coloured text would not read
 * on the pill in every hue).
 */
function pill(f: Frame, text: string, x: number, cy: number, align: 'left' | 'right', accent: string): void {
  const { ctx } = f;
  const w = ctx.measureText(text).width + 11;
  const left = align === 'left' ? x : x - w;
  ctx.fillStyle = LABEL_BG;
  ctx.fillRect(left, cy - 8, w, 16);
  ctx.fillStyle = accent;
  ctx.fillRect(left, cy - 8, 3, 16);
  ctx.fillStyle = LABEL_TEXT;
  ctx.textAlign = 'left';
  ctx.fillText(text, left + 7, cy);
}

const clampY = (f: Frame, y: number) => Math.min(Math.max(y, 9), f.h - 9);

function paintCluster(f: Frame, c: OverlayCluster): void {
  const { ctx, g } = f;
  const ya = priceToY(g, c.high);
  const yb = priceToY(g, c.low);
  const top = Math.min(ya, yb);
  const bottom = Math.max(ya, yb);
  if (!(bottom >= 0 && top <= f.h)) return;
  const sinceX = instantToX(g, c.since);
  const x0 = Math.max(0, sinceX);
  if (!(x0 < f.w)) return;
  // A cluster thinner than 2 px still shows as a line.
  const h = Math.max(bottom - top, 2);
  const y = (top + bottom) / 2 - h / 2;
  const confirmed = c.exchanges.length >= 2;
  const hue = SIDE[c.side];
  ctx.fillStyle = hue.fillFaint;
  ctx.fillRect(x0, y, f.w - x0, h);
  ctx.strokeStyle = hue.line;
  ctx.lineWidth = confirmed ? 2 : 1;
  ctx.setLineDash(confirmed ? SOLID : DASHED);
  ctx.strokeRect(x0, y, f.w - x0, h);
  ctx.setLineDash(SOLID);
  const amount = c.notional !== null ? formatUsd(c.notional) : formatShare(c.share);
  const text = `${formatPrice(c.price)} · ${amount}${confirmed ? ` · ✓ confirmed by ${c.exchanges.length}` : ''}`;
  const priceY = priceToY(g, c.price);
  pill(f, text, f.w - 4, clampY(f, priceY), 'right', hue.line);
  f.items.push({ kind: 'cluster', x: x0, y, w: f.w - x0, h, price: c.price, time: c.since, anchorX: sinceX, anchorY: priceY, ref: c });
}

function paintMagnet(f: Frame, m: OverlayMagnet): void {
  const { ctx, g } = f;
  const ya = priceToY(g, m.price * (1 + MAGNET_BAND));
  const yb = priceToY(g, m.price * (1 - MAGNET_BAND));
  const top = Math.min(ya, yb);
  const bottom = Math.max(ya, yb);
  if (!(bottom >= 0 && top <= f.h)) return;
  // Both times are candle open times (the zone opens on a candle and lives a fixed span).
  const openX = barToX(g, m.openedTime);
  const x0 = Math.max(0, openX);
  const x1 = Math.min(f.w, barToX(g, m.expiresTime));
  if (!(x1 > x0)) return;
  const hue = SIDE[m.side];
  ctx.fillStyle = hue.fill;
  ctx.fillRect(x0, top, x1 - x0, bottom - top);
  ctx.strokeStyle = hue.line;
  ctx.lineWidth = 1;
  ctx.setLineDash(DOTTED);
  ctx.beginPath();
  ctx.moveTo(x0, top);
  ctx.lineTo(x1, top);
  ctx.moveTo(x0, bottom);
  ctx.lineTo(x1, bottom);
  ctx.stroke();
  ctx.setLineDash(SOLID);
  pill(f, `magnet · expires ${formatUtc(m.expiresTime, f.now)}`, x0 + 4, clampY(f, top - 10), 'left', hue.line);
  f.items.push({ kind: 'magnet', x: x0, y: top, w: x1 - x0, h: bottom - top, price: m.price, time: m.openedTime, anchorX: openX, anchorY: priceToY(g, m.price), ref: m });
}

export function printRadius(notional: number): number {
  const r = PRINT_RADIUS_PER_SQRT_USD * Math.sqrt(Math.max(0, notional));
  return Math.min(PRINT_RADIUS_MAX, Math.max(PRINT_RADIUS_MIN, r));
}

const SIDES = ['long', 'short'] as const;

/**
 * Bubbles side by side, colours set once per side. Each bubble is filled on its own: overlapping
 * prints then read denser, and a lone circle rasters faster than one path of hundreds.
 */
function paintPrints(f: Frame, prints: readonly OverlayPrint[]): void {
  const { ctx, g } = f;
  ctx.lineWidth = 1;
  for (const side of SIDES) {
    ctx.fillStyle = PRINT[side].fill;
    ctx.strokeStyle = PRINT[side].stroke;
    for (const p of prints) {
      if (p.side !== side) continue;
      const x = instantToX(g, p.time);
      const y = priceToY(g, p.price);
      const r = printRadius(p.notional);
      if (!(x + r > 0 && x - r < f.w && y + r > 0 && y - r < f.h)) continue;
      if (f.shapes) {
        ctx.beginPath();
        ctx.arc(x, y, r, 0, TAU);
        ctx.fill();
        ctx.stroke();
      }
      f.items.push({ kind: 'print', x: x - r, y: y - r, w: 2 * r, h: 2 * r, price: p.price, time: p.time, anchorX: x, anchorY: y, ref: p });
    }
  }
}

// ---- SMC marks -----------------------------------------------------------------------------

/** Boxes first, so lines and labels stay on top of them. */
function paintMarks(f: Frame, marks: readonly OverlayMark[], layers: LayerToggles): void {
  for (const m of marks) {
    if (m.kind === 'orderBlock' && layers.orderBlocks) paintBox(f, m);
    else if (m.kind === 'fvg' && layers.fvgs) paintBox(f, m);
  }
  for (const m of marks) {
    switch (m.kind) {
      case 'break':
        if (m.scope === 'swing' ? layers.swingStructure : layers.internalStructure) paintBreak(f, m);
        break;
      case 'equal':
        if (layers.equalLevels) paintEqual(f, m);
        break;
      case 'sweep':
        if (layers.sweeps) paintSweep(f, m);
        break;
      default:
        break;
    }
  }
  f.ctx.globalAlpha = 1;
}

/** Provisional marks (the candle is still open) at half strength. */
const markAlpha = (f: Frame, m: OverlayMark) => (f.ctx.globalAlpha = m.provisional ? 0.5 : 1);

/** y of a horizontal line of width `lw` on the device pixel grid: it covers row round(y * dpr). */
function crispY(y: number, lw: number, dpr: number): number {
  const row = Math.round(y * dpr);
  return (Math.round(lw * dpr) % 2 === 1 ? row + 0.5 : row) / dpr;
}

/** A horizontal span from one time to another, cut to the pane; null when it misses the pane. */
function span(f: Frame, fromTime: number, toX: number): { x0: number; x1: number } | null {
  const fromX = barToX(f.g, fromTime);
  const x0 = Math.max(Math.min(fromX, toX), -4);
  const x1 = Math.min(Math.max(fromX, toX), f.w + 4);
  return x1 > 0 && x0 < f.w ? { x0, x1 } : null;
}

function hLine(f: Frame, x0: number, x1: number, y: number, colour: string, lw: number, dash: number[]): void {
  if (!f.shapes) return;
  const { ctx } = f;
  ctx.strokeStyle = colour;
  ctx.lineWidth = lw;
  ctx.setLineDash(dash);
  ctx.beginPath();
  ctx.moveTo(x0, y);
  ctx.lineTo(x1, y);
  ctx.stroke();
}

function centredLabel(f: Frame, text: string, x0: number, x1: number, y: number, colour: string): void {
  if (!f.labels) return;
  f.ctx.fillStyle = colour;
  f.ctx.textAlign = 'center';
  f.ctx.fillText(text, (Math.max(x0, 0) + Math.min(x1, f.w)) / 2, y);
}

function paintBreak(f: Frame, m: Extract<OverlayMark, { kind: 'break' }>): void {
  const y = priceToY(f.g, m.price);
  if (!(y >= -LABEL_REACH && y <= f.h + LABEL_REACH)) return;
  const confirmX = barToX(f.g, m.confirmTime);
  const s = span(f, m.fromTime, confirmX);
  if (!s) return;
  const swing = m.scope === 'swing';
  const lw = swing ? 2 : 1;
  const colour = STRUCTURE[m.dir === 1 ? 'bull' : 'bear'].line;
  const ly = crispY(y, lw, f.dpr);
  markAlpha(f, m);
  hLine(f, s.x0, s.x1, ly, colour, lw, m.provisional ? PROVISIONAL : swing ? SOLID : DASHED);
  const labelY = m.dir === 1 ? ly - 8 : ly + 8;
  centredLabel(f, m.label, s.x0, s.x1, labelY, colour);
  const top = m.dir === 1 ? labelY - 7 : ly - lw / 2;
  const bottom = m.dir === 1 ? ly + lw / 2 : labelY + 7;
  f.items.push({ kind: 'break', x: s.x0, y: top, w: s.x1 - s.x0, h: bottom - top, price: m.price, time: m.confirmTime, anchorX: confirmX, anchorY: y, ref: m });
}

function paintEqual(f: Frame, m: Extract<OverlayMark, { kind: 'equal' }>): void {
  const y = priceToY(f.g, m.price);
  if (!(y >= -LABEL_REACH && y <= f.h + LABEL_REACH)) return;
  const confirmX = barToX(f.g, m.confirmTime);
  const s = span(f, m.fromTime, confirmX);
  if (!s) return;
  const high = m.label === 'EQH';
  const colour = STRUCTURE[high ? 'bear' : 'bull'].line;
  const ly = crispY(y, 1, f.dpr);
  markAlpha(f, m);
  hLine(f, s.x0, s.x1, ly, colour, 1, DOTTED);
  const labelY = high ? ly - 8 : ly + 8;
  centredLabel(f, m.label, s.x0, s.x1, labelY, colour);
  const top = high ? labelY - 7 : ly - 0.5;
  const bottom = high ? ly + 0.5 : labelY + 7;
  f.items.push({ kind: 'equal', x: s.x0, y: top, w: s.x1 - s.x0, h: bottom - top, price: m.price, time: m.confirmTime, anchorX: confirmX, anchorY: y, ref: m });
}

const SWEEP_ARM = 4;
const SWEEP_TICK = 10;

/** An × where the sweep confirmed, with a short tick back along the swept level. */
function paintSweep(f: Frame, m: Extract<OverlayMark, { kind: 'sweep' }>): void {
  const { ctx } = f;
  const x = barToX(f.g, m.confirmTime);
  const y = priceToY(f.g, m.price);
  const left = x - SWEEP_ARM - SWEEP_TICK;
  if (!(x + SWEEP_ARM > 0 && left < f.w && y + SWEEP_ARM > 0 && y - SWEEP_ARM < f.h)) return;
  if (f.shapes) {
    markAlpha(f, m);
    ctx.strokeStyle = STRUCTURE[m.dir === 1 ? 'bull' : 'bear'].line;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(m.provisional ? PROVISIONAL : SOLID);
    ctx.beginPath();
    ctx.moveTo(x - SWEEP_ARM, y - SWEEP_ARM);
    ctx.lineTo(x + SWEEP_ARM, y + SWEEP_ARM);
    ctx.moveTo(x - SWEEP_ARM, y + SWEEP_ARM);
    ctx.lineTo(x + SWEEP_ARM, y - SWEEP_ARM);
    ctx.moveTo(left, y);
    ctx.lineTo(x - SWEEP_ARM, y);
    ctx.stroke();
  }
  f.items.push({ kind: 'sweep', x: left, y: y - SWEEP_ARM, w: x + SWEEP_ARM - left, h: 2 * SWEEP_ARM, price: m.price, time: m.confirmTime, anchorX: x, anchorY: y, ref: m });
}

/**
 * Order blocks and fair value gaps: a box from the anchoring candle to where it ended, or to the
 * pane's right edge while it is alive. Swing blocks fill stronger than internal ones; a breaker
 * is an outline only; a provisional box is half strength with a dashed outline.
 */
function paintBox(f: Frame, m: Extract<OverlayMark, { kind: 'orderBlock' | 'fvg' }>): void {
  const { ctx, g } = f;
  const ya = priceToY(g, m.top);
  const yb = priceToY(g, m.bottom);
  const top = Math.min(ya, yb);
  const bottom = Math.max(ya, yb);
  if (!(bottom >= 0 && top <= f.h)) return;
  const s = span(f, m.fromTime, m.endTime === null ? f.w : barToX(g, m.endTime));
  if (!s) return;
  const h = Math.max(bottom - top, 1);
  const dir = m.dir === 1 ? 'bull' : 'bear';
  const hue = m.kind === 'orderBlock' ? ORDER_BLOCK[dir] : FVG[dir];
  const breaker = m.kind === 'orderBlock' && m.breaker;
  markAlpha(f, m);
  if (f.shapes && !breaker) {
    ctx.fillStyle = m.kind === 'orderBlock' && m.scope === 'internal' ? hue.fillFaint : hue.fill;
    ctx.fillRect(s.x0, top, s.x1 - s.x0, h);
  }
  if (f.shapes && (breaker || m.provisional)) {
    ctx.strokeStyle = hue.line;
    ctx.lineWidth = 1;
    ctx.setLineDash(m.provisional ? PROVISIONAL : SOLID);
    ctx.strokeRect(s.x0 + 0.5, top + 0.5, Math.max(s.x1 - s.x0 - 1, 0), Math.max(h - 1, 0));
  }
  const base = { x: s.x0, y: top, w: s.x1 - s.x0, h, price: m.top, time: m.confirmTime, anchorX: barToX(g, m.confirmTime), anchorY: ya };
  f.items.push(m.kind === 'orderBlock' ? { ...base, kind: 'orderBlock', ref: m } : { ...base, kind: 'fvg', ref: m });
}

// ---- setups --------------------------------------------------------------------------------

const SETUP_NAME = { 'sweep-choch': 'Sweep + CHoCH', magnet: 'Magnet' } as const;
const SETUP_COLOUR = { entry: '#f0b90b', stop: '#f6465d', target: '#0ecb81' } as const;

/**
 * A live setup: entry, stop and target as lines from the candle that completed it to the pane's
 * right edge (to its close where it is done), with one label. Expired ones are not drawn.
 */
function paintSetup(f: Frame, st: OverlaySetup): void {
  if (st.status === 'expired') return;
  const fromX = barToX(f.g, st.confirmTime);
  const x0 = Math.max(fromX, -4);
  const x1 = f.w + 4;
  if (!(x0 < f.w)) return;
  const levels = [['entry', st.entry], ['stop', st.stop], ['target', st.target]] as const;
  const ys = levels.map(([, price]) => priceToY(f.g, price));
  if (ys.every((y) => !(y >= -LABEL_REACH && y <= f.h + LABEL_REACH))) return;
  f.ctx.globalAlpha = st.status === 'closed' ? 0.45 : 1;
  levels.forEach(([which], i) => hLine(f, x0, x1, crispY(ys[i]!, 1, f.dpr), SETUP_COLOUR[which], which === 'entry' ? 2 : 1, which === 'entry' ? SOLID : DASHED));
  const outcome = st.status === 'closed' && st.r !== null ? ` · ${st.r >= 0 ? '+' : '−'}${Math.abs(st.r).toFixed(1)} R` : st.status === 'open' ? ' · open' : '';
  pill(f, `${SETUP_NAME[st.kind]} ${st.dir === 1 ? 'long' : 'short'} ${st.grade}${outcome}`, Math.max(x0, 2), ys[0]! - 10, 'left', SETUP_COLOUR.entry);
  f.ctx.globalAlpha = 1;
  const top = Math.min(...ys);
  const bottom = Math.max(...ys);
  f.items.push({ kind: 'setup', x: x0, y: top - 2, w: x1 - x0, h: bottom - top + 4, price: st.entry, time: st.confirmTime, anchorX: fromX, anchorY: ys[0]!, ref: st });
}
