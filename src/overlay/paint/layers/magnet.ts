/** The active magnet zone: a band of MAGNET_BAND either side of its price, from its opening candle until it expires. */
import { formatAge, formatPrice, formatUtc } from '../../../wording/format';
import { SIDE } from '../../colors';
import { barToX, priceToY } from '../../geometry';
import type { OverlayMagnet } from '../../layers';
import { DOTTED, SOLID, clampY, pill, type Frame } from '../frame';
import { HIT, type ItemHover } from '../item';
import type { OverlayLayer } from '../layer';
import { sideWord } from '../words';

/** A magnet zone is drawn this share of its price either side. */
export const MAGNET_BAND = 0.0015;

export function paintMagnet(f: Frame, m: OverlayMagnet): void {
  const { ctx, g } = f;
  const ya = priceToY(g, m.price * (1 + MAGNET_BAND));
  const yb = priceToY(g, m.price * (1 - MAGNET_BAND));
  const top = Math.min(ya, yb);
  const bottom = Math.max(ya, yb);
  if (!(bottom >= 0 && top <= f.h)) return;
  // Both times are candle open times (the zone opens on a candle and lives a fixed span).
  const openX = barToX(g, m.openedTime);
  const x0 = Math.max(0, openX);
  const x1 = Math.min(f.w, barToX(g, m.expiresTime));
  if (!(x1 > x0)) return;
  const hue = SIDE[m.side];
  ctx.fillStyle = hue.fill;
  ctx.fillRect(x0, top, x1 - x0, bottom - top);
  ctx.strokeStyle = hue.line;
  ctx.lineWidth = 1;
  ctx.setLineDash(DOTTED);
  ctx.beginPath();
  ctx.moveTo(x0, top);
  ctx.lineTo(x1, top);
  ctx.moveTo(x0, bottom);
  ctx.lineTo(x1, bottom);
  ctx.stroke();
  ctx.setLineDash(SOLID);
  pill(f, `magnet · expires ${formatUtc(m.expiresTime, f.now)}`, x0 + 4, clampY(f, top - 10), 'left', hue.line);
  f.items.push({ kind: 'magnet', x: x0, y: top, w: x1 - x0, h: bottom - top, price: m.price, time: m.openedTime, anchorX: openX, anchorY: priceToY(g, m.price), ref: m });
}

export const magnetHover: ItemHover<'magnet'> = {
  hit: HIT.area,
  describe: ({ ref: m }, _scene, now) => [
    `Magnet zone (${sideWord(m.side)} liquidations)`,
    `Price ${formatPrice(m.price)} ± 0.15%`,
    `Opened ${formatUtc(m.openedTime, now)} (${formatAge(m.openedTime, now)})`,
    `Expires ${formatUtc(m.expiresTime, now)} (${formatAge(m.expiresTime, now)})`,
  ],
};

/** Its place among the layers (layer.ts; registry.ts gathers it). */
export const layer: OverlayLayer = { name: 'magnet zone', order: 500, z: 'top', paint: (f, s, on) => on.magnets && s.magnet && f.now < s.magnet.expiresTime && paintMagnet(f, s.magnet), hover: { magnet: magnetHover } };

// This layer's items, for the hover (item.ts).
declare module '../item' {
  interface PaintedItems {
    magnet: OverlayMagnet;
  }
}
