/** Live trade setups: entry, stop and target lines with one label, and the journal's read-out. */
import { formatAge, formatPrice, formatR, formatUtc } from '../../../wording/format';
import { barToX, priceToY } from '../../geometry';
import type { OverlaySetup } from '../../layers';
import { DASHED, LABEL_REACH, SOLID, crispY, hLine, pill, type Frame } from '../frame';
import { HIT, type ItemHover } from '../item';
import type { OverlayLayer } from '../layer';

const SETUP_NAME = { 'sweep-choch': 'Sweep + CHoCH', magnet: 'Magnet' } as const;
const SETUP_COLOUR = { entry: '#f0b90b', stop: '#f6465d', target: '#0ecb81' } as const;

/**
 * A live setup: entry, stop and target as lines from the candle that completed it to the pane's
 * right edge (to its close where it is done), with one label. Expired ones are not drawn.
 */
export function paintSetup(f: Frame, st: OverlaySetup): void {
  if (st.status === 'expired') return;
  const fromX = barToX(f.g, st.confirmTime);
  const x0 = Math.max(fromX, -4);
  const x1 = f.w + 4;
  if (!(x0 < f.w)) return;
  const levels = [['entry', st.entry], ['stop', st.stop], ['target', st.target]] as const;
  const ys = levels.map(([, price]) => priceToY(f.g, price));
  if (ys.every((y) => !(y >= -LABEL_REACH && y <= f.h + LABEL_REACH))) return;
  f.ctx.globalAlpha = st.status === 'closed' ? 0.45 : 1;
  levels.forEach(([which], i) => hLine(f, x0, x1, crispY(ys[i]!, 1, f.dpr), SETUP_COLOUR[which], which === 'entry' ? 2 : 1, which === 'entry' ? SOLID : DASHED));
  const outcome = st.status === 'closed' && st.r !== null ? ` · ${st.r >= 0 ? '+' : '−'}${Math.abs(st.r).toFixed(1)} R` : st.status === 'open' ? ' · open' : '';
  pill(f, `${SETUP_NAME[st.kind]} ${st.dir === 1 ? 'long' : 'short'} ${st.grade}${outcome}`, Math.max(x0, 2), ys[0]! - 10, 'left', SETUP_COLOUR.entry);
  f.ctx.globalAlpha = 1;
  const top = Math.min(...ys);
  const bottom = Math.max(...ys);
  f.items.push({ kind: 'setup', x: x0, y: top - 2, w: x1 - x0, h: bottom - top + 4, price: st.entry, time: st.confirmTime, anchorX: fromX, anchorY: ys[0]!, ref: st });
}

export const setupHover: ItemHover<'setup'> = {
  hit: HIT.area,
  describe: ({ ref: st }, _scene, now) => {
    const name = st.kind === 'sweep-choch' ? 'Liquidation Sweep + CHoCH' : 'Magnet trade';
    const state = { waiting: 'entry order waiting', open: 'position open', closed: `closed at ${st.r !== null ? formatR(st.r) : '?'}`, expired: 'expired unfilled' }[st.status];
    return [
      `${name}, ${st.dir === 1 ? 'long' : 'short'}, grade ${st.grade} (${state})`,
      `Entry ${formatPrice(st.entry)} · stop ${formatPrice(st.stop)} · target ${formatPrice(st.target)}`,
      ...(st.confluence.length > 0 ? [st.confluence.join('; ')] : []),
      `Formed ${formatUtc(st.confirmTime, now)} (${formatAge(st.confirmTime, now)})`,
    ];
  },
};

/** Its place among the layers (layer.ts; registry.ts gathers it). */
export const layer: OverlayLayer = { name: 'setups', order: 600, z: 'top', paint: (f, s, on) => on.setups && s.setups.forEach((setup) => paintSetup(f, setup)), hover: { setup: setupHover } };

// This layer's items, for the hover (item.ts).
declare module '../item' {
  interface PaintedItems {
    setup: OverlaySetup;
  }
}
