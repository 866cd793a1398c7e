/**
 * The heatmap layer: one cached bitmap at grid resolution scaled onto the pane, one hover item
 * per painted row of the newest visible column, and the bands' read-out.
 */
import { exchangeName } from '../../../exchanges';
import { formatShare, formatUsd } from '../../../wording/format';
import { LONG_HEAT, SHORT_HEAT, heatBucket, heatRgba } from '../../colors';
import { barToX, priceToY } from '../../geometry';
import type { HeatmapBands, OverlayScene } from '../../layers';
import type { Frame } from '../frame';
import { HIT, type ItemHover } from '../item';
import type { OverlayLayer } from '../layer';
import { range } from '../words';

const ESTIMATOR_NAMES = { oi: 'open-interest model', volume: 'volume model' } as const;
export const sourceName = (s: HeatmapBands['source']): string => (s === 'aggregate' ? 'All exchanges aggregated' : exchangeName(s));
export const estimatorName = (e: HeatmapBands['estimator']): string => ESTIMATOR_NAMES[e];

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

export function paintHeatmap(f: Frame, hm: HeatmapBands): void {
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
  image.getContext('2d')!.putImageData(new ImageData(pixelsForCanvas(data), cols, rows), 0, 0);
  heatImages.set(hm, { long: hm.long, short: hm.short, image });
  return image;
}

/**
 * In a Firefox content script the canvas and ImageData are the page window's (seen through
 * Xrays) and refuse the script's own array ("security check failed"): a copy in the window's
 * compartment (Firefox's cloneInto) is accepted. Elsewhere the array is used as it is.
 */
function pixelsForCanvas(data: Uint8ClampedArray<ArrayBuffer>): Uint8ClampedArray<ArrayBuffer> {
  const { cloneInto, window: win } = globalThis as unknown as { cloneInto?: <T>(value: T, target: object) => T; window?: object };
  return typeof cloneInto === 'function' && win ? cloneInto(data, win) : data;
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

export const bandHover: ItemHover<'band'> = {
  hit: HIT.band,
  describe: ({ ref: { column, row } }, scene) => describeBand(column, row, scene),
};

function describeBand(column: number, row: number, scene: OverlayScene): string[] {
  const hm = scene.heatmap;
  const rows = hm ? hm.edges.length - 1 : 0;
  if (!hm || column >= hm.times.length || row >= rows) return ['Liquidation heatmap band (no longer in the model)'];
  const cell = column * rows + row;
  const value = (v: number, max: number) => (hm.estimator === 'oi' ? `${formatUsd((v / 255) * max)} est.` : `${formatShare((v / 255) * max)} of the side`);
  const lines = ['Liquidation heatmap band', `Price ${range(hm.edges[row]!, hm.edges[row + 1]!)}`];
  const long = hm.long[cell] ?? 0;
  const short = hm.short[cell] ?? 0;
  if (long > 0) lines.push(`Longs: ${value(long, hm.maxLong)}`);
  if (short > 0) lines.push(`Shorts: ${value(short, hm.maxShort)}`);
  lines.push(`${sourceName(hm.source)} · ${estimatorName(hm.estimator)}`);
  return lines;
}

/** Its place among the layers (layer.ts; registry.ts gathers it). */
export const layer: OverlayLayer = { name: 'heatmap bands', order: 100, z: 'moving', paint: (f, s, on) => on.heatmap && s.heatmap && paintHeatmap(f, s.heatmap), hover: { band: bandHover } };

// This layer's items, for the hover (item.ts).
declare module '../item' {
  interface PaintedItems {
    band: BandRef;
  }
}
