/**
 * Every overlay layer, declared once, bottom to top: what it paints from the scene under which
 * switch, whether a pan only moves it, and its items' hover parts. paintScene (index.ts) and the
 * hover (hover.ts) run over this list; the shape is that of a lightweight-charts pane primitive
 * (a renderer, a z-order, a hit test), here as plain data.
 *
 * A new layer: its painter module (painter, hover part, and its item kind added to PaintedItems
 * in item.ts by declaration merging), one line here, and its data with its switch
 * (messaging/validateLayers.ts: AnalysisLayers, whose fields the scene takes whole, NO_LAYERS and
 * LAYER_DATA_TOGGLES), and its sample and region in the every-layer paint tests
 * (tests/browser/overlayPaint.test.ts). docs/architecture.md counts the files.
 */
import type { LayerToggles } from '../../settings/switches';
import type { OverlayScene } from '../layers';
import { clusterHover, paintCluster } from './clusters';
import type { Frame } from './frame';
import { bandHover, paintHeatmap } from './heatmap';
import type { ItemHover, PaintedKind } from './item';
import { paintLegend } from './legend';
import { magnetHover, paintMagnet } from './magnet';
import { MARK_HOVER, paintMarks } from './markKinds';
import { paintPrints, printHover } from './prints';
import { paintSetup, setupHover } from './setups';

export interface OverlayLayer {
  name: string;
  /** 'moving': a pan only moves it (cache.ts keeps its shapes); 'top': painted afresh over the moving layers on every paint. */
  z: 'moving' | 'top';
  /** Paints what the scene holds for it, if its switch is on. */
  paint(f: Frame, scene: OverlayScene, on: LayerToggles): void;
  /** Its items' rank and read-out, by item kind. */
  hover: { readonly [K in PaintedKind]?: ItemHover<K> };
}

export const OVERLAY_LAYERS: readonly OverlayLayer[] = [
  { name: 'heatmap bands', z: 'moving', paint: (f, s, on) => on.heatmap && s.heatmap && paintHeatmap(f, s.heatmap), hover: { band: bandHover } },
  { name: 'realized liquidations', z: 'moving', paint: (f, s, on) => on.prints && paintPrints(f, s.prints), hover: { print: printHover } },
  { name: 'SMC marks', z: 'moving', paint: (f, s, on) => paintMarks(f, s.marks, on), hover: MARK_HOVER },
  { name: 'clusters', z: 'top', paint: (f, s, on) => on.heatmap && s.clusters.forEach((c) => paintCluster(f, c)), hover: { cluster: clusterHover } },
  { name: 'magnet zone', z: 'top', paint: (f, s, on) => on.magnets && s.magnet && f.now < s.magnet.expiresTime && paintMagnet(f, s.magnet), hover: { magnet: magnetHover } },
  { name: 'setups', z: 'top', paint: (f, s, on) => on.setups && s.setups.forEach((setup) => paintSetup(f, setup)), hover: { setup: setupHover } },
  {
    // Last, so no mark ever hides what the colours mean.
    name: 'legend',
    z: 'top',
    paint: (f, s, on) => on.heatmap && s.heatmap && paintLegend(f, s.heatmap, [s.skill, s.calibration, ...(s.dollarsBasis ?? [])].filter((w): w is string => !!w)),
    hover: {},
  },
];
