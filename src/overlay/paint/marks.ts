/**
 * What the SMC mark layers share (breaks, order blocks, FVGs, equal levels, sweeps): provisional
 * marks at half strength, the labelled level line of breaks and equal levels, and the read-out's
 * closing lines under each mark's own.
 */
import { exchangeName } from '../../exchanges';
import { formatAge, formatUtc } from '../../wording/format';
import { barToX, priceToY } from '../geometry';
import type { OverlayMark, OverlayScene } from '../layers';
import { LABEL_REACH, centredLabel, crispY, hLine, span, type Frame } from './frame';
import type { ItemBox } from './item';

/** Provisional marks (the candle is still open) at half strength. */
export const markAlpha = (f: Frame, m: OverlayMark) => (f.ctx.globalAlpha = m.provisional ? 0.5 : 1);

/** A mark's read-out: its own lines, then when it confirmed, whether it may change, and where. */
export function markLines(m: OverlayMark, own: string[], scene: OverlayScene, now: number): string[] {
  own.push(`Confirmed ${formatUtc(m.confirmTime, now)} (${formatAge(m.confirmTime, now)})`);
  if (m.provisional) own.push('Provisional: the candle is still open, so this may change');
  own.push(`${exchangeName(scene.exchange)} ${scene.symbol}`);
  return own;
}

/**
 * A level line (a break or an equal level) from the mark's first candle to the one that
 * confirmed it, labelled above the line (`above`) or below; null where it misses the pane.
 */
export function levelLine(f: Frame, m: Extract<OverlayMark, { kind: 'break' | 'equal' }>, above: boolean, colour: string, lw: number, dash: number[]): ItemBox | null {
  const y = priceToY(f.g, m.price);
  if (!(y >= -LABEL_REACH && y <= f.h + LABEL_REACH)) return null;
  const confirmX = barToX(f.g, m.confirmTime);
  const s = span(f, m.fromTime, confirmX);
  if (!s) return null;
  const ly = crispY(y, lw, f.dpr);
  markAlpha(f, m);
  hLine(f, s.x0, s.x1, ly, colour, lw, dash);
  const labelY = above ? ly - 8 : ly + 8;
  centredLabel(f, m.label, s.x0, s.x1, labelY, colour);
  const top = above ? labelY - 7 : ly - lw / 2;
  const bottom = above ? ly + lw / 2 : labelY + 7;
  return { x: s.x0, y: top, w: s.x1 - s.x0, h: bottom - top, price: m.price, time: m.confirmTime, anchorX: confirmX, anchorY: y };
}
