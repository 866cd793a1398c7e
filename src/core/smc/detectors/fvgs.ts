/**
 * Fair value gaps: the gap between candles j-2 and j around the middle candle j-1, above the
 * average body (threshold 'auto') and, as set, joined with the previous gap of its direction when
 * consecutive. Mitigated when price trades into one, filled when it trades through.
 */
import { maxHeap, minHeap, type SavedHeap } from '../heap';
import type { Direction, FairValueGap } from '../types';
import { GapObject } from '../objects';
import type { Detector, Ledger } from './detector';

interface GapEntry {
  gap: FairValueGap;
  top: number;
  bottom: number;
  /** Middle candle of the newest gap in this entry (a joined gap grows). */
  lastMiddle: number;
  /** Replaced by a joined, wider entry: ignore when popped. */
  stale: boolean;
}

type Saved = {
  gaps: number; bodySum: number; lastBull: GapEntry | null; lastBear: GapEntry | null;
  bullGaps: SavedHeap<GapEntry>; bullFills: SavedHeap<GapEntry>; bearGaps: SavedHeap<GapEntry>; bearFills: SavedHeap<GapEntry>;
};

export class FvgDetector implements Detector<Saved> {
  /** Emitted gaps, append-only, in confirm order. */
  readonly gaps: FairValueGap[] = [];
  /** Sum of |close - open| / open over the candles so far: the 'auto' threshold is its mean. */
  private bodySum = 0;
  /** The previous gap per direction, for joining consecutive gaps. */
  private lastBull: GapEntry | null = null;
  private lastBear: GapEntry | null = null;
  // Open gaps, by the price at which the next candle reaches them.
  private readonly bullGaps = maxHeap<GapEntry>((e) => e.top);
  private readonly bullFills = maxHeap<GapEntry>((e) => e.bottom);
  private readonly bearGaps = minHeap<GapEntry>((e) => e.bottom);
  private readonly bearFills = minHeap<GapEntry>((e) => e.top);

  constructor(private readonly ledger: Ledger) {}

  update(j: number): void {
    const b = this.ledger.candles;
    const open = b.open[j]!;
    this.bodySum += open !== 0 ? Math.abs(b.close[j]! - open) / open : 0;
    const low = b.low[j]!;
    const high = b.high[j]!;
    // Bullish gaps: traded into when the low reaches the top, filled when it reaches the bottom.
    while (this.bullGaps.size > 0 && this.bullGaps.peek()!.top >= low) {
      const e = this.bullGaps.pop()!;
      if (e.stale) continue;
      this.ledger.change(e.gap, 'mitigated', j);
      this.bullFills.push(e);
    }
    while (this.bullFills.size > 0 && this.bullFills.peek()!.bottom >= low) {
      const e = this.bullFills.pop()!;
      if (!e.stale) this.ledger.change(e.gap, 'filled', j);
    }
    while (this.bearGaps.size > 0 && this.bearGaps.peek()!.bottom <= high) {
      const e = this.bearGaps.pop()!;
      if (e.stale) continue;
      this.ledger.change(e.gap, 'mitigated', j);
      this.bearFills.push(e);
    }
    while (this.bearFills.size > 0 && this.bearFills.peek()!.top <= high) {
      const e = this.bearFills.pop()!;
      if (!e.stale) this.ledger.change(e.gap, 'filled', j);
    }
  }

  /** The gap whose third candle is j. */
  detect(j: number): void {
    if (j < 2) return;
    const b = this.ledger.candles;
    const settings = this.ledger.settings;
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
    if (settings.fvgThreshold === 'auto' && (top - bottom) / b.close[i]! <= this.bodySum / (j + 1)) return;

    const previous = dir === 1 ? this.lastBull : this.lastBear;
    if (settings.fvgJoinConsecutive && previous && previous.lastMiddle === i - 1) {
      const joined: GapEntry = { gap: previous.gap, top: Math.max(previous.top, top), bottom: Math.min(previous.bottom, bottom), lastMiddle: i, stale: false };
      previous.stale = true;
      this.ledger.undo?.push(() => (previous.stale = false));
      this.ledger.change(previous.gap, 'extended', j, { top: joined.top, bottom: joined.bottom });
      this.push(joined, dir);
      return;
    }
    const gap = this.ledger.emit(this.gaps, new GapObject(this.ledger.newId(), dir, top, bottom, i, j, b.time));
    this.push({ gap, top, bottom, lastMiddle: i, stale: false }, dir);
  }

  private push(entry: GapEntry, dir: Direction): void {
    // save() holds the previous last gaps, so a preview's write here is undone by restore()
    if (dir === 1) this.lastBull = entry;
    else this.lastBear = entry;
    (dir === 1 ? this.bullGaps : this.bearGaps).push(entry);
  }

  save(): Saved {
    return {
      gaps: this.gaps.length, bodySum: this.bodySum, lastBull: this.lastBull, lastBear: this.lastBear,
      bullGaps: this.bullGaps.save(), bullFills: this.bullFills.save(), bearGaps: this.bearGaps.save(), bearFills: this.bearFills.save(),
    };
  }

  restore(saved: Saved): void {
    this.gaps.length = saved.gaps;
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
