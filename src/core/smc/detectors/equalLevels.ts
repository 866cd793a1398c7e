/**
 * Equal highs and lows (EQH / EQL): two consecutive pivots of the equal-level length within
 * `equalTolerance` ATRs of each other. Liquidity rests beyond both, for the sweep detector.
 */
import { PIVOT_HIGH, PIVOT_LOW, pivotBits } from '../pivots';
import type { EqualLevel } from '../types';
import { EqualLevelObject } from '../objects';
import { PIVOT_SLOT, type Detector, type Ledger } from './detector';
import type { SweepDetector } from './sweeps';

const HIGH = pivotBits(PIVOT_SLOT.equal, PIVOT_HIGH);
const LOW = pivotBits(PIVOT_SLOT.equal, PIVOT_LOW);

/** The previous pivot of each kind, as numbers (index -1: none yet), so a pivot allocates nothing. */
type Saved = { levels: number; highIndex: number; highPrice: number; lowIndex: number; lowPrice: number };

export class EqualLevelDetector implements Detector<Saved> {
  /** Emitted levels, append-only, in confirm order. */
  readonly levels: EqualLevel[] = [];
  private highIndex = -1;
  private highPrice = 0;
  private lowIndex = -1;
  private lowPrice = 0;

  constructor(private readonly ledger: Ledger, private readonly sweeps: SweepDetector) {}

  /** The pivots of the equal-level length confirmed at j (`found`: the bar's confirmedAt). */
  confirm(j: number, found: number): void {
    const b = this.ledger.candles;
    const i = j - this.ledger.settings.equalLength;
    if (found & HIGH) {
      this.register(j, true, i, b.high[i]!, this.highIndex, this.highPrice);
      this.highIndex = i;
      this.highPrice = b.high[i]!;
    }
    if (found & LOW) {
      this.register(j, false, i, b.low[i]!, this.lowIndex, this.lowPrice);
      this.lowIndex = i;
      this.lowPrice = b.low[i]!;
    }
  }

  /** The pivot at `index` against the previous one of its kind (none if `previousIndex` < 0). */
  private register(j: number, isHigh: boolean, index: number, price: number, previousIndex: number, previousPrice: number): void {
    const b = this.ledger.candles;
    if (previousIndex < 0 || !(Math.abs(price - previousPrice) < this.ledger.settings.equalTolerance * b.atr[j]!)) return;
    const level = this.ledger.emit(this.levels, new EqualLevelObject(this.ledger.newId(), isHigh ? 'EQH' : 'EQL', (price + previousPrice) / 2, [previousIndex, index], previousIndex, j, b.time));
    // The liquidity rests beyond both pivots.
    const rest = isHigh ? Math.max(price, previousPrice) : Math.min(price, previousPrice);
    this.sweeps.addLevel(rest, isHigh ? 'EQH' : 'EQL', level, isHigh);
  }

  save(): Saved {
    return { levels: this.levels.length, highIndex: this.highIndex, highPrice: this.highPrice, lowIndex: this.lowIndex, lowPrice: this.lowPrice };
  }

  restore(saved: Saved): void {
    this.levels.length = saved.levels;
    this.highIndex = saved.highIndex;
    this.highPrice = saved.highPrice;
    this.lowIndex = saved.lowIndex;
    this.lowPrice = saved.lowPrice;
  }
}

// What this module adds to the engine: its detector by name, and the lists it emits (kinds.ts says what each is for).
declare module '../types' {
  interface SmcLists {
    equalLevels: EqualLevel;
  }
}
declare module './detector' {
  interface SmcDetectors {
    equalLevels: EqualLevelDetector;
  }
}
