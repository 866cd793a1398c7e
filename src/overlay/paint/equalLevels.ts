/** Equal highs and lows (EQH / EQL): a dotted line between the two pivots. */
import { formatPrice } from '../../wording/format';
import { STRUCTURE } from '../colors';
import type { OverlayMark } from '../layers';
import { DOTTED, type Frame } from './frame';
import { HIT, type ItemHover } from './item';
import { levelLine, markLines } from './marks';

export function paintEqual(f: Frame, m: Extract<OverlayMark, { kind: 'equal' }>): void {
  const high = m.label === 'EQH';
  const box = levelLine(f, m, high, STRUCTURE[high ? 'bear' : 'bull'].line, 1, DOTTED);
  if (box) f.items.push({ ...box, kind: 'equal', ref: m });
}

export const equalHover: ItemHover<'equal'> = {
  hit: HIT.point,
  describe: ({ ref: m }, scene, now) => markLines(m, [`Equal ${m.label === 'EQH' ? 'highs' : 'lows'} (${m.label})`, `Level ${formatPrice(m.price)}`], scene, now),
};
