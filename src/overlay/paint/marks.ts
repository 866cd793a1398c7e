/**
 * What the SMC mark layers share (breaks, order blocks, FVGs, equal levels, sweeps): provisional
 * marks at half strength, and the read-out's closing lines under each mark's own.
 */
import { exchangeName } from '../../exchanges';
import { formatAge, formatUtc } from '../../wording/format';
import type { OverlayMark, OverlayScene } from '../layers';
import type { Frame } from './frame';

/** Provisional marks (the candle is still open) at half strength. */
export const markAlpha = (f: Frame, m: OverlayMark) => (f.ctx.globalAlpha = m.provisional ? 0.5 : 1);

/** A mark's read-out: its own lines, then when it confirmed, whether it may change, and where. */
export function markLines(m: OverlayMark, own: string[], scene: OverlayScene, now: number): string[] {
  own.push(`Confirmed ${formatUtc(m.confirmTime, now)} (${formatAge(m.confirmTime, now)})`);
  if (m.provisional) own.push('Provisional: the candle is still open, so this may change');
  own.push(`${exchangeName(scene.exchange)} ${scene.symbol}`);
  return own;
}
