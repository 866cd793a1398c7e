/**
 * Liquidity sweeps: a candle that trades beyond a resting level (a swing or internal pivot, an
 * equal level, or a level handed in from outside such as a liquidation cluster) and closes back
 * on the near side. Each level is swept at most once.
 */
import { Heap, type SavedHeap } from '../heap';
import type { Direction, EqualLevel, ExternalLevel, Sweep, SweepSource, Swing } from '../types';
import { SweepObject } from '../objects';
import type { Detector, Ledger } from './detector';

type Saved = { sweeps: number; levels: number; above: SavedHeap; below: SavedHeap };

export class SweepDetector implements Detector<Saved> {
  /** Emitted sweeps, append-only, in confirm order. */
  readonly sweeps: Sweep[] = [];
  /**
   * Every resting level, by number (the heaps hold the numbers), append-only: its price, source,
   * the swing or equal level it rests at (null for an external level), the external level's id,
   * and whether that was removed. Columns and arrays of references: a level allocates nothing.
   */
  private prices = new Float64Array(64);
  private removed = new Uint8Array(64);
  private readonly sources: SweepSource[] = [];
  private readonly owners: (Swing | EqualLevel | null)[] = [];
  private readonly externalIds: (string | null)[] = [];
  private levels = 0;
  // Resting levels, nearest to price first.
  private readonly above = new Heap('min');
  private readonly below = new Heap('max');
  /** External level id → its number. */
  private readonly externals = new Map<string, number>();

  constructor(private readonly ledger: Ledger) {}

  /** Sweeps of levels set before j. */
  detect(j: number): void {
    const b = this.ledger.candles;
    const high = b.high[j]!;
    const low = b.low[j]!;
    const close = b.close[j]!;
    while (this.above.keys[0]! < high) {
      const level = this.above.pop();
      if (this.removed[level] === 0 && close < this.prices[level]!) this.sweep(j, level, -1);
    }
    while (this.below.keys[0]! > low) {
      const level = this.below.pop();
      if (this.removed[level] === 0 && close > this.prices[level]!) this.sweep(j, level, 1);
    }
  }

  /** A level resting at `price` (above price or below), for the pivot or equal level `owner`. */
  addLevel(price: number, source: SweepSource, owner: Swing | EqualLevel | null, above: boolean): number {
    const level = this.levels++;
    if (level === this.prices.length) {
      const prices = new Float64Array(2 * level);
      prices.set(this.prices);
      this.prices = prices;
      const removed = new Uint8Array(2 * level);
      removed.set(this.removed);
      this.removed = removed;
    }
    this.prices[level] = price;
    this.removed[level] = 0;
    // A preview's level is dropped by restore(); its slots here are overwritten by the next.
    this.sources[level] = source;
    this.owners[level] = owner;
    this.externalIds[level] = null;
    (above ? this.above : this.below).push(level, price);
    return level;
  }

  addExternal(level: ExternalLevel): void {
    this.removeExternal(level.id);
    const b = this.ledger.candles;
    const lastClose = b.length > 0 ? b.close[b.length - 1]! : level.price;
    const k = this.addLevel(level.price, 'external', null, level.price > lastClose);
    this.externalIds[k] = level.id;
    this.externals.set(level.id, k);
  }

  removeExternal(id: string): void {
    const k = this.externals.get(id);
    if (k !== undefined) this.removed[k] = 1;
    this.externals.delete(id);
  }

  private sweep(j: number, level: number, dir: Direction): void {
    const owner = this.owners[level]!;
    if (owner) this.ledger.change(owner, 'swept', j);
    const b = this.ledger.candles;
    const atr = b.atr[j]!;
    const displacement = atr > 0 ? (b.high[j]! - b.low[j]!) / atr : 0;
    const sweep: Sweep = new SweepObject(this.ledger.newId(), dir, this.prices[level]!, this.sources[level]!, owner ? owner.id : null, displacement, j, j, b.time);
    const externalId = this.externalIds[level]!;
    if (externalId !== null) sweep.externalId = externalId;
    this.ledger.emit(this.sweeps, sweep);
  }

  save(): Saved {
    return { sweeps: this.sweeps.length, levels: this.levels, above: this.above.save(), below: this.below.save() };
  }

  restore(saved: Saved): void {
    this.sweeps.length = saved.sweeps;
    this.levels = saved.levels;
    this.above.restore(saved.above);
    this.below.restore(saved.below);
  }
}

// What this module adds to the engine: its detector by name, and the lists it emits (kinds.ts says what each is for).
declare module '../types' {
  interface SmcLists {
    sweeps: Sweep;
  }
}
declare module './detector' {
  interface SmcDetectors {
    sweeps: SweepDetector;
  }
}
