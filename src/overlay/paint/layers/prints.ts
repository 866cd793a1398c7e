/** Realized liquidations as bubbles at their price and instant, area proportional to notional. */
import { exchangeName } from '../../../exchanges';
import { formatAge, formatPrice, formatUsd, formatUtc } from '../../../wording/format';
import { PRINT } from '../../colors';
import { instantToX, priceToY } from '../../geometry';
import type { OverlayPrint } from '../../layers';
import type { Frame } from '../frame';
import { HIT, type ItemHover } from '../item';
import type { OverlayLayer } from '../layer';

/** Print bubbles: radius ∝ √notional, so area ∝ notional ($1M ≈ 12 px). */
const PRINT_RADIUS_PER_SQRT_USD = 0.012;
const PRINT_RADIUS_MIN = 2;
const PRINT_RADIUS_MAX = 18;
const TAU = Math.PI * 2;

export function printRadius(notional: number): number {
  const r = PRINT_RADIUS_PER_SQRT_USD * Math.sqrt(Math.max(0, notional));
  return Math.min(PRINT_RADIUS_MAX, Math.max(PRINT_RADIUS_MIN, r));
}

const SIDES = ['long', 'short'] as const;

/**
 * Bubbles side by side, colours set once per side. Each bubble is filled on its own: overlapping
 * prints then read denser, and a lone circle rasters faster than one path of hundreds.
 */
export function paintPrints(f: Frame, prints: readonly OverlayPrint[]): void {
  const { ctx, g } = f;
  ctx.lineWidth = 1;
  for (const side of SIDES) {
    ctx.fillStyle = PRINT[side].fill;
    ctx.strokeStyle = PRINT[side].stroke;
    for (const p of prints) {
      if (p.side !== side) continue;
      const x = instantToX(g, p.time);
      const y = priceToY(g, p.price);
      const r = printRadius(p.notional);
      if (!(x + r > 0 && x - r < f.w && y + r > 0 && y - r < f.h)) continue;
      if (f.shapes) {
        ctx.beginPath();
        ctx.arc(x, y, r, 0, TAU);
        ctx.fill();
        ctx.stroke();
      }
      f.items.push({ kind: 'print', x: x - r, y: y - r, w: 2 * r, h: 2 * r, price: p.price, time: p.time, anchorX: x, anchorY: y, ref: p });
    }
  }
}

export const printHover: ItemHover<'print'> = {
  hit: HIT.point,
  describe: ({ ref: p }, scene, now) => [
    `${p.side === 'long' ? 'Long' : 'Short'} liquidation`,
    `Price ${formatPrice(p.price)}`,
    `Notional ${formatUsd(p.notional)}`,
    `Exchange: ${exchangeName(scene.exchange)}`,
    `${formatUtc(p.time, now)} (${formatAge(p.time, now)})`,
  ],
};

/** Its place among the layers (layer.ts; registry.ts gathers it). */
export const layer: OverlayLayer = { name: 'realized liquidations', order: 200, z: 'moving', paint: (f, s, on) => on.prints && paintPrints(f, s.prints), hover: { print: printHover } };

// This layer's items, for the hover (item.ts).
declare module '../item' {
  interface PaintedItems {
    print: OverlayPrint;
  }
}
