/**
 * The SMC marks as one layer: each kind is painted and hovered by its own painter, paired with the
 * kind in markKinds.ts (boxes first, then lines), under the kind's own switches.
 */
import type { OverlayLayer } from '../layer';
import { MARK_HOVER, paintMarks } from '../markKinds';

/** Its place among the layers (layer.ts; registry.ts gathers it). */
export const layer: OverlayLayer = { name: 'SMC marks', order: 300, z: 'moving', paint: (f, s, on) => paintMarks(f, s.marks, on), hover: MARK_HOVER };
