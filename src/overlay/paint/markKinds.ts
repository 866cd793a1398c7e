/**
 * The UI half of each SMC kind the overlay draws (core/smc/kinds.ts declares the rest): its
 * painter, its hover part, and its pass. Boxes are painted first, so lines and labels stay on
 * top of them; within a pass, the marks keep their own order. A new kind adds one line here; the
 * compiler names a drawn kind that has none.
 */
import { toggleOf, type SmcMarkKind } from '../../core/smc/kinds';
import type { LayerToggles } from '../../settings/switches';
import type { OverlayMark } from '../layers';
import { breakHover, paintBreak } from './breaks';
import { equalHover, paintEqual } from './equalLevels';
import type { Frame } from './frame';
import { fvgHover, paintFvg } from './fvgs';
import type { ItemHover } from './item';
import { orderBlockHover, paintOrderBlock } from './orderBlocks';
import { paintSweep, sweepHover } from './sweeps';

export interface MarkPainter<K extends SmcMarkKind> {
  pass: 'box' | 'line';
  paint(f: Frame, mark: Extract<OverlayMark, { kind: K }>): void;
  hover: ItemHover<K>;
}

export const MARK_PAINTERS: { readonly [K in SmcMarkKind]: MarkPainter<K> } = {
  break: { pass: 'line', paint: paintBreak, hover: breakHover },
  orderBlock: { pass: 'box', paint: paintOrderBlock, hover: orderBlockHover },
  fvg: { pass: 'box', paint: paintFvg, hover: fvgHover },
  equal: { pass: 'line', paint: paintEqual, hover: equalHover },
  sweep: { pass: 'line', paint: paintSweep, hover: sweepHover },
};

/** The passes, bottom to top. */
const MARK_PASSES = ['box', 'line'] as const;

/** Each pass over the marks in their own order, each mark by its kind's painter if its switch is on. */
export function paintMarks(f: Frame, marks: readonly OverlayMark[], layers: LayerToggles): void {
  for (const pass of MARK_PASSES) {
    for (const m of marks) {
      const painter = MARK_PAINTERS[m.kind];
      // Each kind's painter takes its own marks: the table is keyed by the mark's own kind.
      if (painter.pass === pass && layers[toggleOf(m)]) (painter.paint as (f: Frame, m: OverlayMark) => void)(f, m);
    }
  }
  f.ctx.globalAlpha = 1;
}

/** The marks' hover parts, by kind. */
export const MARK_HOVER = Object.fromEntries(Object.entries(MARK_PAINTERS).map(([kind, painter]) => [kind, painter.hover])) as { readonly [K in SmcMarkKind]: ItemHover<K> };
