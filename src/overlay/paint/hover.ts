/**
 * Every layer's hover part by item kind: read by hitTest.ts (rank) and readout.ts (text). The
 * painters never import this, so the hover can read them without a cycle. The SMC marks' parts
 * come with their painters (markKinds.ts).
 */
import type { SmcMarkKind } from '../../core/smc/kinds';
import { clusterHover } from './clusters';
import { bandHover } from './heatmap';
import type { ItemHover, PaintedKind } from './item';
import { magnetHover } from './magnet';
import { MARK_PAINTERS } from './markKinds';
import { printHover } from './prints';
import { setupHover } from './setups';

const MARK_HOVER = Object.fromEntries(Object.entries(MARK_PAINTERS).map(([kind, painter]) => [kind, painter.hover])) as { readonly [K in SmcMarkKind]: ItemHover<K> };

export const HOVER: { readonly [K in PaintedKind]: ItemHover<K> } = {
  band: bandHover,
  cluster: clusterHover,
  magnet: magnetHover,
  print: printHover,
  setup: setupHover,
  ...MARK_HOVER,
};
