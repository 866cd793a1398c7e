/**
 * Fair value gaps: the gap between candles j-2 and j around the middle candle j-1, above the
 * average body (threshold 'auto') and, as set, joined with the previous gap of its direction when
 * consecutive. Mitigated when price trades into one, filled when it trades through.
 */
import { Heap, type SavedHeap } from '../heap';
import type { Direction, FairValueGap } from '../types';
import { GapObject } from '../objects';
import type { Detector, Ledger } from './detector';

type Saved = {
  gaps: number; entries: number; bodySum: number; lastBull: number; lastBear: number;
  bullGaps: SavedHeap; bullFills: SavedHeap; bearGaps: SavedHeap; bearFills: SavedHeap;
};

export class FvgDetector implements Detector<Saved> {
  /** Emitted gaps, append-only, in confirm order. */
  readonly gaps: FairValueGap[] = [];
  /**
   * Open gaps as entries in columns (the heaps hold their numbers): the gap's place in `gaps`, its
   * bounds, the middle candle of its newest part (a joined gap grows: a wider entry replaces it),
   * and whether a joined, wider entry replaced it (ignore when popped). Append-only.
   */
  private entryGap = new Int32Array(64);
  private entryTop = new Float64Array(64);
  private entryBottom = new Float64Array(64);
  private entryMiddle = new Int32Array(64);
  private entryStale = new Uint8Array(64);
  private entries = 0;
  /** Sum of |close - open| / open over the candles so far: the 'auto' threshold is its mean. */
  private bodySum = 0;
  /** The previous entry per direction (-1: none), for joining consecutive gaps. */
  private lastBull = -1;
  private lastBear = -1;
  // Open entries, by the price at which a candle reaches them.
  private readonly bullGaps = new Heap('max'); // by top
  private readonly bullFills = new Heap('max'); // by bottom
  private readonly bearGaps = new Heap('min'); // by bottom
  private readonly bearFills = new Heap('min'); // by top

  /** Settings read on every candle, as booleans read once. */
  private readonly autoThreshold: boolean;
  private readonly joinConsecutive: boolean;

  constructor(private readonly ledger: Ledger) {
    this.autoThreshold = ledger.settings.fvgThreshold === 'auto';
    this.joinConsecutive = ledger.settings.fvgJoinConsecutive;
  }

  update(j: number): void {
    const b = this.ledger.candles;
    if (this.autoThreshold) {
      const open = b.open[j]!;
      this.bodySum += open !== 0 ? Math.abs(b.close[j]! - open) / open : 0;
    }
    const low = b.low[j]!;
    const high = b.high[j]!;
    const gaps = this.gaps;
    const stale = this.entryStale;
    const gapOf = this.entryGap;
    // Bullish gaps: traded into when the low reaches the top, filled when it reaches the bottom.
    while (this.bullGaps.keys[0]! >= low) {
      const e = this.bullGaps.pop();
      if (stale[e] === 1) continue;
      this.ledger.change(gaps[gapOf[e]!]!, 'mitigated', j);
      this.bullFills.push(e, this.entryBottom[e]!);
    }
    while (this.bullFills.keys[0]! >= low) {
      const e = this.bullFills.pop();
      if (stale[e] === 0) this.ledger.change(gaps[gapOf[e]!]!, 'filled', j);
    }
    while (this.bearGaps.keys[0]! <= high) {
      const e = this.bearGaps.pop();
      if (stale[e] === 1) continue;
      this.ledger.change(gaps[gapOf[e]!]!, 'mitigated', j);
      this.bearFills.push(e, this.entryTop[e]!);
    }
    while (this.bearFills.keys[0]! <= high) {
      const e = this.bearFills.pop();
      if (stale[e] === 0) this.ledger.change(gaps[gapOf[e]!]!, 'filled', j);
    }
  }

  /** The gap whose third candle is j. */
  detect(j: number): void {
    if (j < 2) return;
    const b = this.ledger.candles;
    const i = j - 1;
    let dir: Direction;
    let top: number;
    let bottom: number;
    if (b.low[j]! > b.high[j - 2]!) {
      dir = 1;
      top = b.low[j]!;
      bottom = b.high[j - 2]!;
    } else if (b.high[j]! < b.low[j - 2]!) {
      dir = -1;
      top = b.low[j - 2]!;
      bottom = b.high[j]!;
    } else return;
    if (this.autoThreshold && (top - bottom) / b.close[i]! <= this.bodySum / (j + 1)) return;

    const previous = dir === 1 ? this.lastBull : this.lastBear;
    if (this.joinConsecutive && previous >= 0 && this.entryMiddle[previous] === i - 1) {
      const gap = this.entryGap[previous]!;
      const joinedTop = Math.max(this.entryTop[previous]!, top);
      const joinedBottom = Math.min(this.entryBottom[previous]!, bottom);
      this.entryStale[previous] = 1;
      this.ledger.undo?.push(() => (this.entryStale[previous] = 0));
      this.ledger.extend(this.gaps[gap]!, j, joinedTop, joinedBottom);
      this.push(gap, joinedTop, joinedBottom, i, dir);
      return;
    }
    const gap = this.gaps.length;
    this.ledger.emit(this.gaps, new GapObject(this.ledger.newId(), dir, top, bottom, i, j, b.time));
    this.push(gap, top, bottom, i, dir);
  }

  /** A new open entry for `gap`, the last of its direction. */
  private push(gap: number, top: number, bottom: number, middle: number, dir: Direction): void {
    const e = this.entries++;
    if (e === this.entryGap.length) this.grow(2 * e);
    this.entryGap[e] = gap;
    this.entryTop[e] = top;
    this.entryBottom[e] = bottom;
    this.entryMiddle[e] = middle;
    this.entryStale[e] = 0;
    // save() holds the previous last entries, so a preview's write here is undone by restore()
    if (dir === 1) {
      this.lastBull = e;
      this.bullGaps.push(e, top);
    } else {
      this.lastBear = e;
      this.bearGaps.push(e, bottom);
    }
  }

  private grow(capacity: number): void {
    const grown = <A extends Int32Array | Float64Array | Uint8Array>(old: A, next: A): A => {
      next.set(old);
      return next;
    };
    this.entryGap = grown(this.entryGap, new Int32Array(capacity));
    this.entryTop = grown(this.entryTop, new Float64Array(capacity));
    this.entryBottom = grown(this.entryBottom, new Float64Array(capacity));
    this.entryMiddle = grown(this.entryMiddle, new Int32Array(capacity));
    this.entryStale = grown(this.entryStale, new Uint8Array(capacity));
  }

  save(): Saved {
    return {
      gaps: this.gaps.length, entries: this.entries, bodySum: this.bodySum, lastBull: this.lastBull, lastBear: this.lastBear,
      bullGaps: this.bullGaps.save(), bullFills: this.bullFills.save(), bearGaps: this.bearGaps.save(), bearFills: this.bearFills.save(),
    };
  }

  restore(saved: Saved): void {
    this.gaps.length = saved.gaps;
    this.entries = saved.entries;
    this.bodySum = saved.bodySum;
    this.lastBull = saved.lastBull;
    this.lastBear = saved.lastBear;
    this.bullGaps.restore(saved.bullGaps);
    this.bullFills.restore(saved.bullFills);
    this.bearGaps.restore(saved.bearGaps);
    this.bearFills.restore(saved.bearFills);
  }
}

// What this module adds to the engine: its detector by name, and the lists it emits (kinds.ts says what each is for).
declare module '../types' {
  interface SmcLists {
    fvgs: FairValueGap;
  }
}
declare module './detector' {
  interface SmcDetectors {
    fvgs: FvgDetector;
  }
}
