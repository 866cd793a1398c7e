/** Fair value gaps: a box until filled. */
import { formatUtc } from '../../wording/format';
import { FVG } from '../colors';
import type { OverlayMark } from '../layers';
import { paintBox } from './boxes';
import type { Frame } from './frame';
import { HIT, type ItemHover } from './item';
import { markLines } from './marks';
import { dirWord, range } from './words';

export function paintFvg(f: Frame, m: Extract<OverlayMark, { kind: 'fvg' }>): void {
  const hue = FVG[m.dir === 1 ? 'bull' : 'bear'];
  const box = paintBox(f, m, hue, hue.fill);
  if (box) f.items.push({ ...box, kind: 'fvg', ref: m });
}

export const fvgHover: ItemHover<'fvg'> = {
  hit: HIT.area,
  describe: ({ ref: m }, scene, now) => markLines(m, [
    `${dirWord(m.dir) === 'bullish' ? 'Bullish' : 'Bearish'} fair value gap`,
    `Price ${range(m.bottom, m.top)}`,
    m.endTime === null ? 'Open' : `Filled ${formatUtc(m.endTime, now)}`,
  ], scene, now),
};
