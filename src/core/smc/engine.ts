/**
 * The incremental Smart Money Concepts engine. Feed it closed candles one at a time (`append`);
 * it emits each object once, on the candle that makes it certain, and never changes it after:
 * later events are appended to the object's `changes`. `preview` shows what the open candle
 * would add if it closed now, marked provisional, without touching the engine's state.
 *
 * Each detector is its own module (detectors/), registered in kinds.ts; this one holds the
 * candles and drives the detectors through a candle's phases (detectors/detector.ts), in the
 * order of kinds.ts' runPhases, each step seeing only what earlier candles established:
 *   1. ATR; 2. order-block and FVG state changes; 3. structure breaks of pivots confirmed before j,
 *   swing then internal, with their order blocks; 4. sweeps of liquidity levels set before j;
 *   5. the FVG whose third candle is j; 6. pivots confirmed at j (swing, internal, equal-level);
 *   7. premium/discount zones.
 */
import type { Candle } from '../types';
import { Atr } from './atr';
import { Ledger, type Detector, type DetectorName, type SmcDetectors } from './detectors/detector';
import { runPhases, SMC_DETECTORS, SMC_KINDS } from './kinds';
import { resolveSettings, type SmcSettings } from './settings';
import type { Direction, ExternalLevel, Scope, SmcCounts, SmcEvent, SmcListName, SmcLists, SmcObject, SmcSnapshot } from './types';

type Lists = { [L in SmcListName]: SmcLists[L][] };

/** What `problem` finds wrong with a candle. */
const NOT_AFTER = 1;
const BAD_PRICES = 2;

export class SmcEngine {
  readonly settings: SmcSettings;
  private readonly ledger: Ledger;
  private readonly atr: Atr;
  /** The detectors by name, for what the engine asks of one (trend, zones, external levels). */
  private readonly named: SmcDetectors;
  /** The emitted lists by name: the detectors' own arrays. */
  private readonly lists: Lists;
  /** Every detector, for save and restore around a preview. */
  private readonly detectors: readonly Detector[];

  constructor(settings: Partial<SmcSettings> = {}) {
    this.settings = resolveSettings(settings);
    const ledger = (this.ledger = new Ledger(this.settings));
    this.atr = new Atr(this.settings.atrLength);
    // Built on first need, so a detector may report to one listed after it.
    const built = new Map<DetectorName, Detector>();
    const need = <N extends DetectorName>(name: N): SmcDetectors[N] => {
      let d = built.get(name);
      if (!d) {
        const spec = SMC_DETECTORS.find((s) => s.name === name)!;
        built.set(name, (d = (spec.create as (l: Ledger, n: typeof need) => Detector)(ledger, need)));
      }
      return d as SmcDetectors[N];
    };
    const lists: Partial<Lists> = {};
    for (const spec of SMC_DETECTORS) Object.assign(lists, (spec.lists as ((d: Detector) => Partial<Lists>) | undefined)?.(need(spec.name)));
    this.lists = lists as Lists;
    this.named = Object.fromEntries(built) as unknown as SmcDetectors;
    this.detectors = SMC_DETECTORS.map((s) => built.get(s.name)!);
  }

  get bars(): number {
    return this.ledger.candles.length;
  }

  /** One closed candle, strictly after the previous one. Returns what it created or changed. */
  append(candle: Candle): readonly SmcEvent[] {
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
      this.stepAll(candles);
    } finally {
      ledger.recording = true;
    }
  }

  /**
   * The batch in passes over the columns: the candles (each checked), their ATR, the pivots
   * they confirm, then the detectors bar by bar. Each pass is a loop V8 compiles whole (one loop doing
   * all of it did not inline half its calls). The same marks as appending one by one: a detector
   * at bar j reads no column past j, and the pivots bar j confirms are checked against bars up to
   * j only (pivots.ts). A bad candle ends
   * the batch there, as one by one: the candles before it are appended, then it throws.
   * Apart from appendAll: V8 optimised the loop inside the try and threw that code away at its
   * finally, every batch.
   */
  private stepAll(candles: readonly Candle[]): void {
    const b = this.ledger.candles;
    const from = b.length;
    const error = this.pushAll(candles);
    const to = b.length;
    this.atr.updateRange(from, to, b.high, b.low, b.close, b.atr);
    b.extremes.pushRange(from, to, b.high, b.low);
    this.detectRange(from, to);
    if (error) throw error;
  }

  /** The candles into the columns, up to the first bad one: its error, or null. */
  private pushAll(candles: readonly Candle[]): RangeError | null {
    const b = this.ledger.candles;
    for (let i = 0; i < candles.length; i++) {
      b.push(candles[i]!);
      const j = b.length - 1;
      const problem = this.problem(j);
      if (problem !== 0) {
        const error = this.rejection(j, problem);
        b.dropLast();
        return error;
      }
    }
    return null;
  }

  private detectRange(from: number, to: number): void {
    for (let j = from; j < to; j++) this.detect(j);
  }

  /**
   * What the open candle would create or change if it closed now, each marked provisional.
   * The engine is left exactly as it was.
   */
  preview(open: Candle): SmcEvent[] {
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
    this.named.sweeps.addExternal(level);
  }

  removeExternalLevel(id: string): void {
    this.named.sweeps.removeExternal(id);
  }

  /**
   * Everything emitted so far. Copies by default, so later appends cannot change what the caller
   * holds; `handOver` hands over the engine's own lists, for a caller that discards the engine (batch).
   */
  snapshot({ handOver = false }: { handOver?: boolean } = {}): SmcSnapshot {
    const copy = (list: SmcObject[]): SmcObject[] => (handOver ? list : list.map((o) => ({ ...o, changes: o.changes.slice() })));
    return { bars: this.bars, ...(this.eachList(copy) as Lists), zones: this.named.zones.zones(), trend: this.trend() };
  }

  /**
   * The objects confirmed at bar `from` or later (the overlay draws the recent chart only). The
   * engine's own objects, not copies: read them, never change them.
   */
  confirmedSince(from: number): Lists {
    return this.eachList((list) => list.slice(firstConfirmedAt(list, from))) as Lists;
  }

  counts(): SmcCounts {
    return { bars: this.bars, ...this.eachList((list) => list.length) };
  }

  /** `f` of every emitted list, by name, in the order of SMC_KINDS (a list keeps its own object type through `f`: the callers' casts say so). */
  private eachList<R>(f: (list: SmcObject[]) => R): Record<SmcListName, R> {
    const out = {} as Record<SmcListName, R>;
    for (const kind of SMC_KINDS) out[kind.list] = f(this.lists[kind.list]);
    return out;
  }

  trend(): Record<Scope, Direction | 0> {
    return { swing: this.named.structure.trend('swing'), internal: this.named.structure.trend('internal') };
  }

  /**
   * What is wrong with candle j, pushed to the columns: NOT_AFTER, BAD_PRICES or 0. Checked there,
   * each price read once. A code, not the message: with the message's template here, V8 turned
   * the candle's time into a string on every candle, problem or not.
   */
  private problem(j: number): number {
    const b = this.ledger.candles;
    if (j > 0 && !(b.time[j]! > b.time[j - 1]!)) return NOT_AFTER;
    const high = b.high[j]!;
    const low = b.low[j]!;
    const finite = Number.isFinite(b.open[j]!) && Number.isFinite(high) && Number.isFinite(low) && Number.isFinite(b.close[j]!);
    return finite && high >= low ? 0 : BAD_PRICES;
  }

  /** The error for candle j's problem. */
  private rejection(j: number, problem: number): RangeError {
    const b = this.ledger.candles;
    const why = problem === NOT_AFTER ? `is not after the previous one (${b.time[j - 1]})` : 'has invalid prices';
    return new RangeError(`SMC engine: candle at ${b.time[j]} ${why}`);
  }

  /** One candle through every phase; throws, leaving the engine as it was, if the candle is bad. */
  private step(c: Candle): void {
    const b = this.ledger.candles;
    const j = b.length;
    b.push(c);
    const problem = this.problem(j);
    if (problem !== 0) {
      const error = this.rejection(j, problem);
      b.dropLast();
      throw error;
    }
    this.atr.updateAt(j, b.high, b.low, b.close, b.atr);
    b.extremes.push(j, b.high, b.low);
    this.detect(j);
  }

  /** The detectors' phases for bar j, whose columns, ATR and confirmed pivots are in. */
  private detect(j: number): void {
    runPhases(this.named, j, this.ledger.candles.extremes.confirmedAt(j));
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
