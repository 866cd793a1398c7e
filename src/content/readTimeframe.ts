/**
 * Reads the timeframe the page shows, where it shows one in its own DOM: the selected button
 * of an interval toolbar. Returns null where none is found; the caller then says which
 * timeframe it assumed instead of pretending to know.
 */
import type { Timeframe } from '../core/timeframes';
import { timeframeFromLabel } from '../site/timeframeFromText';

const SELECTED = '[aria-selected="true"], [aria-pressed="true"], [aria-checked="true"], .active, .selected';

export function readTimeframe(root: ParentNode): Timeframe | null {
  for (const element of root.querySelectorAll(SELECTED)) {
    const label = element.textContent?.trim() ?? '';
    if (label.length === 0 || label.length > 16) continue;
    const timeframe = timeframeFromLabel(label);
    if (timeframe) return timeframe;
  }
  return null;
}
