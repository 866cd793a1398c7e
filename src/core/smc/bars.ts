import { CandleColumns } from '../candles/columns';
import { Extremes } from './pivots';

/**
 * The engine's closed candles: the candle columns (core/candles/columns.ts) and what the engine
 * derives per bar beside them, the ATR as of each bar and the pivots each bar confirms. The
 * engine fills both as it pushes a bar (engine.ts), so the candle columns' push stays small
 * enough to inline.
 */
export class SmcBars extends CandleColumns {
  /** ATR as of each bar. */
  atr = new Float64Array(0);
  readonly extremes: Extremes;

  /** `pivotLengths`: the lengths whose pivots `extremes.confirmedAt` answers for (pivots.ts). */
  constructor(pivotLengths: readonly number[]) {
    super();
    // No room yet: a batch reserves exactly what it needs (makeRoom), the first push 1024.
    this.extremes = new Extremes(pivotLengths);
  }

  override reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    super.reserve(capacity);
    const atr = new Float64Array(capacity);
    atr.set(this.atr.subarray(0, this.length));
    this.atr = atr;
    this.extremes.reserve(capacity, this.length);
  }

  /** Drops the bars from `length` on: the last one only (a preview undoing its open candle). */
  truncate(length: number): void {
    if (length === this.length) return;
    if (length !== this.length - 1) throw new RangeError(`SmcBars: can drop the last bar only, not truncate ${this.length} bars to ${length}`);
    this.dropLast(); // the pivot checks need no undo: pushing the bar again rewrites what it wrote (pivots.ts)
  }
}
