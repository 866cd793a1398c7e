/**
 * What the SMC engine emits. Every object is drawn at `anchorIndex`/`anchorTime` and became
 * certain on the closed candle `confirmIndex`/`confirmTime`; once emitted, its fields never
 * change. Later events (mitigated, broken, swept…) are appended to `changes`, each with its own
 * candle. Indices count the candles appended to the engine, from 0.
 */
export type Scope = 'swing' | 'internal';
export type Direction = 1 | -1;

export interface StateChange {
  type: 'mitigated' | 'broken' | 'breaker' | 'swept' | 'extended' | 'filled';
  index: number;
  time: number;
  /** New bounds, for 'extended'. */
  top?: number;
  bottom?: number;
  /** Set in a preview: the open candle would cause it if it closed now. */
  provisional?: true;
}

export interface SmcObjectBase {
  /** Numbers the engine's objects in the order emitted, from 0: the same in batch and incremental runs. */
  id: number;
  anchorIndex: number;
  anchorTime: number;
  confirmIndex: number;
  confirmTime: number;
  /** Appended to by the engine only (replaced by a longer array), never edited. */
  changes: readonly StateChange[];
  /** Set in a preview: the object exists only if the open candle closes as it is now. */
  provisional?: true;
}

export interface Swing extends SmcObjectBase {
  type: 'swing';
  scope: Scope;
  kind: 'high' | 'low';
  price: number;
}

/** A close beyond a pivot: anchored at the pivot, confirmed by the breaking close. */
export interface StructureBreak extends SmcObjectBase {
  type: 'break';
  scope: Scope;
  kind: 'BOS' | 'CHoCH';
  dir: Direction;
  level: number;
  pivotIndex: number;
}

export interface OrderBlock extends SmcObjectBase {
  type: 'orderBlock';
  scope: Scope;
  dir: Direction;
  top: number;
  bottom: number;
  breakId: number;
}

/** Anchored at the middle candle of the three, confirmed by the third. */
export interface FairValueGap extends SmcObjectBase {
  type: 'fvg';
  dir: Direction;
  top: number;
  bottom: number;
}

export interface EqualLevel extends SmcObjectBase {
  type: 'equal';
  kind: 'EQH' | 'EQL';
  price: number;
  indices: number[];
}

export type SweepSource = 'EQH' | 'EQL' | 'swing-high' | 'swing-low' | 'internal-high' | 'internal-low' | 'external';

/** A wick beyond a liquidity level that closed back inside: dir -1 for a high swept (bearish). */
export interface Sweep extends SmcObjectBase {
  type: 'sweep';
  dir: Direction;
  level: number;
  source: SweepSource;
  /** The swept swing or equal level; null for an external level. */
  sourceId: number | null;
  /** The swept external level's own id. */
  externalId?: string;
  /** The sweeping candle's range in ATRs. */
  displacement: number;
}

/** A level handed in from outside, e.g. a liquidation cluster. */
export interface ExternalLevel {
  id: string;
  price: number;
  label?: string;
}

/** Premium above equilibrium, discount below, of the current swing range. */
export interface Zones {
  top: number;
  bottom: number;
  equilibrium: number;
  asOfIndex: number;
}

/**
 * Every list of objects the engine emits, by its name in snapshots and counts (`fvgs`) → its
 * object type. Empty here: each detector's module adds the lists it emits (declaration merging,
 * `declare module '../types'`), so snapshots, counts and the object union follow the detectors
 * and no list of kinds is written out here. kinds.ts declares what each list is for.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the detectors' modules
export interface SmcLists {}
export type SmcListName = keyof SmcLists;

export type SmcSnapshot = { bars: number } & { [L in SmcListName]: SmcLists[L][] } & {
  zones: Zones | null;
  trend: Record<Scope, Direction | 0>;
};

export type SmcObject = SmcLists[SmcListName];

export type SmcEvent = { kind: 'created'; object: SmcObject } | { kind: 'changed'; id: number; change: StateChange };

export type SmcCounts = { bars: number } & Record<SmcListName, number>;
