/**
 * Premium and discount: the current swing range, reset at each swing pivot (the structure
 * detector reports them) and widened by every later extreme.
 */
import type { Zones } from '../types';
import type { Detector, Ledger } from './detector';

type Saved = { top: number | null; bottom: number | null; range: { top: number; bottom: number } | null };

export class ZoneDetector implements Detector<Saved> {
  private top: number | null = null;
  private bottom: number | null = null;
  /** Replaced, never changed in place, so a saved reference stays as it was. */
  private range: { top: number; bottom: number } | null = null;

  constructor(private readonly ledger: Ledger) {}

  swingPivot(kind: 'high' | 'low', price: number): void {
    if (kind === 'high') this.top = price;
    else this.bottom = price;
    // Highs and lows between the pivot and now are inside [pivot low, pivot high] or widen it below.
    this.range = this.top !== null && this.bottom !== null ? { top: this.top, bottom: this.bottom } : null;
  }

  /** Last in the candle's order: candle j widens the range its own pivots may just have reset. */
  confirm(j: number): void {
    const range = this.range;
    if (!range) return;
    const high = this.ledger.candles.high[j]!;
    const low = this.ledger.candles.low[j]!;
    // Allocate only when the range widens (rarely): this runs on every candle.
    if (high > range.top || low < range.bottom) this.range = { top: Math.max(range.top, high), bottom: Math.min(range.bottom, low) };
  }

  /** Premium/discount of the current swing range, as of the last candle. */
  zones(): Zones | null {
    const range = this.range;
    if (!range) return null;
    return { top: range.top, bottom: range.bottom, equilibrium: (range.top + range.bottom) / 2, asOfIndex: this.ledger.candles.length - 1 };
  }

  save(): Saved {
    return { top: this.top, bottom: this.bottom, range: this.range };
  }

  restore(saved: Saved): void {
    this.top = saved.top;
    this.bottom = saved.bottom;
    this.range = saved.range;
  }
}
