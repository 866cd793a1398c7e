/** Structure breaks (BOS / CHoCH), swing solid and bold, internal dashed: a line from the broken pivot to the breaking candle. */
import { formatPrice } from '../../wording/format';
import { STRUCTURE } from '../colors';
import type { OverlayMark } from '../layers';
import { DASHED, PROVISIONAL, SOLID, type Frame } from './frame';
import { HIT, type ItemHover } from './item';
import { levelLine, markLines } from './marks';
import { dirWord, scopeWord } from './words';

export function paintBreak(f: Frame, m: Extract<OverlayMark, { kind: 'break' }>): void {
  const swing = m.scope === 'swing';
  const dash = m.provisional ? PROVISIONAL : swing ? SOLID : DASHED;
  const box = levelLine(f, m, m.dir === 1, STRUCTURE[m.dir === 1 ? 'bull' : 'bear'].line, swing ? 2 : 1, dash);
  if (box) f.items.push({ ...box, kind: 'break', ref: m });
}

export const breakHover: ItemHover<'break'> = {
  hit: HIT.point,
  describe: ({ ref: m }, scene, now) => markLines(m, [`${scopeWord(m.scope)} ${m.label}, ${dirWord(m.dir)}`, `Level ${formatPrice(m.price)}`], scene, now),
};
