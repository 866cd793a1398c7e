/** Equal highs and lows (EQH / EQL): a dotted line between the two pivots. */
import { formatPrice } from '../../wording/format';
import { STRUCTURE } from '../colors';
import { barToX, priceToY } from '../geometry';
import type { OverlayMark } from '../layers';
import { DOTTED, LABEL_REACH, centredLabel, crispY, hLine, span, type Frame } from './frame';
import { HIT, type ItemHover } from './item';
import { markAlpha, markLines } from './marks';

export function paintEqual(f: Frame, m: Extract<OverlayMark, { kind: 'equal' }>): void {
  const y = priceToY(f.g, m.price);
  if (!(y >= -LABEL_REACH && y <= f.h + LABEL_REACH)) return;
  const confirmX = barToX(f.g, m.confirmTime);
  const s = span(f, m.fromTime, confirmX);
  if (!s) return;
  const high = m.label === 'EQH';
  const colour = STRUCTURE[high ? 'bear' : 'bull'].line;
  const ly = crispY(y, 1, f.dpr);
  markAlpha(f, m);
  hLine(f, s.x0, s.x1, ly, colour, 1, DOTTED);
  const labelY = high ? ly - 8 : ly + 8;
  centredLabel(f, m.label, s.x0, s.x1, labelY, colour);
  const top = high ? labelY - 7 : ly - 0.5;
  const bottom = high ? ly + 0.5 : labelY + 7;
  f.items.push({ kind: 'equal', x: s.x0, y: top, w: s.x1 - s.x0, h: bottom - top, price: m.price, time: m.confirmTime, anchorX: confirmX, anchorY: y, ref: m });
}

export const equalHover: ItemHover<'equal'> = {
  hit: HIT.point,
  describe: ({ ref: m }, scene, now) => markLines(m, [`Equal ${m.label === 'EQH' ? 'highs' : 'lows'} (${m.label})`, `Level ${formatPrice(m.price)}`], scene, now),
};
