/**
 * Paints an OverlayScene onto a canvas that covers the chart's main pane, in the chart's own
 * price and time mapping (geometry.ts: never re-derived here), and says what it drew where so
 * the hover read-out can find it. Everything off the pane is culled before any canvas call, and
 * the heatmap is one cached bitmap scaled onto the pane, so a pan can repaint on every frame.
 *
 * One module per layer (./layers/) draws it, owns its items' hover text and hit rank, and declares
 * its place; registry.ts gathers the layers in their order, bottom to top, and this one runs them.
 */
import type { ChartGeometry } from '../geometry';
import type { LayerToggles } from '../../settings/switches';
import { movingLayer } from './cache';
import type { OverlayScene } from '../layers';
import { SOLID, begin, type Ctx2D, type Frame, type PaintOptions } from './frame';
import type { PaintedItem } from './item';
import { OVERLAY_LAYERS } from './registry';

export type { Ctx2D, PaintOptions } from './frame';
export type { BandRef, PaintedItem, PaintedKind } from './item';

export function paintScene(ctx: Ctx2D, scene: OverlayScene, g: ChartGeometry, layers: LayerToggles, opts: PaintOptions): PaintedItem[] {
  const { dpr, now } = opts;
  const f: Frame = { ctx, g, dpr, w: g.pane.width, h: g.pane.height, now, items: [], shapes: true, labels: true };
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const moved = movingLayer(ctx, scene, g, layers, opts, paintMoving);
  if (moved) {
    // The shapes come from the cache, moved; this pass only places labels and lists the items.
    ctx.drawImage(moved.canvas, Math.round((moved.dx - moved.margin) * dpr), 0);
    f.shapes = false;
  }
  begin(ctx, dpr);
  paintMoving(f, scene, layers);
  f.shapes = true;
  for (const layer of TOP) layer.paint(f, scene, layers);

  ctx.globalAlpha = 1;
  ctx.setLineDash(SOLID);
  return f.items;
}

const MOVING = OVERLAY_LAYERS.filter((l) => l.z === 'moving');
const TOP = OVERLAY_LAYERS.filter((l) => l.z === 'top');

/** The layers a pan only moves (cache.ts keeps their shapes): the heatmap, the prints and the SMC marks. */
function paintMoving(f: Frame, scene: OverlayScene, layers: LayerToggles): void {
  for (const layer of MOVING) layer.paint(f, scene, layers);
}
