/** Structure breaks (BOS / CHoCH), swing solid and bold, internal dashed: a line from the broken pivot to the breaking candle. */
import { formatPrice } from '../../wording/format';
import { STRUCTURE } from '../colors';
import { barToX, priceToY } from '../geometry';
import type { OverlayMark } from '../layers';
import { DASHED, LABEL_REACH, PROVISIONAL, SOLID, centredLabel, crispY, hLine, span, type Frame } from './frame';
import { HIT, type ItemHover } from './item';
import { markAlpha, markLines } from './marks';
import { dirWord, scopeWord } from './words';

export function paintBreak(f: Frame, m: Extract<OverlayMark, { kind: 'break' }>): void {
  const y = priceToY(f.g, m.price);
  if (!(y >= -LABEL_REACH && y <= f.h + LABEL_REACH)) return;
  const confirmX = barToX(f.g, m.confirmTime);
  const s = span(f, m.fromTime, confirmX);
  if (!s) return;
  const swing = m.scope === 'swing';
  const lw = swing ? 2 : 1;
  const colour = STRUCTURE[m.dir === 1 ? 'bull' : 'bear'].line;
  const ly = crispY(y, lw, f.dpr);
  markAlpha(f, m);
  hLine(f, s.x0, s.x1, ly, colour, lw, m.provisional ? PROVISIONAL : swing ? SOLID : DASHED);
  const labelY = m.dir === 1 ? ly - 8 : ly + 8;
  centredLabel(f, m.label, s.x0, s.x1, labelY, colour);
  const top = m.dir === 1 ? labelY - 7 : ly - lw / 2;
  const bottom = m.dir === 1 ? ly + lw / 2 : labelY + 7;
  f.items.push({ kind: 'break', x: s.x0, y: top, w: s.x1 - s.x0, h: bottom - top, price: m.price, time: m.confirmTime, anchorX: confirmX, anchorY: y, ref: m });
}

export const breakHover: ItemHover<'break'> = {
  hit: HIT.point,
  describe: ({ ref: m }, scene, now) => markLines(m, [`${scopeWord(m.scope)} ${m.label}, ${dirWord(m.dir)}`, `Level ${formatPrice(m.price)}`], scene, now),
};
