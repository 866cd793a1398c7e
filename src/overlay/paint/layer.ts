/**
 * What an overlay layer declares, in its own module in ./layers/ (`export const layer`, beside its
 * painter and hover part): its name, its place bottom to top, whether a pan only moves it, how it
 * paints from the scene under its switch, and its items' hover parts. The shape is that of a
 * lightweight-charts pane primitive (a renderer, a z-order, a hit test), here as plain data;
 * registry.ts gathers the modules.
 */
import type { LayerToggles } from '../../settings/switches';
import type { OverlayScene } from '../layers';
import type { Frame } from './frame';
import type { ItemHover, PaintedKind } from './item';

export interface OverlayLayer {
  name: string;
  /**
   * Its place bottom to top, a number of its own (today's are at least 100 apart, so a new one fits
   * between any two). Every 'moving' layer is below every 'top' one: they are painted first.
   */
  order: number;
  /** 'moving': a pan only moves it (cache.ts keeps its shapes); 'top': painted afresh over the moving layers on every paint. */
  z: 'moving' | 'top';
  /** Paints what the scene holds for it, if its switch is on. */
  paint(f: Frame, scene: OverlayScene, on: LayerToggles): void;
  /** Its items' rank and read-out, by item kind. */
  hover: { readonly [K in PaintedKind]?: ItemHover<K> };
}
