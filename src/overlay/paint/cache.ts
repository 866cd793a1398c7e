/**
 * The cache of what a pan only moves (the heatmap, the prints and the SMC marks), kept per
 * canvas. The layers it holds are painted by the scene's paintMoving, passed in.
 */
import { barToX, type ChartGeometry } from '../geometry';
import type { OverlayScene } from '../layers';
import type { LayerToggles } from '../../settings/switches';
import { begin, type Ctx2D, type Frame, type PaintOptions } from './frame';

export type PaintMoving = (f: Frame, scene: OverlayScene, layers: LayerToggles) => void;

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

export function movingLayer(ctx: Ctx2D, scene: OverlayScene, g: ChartGeometry, layers: LayerToggles, opts: PaintOptions, paintMoving: PaintMoving): { canvas: OffscreenCanvas; dx: number; margin: number } | null {
  const last = paintStates.get(ctx);
  const same = last !== undefined && last.scene === scene && last.dpr === opts.dpr && sameLayers(last.layers, layers) && onlyPanned(last.g, g);
  let cache = same ? last.cache : null;
  if (cache && Math.abs(barToX(g, cache.anchorTime) - cache.anchorX) > cache.margin) cache = null;
  if (!cache && same) cache = buildCache(last.cache?.canvas ?? null, scene, g, layers, opts, paintMoving);
  paintStates.set(ctx, { scene, layers: { ...layers }, g, dpr: opts.dpr, cache });
  return cache ? { canvas: cache.canvas, dx: barToX(g, cache.anchorTime) - cache.anchorX, margin: cache.margin } : null;
}

function buildCache(reuse: OffscreenCanvas | null, scene: OverlayScene, g: ChartGeometry, layers: LayerToggles, opts: PaintOptions, paintMoving: PaintMoving): MovingCache {
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
