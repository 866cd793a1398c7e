/**
 * Paints an OverlayScene onto a canvas that covers the chart's main pane, in the chart's own
 * price and time mapping (geometry.ts: never re-derived here), and says what it drew where so
 * the hover read-out can find it. Everything off the pane is culled before any canvas call, and
 * the heatmap is one cached bitmap scaled onto the pane, so a pan can repaint on every frame.
 *
 * One module per layer draws it and owns its items' hover text and hit rank (hover.ts gathers
 * those); this one runs the layers in their order, bottom to top.
 */
import { toggleOf } from '../../core/smc/kinds';
import type { ChartGeometry } from '../geometry';
import type { OverlayMark, OverlayScene } from '../layers';
import type { LayerToggles } from '../../settings/switches';
import { movingLayer } from './cache';
import { paintCluster } from './clusters';
import { SOLID, begin, type Ctx2D, type Frame, type PaintOptions } from './frame';
import { paintHeatmap } from './heatmap';
import type { PaintedItem } from './item';
import { paintLegend } from './legend';
import { paintMagnet } from './magnet';
import { MARK_PAINTERS, MARK_PASSES } from './markKinds';
import { paintPrints } from './prints';
import { paintSetup } from './setups';

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

  const hm = layers.heatmap ? scene.heatmap : null;
  if (layers.heatmap) for (const c of scene.clusters) paintCluster(f, c);
  if (layers.magnets && scene.magnet && now < scene.magnet.expiresTime) paintMagnet(f, scene.magnet);
  if (layers.setups) for (const setup of scene.setups) paintSetup(f, setup);
  // The legend goes on last so no mark ever hides what the colours mean.
  if (hm) paintLegend(f, hm, [scene.skill, scene.calibration, ...(scene.dollarsBasis ?? [])].filter((w): w is string => !!w));

  ctx.globalAlpha = 1;
  ctx.setLineDash(SOLID);
  return f.items;
}

/** The layers a pan only moves (cache.ts keeps their shapes): the heatmap, the prints and the SMC marks. */
function paintMoving(f: Frame, scene: OverlayScene, layers: LayerToggles): void {
  if (layers.heatmap && scene.heatmap) paintHeatmap(f, scene.heatmap);
  if (layers.prints) paintPrints(f, scene.prints);
  paintMarks(f, scene.marks, layers);
}

/** Each pass over the marks in their own order (boxes first, so lines and labels stay on top of them), each mark by its kind's painter if its switch is on. */
function paintMarks(f: Frame, marks: readonly OverlayMark[], layers: LayerToggles): void {
  for (const pass of MARK_PASSES) {
    for (const m of marks) {
      const painter = MARK_PAINTERS[m.kind];
      // Each kind's painter takes its own marks: the table is keyed by the mark's own kind.
      if (painter.pass === pass && layers[toggleOf(m)]) (painter.paint as (f: Frame, m: OverlayMark) => void)(f, m);
    }
  }
  f.ctx.globalAlpha = 1;
}
