/**
 * Market structure on two scopes, swing and internal: pivots (swings), and the breaks of them
 * (BOS with the trend, CHoCH against it) on the first close beyond. Each break hands its order
 * block to the order-block detector; each pivot rests liquidity for the sweep detector, and a
 * swing pivot resets the premium/discount range.
 */
import { PIVOT_HIGH, PIVOT_LOW, pivotAt, PivotDetector, type Pivot } from '../pivots';
import type { Direction, Scope, StructureBreak, SweepSource, Swing } from '../types';
import { NO_CHANGES, type Detector, type Ledger } from './detector';
import type { OrderBlockDetector } from './orderBlocks';
import type { SweepDetector } from './sweeps';
import type { ZoneDetector } from './zones';

const SCOPES: readonly Scope[] = ['swing', 'internal'];

interface PivotRef {
  swing: Swing;
  broken: boolean;
}

interface ScopeState {
  high: PivotRef | null;
  low: PivotRef | null;
  trend: Direction | 0;
}

type Saved = { swings: number; breaks: number; scopes: Record<Scope, ScopeState>; pivots: Record<Scope, ReturnType<PivotDetector['save']>> };

export class StructureDetector implements Detector<Saved> {
  // Emitted objects, append-only, in confirm order.
  readonly swings: Swing[] = [];
  readonly breaks: StructureBreak[] = [];
  private scopes: Record<Scope, ScopeState> = { swing: { high: null, low: null, trend: 0 }, internal: { high: null, low: null, trend: 0 } };
  private readonly pivots: Record<Scope, PivotDetector>;

  constructor(
    private readonly ledger: Ledger,
    private readonly orderBlocks: OrderBlockDetector,
    private readonly sweeps: SweepDetector,
    private readonly zones: ZoneDetector,
  ) {
    this.pivots = { swing: new PivotDetector(ledger.settings.swingLength), internal: new PivotDetector(ledger.settings.internalLength) };
  }

  trend(scope: Scope): Direction | 0 {
    return this.scopes[scope].trend;
  }

  /** Breaks of pivots confirmed before j, swing scope first. */
  detect(j: number): void {
    for (const scope of SCOPES) {
      const s = this.scopes[scope];
      const close = this.ledger.candles.close[j]!;
      if (s.high && !s.high.broken && close > s.high.swing.price) this.breakPivot(j, scope, s.high, 1);
      if (s.low && !s.low.broken && close < s.low.swing.price) this.breakPivot(j, scope, s.low, -1);
    }
  }

  /** Pivots confirmed at j (at bar j - length), swing scope first, high before low. */
  confirm(j: number): void {
    const b = this.ledger.candles;
    for (const scope of SCOPES) {
      const pivots = this.pivots[scope];
      const found = pivots.push(j, b.high, b.low);
      if (found & PIVOT_HIGH) this.registerPivot(j, scope, pivotAt('high', j, pivots.length, b.high, b.low));
      if (found & PIVOT_LOW) this.registerPivot(j, scope, pivotAt('low', j, pivots.length, b.high, b.low));
    }
  }

  private breakPivot(j: number, scope: Scope, ref: PivotRef, dir: Direction): void {
    const s = this.scopes[scope];
    const pivot = ref.swing;
    const brokenRef: PivotRef = { swing: pivot, broken: true };
    if (dir === 1) s.high = brokenRef;
    else s.low = brokenRef;
    this.ledger.change(pivot, 'broken', j);
    const kind = s.trend === -dir ? 'CHoCH' : 'BOS';
    s.trend = dir;
    const b = this.ledger.candles;
    const brk: StructureBreak = this.ledger.emit(this.breaks, {
      type: 'break',
      id: this.ledger.newId(),
      scope,
      kind,
      dir,
      level: pivot.price,
      pivotIndex: pivot.anchorIndex,
      anchorIndex: pivot.anchorIndex, anchorTime: b.time[pivot.anchorIndex]!, confirmIndex: j, confirmTime: b.time[j]!,
      changes: NO_CHANGES,
    });
    this.orderBlocks.create(j, scope, brk, pivot.anchorIndex);
  }

  private registerPivot(j: number, scope: Scope, p: Pivot): void {
    const b = this.ledger.candles;
    const swing = this.ledger.emit(this.swings, {
      type: 'swing',
      id: this.ledger.newId(),
      scope,
      kind: p.kind,
      price: p.price,
      anchorIndex: p.index, anchorTime: b.time[p.index]!, confirmIndex: j, confirmTime: b.time[j]!,
      changes: NO_CHANGES,
    });
    const ref: PivotRef = { swing, broken: false };
    const s = this.scopes[scope];
    if (p.kind === 'high') s.high = ref;
    else s.low = ref;
    const source: SweepSource = `${scope === 'swing' ? 'swing' : 'internal'}-${p.kind}`;
    this.sweeps.addLevel({ price: p.price, source, owner: swing, externalId: null, removed: false }, p.kind === 'high');
    if (scope === 'swing') this.zones.swingPivot(p.kind, p.price);
  }

  save(): Saved {
    const { swing, internal } = this.scopes;
    return {
      swings: this.swings.length,
      breaks: this.breaks.length,
      scopes: { swing: { ...swing }, internal: { ...internal } },
      pivots: { swing: this.pivots.swing.save(), internal: this.pivots.internal.save() },
    };
  }

  restore(saved: Saved): void {
    this.swings.length = saved.swings;
    this.breaks.length = saved.breaks;
    this.scopes = saved.scopes;
    this.pivots.swing.restore(saved.pivots.swing);
    this.pivots.internal.restore(saved.pivots.internal);
  }
}
