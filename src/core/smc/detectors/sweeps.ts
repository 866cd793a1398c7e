/**
 * Liquidity sweeps: a candle that trades beyond a resting level (a swing or internal pivot, an
 * equal level, or a level handed in from outside such as a liquidation cluster) and closes back
 * on the near side. Each level is swept at most once.
 */
import { maxHeap, minHeap, type SavedHeap } from '../heap';
import type { Direction, EqualLevel, ExternalLevel, Sweep, SweepSource, Swing } from '../types';
import { SweepObject } from '../objects';
import type { Detector, Ledger } from './detector';

export interface LevelEntry {
  price: number;
  source: SweepSource;
  /** The swing or equal level the liquidity rests at; null for an external level. */
  owner: Swing | EqualLevel | null;
  externalId: string | null;
  removed: boolean;
}

type Saved = { sweeps: number; above: SavedHeap<LevelEntry>; below: SavedHeap<LevelEntry> };

export class SweepDetector implements Detector<Saved> {
  /** Emitted sweeps, append-only, in confirm order. */
  readonly sweeps: Sweep[] = [];
  // Resting levels, nearest to price first.
  private readonly above = minHeap<LevelEntry>((e) => e.price);
  private readonly below = maxHeap<LevelEntry>((e) => e.price);
  private readonly externals = new Map<string, LevelEntry>();

  constructor(private readonly ledger: Ledger) {}

  /** Sweeps of levels set before j. */
  detect(j: number): void {
    const b = this.ledger.candles;
    const high = b.high[j]!;
    const low = b.low[j]!;
    const close = b.close[j]!;
    while (this.above.size > 0 && this.above.peek()!.price < high) {
      const level = this.above.pop()!;
      if (!level.removed && close < level.price) this.sweep(j, level, -1);
    }
    while (this.below.size > 0 && this.below.peek()!.price > low) {
      const level = this.below.pop()!;
      if (!level.removed && close > level.price) this.sweep(j, level, 1);
    }
  }

  addLevel(entry: LevelEntry, above: boolean): void {
    (above ? this.above : this.below).push(entry);
  }

  addExternal(level: ExternalLevel): void {
    this.removeExternal(level.id);
    const entry: LevelEntry = { price: level.price, source: 'external', owner: null, externalId: level.id, removed: false };
    this.externals.set(level.id, entry);
    const b = this.ledger.candles;
    const lastClose = b.length > 0 ? b.close[b.length - 1]! : level.price;
    this.addLevel(entry, level.price > lastClose);
  }

  removeExternal(id: string): void {
    const entry = this.externals.get(id);
    if (entry) entry.removed = true;
    this.externals.delete(id);
  }

  private sweep(j: number, level: LevelEntry, dir: Direction): void {
    if (level.owner) this.ledger.change(level.owner, 'swept', j);
    const b = this.ledger.candles;
    const atr = b.atr[j]!;
    const displacement = atr > 0 ? (b.high[j]! - b.low[j]!) / atr : 0;
    const sweep: Sweep = new SweepObject(this.ledger.newId(), dir, level.price, level.source, level.owner ? level.owner.id : null, displacement, j, j, b.time);
    if (level.externalId !== null) sweep.externalId = level.externalId;
    this.ledger.emit(this.sweeps, sweep);
  }

  save(): Saved {
    return { sweeps: this.sweeps.length, above: this.above.save(), below: this.below.save() };
  }

  restore(saved: Saved): void {
    this.sweeps.length = saved.sweeps;
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
