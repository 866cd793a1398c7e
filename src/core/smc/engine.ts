/**
 * The incremental Smart Money Concepts engine. Feed it closed candles one at a time (`append`);
 * it emits each object once, on the candle that makes it certain, and never changes it after:
 * later events are appended to the object's `changes`. `preview` shows what the open candle
 * would add if it closed now, marked provisional, without touching the engine's state.
 *
 * Each detector is its own module (detectors/); this one holds the candles and drives the
 * detectors through a candle's phases (detectors/detector.ts), in this order, each step seeing
 * only what earlier candles established:
 *   1. ATR; 2. order-block and FVG state changes; 3. structure breaks of pivots confirmed before j,
 *   swing then internal, with their order blocks; 4. sweeps of liquidity levels set before j;
 *   5. the FVG whose third candle is j; 6. pivots confirmed at j (swing, internal, equal-level);
 *   7. premium/discount zones.
 */
import type { Candle } from '../types';
import { Atr } from './atr';
import { Ledger, type Detector } from './detectors/detector';
import { EqualLevelDetector } from './detectors/equalLevels';
import { FvgDetector } from './detectors/fvgs';
import { OrderBlockDetector } from './detectors/orderBlocks';
import { StructureDetector } from './detectors/structure';
import { SweepDetector } from './detectors/sweeps';
import { ZoneDetector } from './detectors/zones';
import { resolveSettings, type SmcSettings } from './settings';
import type { Direction, ExternalLevel, Scope, SmcCounts, SmcEvent, SmcObject, SmcSnapshot } from './types';

export class SmcEngine {
  readonly settings: SmcSettings;
  private readonly ledger: Ledger;
  private readonly atr: Atr;
  private readonly orderBlocks: OrderBlockDetector;
  private readonly structure: StructureDetector;
  private readonly sweeps: SweepDetector;
  private readonly fvgs: FvgDetector;
  private readonly equalLevels: EqualLevelDetector;
  private readonly zones: ZoneDetector;
  /** Every detector, for save and restore around a preview. */
  private readonly detectors: readonly Detector[];

  constructor(settings: Partial<SmcSettings> = {}) {
    this.settings = resolveSettings(settings);
    const ledger = (this.ledger = new Ledger(this.settings));
    this.atr = new Atr(this.settings.atrLength);
    this.orderBlocks = new OrderBlockDetector(ledger);
    this.sweeps = new SweepDetector(ledger);
    this.zones = new ZoneDetector(ledger);
    this.structure = new StructureDetector(ledger, this.orderBlocks, this.sweeps, this.zones);
    this.fvgs = new FvgDetector(ledger);
    this.equalLevels = new EqualLevelDetector(ledger, this.sweeps);
    this.detectors = [this.orderBlocks, this.structure, this.sweeps, this.fvgs, this.equalLevels, this.zones];
  }

  get bars(): number {
    return this.ledger.candles.length;
  }

  /** One closed candle, strictly after the previous one. Returns what it created or changed. */
  append(candle: Candle): readonly SmcEvent[] {
    this.check(candle);
    this.ledger.takeEvents();
    this.step(candle);
    return this.ledger.takeEvents();
  }

  /**
   * Closed candles in bulk: the same steps as `append`, without building the event lists nobody
   * reads. A reader streaming a file calls it chunk by chunk: room grows by at least doubling.
   */
  appendAll(candles: readonly Candle[]): void {
    const ledger = this.ledger;
    ledger.recording = false;
    ledger.candles.makeRoom(candles.length);
    try {
      for (let i = 0; i < candles.length; i++) {
        const candle = candles[i]!;
        this.check(candle);
        this.step(candle);
      }
    } finally {
      ledger.recording = true;
    }
  }

  /**
   * What the open candle would create or change if it closed now, each marked provisional.
   * The engine is left exactly as it was.
   */
  preview(open: Candle): SmcEvent[] {
    this.check(open);
    const ledger = this.ledger;
    const saved = this.save();
    const undo: (() => void)[] = (ledger.undo = []);
    ledger.provisional = true;
    try {
      ledger.takeEvents();
      this.step(open);
      // Copies: the undo below takes the changes back out of the engine's objects.
      return ledger.takeEvents().map((e) => (e.kind === 'created' ? { kind: 'created', object: { ...e.object, changes: e.object.changes.slice() } } : e));
    } finally {
      for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
      ledger.undo = null;
      ledger.provisional = false;
      this.restore(saved);
    }
  }

  /** A liquidity level from outside (e.g. a liquidation cluster) that sweeps are detected against. */
  addExternalLevel(level: ExternalLevel): void {
    this.sweeps.addExternal(level);
  }

  removeExternalLevel(id: string): void {
    this.sweeps.removeExternal(id);
  }

  /**
   * Everything emitted so far. Copies by default, so later appends cannot change what the caller
   * holds; `handOver` hands over the engine's own lists, for a caller that discards the engine (batch).
   */
  snapshot({ handOver = false }: { handOver?: boolean } = {}): SmcSnapshot {
    const copy = <T extends SmcObject>(list: T[]): T[] => (handOver ? list : list.map((o) => ({ ...o, changes: o.changes.slice() })));
    return {
      bars: this.bars,
      swings: copy(this.structure.swings),
      breaks: copy(this.structure.breaks),
      orderBlocks: copy(this.orderBlocks.blocks),
      fvgs: copy(this.fvgs.gaps),
      equalLevels: copy(this.equalLevels.levels),
      sweeps: copy(this.sweeps.sweeps),
      zones: this.zones.zones(),
      trend: this.trend(),
    };
  }

  /**
   * The objects confirmed at bar `from` or later (the overlay draws the recent chart only). The
   * engine's own objects, not copies: read them, never change them.
   */
  confirmedSince(from: number): Omit<SmcSnapshot, 'bars' | 'zones' | 'trend'> {
    const tail = <T extends SmcObject>(list: readonly T[]): T[] => list.slice(firstConfirmedAt(list, from));
    return {
      swings: tail(this.structure.swings),
      breaks: tail(this.structure.breaks),
      orderBlocks: tail(this.orderBlocks.blocks),
      fvgs: tail(this.fvgs.gaps),
      equalLevels: tail(this.equalLevels.levels),
      sweeps: tail(this.sweeps.sweeps),
    };
  }

  counts(): SmcCounts {
    return {
      bars: this.bars,
      swings: this.structure.swings.length,
      breaks: this.structure.breaks.length,
      orderBlocks: this.orderBlocks.blocks.length,
      fvgs: this.fvgs.gaps.length,
      equalLevels: this.equalLevels.levels.length,
      sweeps: this.sweeps.sweeps.length,
    };
  }

  trend(): Record<Scope, Direction | 0> {
    return { swing: this.structure.trend('swing'), internal: this.structure.trend('internal') };
  }

  private check(candle: Candle): void {
    const b = this.ledger.candles;
    // No `last = … : undefined` here: a number-or-undefined local is boxed, an allocation per candle.
    if (b.length > 0 && !(candle.time > b.time[b.length - 1]!)) {
      throw new RangeError(`SMC engine: candle at ${candle.time} is not after the previous one (${b.time[b.length - 1]})`);
    }
    const finite = Number.isFinite(candle.open) && Number.isFinite(candle.high) && Number.isFinite(candle.low) && Number.isFinite(candle.close);
    if (!finite || !(candle.high >= candle.low)) {
      throw new RangeError(`SMC engine: candle at ${candle.time} has invalid prices`);
    }
  }

  private step(c: Candle): void {
    const b = this.ledger.candles;
    const j = b.length;
    b.push(c, this.atr);
    // Called one by one, not over lists of detectors: each call site then sees one class and can be inlined.
    // update: what j does to open order blocks and FVGs.
    this.orderBlocks.update(j);
    this.fvgs.update(j);
    // detect: breaks, sweeps, the FVG whose third candle is j.
    this.structure.detect(j);
    this.sweeps.detect(j);
    this.fvgs.detect(j);
    // confirm: structure and equal-level pivots, then zones.
    this.structure.confirm(j);
    this.equalLevels.confirm(j);
    this.zones.confirm(j);
  }

  private save() {
    return { bars: this.ledger.candles.length, nextId: this.ledger.nextId, atr: this.atr.save(), detectors: this.detectors.map((d) => d.save()) };
  }

  private restore(saved: ReturnType<SmcEngine['save']>): void {
    this.ledger.candles.truncate(saved.bars);
    this.ledger.nextId = saved.nextId;
    this.atr.restore(saved.atr);
    this.detectors.forEach((d, i) => d.restore(saved.detectors[i]));
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
