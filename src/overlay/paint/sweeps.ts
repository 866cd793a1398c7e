/** Liquidity sweeps: where a candle took the liquidity beyond a level and closed back. */
import { formatPrice } from '../../wording/format';
import { STRUCTURE } from '../colors';
import { barToX, priceToY } from '../geometry';
import type { OverlayMark } from '../layers';
import { PROVISIONAL, SOLID, type Frame } from './frame';
import { HIT, type ItemHover } from './item';
import { markAlpha, markLines } from './marks';
import { dirWord } from './words';

const SWEEP_ARM = 4;
const SWEEP_TICK = 10;

/** An × where the sweep confirmed, with a short tick back along the swept level. */
export function paintSweep(f: Frame, m: Extract<OverlayMark, { kind: 'sweep' }>): void {
  const { ctx } = f;
  const x = barToX(f.g, m.confirmTime);
  const y = priceToY(f.g, m.price);
  const left = x - SWEEP_ARM - SWEEP_TICK;
  if (!(x + SWEEP_ARM > 0 && left < f.w && y + SWEEP_ARM > 0 && y - SWEEP_ARM < f.h)) return;
  if (f.shapes) {
    markAlpha(f, m);
    ctx.strokeStyle = STRUCTURE[m.dir === 1 ? 'bull' : 'bear'].line;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(m.provisional ? PROVISIONAL : SOLID);
    ctx.beginPath();
    ctx.moveTo(x - SWEEP_ARM, y - SWEEP_ARM);
    ctx.lineTo(x + SWEEP_ARM, y + SWEEP_ARM);
    ctx.moveTo(x - SWEEP_ARM, y + SWEEP_ARM);
    ctx.lineTo(x + SWEEP_ARM, y - SWEEP_ARM);
    ctx.moveTo(left, y);
    ctx.lineTo(x - SWEEP_ARM, y);
    ctx.stroke();
  }
  f.items.push({ kind: 'sweep', x: left, y: y - SWEEP_ARM, w: x + SWEEP_ARM - left, h: 2 * SWEEP_ARM, price: m.price, time: m.confirmTime, anchorX: x, anchorY: y, ref: m });
}

export const sweepHover: ItemHover<'sweep'> = {
  hit: HIT.point,
  describe: ({ ref: m }, scene, now) =>
    markLines(m, [`Liquidity sweep of ${m.dir === -1 ? 'a high' : 'a low'} (${dirWord(m.dir)})`, `Level ${formatPrice(m.price)}`, `Sweeping candle ${m.displacement.toFixed(1)} ATR`], scene, now),
};
