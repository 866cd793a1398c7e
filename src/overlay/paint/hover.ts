/**
 * Every layer's hover part by item kind, gathered from the layers' declarations (./layers/,
 * registry.ts): read by hitTest.ts (rank) and readout.ts (text). The painters never import this,
 * so the hover can read them without a cycle.
 */
import type { ItemHover, PaintedKind } from './item';
import { OVERLAY_LAYERS } from './registry';

export const HOVER = Object.assign({}, ...OVERLAY_LAYERS.map((l) => l.hover)) as { readonly [K in PaintedKind]: ItemHover<K> };
