/**
 * Market structure on two scopes, swing and internal: pivots (swings), and the breaks of them
 * (BOS with the trend, CHoCH against it) on the first close beyond. Each break hands its order
 * block to the order-block detector; each pivot rests liquidity for the sweep detector, and a
 * swing pivot resets the premium/discount range.
 */
import { PIVOT_HIGH, PIVOT_LOW, pivotBits } from '../pivots';
import type { Direction, Scope, StructureBreak, SweepSource, Swing } from '../types';
import { BreakObject, SwingObject } from '../objects';
import { PIVOT_SLOT, type Detector, type Ledger } from './detector';
import type { OrderBlockDetector } from './orderBlocks';
import type { SweepDetector } from './sweeps';
import type { ZoneDetector } from './zones';

/** In the order each candle visits them; the detector's per-scope state is indexed alike (arrays, not keyed lookups, on every candle). */
const SCOPES: readonly Scope[] = ['swing', 'internal'];
const scopeIndex = (scope: Scope) => (scope === 'swing' ? 0 : 1);

/**
 * The last pivots of a scope, each until a close breaks it; copied whole by save(). Each pivot's
 * price is kept as a number, NaN once broken (or none yet), so a candle's check is one comparison.
 */
interface ScopeState {
  high: Swing | null;
  highLevel: number;
  low: Swing | null;
  lowLevel: number;
  trend: Direction | 0;
}

/** Constant strings: a template here built a new string per pivot. Read with literal keys: a keyed read by a variable was megamorphic. */
const SWEEP_SOURCES: Record<Scope, Record<'high' | 'low', SweepSource>> = {
  swing: { high: 'swing-high', low: 'swing-low' },
  internal: { high: 'internal-high', low: 'internal-low' },
};

const noPivots = (): ScopeState => ({ high: null, highLevel: Number.NaN, low: null, lowLevel: Number.NaN, trend: 0 });

type Saved = { swings: number; breaks: number; scopes: ScopeState[] };

export class StructureDetector implements Detector<Saved> {
  // Emitted objects, append-only, in confirm order.
  readonly swings: Swing[] = [];
  readonly breaks: StructureBreak[] = [];
  private scopes: ScopeState[] = [noPivots(), noPivots()];
  /** Pivot length per scope, in SCOPES' order. */
  private readonly lengths: readonly number[];
  /** The bits of confirmedAt that say a scope's pivot high / low, in SCOPES' order. */
  private readonly highBits = SCOPES.map((scope) => pivotBits(PIVOT_SLOT[scope], PIVOT_HIGH));
  private readonly lowBits = SCOPES.map((scope) => pivotBits(PIVOT_SLOT[scope], PIVOT_LOW));

  constructor(
    private readonly ledger: Ledger,
    private readonly orderBlocks: OrderBlockDetector,
    private readonly sweeps: SweepDetector,
    private readonly zones: ZoneDetector,
  ) {
    this.lengths = [ledger.settings.swingLength, ledger.settings.internalLength];
  }

  trend(scope: Scope): Direction | 0 {
    return this.scopes[scopeIndex(scope)]!.trend;
  }

  /** Breaks of pivots confirmed before j, swing scope first. */
  detect(j: number): void {
    const close = this.ledger.candles.close[j]!;
    for (let k = 0; k < SCOPES.length; k++) {
      const scope = SCOPES[k]!;
      const s = this.scopes[k]!;
      if (close > s.highLevel) this.breakPivot(j, scope, s.high!, 1);
      if (close < s.lowLevel) this.breakPivot(j, scope, s.low!, -1);
    }
  }

  /** Pivots confirmed at j (at bar j - length; `found`: the bar's confirmedAt), swing scope first, high before low. */
  confirm(j: number, found: number): void {
    const b = this.ledger.candles;
    for (let k = 0; k < SCOPES.length; k++) {
      const scope = SCOPES[k]!;
      const i = j - this.lengths[k]!;
      if (found & this.highBits[k]!) this.registerPivot(j, scope, 'high', i, b.high[i]!);
      if (found & this.lowBits[k]!) this.registerPivot(j, scope, 'low', i, b.low[i]!);
    }
  }

  private breakPivot(j: number, scope: Scope, pivot: Swing, dir: Direction): void {
    const s = this.scopes[scopeIndex(scope)]!;
    if (dir === 1) s.highLevel = Number.NaN;
    else s.lowLevel = Number.NaN;
    this.ledger.change(pivot, 'broken', j);
    const kind = s.trend === -dir ? 'CHoCH' : 'BOS';
    s.trend = dir;
    const b = this.ledger.candles;
    const brk: StructureBreak = this.ledger.emit(this.breaks, new BreakObject(this.ledger.newId(), scope, kind, dir, pivot.price, pivot.anchorIndex, pivot.anchorIndex, j, b.time));
    this.orderBlocks.create(j, scope, brk, pivot.anchorIndex);
  }

  private registerPivot(j: number, scope: Scope, kind: 'high' | 'low', index: number, price: number): void {
    const b = this.ledger.candles;
    const swing = this.ledger.emit(this.swings, new SwingObject(this.ledger.newId(), scope, kind, price, index, j, b.time));
    const s = this.scopes[scopeIndex(scope)]!;
    if (kind === 'high') {
      s.high = swing;
      s.highLevel = price;
    } else {
      s.low = swing;
      s.lowLevel = price;
    }
    const sources = scope === 'swing' ? SWEEP_SOURCES.swing : SWEEP_SOURCES.internal;
    this.sweeps.addLevel(price, kind === 'high' ? sources.high : sources.low, swing, kind === 'high');
    if (scope === 'swing') this.zones.swingPivot(kind, price);
  }

  save(): Saved {
    return {
      swings: this.swings.length,
      breaks: this.breaks.length,
      scopes: this.scopes.map((s) => ({ ...s })),
    };
  }

  restore(saved: Saved): void {
    this.swings.length = saved.swings;
    this.breaks.length = saved.breaks;
    this.scopes = saved.scopes;
  }
}

// What this module adds to the engine: its detector by name, and the lists it emits (kinds.ts says what each is for).
declare module '../types' {
  interface SmcLists {
    swings: Swing;
    breaks: StructureBreak;
  }
}
declare module './detector' {
  interface SmcDetectors {
    structure: StructureDetector;
  }
}
