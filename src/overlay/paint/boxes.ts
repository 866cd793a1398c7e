/**
 * The box the order-block and FVG layers share: from the anchoring candle to where the object
 * ended, or to the pane's right edge while it is alive. A box without a fill is an outline only;
 * a provisional box is half strength with a dashed outline.
 */
import type { Hue } from '../colors';
import { barToX, priceToY } from '../geometry';
import type { OverlayMark } from '../layers';
import { PROVISIONAL, SOLID, span, type Frame } from './frame';
import type { ItemBox } from './item';
import { markAlpha } from './marks';

export type BoxMark = Extract<OverlayMark, { kind: 'orderBlock' | 'fvg' }>;

/** Paints the box; returns its item's geometry, or null where it misses the pane. */
export function paintBox(f: Frame, m: BoxMark, hue: Hue, fill: string | null): ItemBox | null {
  const { ctx, g } = f;
  const ya = priceToY(g, m.top);
  const yb = priceToY(g, m.bottom);
  const top = Math.min(ya, yb);
  const bottom = Math.max(ya, yb);
  if (!(bottom >= 0 && top <= f.h)) return null;
  const s = span(f, m.fromTime, m.endTime === null ? f.w : barToX(g, m.endTime));
  if (!s) return null;
  const h = Math.max(bottom - top, 1);
  markAlpha(f, m);
  if (f.shapes && fill !== null) {
    ctx.fillStyle = fill;
    ctx.fillRect(s.x0, top, s.x1 - s.x0, h);
  }
  if (f.shapes && (fill === null || m.provisional)) {
    ctx.strokeStyle = hue.line;
    ctx.lineWidth = 1;
    ctx.setLineDash(m.provisional ? PROVISIONAL : SOLID);
    ctx.strokeRect(s.x0 + 0.5, top + 0.5, Math.max(s.x1 - s.x0 - 1, 0), Math.max(h - 1, 0));
  }
  return { x: s.x0, y: top, w: s.x1 - s.x0, h, price: m.top, time: m.confirmTime, anchorX: barToX(g, m.confirmTime), anchorY: ya };
}
