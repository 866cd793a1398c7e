/**
 * What every SMC detector shares: the interface the engine drives them through, and the ledger
 * they all write to (the candles, object ids, events, and the undo of a preview).
 *
 * Per closed candle j the engine runs three phases, each over its detectors in the engine's
 * order, so that each step sees only what earlier candles (and earlier steps) established:
 *   update  — what j does to the objects already open (order-block mitigation, FVG fills);
 *   detect  — what j confirms from levels set before it (breaks, sweeps, the FVG whose third candle is j);
 *   confirm — the pivots confirmed at j and what they set (structure levels, liquidity, the swing range).
 */
import { SmcBars } from '../bars';
import type { SmcSettings } from '../settings';
import { Change } from '../objects';
import type { SmcEvent, SmcLists, SmcObject, StateChange } from '../types';

export interface Detector<Saved = unknown> {
  update?(j: number): void;
  detect?(j: number): void;
  /** `pivots`: the pivots bar j confirms (its `extremes.confirmedAt`). */
  confirm?(j: number, pivots: number): void;
  /**
   * Its open state, to restore after a preview. Emitted lists need only their length: a preview
   * appends to them and nothing else; changes to emitted objects are undone by the ledger.
   */
  save(): Saved;
  restore(saved: Saved): void;
}

/**
 * The engine's detectors by name → class. Empty here: each detector's module adds itself
 * (declaration merging, `declare module './detector'`), and kinds.ts registers how it is built.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the detectors' modules
export interface SmcDetectors {}
export type DetectorName = keyof SmcDetectors;

/**
 * How the engine builds one detector (kinds.ts lists them in the order each candle visits them):
 * `need` hands over another detector it reports to, built first whatever the list's order;
 * `lists` names the emitted lists it holds (snapshots and counts are read through it).
 */
export interface DetectorSpec<N extends DetectorName = DetectorName> {
  name: N;
  create(ledger: Ledger, need: <M extends DetectorName>(name: M) => SmcDetectors[M]): SmcDetectors[N] & Detector;
  lists?(detector: SmcDetectors[N]): Partial<{ [L in keyof SmcLists]: SmcLists[L][] }>;
}

/**
 * Which pivot length is which in the bars' `extremes.confirmedAt` (pivots.ts, pivotBits): the
 * structure's two scopes and the equal levels'.
 */
export const PIVOT_SLOT = { swing: 0, internal: 1, equal: 2 } as const;

/** Shared by appends that create or change nothing (most of them), so they allocate no array. */
const NO_EVENTS: readonly SmcEvent[] = Object.freeze([]);

export class Ledger {
  /** Bars so far, append-only (a preview truncates back). */
  readonly candles: SmcBars;
  /** The id of the next emitted object (a preview's ids are taken back by the engine's restore). */
  nextId = 0;
  /** Set during a preview: what is emitted or changed is marked provisional. */
  provisional = false;
  /** Off inside appendAll, whose caller reads the snapshot instead of events. */
  recording = true;
  /** Undo actions recorded during a preview; null outside one. */
  undo: (() => void)[] | null = null;
  private events: SmcEvent[] = NO_EVENTS as SmcEvent[];

  constructor(readonly settings: SmcSettings) {
    const lengths: number[] = [];
    lengths[PIVOT_SLOT.swing] = settings.swingLength;
    lengths[PIVOT_SLOT.internal] = settings.internalLength;
    lengths[PIVOT_SLOT.equal] = settings.equalLength;
    this.candles = new SmcBars(lengths);
  }

  /** The events since the last call, and a fresh (shared, empty) list for the next candle. */
  takeEvents(): SmcEvent[] {
    const events = this.events;
    this.events = NO_EVENTS as SmcEvent[];
    return events;
  }

  emit<T extends SmcObject>(list: T[], object: T): T {
    if (this.provisional) object.provisional = true;
    list.push(object);
    if (this.recording) this.record({ kind: 'created', object });
    return object;
  }

  change(object: SmcObject, type: StateChange['type'], j: number): void {
    const change: StateChange = new Change(type, j, this.candles.time[j]!);
    this.append(object, change);
  }

  /** A gap's 'extended' change at bar j, with its new bounds. */
  extend(object: SmcObject, j: number, top: number, bottom: number): void {
    const change: StateChange = new Change('extended', j, this.candles.time[j]!);
    change.top = top;
    change.bottom = bottom;
    this.append(object, change);
  }

  /**
   * `change` appended to the object's changes. Replaced by a longer array of exact length
   * (objects get up to three changes), not pushed to: a pushed array grows room for 17, and spread
   * reserves spare room too; concat does not, but is a call into the runtime: literals up to three.
   * A preview's and an append's extra steps are apart (`note`, behind one check), and a gap's
   * bounds in `extend`: a batch's change is this only. runSmc over the EURUSD bars, run in one
   * process alternately with the former change (6 rounds of 200 each): median CPU time lower in
   * all 6, by 0.07-0.48 ms; fastest lower in 5.
   */
  private append(object: SmcObject, change: StateChange): void {
    const before = object.changes;
    const n = before.length;
    object.changes = n === 0 ? [change] : n === 1 ? [before[0]!, change] : n === 2 ? [before[0]!, before[1]!, change] : before.concat(change);
    if (this.provisional || this.undo !== null || this.recording) this.note(object, change, before);
  }

  private note(object: SmcObject, change: StateChange, before: readonly StateChange[]): void {
    if (this.provisional) change.provisional = true;
    if (this.undo) this.undoChange(this.undo, object, before);
    if (this.recording) this.record({ kind: 'changed', id: object.id, change });
  }

  /** Apart from `note`: a closure there made every change allocate its context, preview or not. */
  private undoChange(undo: (() => void)[], object: SmcObject, before: readonly StateChange[]): void {
    undo.push(() => (object.changes = before));
  }

  /** Ids number the objects in the order emitted: the same in batch and incremental runs. */
  newId(): number {
    return this.nextId++;
  }

  private record(event: SmcEvent): void {
    if (this.events === NO_EVENTS) this.events = [];
    this.events.push(event);
  }
}
