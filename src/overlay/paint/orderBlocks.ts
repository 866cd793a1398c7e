/** Order blocks: swing blocks fill stronger than internal ones, a breaker block is an outline only. */
import { formatUtc } from '../../wording/format';
import { ORDER_BLOCK } from '../colors';
import type { OverlayMark } from '../layers';
import { paintBox } from './boxes';
import type { Frame } from './frame';
import { HIT, type ItemHover } from './item';
import { markLines } from './marks';
import { dirWord, range, scopeWord } from './words';

export function paintOrderBlock(f: Frame, m: Extract<OverlayMark, { kind: 'orderBlock' }>): void {
  const hue = ORDER_BLOCK[m.dir === 1 ? 'bull' : 'bear'];
  const box = paintBox(f, m, hue, m.breaker ? null : m.scope === 'internal' ? hue.fillFaint : hue.fill);
  if (box) f.items.push({ ...box, kind: 'orderBlock', ref: m });
}

export const orderBlockHover: ItemHover<'orderBlock'> = {
  hit: HIT.area,
  describe: ({ ref: m }, scene, now) => markLines(m, [
    `${scopeWord(m.scope)} ${dirWord(m.dir)} ${m.breaker ? 'breaker block' : 'order block'}`,
    `Price ${range(m.bottom, m.top)}`,
    m.endTime === null ? 'Active' : `${m.breaker ? 'Invalidated' : 'Mitigated'} ${formatUtc(m.endTime, now)}`,
  ], scene, now),
};
