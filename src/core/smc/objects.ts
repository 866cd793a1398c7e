/**
 * The engine's emitted objects and changes, built by constructors rather than object literals.
 * Why: V8 tracks each object literal's allocation site, sees that nearly all of these survive
 * (they are the output) and starts allocating them straight into the old generation. In a
 * batch that made every allocation and collection slower (runSmc took about twice as long as
 * with the flag --no-allocation-site-pretenuring); `new` has no allocation site, so the objects
 * stay in the young generation like any other.
 *
 * Each class has exactly the fields of its interface in types.ts, assigned in the order the
 * literals had (JSON and spreads list them so); `anchor` and `confirm` are candle indices, their
 * times read from the engine's time column. `provisional` (and a sweep's `externalId`) are
 * added after construction when they apply, so they are `declare`d, never initialised.
 */
import type {
  Direction, EqualLevel, FairValueGap, OrderBlock, Scope, StateChange, StructureBreak, Sweep, SweepSource, Swing,
} from './types';

/** Shared by the objects nothing has happened to yet (most order blocks and FVGs stay so for long). */
export const NO_CHANGES: readonly StateChange[] = Object.freeze([]);

export class Change implements StateChange {
  declare type: StateChange['type'];
  declare index: number;
  declare time: number;
  declare top?: number;
  declare bottom?: number;
  declare provisional?: true;

  constructor(type: StateChange['type'], index: number, time: number) {
    this.type = type;
    this.index = index;
    this.time = time;
  }
}

export class SwingObject implements Swing {
  declare type: 'swing';
  declare id: number;
  declare scope: Scope;
  declare kind: 'high' | 'low';
  declare price: number;
  declare anchorIndex: number;
  declare anchorTime: number;
  declare confirmIndex: number;
  declare confirmTime: number;
  declare changes: readonly StateChange[];
  declare provisional?: true;

  constructor(id: number, scope: Scope, kind: 'high' | 'low', price: number, anchor: number, confirm: number, time: Float64Array) {
    this.type = 'swing';
    this.id = id;
    this.scope = scope;
    this.kind = kind;
    this.price = price;
    this.anchorIndex = anchor;
    this.anchorTime = time[anchor]!;
    this.confirmIndex = confirm;
    this.confirmTime = time[confirm]!;
    this.changes = NO_CHANGES;
  }
}

export class BreakObject implements StructureBreak {
  declare type: 'break';
  declare id: number;
  declare scope: Scope;
  declare kind: 'BOS' | 'CHoCH';
  declare dir: Direction;
  declare level: number;
  declare pivotIndex: number;
  declare anchorIndex: number;
  declare anchorTime: number;
  declare confirmIndex: number;
  declare confirmTime: number;
  declare changes: readonly StateChange[];
  declare provisional?: true;

  constructor(id: number, scope: Scope, kind: 'BOS' | 'CHoCH', dir: Direction, level: number, pivotIndex: number, anchor: number, confirm: number, time: Float64Array) {
    this.type = 'break';
    this.id = id;
    this.scope = scope;
    this.kind = kind;
    this.dir = dir;
    this.level = level;
    this.pivotIndex = pivotIndex;
    this.anchorIndex = anchor;
    this.anchorTime = time[anchor]!;
    this.confirmIndex = confirm;
    this.confirmTime = time[confirm]!;
    this.changes = NO_CHANGES;
  }
}

export class OrderBlockObject implements OrderBlock {
  declare type: 'orderBlock';
  declare id: number;
  declare scope: Scope;
  declare dir: Direction;
  declare top: number;
  declare bottom: number;
  declare breakId: number;
  declare anchorIndex: number;
  declare anchorTime: number;
  declare confirmIndex: number;
  declare confirmTime: number;
  declare changes: readonly StateChange[];
  declare provisional?: true;

  constructor(id: number, scope: Scope, dir: Direction, top: number, bottom: number, breakId: number, anchor: number, confirm: number, time: Float64Array) {
    this.type = 'orderBlock';
    this.id = id;
    this.scope = scope;
    this.dir = dir;
    this.top = top;
    this.bottom = bottom;
    this.breakId = breakId;
    this.anchorIndex = anchor;
    this.anchorTime = time[anchor]!;
    this.confirmIndex = confirm;
    this.confirmTime = time[confirm]!;
    this.changes = NO_CHANGES;
  }
}

export class GapObject implements FairValueGap {
  declare type: 'fvg';
  declare id: number;
  declare dir: Direction;
  declare top: number;
  declare bottom: number;
  declare anchorIndex: number;
  declare anchorTime: number;
  declare confirmIndex: number;
  declare confirmTime: number;
  declare changes: readonly StateChange[];
  declare provisional?: true;

  constructor(id: number, dir: Direction, top: number, bottom: number, anchor: number, confirm: number, time: Float64Array) {
    this.type = 'fvg';
    this.id = id;
    this.dir = dir;
    this.top = top;
    this.bottom = bottom;
    this.anchorIndex = anchor;
    this.anchorTime = time[anchor]!;
    this.confirmIndex = confirm;
    this.confirmTime = time[confirm]!;
    this.changes = NO_CHANGES;
  }
}

export class EqualLevelObject implements EqualLevel {
  declare type: 'equal';
  declare id: number;
  declare kind: 'EQH' | 'EQL';
  declare price: number;
  declare indices: number[];
  declare anchorIndex: number;
  declare anchorTime: number;
  declare confirmIndex: number;
  declare confirmTime: number;
  declare changes: readonly StateChange[];
  declare provisional?: true;

  constructor(id: number, kind: 'EQH' | 'EQL', price: number, indices: number[], anchor: number, confirm: number, time: Float64Array) {
    this.type = 'equal';
    this.id = id;
    this.kind = kind;
    this.price = price;
    this.indices = indices;
    this.anchorIndex = anchor;
    this.anchorTime = time[anchor]!;
    this.confirmIndex = confirm;
    this.confirmTime = time[confirm]!;
    this.changes = NO_CHANGES;
  }
}

export class SweepObject implements Sweep {
  declare type: 'sweep';
  declare id: number;
  declare dir: Direction;
  declare level: number;
  declare source: SweepSource;
  declare sourceId: number | null;
  declare displacement: number;
  declare anchorIndex: number;
  declare anchorTime: number;
  declare confirmIndex: number;
  declare confirmTime: number;
  declare changes: readonly StateChange[];
  declare externalId?: string;
  declare provisional?: true;

  constructor(id: number, dir: Direction, level: number, source: SweepSource, sourceId: number | null, displacement: number, anchor: number, confirm: number, time: Float64Array) {
    this.type = 'sweep';
    this.id = id;
    this.dir = dir;
    this.level = level;
    this.source = source;
    this.sourceId = sourceId;
    this.displacement = displacement;
    this.anchorIndex = anchor;
    this.anchorTime = time[anchor]!;
    this.confirmIndex = confirm;
    this.confirmTime = time[confirm]!;
    this.changes = NO_CHANGES;
  }
}
