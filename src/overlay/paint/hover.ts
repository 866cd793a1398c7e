/**
 * Every layer's hover part by item kind: read by hitTest.ts (rank) and readout.ts (text). The
 * painters never import this, so the hover can read them without a cycle.
 */
import { breakHover } from './breaks';
import { clusterHover } from './clusters';
import { equalHover } from './equalLevels';
import { fvgHover } from './fvgs';
import { bandHover } from './heatmap';
import type { ItemHover, PaintedKind } from './item';
import { magnetHover } from './magnet';
import { orderBlockHover } from './orderBlocks';
import { printHover } from './prints';
import { setupHover } from './setups';
import { sweepHover } from './sweeps';

export const HOVER: { readonly [K in PaintedKind]: ItemHover<K> } = {
  band: bandHover,
  cluster: clusterHover,
  magnet: magnetHover,
  print: printHover,
  setup: setupHover,
  break: breakHover,
  orderBlock: orderBlockHover,
  fvg: fvgHover,
  equal: equalHover,
  sweep: sweepHover,
};
