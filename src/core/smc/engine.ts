/**
 * The incremental Smart Money Concepts engine. Feed it closed candles one at a time (`append`);
 * it emits each object once, on the candle that makes it certain, and never changes it after:
 * later events are appended to the object's `changes`. `preview` shows what the open candle
 * would add if it closed now, marked provisional, without touching the engine's state.
 *
 * Per closed candle j, in this order (each step sees only what earlier candles established):
 *   1. ATR; 2. order-block and FVG state changes; 3. structure breaks of pivots confirmed before j,
 *   with their order blocks; 4. sweeps of liquidity levels set before j; 5. the FVG whose third
 *   candle is j; 6. pivots confirmed at j (swing, internal, equal-level); 7. premium/discount zones.
 */
import type { Candle } from '../types';
import { Atr } from './atr';
import { BarColumns } from './bars';
import { maxHeap, minHeap } from './heap';
import { PIVOT_HIGH, PIVOT_LOW, PivotDetector, type Pivot } from './pivots';
import { resolveSettings, type SmcSettings } from './settings';
import type {
  Direction, EqualLevel, ExternalLevel, FairValueGap, OrderBlock, Scope, SmcCounts, SmcEvent, SmcObject, SmcSnapshot,
  StateChange, StructureBreak, Sweep, SweepSource, Swing, Zones,
} from './types';

const SCOPES: readonly Scope[] = ['swing', 'internal'];
/** Shared by appends that create or change nothing (most of them), so they allocate no array. */
const NO_EVENTS: readonly SmcEvent[] = Object.freeze([]);
/** Shared by the objects nothing has happened to yet (most order blocks and FVGs stay so for long). */
const NO_CHANGES: readonly StateChange[] = Object.freeze([]);

interface PivotRef {
  swing: Swing;
  broken: boolean;
}

interface ScopeState {
  high: PivotRef | null;
  low: PivotRef | null;
  trend: Direction | 0;
}

interface GapEntry {
  gap: FairValueGap;
  top: number;
  bottom: number;
  /** Middle candle of the newest gap in this entry (a joined gap grows). */
  lastMiddle: number;
  /** Replaced by a joined, wider entry: ignore when popped. */
  stale: boolean;
}

interface LevelEntry {
  price: number;
  source: SweepSource;
  /** The swing or equal level the liquidity rests at; null for an external level. */
  owner: Swing | EqualLevel | null;
  externalId: string | null;
  removed: boolean;
}

interface State {
  scopes: Record<Scope, ScopeState>;
  lastEqualHigh: Pivot | null;
  lastEqualLow: Pivot | null;
  /** The previous FVG per direction, for joining consecutive gaps. */
  lastBullGap: GapEntry | null;
  lastBearGap: GapEntry | null;
  bodySum: number;
  swingTop: number | null;
  swingBottom: number | null;
  /** The current swing range, reset at each swing pivot and widened by later extremes. */
  range: { top: number; bottom: number } | null;
  /** The id of the next emitted object (a preview's ids are taken back by restore()). */
  nextId: number;
}

export class SmcEngine {
  readonly settings: SmcSettings;
  // Bars so far, append-only (a preview truncates back).
  private readonly candles = new BarColumns();
  private readonly atr: Atr;
  private readonly pivots: Record<Scope | 'equal', PivotDetector>;
  // Emitted objects, append-only.
  private readonly swings: Swing[] = [];
  private readonly breaks: StructureBreak[] = [];
  private readonly orderBlocks: OrderBlock[] = [];
  private readonly fvgs: FairValueGap[] = [];
  private readonly equalLevels: EqualLevel[] = [];
  private readonly sweeps: Sweep[] = [];
  // Open objects, by the price at which the next candle reaches them.
  private heaps = this.makeHeaps();
  private state: State;
  private readonly externals = new Map<string, LevelEntry>();
  /** Undo actions recorded during a preview; null outside one. */
  private undo: (() => void)[] | null = null;
  private events: SmcEvent[] = NO_EVENTS as SmcEvent[];
  private provisional = false;
  /** Off inside appendAll, whose caller reads the snapshot instead of events. */
  private recording = true;

  constructor(settings: Partial<SmcSettings> = {}) {
    this.settings = resolveSettings(settings);
    this.atr = new Atr(this.settings.atrLength);
    this.pivots = {
      swing: new PivotDetector(this.settings.swingLength),
      internal: new PivotDetector(this.settings.internalLength),
      equal: new PivotDetector(this.settings.equalLength),
    };
    this.state = {
      scopes: { swing: { high: null, low: null, trend: 0 }, internal: { high: null, low: null, trend: 0 } },
      lastEqualHigh: null,
      lastEqualLow: null,
      lastBullGap: null,
      lastBearGap: null,
      bodySum: 0,
      swingTop: null,
      swingBottom: null,
      range: null,
      nextId: 0,
    };
  }

  get bars(): number {
    return this.candles.length;
  }

  /** One closed candle, strictly after the previous one. Returns what it created or changed. */
  append(candle: Candle): readonly SmcEvent[] {
    this.check(candle);
    this.events = NO_EVENTS as SmcEvent[];
    this.step(candle);
    return this.events;
  }

  /** Closed candles in bulk: the same steps as `append`, without building the event lists nobody reads. */
  appendAll(candles: readonly Candle[]): void {
    this.recording = false;
    this.candles.reserve(this.candles.length + candles.length);
    try {
      for (const candle of candles) {
        this.check(candle);
        this.step(candle);
      }
    } finally {
      this.recording = true;
    }
  }

  /**
   * What the open candle would create or change if it closed now, each marked provisional.
   * The engine is left exactly as it was.
   */
  preview(open: Candle): SmcEvent[] {
    this.check(open);
    const saved = this.save();
    this.undo = [];
    this.provisional = true;
    try {
      this.events = NO_EVENTS as SmcEvent[];
      this.step(open);
      // Copies: the undo below takes the changes back out of the engine's objects.
      return this.events.map((e) => (e.kind === 'created' ? { kind: 'created', object: { ...e.object, changes: e.object.changes.slice() } } : e));
    } finally {
      for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!();
      this.undo = null;
      this.provisional = false;
      this.restore(saved);
    }
  }

  /** A liquidity level from outside (e.g. a liquidation cluster) that sweeps are detected against. */
  addExternalLevel(level: ExternalLevel): void {
    this.removeExternalLevel(level.id);
    const entry: LevelEntry = { price: level.price, source: 'external', owner: null, externalId: level.id, removed: false };
    this.externals.set(level.id, entry);
    const lastClose = this.candles.length > 0 ? this.candles.close[this.candles.length - 1]! : level.price;
    (level.price > lastClose ? this.heaps.levelsAbove : this.heaps.levelsBelow).push(entry);
  }

  removeExternalLevel(id: string): void {
    const entry = this.externals.get(id);
    if (entry) entry.removed = true;
    this.externals.delete(id);
  }

  /**
   * Everything emitted so far. Copies by default, so later appends cannot change what the caller
   * holds; `handOver` skips the copies for a caller that discards the engine (batch).
   */
  snapshot({ handOver = false }: { handOver?: boolean } = {}): SmcSnapshot {
    const copy = <T extends SmcObject>(list: readonly T[]): T[] => (handOver ? list.slice() : list.map((o) => ({ ...o, changes: o.changes.slice() })));
    return {
      bars: this.bars,
      swings: copy(this.swings),
      breaks: copy(this.breaks),
      orderBlocks: copy(this.orderBlocks),
      fvgs: copy(this.fvgs),
      equalLevels: copy(this.equalLevels),
      sweeps: copy(this.sweeps),
      zones: this.zones(),
      trend: { swing: this.state.scopes.swing.trend, internal: this.state.scopes.internal.trend },
    };
  }

  /**
   * The objects confirmed at bar `from` or later (the overlay draws the recent chart only). The
   * engine's own objects, not copies: read them, never change them.
   */
  confirmedSince(from: number): Omit<SmcSnapshot, 'bars' | 'zones' | 'trend'> {
    const tail = <T extends SmcObject>(list: readonly T[]): T[] => list.slice(firstConfirmedAt(list, from));
    return {
      swings: tail(this.swings),
      breaks: tail(this.breaks),
      orderBlocks: tail(this.orderBlocks),
      fvgs: tail(this.fvgs),
      equalLevels: tail(this.equalLevels),
      sweeps: tail(this.sweeps),
    };
  }

  counts(): SmcCounts {
    return {
      bars: this.bars,
      swings: this.swings.length,
      breaks: this.breaks.length,
      orderBlocks: this.orderBlocks.length,
      fvgs: this.fvgs.length,
      equalLevels: this.equalLevels.length,
      sweeps: this.sweeps.length,
    };
  }

  trend(): Record<Scope, Direction | 0> {
    return { swing: this.state.scopes.swing.trend, internal: this.state.scopes.internal.trend };
  }

  private check(candle: Candle): void {
    const last = this.candles.length > 0 ? this.candles.time[this.candles.length - 1] : undefined;
    if (last !== undefined && !(candle.time > last)) {
      throw new RangeError(`SMC engine: candle at ${candle.time} is not after the previous one (${last})`);
    }
    const finite = Number.isFinite(candle.open) && Number.isFinite(candle.high) && Number.isFinite(candle.low) && Number.isFinite(candle.close);
    if (!finite || !(candle.high >= candle.low)) {
      throw new RangeError(`SMC engine: candle at ${candle.time} has invalid prices`);
    }
  }

  // ── one candle ────────────────────────────────────────────────────────────────────────────

  private step(c: Candle): void {
    const b = this.candles;
    const j = b.length;
    const prevClose = j > 0 ? b.close[j - 1] : undefined;
    b.push(c.time, c.open, c.high, c.low, c.close, this.atr.update(c.high, c.low, prevClose));
    this.state.bodySum += c.open !== 0 ? Math.abs(c.close - c.open) / c.open : 0;

    this.updateOrderBlocks(j);
    this.updateGaps(j);
    this.detectBreaks(j, 'swing');
    this.detectBreaks(j, 'internal');
    this.detectSweeps(j);
    if (j >= 2) this.detectGap(j);
    this.detectPivots(j);
    this.updateZones(j);
  }

  private updateOrderBlocks(j: number): void {
    const close = this.candles.close[j]!;
    const wick = this.settings.orderBlockMitigation === 'wick';
    const h = this.heaps;
    const bullReach = wick ? this.candles.low[j]! : close;
    while (h.bullBlocks.size > 0 && h.bullBlocks.peek()!.bottom > bullReach) {
      const ob = h.bullBlocks.pop()!;
      this.change(ob, 'mitigated', j);
      this.change(ob, 'breaker', j);
      h.bullBreakers.push(ob);
    }
    while (h.bullBreakers.size > 0 && h.bullBreakers.peek()!.top < close) this.change(h.bullBreakers.pop()!, 'broken', j);
    const bearReach = wick ? this.candles.high[j]! : close;
    while (h.bearBlocks.size > 0 && h.bearBlocks.peek()!.top < bearReach) {
      const ob = h.bearBlocks.pop()!;
      this.change(ob, 'mitigated', j);
      this.change(ob, 'breaker', j);
      h.bearBreakers.push(ob);
    }
    while (h.bearBreakers.size > 0 && h.bearBreakers.peek()!.bottom > close) this.change(h.bearBreakers.pop()!, 'broken', j);
  }

  private updateGaps(j: number): void {
    const h = this.heaps;
    const low = this.candles.low[j]!;
    const high = this.candles.high[j]!;
    const live = (e: GapEntry) => !e.stale;
    // Bullish gaps: traded into when the low reaches the top, filled when it reaches the bottom.
    while (h.bullGaps.size > 0 && h.bullGaps.peek()!.top >= low) {
      const e = h.bullGaps.pop()!;
      if (!live(e)) continue;
      this.change(e.gap, 'mitigated', j);
      h.bullFills.push(e);
    }
    while (h.bullFills.size > 0 && h.bullFills.peek()!.bottom >= low) {
      const e = h.bullFills.pop()!;
      if (live(e)) this.change(e.gap, 'filled', j);
    }
    while (h.bearGaps.size > 0 && h.bearGaps.peek()!.bottom <= high) {
      const e = h.bearGaps.pop()!;
      if (!live(e)) continue;
      this.change(e.gap, 'mitigated', j);
      h.bearFills.push(e);
    }
    while (h.bearFills.size > 0 && h.bearFills.peek()!.top <= high) {
      const e = h.bearFills.pop()!;
      if (live(e)) this.change(e.gap, 'filled', j);
    }
  }

  private detectBreaks(j: number, scope: Scope): void {
    const s = this.state.scopes[scope];
    const close = this.candles.close[j]!;
    if (s.high && !s.high.broken && close > s.high.swing.price) this.breakPivot(j, scope, s.high, 1);
    if (s.low && !s.low.broken && close < s.low.swing.price) this.breakPivot(j, scope, s.low, -1);
  }

  private breakPivot(j: number, scope: Scope, ref: PivotRef, dir: Direction): void {
    const s = this.state.scopes[scope];
    const pivot = ref.swing;
    const brokenRef: PivotRef = { swing: pivot, broken: true };
    if (dir === 1) s.high = brokenRef;
    else s.low = brokenRef;
    this.change(pivot, 'broken', j);
    const kind = s.trend === -dir ? 'CHoCH' : 'BOS';
    s.trend = dir;
    const brk: StructureBreak = this.emit(this.breaks, {
      type: 'break',
      id: this.newId(),
      scope,
      kind,
      dir,
      level: pivot.price,
      pivotIndex: pivot.anchorIndex,
      anchorIndex: pivot.anchorIndex, anchorTime: this.candles.time[pivot.anchorIndex]!, confirmIndex: j, confirmTime: this.candles.time[j]!,
      changes: NO_CHANGES,
    });
    this.createOrderBlock(j, scope, brk, pivot.anchorIndex);
  }

  /** The extreme opposite candle between the pivot and the break, skipping high-volatility candles. */
  private createOrderBlock(j: number, scope: Scope, brk: StructureBreak, from: number): void {
    let best = -1;
    for (let k = from; k < j; k++) {
      if (this.candles.high[k]! - this.candles.low[k]! >= this.settings.highVolatilityMultiple * this.candles.atr[k]!) continue;
      if (best < 0 || (brk.dir === 1 ? this.candles.low[k]! <= this.candles.low[best]! : this.candles.high[k]! >= this.candles.high[best]!)) best = k;
    }
    if (best < 0) return;
    const ob = this.emit(this.orderBlocks, {
      type: 'orderBlock',
      id: this.newId(),
      scope,
      dir: brk.dir,
      top: this.candles.high[best]!,
      bottom: this.candles.low[best]!,
      breakId: brk.id,
      anchorIndex: best, anchorTime: this.candles.time[best]!, confirmIndex: j, confirmTime: this.candles.time[j]!,
      changes: NO_CHANGES,
    });
    (brk.dir === 1 ? this.heaps.bullBlocks : this.heaps.bearBlocks).push(ob);
  }

  private detectSweeps(j: number): void {
    const h = this.heaps;
    const high = this.candles.high[j]!;
    const low = this.candles.low[j]!;
    const close = this.candles.close[j]!;
    while (h.levelsAbove.size > 0 && h.levelsAbove.peek()!.price < high) {
      const level = h.levelsAbove.pop()!;
      if (!level.removed && close < level.price) this.sweep(j, level, -1);
    }
    while (h.levelsBelow.size > 0 && h.levelsBelow.peek()!.price > low) {
      const level = h.levelsBelow.pop()!;
      if (!level.removed && close > level.price) this.sweep(j, level, 1);
    }
  }

  private sweep(j: number, level: LevelEntry, dir: Direction): void {
    if (level.owner) this.change(level.owner, 'swept', j);
    const atr = this.candles.atr[j]!;
    const sweep: Sweep = {
      type: 'sweep',
      id: this.newId(),
      dir,
      level: level.price,
      source: level.source,
      sourceId: level.owner ? level.owner.id : null,
      displacement: atr > 0 ? (this.candles.high[j]! - this.candles.low[j]!) / atr : 0,
      anchorIndex: j, anchorTime: this.candles.time[j]!, confirmIndex: j, confirmTime: this.candles.time[j]!,
      changes: NO_CHANGES,
    };
    if (level.externalId !== null) sweep.externalId = level.externalId;
    this.emit(this.sweeps, sweep);
  }

  /** The gap between candles j-2 and j, around the middle candle i = j-1. */
  private detectGap(j: number): void {
    const i = j - 1;
    let dir: Direction;
    let top: number;
    let bottom: number;
    if (this.candles.low[j]! > this.candles.high[j - 2]!) {
      dir = 1;
      top = this.candles.low[j]!;
      bottom = this.candles.high[j - 2]!;
    } else if (this.candles.high[j]! < this.candles.low[j - 2]!) {
      dir = -1;
      top = this.candles.low[j - 2]!;
      bottom = this.candles.high[j]!;
    } else return;
    if (this.settings.fvgThreshold === 'auto' && (top - bottom) / this.candles.close[i]! <= this.state.bodySum / (j + 1)) return;

    const previous = dir === 1 ? this.state.lastBullGap : this.state.lastBearGap;
    if (this.settings.fvgJoinConsecutive && previous && previous.lastMiddle === i - 1) {
      const joined: GapEntry = { gap: previous.gap, top: Math.max(previous.top, top), bottom: Math.min(previous.bottom, bottom), lastMiddle: i, stale: false };
      this.setStale(previous);
      this.change(previous.gap, 'extended', j, { top: joined.top, bottom: joined.bottom });
      this.pushGap(joined, dir);
      return;
    }
    const gap = this.emit(this.fvgs, { type: 'fvg', id: this.newId(), dir, top, bottom, anchorIndex: i, anchorTime: this.candles.time[i]!, confirmIndex: j, confirmTime: this.candles.time[j]!, changes: NO_CHANGES });
    this.pushGap({ gap, top, bottom, lastMiddle: i, stale: false }, dir);
  }

  private pushGap(entry: GapEntry, dir: Direction): void {
    this.setLastGap(dir, entry);
    (dir === 1 ? this.heaps.bullGaps : this.heaps.bearGaps).push(entry);
  }

  private detectPivots(j: number): void {
    for (const scope of SCOPES) {
      const found = this.pivots[scope].push(j, this.candles.high, this.candles.low);
      if (found) this.registerPivots(j, found, this.pivots[scope].length, (p) => this.registerPivot(j, scope, p));
    }
    const found = this.pivots.equal.push(j, this.candles.high, this.candles.low);
    if (found) this.registerPivots(j, found, this.pivots.equal.length, (p) => this.registerEqualPivot(j, p));
  }

  /** Turns PivotDetector bits into pivots at bar j - length, high before low. */
  private registerPivots(j: number, found: number, length: number, register: (p: Pivot) => void): void {
    const i = j - length;
    if (found & PIVOT_HIGH) register({ kind: 'high', index: i, price: this.candles.high[i]! });
    if (found & PIVOT_LOW) register({ kind: 'low', index: i, price: this.candles.low[i]! });
  }

  private registerPivot(j: number, scope: Scope, p: Pivot): void {
    const swing = this.emit(this.swings, {
      type: 'swing',
      id: this.newId(),
      scope,
      kind: p.kind,
      price: p.price,
      anchorIndex: p.index, anchorTime: this.candles.time[p.index]!, confirmIndex: j, confirmTime: this.candles.time[j]!,
      changes: NO_CHANGES,
    });
    const ref: PivotRef = { swing, broken: false };
    const s = this.state.scopes[scope];
    if (p.kind === 'high') s.high = ref;
    else s.low = ref;
    const source: SweepSource = `${scope === 'swing' ? 'swing' : 'internal'}-${p.kind}`;
    this.addLevel({ price: p.price, source, owner: swing, externalId: null, removed: false }, p.kind === 'high');
    if (scope === 'swing') {
      const st = this.state;
      if (p.kind === 'high') st.swingTop = p.price;
      else st.swingBottom = p.price;
      // Highs and lows between the pivot and now are inside [pivot low, pivot high] or widen it below.
      st.range = st.swingTop !== null && st.swingBottom !== null ? { top: st.swingTop, bottom: st.swingBottom } : null;
    }
  }

  private registerEqualPivot(j: number, p: Pivot): void {
    const isHigh = p.kind === 'high';
    const previous = isHigh ? this.state.lastEqualHigh : this.state.lastEqualLow;
    if (isHigh) this.state.lastEqualHigh = p;
    else this.state.lastEqualLow = p;
    if (!previous || !(Math.abs(p.price - previous.price) < this.settings.equalTolerance * this.candles.atr[j]!)) return;
    const level = this.emit(this.equalLevels, {
      type: 'equal',
      id: this.newId(),
      kind: isHigh ? 'EQH' : 'EQL',
      price: (p.price + previous.price) / 2,
      indices: [previous.index, p.index],
      anchorIndex: previous.index, anchorTime: this.candles.time[previous.index]!, confirmIndex: j, confirmTime: this.candles.time[j]!,
      changes: NO_CHANGES,
    });
    // The liquidity rests beyond both pivots.
    const price = isHigh ? Math.max(p.price, previous.price) : Math.min(p.price, previous.price);
    this.addLevel({ price, source: isHigh ? 'EQH' : 'EQL', owner: level, externalId: null, removed: false }, isHigh);
  }

  private updateZones(j: number): void {
    const range = this.state.range;
    if (!range) return;
    const high = this.candles.high[j]!;
    const low = this.candles.low[j]!;
    // Allocate only when the range widens (rarely): this runs on every candle.
    if (high > range.top || low < range.bottom) this.state.range = { top: Math.max(range.top, high), bottom: Math.min(range.bottom, low) };
  }

  /** Premium/discount of the current swing range, as of the last candle. */
  private zones(): Zones | null {
    const range = this.state.range;
    if (!range) return null;
    return { top: range.top, bottom: range.bottom, equilibrium: (range.top + range.bottom) / 2, asOfIndex: this.bars - 1 };
  }

  // ── bookkeeping ───────────────────────────────────────────────────────────────────────────

  private emit<T extends SmcObject>(list: T[], object: T): T {
    if (this.provisional) object.provisional = true;
    list.push(object);
    if (this.recording) this.record({ kind: 'created', object });
    return object;
  }

  private change(object: SmcObject, type: StateChange['type'], j: number, bounds?: { top: number; bottom: number }): void {
    const change: StateChange = { type, index: j, time: this.candles.time[j]! };
    if (bounds) {
      change.top = bounds.top;
      change.bottom = bounds.bottom;
    }
    if (this.provisional) change.provisional = true;
    const before = object.changes;
    if (before === NO_CHANGES) object.changes = [change];
    else (before as StateChange[]).push(change);
    this.undo?.push(() => (before === NO_CHANGES ? (object.changes = NO_CHANGES) : (before as StateChange[]).pop()));
    if (this.recording) this.record({ kind: 'changed', id: object.id, change });
  }

  /** Ids number the objects in the order emitted: the same in batch and incremental runs. */
  private newId(): number {
    return this.state.nextId++;
  }

  private record(event: SmcEvent): void {
    if (this.events === NO_EVENTS) this.events = [];
    this.events.push(event);
  }

  private addLevel(entry: LevelEntry, above: boolean): void {
    (above ? this.heaps.levelsAbove : this.heaps.levelsBelow).push(entry);
  }

  private setStale(entry: GapEntry): void {
    entry.stale = true;
    this.undo?.push(() => (entry.stale = false));
  }

  private setLastGap(dir: Direction, entry: GapEntry): void {
    // save() copies the state, so a preview's write is undone by restore()
    if (dir === 1) this.state.lastBullGap = entry;
    else this.state.lastBearGap = entry;
  }

  private makeHeaps() {
    return {
      bullBlocks: maxHeap<OrderBlock>((ob) => ob.bottom),
      bullBreakers: minHeap<OrderBlock>((ob) => ob.top),
      bearBlocks: minHeap<OrderBlock>((ob) => ob.top),
      bearBreakers: maxHeap<OrderBlock>((ob) => ob.bottom),
      bullGaps: maxHeap<GapEntry>((e) => e.top),
      bullFills: maxHeap<GapEntry>((e) => e.bottom),
      bearGaps: minHeap<GapEntry>((e) => e.bottom),
      bearFills: minHeap<GapEntry>((e) => e.top),
      levelsAbove: minHeap<LevelEntry>((e) => e.price),
      levelsBelow: maxHeap<LevelEntry>((e) => e.price),
    };
  }

  private save() {
    const heaps = Object.fromEntries(Object.entries(this.heaps).map(([k, heap]) => [k, heap.save()])) as Record<keyof SmcEngine['heaps'], unknown[]>;
    const st = this.state;
    return {
      bars: this.candles.length,
      lengths: [this.swings.length, this.breaks.length, this.orderBlocks.length, this.fvgs.length, this.equalLevels.length, this.sweeps.length],
      heaps,
      state: { ...st, scopes: { swing: { ...st.scopes.swing }, internal: { ...st.scopes.internal } } },
      atr: this.atr.save(),
      pivots: { swing: this.pivots.swing.save(), internal: this.pivots.internal.save(), equal: this.pivots.equal.save() },
    };
  }

  private restore(saved: ReturnType<SmcEngine['save']>): void {
    this.candles.truncate(saved.bars);
    const lists = [this.swings, this.breaks, this.orderBlocks, this.fvgs, this.equalLevels, this.sweeps];
    lists.forEach((list, i) => (list.length = saved.lengths[i]!));
    for (const [k, items] of Object.entries(saved.heaps)) (this.heaps[k as keyof SmcEngine['heaps']] as { restore(items: unknown[]): void }).restore(items);
    this.state = saved.state;
    this.atr.restore(saved.atr);
    this.pivots.swing.restore(saved.pivots.swing);
    this.pivots.internal.restore(saved.pivots.internal);
    this.pivots.equal.restore(saved.pivots.equal);
  }
}

/** Index of the first object confirmed at `from` or later: each list is emitted in confirm order. */
function firstConfirmedAt(list: readonly SmcObject[], from: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.confirmIndex < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Batch: the same incremental steps over every candle, so batch and incremental agree by construction. */
export function runSmc(candles: readonly Candle[], settings?: Partial<SmcSettings>): SmcSnapshot {
  const engine = new SmcEngine(settings);
  engine.appendAll(candles);
  return engine.snapshot({ handOver: true });
}
