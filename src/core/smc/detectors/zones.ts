/**
 * Premium and discount: the current swing range, reset at each swing pivot (the structure
 * detector reports them) and widened by every later extreme.
 */
import type { Zones } from '../types';
import type { Detector, Ledger } from './detector';

type Saved = { top: number | null; bottom: number | null; rangeTop: number; rangeBottom: number };

export class ZoneDetector implements Detector<Saved> {
  private top: number | null = null;
  private bottom: number | null = null;
  /** The range as numbers (NaN: none until both a swing high and low), so widening it allocates nothing. */
  private rangeTop = Number.NaN;
  private rangeBottom = Number.NaN;

  constructor(private readonly ledger: Ledger) {}

  swingPivot(kind: 'high' | 'low', price: number): void {
    if (kind === 'high') this.top = price;
    else this.bottom = price;
    // Highs and lows between the pivot and now are inside [pivot low, pivot high] or widen it below.
    const both = this.top !== null && this.bottom !== null;
    this.rangeTop = both ? this.top! : Number.NaN;
    this.rangeBottom = both ? this.bottom! : Number.NaN;
  }

  /** Last in the candle's order: candle j widens the range its own pivots may just have reset. */
  confirm(j: number): void {
    // With no range (NaN), both comparisons are false.
    const high = this.ledger.candles.high[j]!;
    const low = this.ledger.candles.low[j]!;
    if (high > this.rangeTop) this.rangeTop = high;
    if (low < this.rangeBottom) this.rangeBottom = low;
  }

  /** Premium/discount of the current swing range, as of the last candle. */
  zones(): Zones | null {
    if (Number.isNaN(this.rangeTop)) return null;
    const top = this.rangeTop;
    const bottom = this.rangeBottom;
    return { top, bottom, equilibrium: (top + bottom) / 2, asOfIndex: this.ledger.candles.length - 1 };
  }

  save(): Saved {
    return { top: this.top, bottom: this.bottom, rangeTop: this.rangeTop, rangeBottom: this.rangeBottom };
  }

  restore(saved: Saved): void {
    this.top = saved.top;
    this.bottom = saved.bottom;
    this.rangeTop = saved.rangeTop;
    this.rangeBottom = saved.rangeBottom;
  }
}

// What this module adds to the engine: its detector by name, and the lists it emits (kinds.ts says what each is for).
declare module './detector' {
  interface SmcDetectors {
    zones: ZoneDetector;
  }
}
