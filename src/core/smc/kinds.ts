/**
 * Every SMC detector and every kind of object it emits, declared once. Everything that lists
 * kinds derives its list from here: the engine's detectors, snapshots and counts (engine.ts),
 * the marks the overlay draws and their wire schema (analysis/overlayLayers.ts,
 * messaging/validateLayers.ts), the switches (settings/switches.ts), the badge's counts
 * (content/badgeModel.ts) and `liqlens smc`'s JSON (cli/commands/smc.ts). Pure TypeScript: the
 * painter of each mark is paired with its kind on the UI side (overlay/paint/markKinds.ts).
 *
 * A new detector: its module under detectors/ (the class, its object type, and the lists it adds
 * to SmcLists), one line in SMC_DETECTORS and its calls in runPhases, its kind(s) in SMC_KINDS,
 * its painter (and its line in markKinds.ts), its test. docs/architecture.md counts the files.
 */
import { EqualLevelDetector } from './detectors/equalLevels';
import type { DetectorName, DetectorSpec, SmcDetectors } from './detectors/detector';
import { FvgDetector } from './detectors/fvgs';
import { OrderBlockDetector } from './detectors/orderBlocks';
import { StructureDetector } from './detectors/structure';
import { SweepDetector } from './detectors/sweeps';
import { ZoneDetector } from './detectors/zones';
import type { MarkFields, MarkOf } from './marks';
import type { Scope, SmcListName, SmcLists, SmcObject, StateChange } from './types';

type AnyDetectorSpec = { [N in DetectorName]: DetectorSpec<N> }[DetectorName];

/**
 * The detectors: how each is built and the lists it emits. The engine saves and restores them
 * (a preview) in this order; each candle visits them in `runPhases`' order.
 */
export const SMC_DETECTORS: readonly AnyDetectorSpec[] = [
  { name: 'orderBlocks', create: (ledger) => new OrderBlockDetector(ledger), lists: (d) => ({ orderBlocks: d.blocks }) },
  {
    name: 'structure',
    create: (ledger, need) => new StructureDetector(ledger, need('orderBlocks'), need('sweeps'), need('zones')),
    lists: (d) => ({ swings: d.swings, breaks: d.breaks }),
  },
  { name: 'sweeps', create: (ledger) => new SweepDetector(ledger), lists: (d) => ({ sweeps: d.sweeps }) },
  { name: 'fvgs', create: (ledger) => new FvgDetector(ledger), lists: (d) => ({ fvgs: d.gaps }) },
  { name: 'equalLevels', create: (ledger, need) => new EqualLevelDetector(ledger, need('sweeps')), lists: (d) => ({ equalLevels: d.levels }) },
  { name: 'zones', create: (ledger) => new ZoneDetector(ledger) },
];

/**
 * Candle j through the detectors' phases (detectors/detector.ts), in order: order blocks and FVGs
 * are updated before anything detects; breaks (with their order blocks) before sweeps before the
 * FVG of j; structure pivots before equal levels before zones. Written out rather than looped
 * over lists of detectors: V8 inlines these direct calls (6 % fewer instructions per batch,
 * cachegrind, than calls through a list).
 */
export function runPhases(d: SmcDetectors, j: number, pivots: number): void {
  // update: what j does to the objects already open
  d.orderBlocks.update(j);
  d.fvgs.update(j);
  // detect: what j confirms from levels set before it
  d.structure.detect(j);
  d.sweeps.detect(j);
  d.fvgs.detect(j);
  // confirm: the pivots confirmed at j (`pivots`, its confirmedAt: none on most bars) and what they set
  if (pivots !== 0) {
    d.structure.confirm(j, pivots);
    d.equalLevels.confirm(j, pivots);
  }
  d.zones.confirm(j);
}

/** A layer switch a trader sets (settings/switches.ts shows them in the order declared). */
export interface Toggle<T extends string = string> {
  key: T;
  label: string;
}

/** What one kind of object is, everywhere outside the engine. */
export interface KindSpec<L extends SmcListName> {
  /** Its list in snapshots and counts, and its objects' `type`. */
  list: L;
  type: SmcLists[L]['type'];
  /** Its name in running text ("order blocks"). */
  named: string;
  /** Its count in the badge, "4 OB": the word after the number. */
  counted: string;
  /** Its entries in `liqlens smc`'s JSON (the command's contract: more may be added, none renamed); `row` maps an engine index to the file's row. */
  json(objects: readonly SmcLists[L][], row: (index: number) => number): Record<string, Iterable<unknown>>;
}

/** How the overlay draws a kind: the mark's fields (its type and schema derive from them), its switches, and the mark of one object. */
export interface MarkSpec<L extends SmcListName, K extends string, F extends MarkFields, T extends string> {
  kind: K;
  fields: F;
  toggles: readonly [Toggle<T>, ...Toggle<T>[]];
  /** The switch a mark obeys, where the kind has more than one (else its only one). */
  toggle?(mark: MarkOf<K, F>): T;
  from(object: SmcLists[L], provisional: boolean): MarkOf<K, F>;
}

export type DrawnKindSpec<L extends SmcListName, K extends string, F extends MarkFields, T extends string> = KindSpec<L> & { mark: MarkSpec<L, K, F, T> };

/** Checks a kind's declaration and keeps its literal types (the mark's kind, fields and switch keys), from which the rest are derived. */
export function smcKind<L extends SmcListName, const K extends string, const F extends MarkFields, const T extends string>(
  spec: DrawnKindSpec<L, K, F, T>,
): DrawnKindSpec<L, K, F, T>;
export function smcKind<L extends SmcListName>(spec: KindSpec<L>): KindSpec<L>;
export function smcKind(spec: KindSpec<SmcListName>): KindSpec<SmcListName> {
  return spec;
}

const mitigatedRow = (changes: readonly StateChange[], row: (index: number) => number) => {
  const c = changes.find((x) => x.type === 'mitigated');
  return c ? row(c.index) : null;
};
const timeOf = (changes: readonly StateChange[], type: StateChange['type']) => changes.find((c) => c.type === type)?.time ?? null;
/** A list split by scope, swing first: the JSON names the internal one `internal…`. */
function* ofScope<T extends { scope: Scope }, R>(objects: readonly T[], scope: Scope, map: (o: T) => R): Generator<R> {
  for (const o of objects) if (o.scope === scope) yield map(o);
}
function* each<T, R>(objects: readonly T[], map: (o: T) => R): Generator<R> {
  for (const o of objects) yield map(o);
}

/**
 * Every kind, in the order the badge counts them and the switches list them. The JSON's keys
 * follow this order too (a reader takes them by name).
 */
export const SMC_KINDS = [
  smcKind({
    list: 'swings',
    type: 'swing',
    named: 'swings',
    counted: 'swings',
    json: (swings, row) => {
      const swing = (w: SmcLists['swings']) => ({ index: row(w.anchorIndex), time: w.anchorTime, kind: w.kind, price: w.price, confirmIndex: row(w.confirmIndex) });
      return { swings: ofScope(swings, 'swing', swing), internalSwings: ofScope(swings, 'internal', swing) };
    },
  }),
  smcKind({
    list: 'breaks',
    type: 'break',
    named: 'BOS/CHoCH',
    counted: 'BOS/CHoCH',
    json: (breaks, row) => {
      const brk = (b: SmcLists['breaks']) => ({ kind: b.kind, dir: b.dir, level: b.level, pivotIndex: row(b.pivotIndex), index: row(b.confirmIndex) });
      return { breaks: ofScope(breaks, 'swing', brk), internalBreaks: ofScope(breaks, 'internal', brk) };
    },
    mark: {
      kind: 'break',
      fields: { scope: 'scope', label: ['BOS', 'CHoCH'], dir: 'dir', price: 'price' },
      toggles: [{ key: 'swingStructure', label: 'Swing structure (BOS / CHoCH)' }, { key: 'internalStructure', label: 'Internal structure' }],
      toggle: (m) => (m.scope === 'swing' ? 'swingStructure' : 'internalStructure'),
      from: (o, provisional) => ({ kind: 'break', scope: o.scope, label: o.kind, dir: o.dir, price: o.level, fromTime: o.anchorTime, confirmTime: o.confirmTime, provisional }),
    },
  }),
  smcKind({
    list: 'orderBlocks',
    type: 'orderBlock',
    named: 'order blocks',
    counted: 'OB',
    json: (blocks, row) => ({
      orderBlocks: ofScope(blocks, 'swing', (o) => ({ index: row(o.anchorIndex), dir: o.dir, top: o.top, bottom: o.bottom, confirmIndex: row(o.confirmIndex), mitigatedIndex: mitigatedRow(o.changes, row) })),
    }),
    mark: {
      kind: 'orderBlock',
      fields: { scope: 'scope', dir: 'dir', top: 'price', bottom: 'price', endTime: 'time|null', breaker: 'flag' },
      toggles: [{ key: 'orderBlocks', label: 'Order blocks' }],
      from: (o, provisional) => ({
        kind: 'orderBlock', scope: o.scope, dir: o.dir, top: o.top, bottom: o.bottom, fromTime: o.anchorTime, confirmTime: o.confirmTime,
        endTime: timeOf(o.changes, 'mitigated'), breaker: o.changes.some((c) => c.type === 'breaker') && !o.changes.some((c) => c.type === 'broken'), provisional,
      }),
    },
  }),
  smcKind({
    list: 'fvgs',
    type: 'fvg',
    named: 'FVGs',
    counted: 'FVG',
    json: (gaps, row) => ({
      fvgs: each(gaps, (g) => ({ index: row(g.anchorIndex), dir: g.dir, top: g.top, bottom: g.bottom, confirmIndex: row(g.confirmIndex), mitigatedIndex: mitigatedRow(g.changes, row) })),
    }),
    mark: {
      kind: 'fvg',
      fields: { dir: 'dir', top: 'price', bottom: 'price', endTime: 'time|null' },
      toggles: [{ key: 'fvgs', label: 'Fair value gaps' }],
      from: (o, provisional) => {
        // A joined gap grew: draw its widest bounds.
        const extended = o.changes.filter((c) => c.type === 'extended').at(-1);
        return {
          kind: 'fvg', dir: o.dir, top: extended?.top ?? o.top, bottom: extended?.bottom ?? o.bottom, fromTime: o.anchorTime, confirmTime: o.confirmTime,
          endTime: timeOf(o.changes, 'mitigated'), provisional,
        };
      },
    },
  }),
  smcKind({
    list: 'equalLevels',
    type: 'equal',
    named: 'equal levels',
    counted: 'EQ',
    json: (levels, row) => ({ equalLevels: each(levels, (e) => ({ kind: e.kind, price: e.price, indices: e.indices.map(row), confirmIndex: row(e.confirmIndex) })) }),
    mark: {
      kind: 'equal',
      fields: { label: ['EQH', 'EQL'], price: 'price' },
      toggles: [{ key: 'equalLevels', label: 'Equal highs / lows' }],
      from: (o, provisional) => ({ kind: 'equal', label: o.kind, price: o.price, fromTime: o.anchorTime, confirmTime: o.confirmTime, provisional }),
    },
  }),
  smcKind({
    list: 'sweeps',
    type: 'sweep',
    named: 'sweeps',
    counted: 'sweeps',
    json: (sweeps, row) => ({ sweeps: each(sweeps, (w) => ({ index: row(w.anchorIndex), dir: w.dir, level: w.level, source: w.source, displacement: w.displacement })) }),
    mark: {
      kind: 'sweep',
      fields: { dir: 'dir', price: 'price', displacement: 'amount' },
      toggles: [{ key: 'sweeps', label: 'Liquidity sweeps' }],
      from: (o, provisional) => ({ kind: 'sweep', dir: o.dir, price: o.level, fromTime: o.anchorTime, confirmTime: o.confirmTime, displacement: o.displacement, provisional }),
    },
  }),
] as const;

type Kinds = (typeof SMC_KINDS)[number];
type DrawnKinds = Extract<Kinds, { mark: unknown }>;
/** Every kind the overlay draws, as the mark the tab receives. */
export type SmcMark = DrawnKinds extends infer D ? (D extends { mark: { from(...args: never[]): infer M } } ? M : never) : never;
export type SmcMarkKind = SmcMark['kind'];
/** The layer switches of the SMC marks. */
export type SmcToggleKey = DrawnKinds['mark']['toggles'][number]['key'];

/** The drawn kinds, by the mark's kind. */
export const DRAWN_KINDS: readonly DrawnKinds[] = SMC_KINDS.filter((k): k is DrawnKinds => 'mark' in k);

/** Every SMC switch, in the order declared. */
export const SMC_TOGGLES: readonly Toggle<SmcToggleKey>[] = DRAWN_KINDS.flatMap((k): readonly Toggle<SmcToggleKey>[] => k.mark.toggles);

const KIND_OF_TYPE = new Map<SmcObject['type'], Kinds>(SMC_KINDS.map((k) => [k.type, k]));
const MARK_SPEC = new Map<SmcMarkKind, DrawnKinds['mark']>(DRAWN_KINDS.map((k) => [k.mark.kind, k.mark]));

/** The mark of an object, or null for a kind the overlay does not draw (swings). */
export function markOf(object: SmcObject): SmcMark | null {
  const kind = KIND_OF_TYPE.get(object.type);
  // Each kind's `from` takes its own objects: the map found the kind by the object's own type.
  return kind && 'mark' in kind ? (kind.mark.from as (o: SmcObject, provisional: boolean) => SmcMark)(object, !!object.provisional) : null;
}

/** The switch a mark obeys. */
export function toggleOf(mark: SmcMark): SmcToggleKey {
  const spec = MARK_SPEC.get(mark.kind)!;
  return spec.toggle ? (spec.toggle as (m: SmcMark) => SmcToggleKey)(mark) : spec.toggles[0].key;
}

// Every list the detectors emit has its kind here (the compiler says which one is missing).
type Undeclared = Exclude<SmcListName, Kinds['list']>;
const _everyListDeclared: [Undeclared] extends [never] ? true : Undeclared = true;
void _everyListDeclared;
