/**
 * Equal highs and lows (EQH / EQL): two consecutive pivots of the equal-level length within
 * `equalTolerance` ATRs of each other. Liquidity rests beyond both, for the sweep detector.
 */
import { PIVOT_HIGH, PIVOT_LOW, pivotAt, PivotDetector, type Pivot } from '../pivots';
import type { EqualLevel } from '../types';
import { NO_CHANGES, type Detector, type Ledger } from './detector';
import type { SweepDetector } from './sweeps';

type Saved = { levels: number; lastHigh: Pivot | null; lastLow: Pivot | null; pivots: ReturnType<PivotDetector['save']> };

export class EqualLevelDetector implements Detector<Saved> {
  /** Emitted levels, append-only, in confirm order. */
  readonly levels: EqualLevel[] = [];
  private lastHigh: Pivot | null = null;
  private lastLow: Pivot | null = null;
  private readonly pivots: PivotDetector;

  constructor(private readonly ledger: Ledger, private readonly sweeps: SweepDetector) {
    this.pivots = new PivotDetector(ledger.settings.equalLength);
  }

  confirm(j: number): void {
    const b = this.ledger.candles;
    const found = this.pivots.push(j, b.high, b.low);
    if (found & PIVOT_HIGH) this.register(j, pivotAt('high', j, this.pivots.length, b.high, b.low));
    if (found & PIVOT_LOW) this.register(j, pivotAt('low', j, this.pivots.length, b.high, b.low));
  }

  private register(j: number, p: Pivot): void {
    const isHigh = p.kind === 'high';
    const previous = isHigh ? this.lastHigh : this.lastLow;
    if (isHigh) this.lastHigh = p;
    else this.lastLow = p;
    const b = this.ledger.candles;
    if (!previous || !(Math.abs(p.price - previous.price) < this.ledger.settings.equalTolerance * b.atr[j]!)) return;
    const level = this.ledger.emit(this.levels, {
      type: 'equal',
      id: this.ledger.newId(),
      kind: isHigh ? 'EQH' : 'EQL',
      price: (p.price + previous.price) / 2,
      indices: [previous.index, p.index],
      anchorIndex: previous.index, anchorTime: b.time[previous.index]!, confirmIndex: j, confirmTime: b.time[j]!,
      changes: NO_CHANGES,
    });
    // The liquidity rests beyond both pivots.
    const price = isHigh ? Math.max(p.price, previous.price) : Math.min(p.price, previous.price);
    this.sweeps.addLevel({ price, source: isHigh ? 'EQH' : 'EQL', owner: level, externalId: null, removed: false }, isHigh);
  }

  save(): Saved {
    return { levels: this.levels.length, lastHigh: this.lastHigh, lastLow: this.lastLow, pivots: this.pivots.save() };
  }

  restore(saved: Saved): void {
    this.levels.length = saved.levels;
    this.lastHigh = saved.lastHigh;
    this.lastLow = saved.lastLow;
    this.pivots.restore(saved.pivots);
  }
}
