/**
 * Order blocks: made by each structure break (the extreme opposite candle between the pivot and
 * the break), mitigated when price reaches them (by wick or close, as set), then breakers until
 * a close beyond their far side breaks them.
 */
import { Heap, type SavedHeap } from '../heap';
import type { OrderBlock, Scope, StructureBreak } from '../types';
import { OrderBlockObject } from '../objects';
import type { Detector, Ledger } from './detector';

type Saved = { blocks: number; bullBlocks: SavedHeap; bullBreakers: SavedHeap; bearBlocks: SavedHeap; bearBreakers: SavedHeap };

export class OrderBlockDetector implements Detector<Saved> {
  /** Emitted blocks, append-only, in confirm order. */
  readonly blocks: OrderBlock[] = [];
  // Open blocks (their places in `blocks`), by the price at which a candle reaches them.
  private readonly bullBlocks = new Heap('max'); // by bottom
  private readonly bullBreakers = new Heap('min'); // by top
  private readonly bearBlocks = new Heap('min'); // by top
  private readonly bearBreakers = new Heap('max'); // by bottom

  /** Settings read on every candle (or break), read once. */
  private readonly wick: boolean;
  private readonly highVolatility: number;

  constructor(private readonly ledger: Ledger) {
    this.wick = ledger.settings.orderBlockMitigation === 'wick';
    this.highVolatility = ledger.settings.highVolatilityMultiple;
  }

  update(j: number): void {
    const b = this.ledger.candles;
    const close = b.close[j]!;
    const wick = this.wick;
    const bullReach = wick ? b.low[j]! : close;
    const blocks = this.blocks;
    while (this.bullBlocks.keys[0]! > bullReach) {
      const k = this.bullBlocks.pop();
      const ob = blocks[k]!;
      this.ledger.change(ob, 'mitigated', j);
      this.ledger.change(ob, 'breaker', j);
      this.bullBreakers.push(k, ob.top);
    }
    while (this.bullBreakers.keys[0]! < close) this.ledger.change(blocks[this.bullBreakers.pop()]!, 'broken', j);
    const bearReach = wick ? b.high[j]! : close;
    while (this.bearBlocks.keys[0]! < bearReach) {
      const k = this.bearBlocks.pop();
      const ob = blocks[k]!;
      this.ledger.change(ob, 'mitigated', j);
      this.ledger.change(ob, 'breaker', j);
      this.bearBreakers.push(k, ob.bottom);
    }
    while (this.bearBreakers.keys[0]! > close) this.ledger.change(blocks[this.bearBreakers.pop()]!, 'broken', j);
  }

  /** The extreme opposite candle between the pivot and the break, skipping high-volatility candles. */
  create(j: number, scope: Scope, brk: StructureBreak, from: number): void {
    const b = this.ledger.candles;
    const highVolatility = this.highVolatility;
    // The columns in locals, and one loop per direction: 32k bars scanned per EURUSD batch.
    const high = b.high;
    const low = b.low;
    const atr = b.atr;
    let best = -1;
    if (brk.dir === 1) {
      for (let k = from; k < j; k++) if (!(high[k]! - low[k]! >= highVolatility * atr[k]!) && (best < 0 || low[k]! <= low[best]!)) best = k;
    } else {
      for (let k = from; k < j; k++) if (!(high[k]! - low[k]! >= highVolatility * atr[k]!) && (best < 0 || high[k]! >= high[best]!)) best = k;
    }
    if (best < 0) return;
    const k = this.blocks.length;
    this.ledger.emit(this.blocks, new OrderBlockObject(this.ledger.newId(), scope, brk.dir, b.high[best]!, b.low[best]!, brk.id, best, j, b.time));
    if (brk.dir === 1) this.bullBlocks.push(k, b.low[best]!);
    else this.bearBlocks.push(k, b.high[best]!);
  }

  save(): Saved {
    return {
      blocks: this.blocks.length,
      bullBlocks: this.bullBlocks.save(), bullBreakers: this.bullBreakers.save(), bearBlocks: this.bearBlocks.save(), bearBreakers: this.bearBreakers.save(),
    };
  }

  restore(saved: Saved): void {
    this.blocks.length = saved.blocks;
    this.bullBlocks.restore(saved.bullBlocks);
    this.bullBreakers.restore(saved.bullBreakers);
    this.bearBlocks.restore(saved.bearBlocks);
    this.bearBreakers.restore(saved.bearBreakers);
  }
}

// What this module adds to the engine: its detector by name, and the lists it emits (kinds.ts says what each is for).
declare module '../types' {
  interface SmcLists {
    orderBlocks: OrderBlock;
  }
}
declare module './detector' {
  interface SmcDetectors {
    orderBlocks: OrderBlockDetector;
  }
}
