/**
 * The message schemas (src/messaging): the types they infer are the ones the code means, every
 * well-formed message passes through unchanged, and junk is refused with a reason, never a throw.
 */
import fc from 'fast-check';
import type * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { TIMEFRAMES } from '../../src/core/timeframes';
import type { SmcCounts } from '../../src/core/smc';
import { SMC_KINDS } from '../../src/core/smc/kinds';
import { EXCHANGE_IDS, type ExchangeId } from '../../src/exchanges';
import type { Market } from '../../src/exchanges/shared/exchange';
import { check } from '../../src/messaging/schema';
import { checkTabRequest, checkTabUpdate, parseFeedStatus, type AnalysisSummary, type FeedStatus, type TabRequest, type TradePage } from '../../src/messaging/validate';
import { checkBridgeMessage, type BridgeMessage } from '../../src/messaging/validateBridge';
import { AnalysisLayersSchema, HeatmapBandsSchema, LAYER_LIMITS, NO_LAYERS, OverlayMagnetSchema, OverlayPrintSchema, OverlaySetupSchema, type AnalysisLayers, type OverlayMark } from '../../src/messaging/validateLayers';

const status: FeedStatus = {
  state: 'live', exchange: EXCHANGE_IDS[0]!, symbol: 'BTCUSDT', timeframe: '5m',
  candleCount: 500, lastCandleTime: 1_700_000_000_000, lastClose: 37_000, updatedAt: 10_000,
};

describe('inferred types', () => {
  it('are the vocabulary the rest of the code declares', () => {
    expectTypeOf<AnalysisSummary['counts']>().toEqualTypeOf<Omit<SmcCounts, 'bars'>>();
    expectTypeOf<TradePage['market']>().toEqualTypeOf<Market>();
    expectTypeOf<FeedStatus['exchange']>().toEqualTypeOf<ExchangeId>();
    expectTypeOf<FeedStatus['timeframe']>().toEqualTypeOf<(typeof TIMEFRAMES)[number]>();
  });
});

describe('a refused message', () => {
  it('says where and why', () => {
    const refused = checkTabUpdate({ type: 'status', status: { ...status, lastClose: Number.NaN } });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/^status\.lastClose: /) });
    expect(checkTabRequest({ type: 'watch', timeframe: '5m' })).toMatchObject({ ok: false, reason: expect.stringMatching(/^page: /) });
    expect(checkBridgeMessage({ type: 'no-chart', reason: 'bored' })).toMatchObject({ ok: false, reason: expect.stringMatching(/^reason: /) });
  });

  it('is refused without a throw, even where reading it throws', () => {
    const hostile = { type: 'status', get status(): never { throw new Error('boom'); } };
    expect(checkTabUpdate(hostile)).toEqual({ ok: false, reason: 'unreadable message' });
  });

  it('has its lists measured before any item is read', () => {
    let read = 0;
    const huge = new Proxy(new Array(LAYER_LIMITS.marks + 1).fill(0), {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) read++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const layers = { ...NO_LAYERS, marks: huge };
    expect(check(AnalysisLayersSchema, layers)).toMatchObject({ ok: false, reason: expect.stringMatching(/^marks: .*at most 1000/) });
    expect(read).toBe(0);
  });

  it('is refused for a fractional candle count (checked now; a count was only a number before)', () => {
    expect(parseFeedStatus({ type: 'status', status: { ...status, candleCount: 2.5 } })).toBeNull();
    expect(parseFeedStatus({ type: 'status', status: { ...status, candleCount: -1 } })).toBeNull();
  });

  it('is refused for more exchanges than the registry lists', () => {
    const cluster = { side: 'long', price: 100.5, low: 100, high: 101, notional: null, share: 0.3, since: 0, exchanges: [...EXCHANGE_IDS, EXCHANGE_IDS[0]], forecast: null };
    expect(check(AnalysisLayersSchema, { ...NO_LAYERS, clusters: [cluster] }).ok).toBe(false);
    expect(check(AnalysisLayersSchema, { ...NO_LAYERS, clusters: [{ ...cluster, exchanges: [...EXCHANGE_IDS] }] }).ok).toBe(true);
  });
});

describe('a level\'s dollars', () => {
  const cluster = { side: 'long', price: 100.5, low: 100, high: 101, notional: null, share: 0.3, since: 0, exchanges: [EXCHANGE_IDS[0]] };
  const withForecast = (forecast: unknown) => check(AnalysisLayersSchema, { ...NO_LAYERS, clusters: [{ ...cluster, forecast }] });
  const f = { expected: 2.1e6, low80: 4e5, high80: 7.9e6, lr: 2.3 };

  it('are bounded: an interval runs from low to high, dollars and the likelihood ratio within their ceilings', () => {
    expect(withForecast(f).ok).toBe(true);
    expect(withForecast(null).ok).toBe(true);
    expect(withForecast({ ...f, low80: 8e6 })).toMatchObject({ ok: false, reason: expect.stringMatching(/^clusters\.0\.forecast: an interval runs from low to high/) });
    expect(withForecast({ ...f, expected: 1e14 }).ok).toBe(false);
    expect(withForecast({ ...f, high80: Number.POSITIVE_INFINITY }).ok).toBe(false);
    expect(withForecast({ ...f, lr: 2e6 }).ok).toBe(false);
    expect(withForecast({ ...f, lr: -1 }).ok).toBe(false);
  });
});

// ── arbitraries of well-formed messages ─────────────────────────────────────────────────────

const exchange = fc.constantFrom(...EXCHANGE_IDS);
const timeframe = fc.constantFrom(...TIMEFRAMES);
const time = fc.integer({ min: 0, max: 4_000_000_000_000 });
const price = fc.double({ min: 1e-6, max: 1e7, noNaN: true });
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const count = fc.nat();
const side = fc.constantFrom('long' as const, 'short' as const);
const dir = fc.constantFrom(1 as const, -1 as const);
const trend = fc.constantFrom(1 as const, -1 as const, 0 as const);
const words = fc.string({ maxLength: 120 });
const exchanges = fc.uniqueArray(exchange, { minLength: 1, maxLength: EXCHANGE_IDS.length });
const span = fc.tuple(price, price).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

const tradePage = fc.record({
  exchange,
  market: fc.constantFrom('futures' as const, 'spot' as const),
  symbol: fc.stringMatching(/^[A-Z0-9]{2,24}$/),
  base: fc.stringMatching(/^[A-Z0-9]{1,16}$/),
  quote: fc.stringMatching(/^[A-Z0-9]{1,16}$/),
});
const tabRequest: fc.Arbitrary<TabRequest> = fc.oneof(
  fc.record({ type: fc.constant('watch' as const), page: tradePage, timeframe }),
  fc.constant({ type: 'unwatch' as const }),
);

const bands = fc.record({ columns: fc.nat({ max: 4 }), rows: fc.integer({ min: 1, max: 4 }) }).chain(({ columns, rows }) => {
  const cells = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: columns * rows, maxLength: columns * rows });
  return fc.record({
    estimator: fc.constantFrom('oi' as const, 'volume' as const),
    source: fc.oneof(exchange, fc.constant('aggregate' as const)),
    times: fc.array(time, { minLength: columns, maxLength: columns }),
    candleMs: fc.integer({ min: 1, max: 604_800_000 }),
    edges: fc.uniqueArray(price, { minLength: rows + 1, maxLength: rows + 1 }).map((e) => e.sort((a, b) => a - b)),
    long: cells,
    short: cells,
    maxLong: fc.nat(),
    maxShort: unit,
  });
});
const anchored = { fromTime: time, confirmTime: time, provisional: fc.boolean() };
const scope = fc.constantFrom('swing' as const, 'internal' as const);
const mark: fc.Arbitrary<OverlayMark> = fc.oneof(
  fc.record({ kind: fc.constant('break' as const), scope, label: fc.constantFrom('BOS' as const, 'CHoCH' as const), dir, price, ...anchored }),
  fc.record({ kind: fc.constant('orderBlock' as const), scope, dir, box: span, endTime: fc.option(time), breaker: fc.boolean(), ...anchored })
    .map(({ box, ...m }) => ({ ...m, bottom: box[0], top: box[1] })),
  fc.record({ kind: fc.constant('fvg' as const), dir, box: span, endTime: fc.option(time), ...anchored }).map(({ box, ...m }) => ({ ...m, bottom: box[0], top: box[1] })),
  fc.record({ kind: fc.constant('equal' as const), label: fc.constantFrom('EQH' as const, 'EQL' as const), price, ...anchored }),
  fc.record({ kind: fc.constant('sweep' as const), dir, price, displacement: fc.double({ min: 0, max: 100, noNaN: true }), ...anchored }),
);
const setupSummary = fc.record({
  id: fc.string({ maxLength: 120 }),
  kind: fc.constantFrom('sweep-choch' as const, 'magnet' as const),
  dir,
  entry: price,
  stop: price,
  target: price,
  confirmTime: time,
  grade: fc.constantFrom('A' as const, 'B' as const, 'C' as const),
  confluence: fc.array(words, { maxLength: 8 }),
});
const dollars = fc.double({ min: 0, max: 1e13, noNaN: true });
/** A level's dollars: expected, its 80 % interval (low ≤ high) and the likelihood ratio. */
const levelForecast = fc.record({ expected: dollars, a: dollars, b: dollars, lr: fc.double({ min: 0, max: 1e6, noNaN: true }) })
  .map(({ a, b, ...f }) => ({ ...f, low80: Math.min(a, b), high80: Math.max(a, b) }));
const forecastBasis = fc.oneof(
  fc.record({ kind: fc.constant('market' as const), levels: count, alpha: unit }),
  fc.record({ kind: fc.constant('prior' as const), levels: count, source: fc.string({ maxLength: 200 }), alpha: unit }),
);
/** A valibot schema, as far as a generator reads it. */
interface SchemaNode {
  kind: string;
  type: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  item?: SchemaNode;
  options?: readonly unknown[];
  literal?: unknown;
  requirement?: unknown;
  pipe?: readonly SchemaNode[];
}

/**
 * Values a schema made of valibot's plain parts accepts (objects, nullables, lists, picklists,
 * literals, unions, numbers and strings with their bounds), for a layer no generator above was
 * written for. A part it cannot read (a custom check) throws, naming where: that layer needs a
 * generator of its own in LAYER_GENERATORS.
 */
function arbitraryOf(schema: v.GenericSchema | SchemaNode, where: string): fc.Arbitrary<unknown> {
  let node = schema as SchemaNode;
  const actions: SchemaNode[] = [];
  while (node.pipe) {
    const [base, ...rest] = node.pipe;
    // list(): a length guard (custom), then the array schema that reads the items.
    if (base!.type === 'custom' && rest.length === 1 && rest[0]!.kind === 'schema') node = rest[0]!;
    else {
      actions.unshift(...rest);
      node = base!;
    }
  }
  const bound = (type: string) => actions.find((a) => a.type === type)?.requirement as number | undefined;
  for (const a of actions) {
    if (!['min_value', 'max_value', 'gt_value', 'lt_value', 'integer', 'finite', 'min_length', 'max_length'].includes(a.type)) throw new Error(`${where}: no generator reads its ${a.type}; write one in LAYER_GENERATORS`);
  }
  const min = bound('min_value') ?? bound('gt_value') ?? -1e9;
  const max = bound('max_value') ?? bound('lt_value') ?? 1e9;
  switch (node.type) {
    case 'object':
      return fc.record(Object.fromEntries(Object.entries(node.entries!).map(([key, entry]) => [key, arbitraryOf(entry, `${where}.${key}`)])));
    case 'nullable':
      return fc.option(arbitraryOf(node.wrapped!, where), { nil: null });
    case 'array':
      return fc.array(arbitraryOf(node.item!, `${where}[]`), { minLength: bound('min_length') ?? 0, maxLength: Math.min(bound('max_length') ?? 5, 5) });
    case 'picklist':
      return fc.constantFrom(...node.options!);
    case 'literal':
      return fc.constant(node.literal);
    case 'union':
    case 'variant':
      return fc.oneof(...(node.options as SchemaNode[]).map((o) => arbitraryOf(o, where)));
    case 'number':
      return actions.some((a) => a.type === 'integer')
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, minExcluded: bound('gt_value') !== undefined, maxExcluded: bound('lt_value') !== undefined, noNaN: true });
    case 'string':
      return fc.string({ maxLength: bound('max_length') ?? 50 });
    case 'boolean':
      return fc.boolean();
    default:
      throw new Error(`${where}: no generator reads a ${node.type} schema; write one in LAYER_GENERATORS`);
  }
}
/** The layers with generators of their own (their schemas have checks no generator can read). */
const LAYER_GENERATORS: { [K in keyof AnalysisLayers]?: fc.Arbitrary<AnalysisLayers[K]> } = {
  heatmap: fc.option(bands),
  clusters: fc.array(
    fc.record({ side, span, notional: fc.option(fc.nat()), share: unit, since: time, exchanges, forecast: fc.option(levelForecast) }).map(({ span: [low, high], ...c }) => ({ ...c, low, high, price: (low + high) / 2 }))
      .filter((c) => c.low <= c.price && c.price <= c.high),
    { maxLength: 3 },
  ),
  magnet: fc.option(fc.record({ side, price, openedTime: time, expiresTime: time })),
  marks: fc.array(mark, { maxLength: 5 }),
  setups: fc.array(fc.record({ summary: setupSummary, status: fc.constantFrom('waiting' as const, 'expired' as const, 'open' as const, 'closed' as const), r: fc.option(finite) }).map(({ summary, ...s }) => ({ ...summary, ...s })), { maxLength: 3 }),
};
/** Every layer: those above by their own generators, any other (a layer added since) from its schema. */
const layers = fc.record({
  ...Object.fromEntries(Object.entries(AnalysisLayersSchema.entries).filter(([key]) => !(key in LAYER_GENERATORS)).map(([key, schema]) => [key, arbitraryOf(schema, key)])),
  ...LAYER_GENERATORS,
}) as fc.Arbitrary<AnalysisLayers>;
const event = fc.oneof(
  fc.record({ kind: fc.constant('clusterSwept' as const), side, price, notional: fc.option(fc.nat()), share: unit, exchanges, forecast: fc.option(levelForecast), realized: fc.option(dollars), time }),
  fc.record({ kind: fc.constant('magnetReached' as const), side, price, openedTime: time, time }),
  fc.record({ kind: fc.constant('setupFormed' as const), setup: setupSummary }),
  fc.record({ kind: fc.constant('setupClosed' as const), id: fc.string({ maxLength: 120 }), setupKind: fc.constantFrom('sweep-choch' as const, 'magnet' as const), r: finite, exitReason: fc.constantFrom('target' as const, 'stop' as const, 'time' as const), time }),
);
const clusterSummary = fc.record(
  { price: fc.double({ min: 0, max: 1e7, noNaN: true }), confirmedBy: fc.uniqueArray(exchange, { maxLength: EXCHANGE_IDS.length - 1 }), distancePct: finite, share: unit, ageMs: time, forecast: levelForecast },
  { requiredKeys: ['price', 'distancePct', 'share', 'ageMs'] },
);
const edge = fc.double({ min: -1, max: 1, noNaN: true });
const skill = fc.record({
  model: unit, baseline: unit, baselineKind: fc.constantFrom('model-distance' as const, 'market-distance' as const), edge,
  edgeCi95: fc.option(fc.tuple(edge, edge).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number])),
  prints: count, snapshots: count, days: count, priceBasis: fc.constantFrom('fill' as const, 'order-to-trigger' as const, 'mixed' as const),
  raw: unit, alpha: unit,
  calibration: fc.option(fc.record({
    coverage80: unit, coverage80Ci95: fc.option(fc.tuple(unit, unit).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number])),
    levels: count, priorLevels: count, levelsWithPrints: count, coverageWithPrints: fc.option(unit), noPrintCoverage80: fc.option(unit),
    logBias: fc.option(fc.double({ min: -50, max: 50, noNaN: true })), forecastOverRealized: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })), days: count,
  })),
});
const analysis: fc.Arbitrary<AnalysisSummary> = fc.record({
  bars: count,
  lastTime: finite,
  counts: fc.record(Object.fromEntries(SMC_KINDS.map((k) => [k.list, count])) as Record<keyof Omit<SmcCounts, 'bars'>, typeof count>),
  trend: fc.record({ swing: trend, internal: trend }),
  htf: fc.option(fc.record({ timeframe, trend, bars: count })),
  computeMicros: count,
  heatmap: fc.record(
    {
      estimator: fc.constantFrom('oi' as const, 'volume' as const),
      clusters: count,
      long: fc.option(clusterSummary),
      short: fc.option(clusterSummary),
      score: fc.record({ prints: count, hitRate: fc.option(unit), chance: fc.option(unit), late: count }),
      skill: fc.option(skill),
      skillLastDay: fc.option(skill),
      forecast: fc.option(forecastBasis),
      aggregate: fc.option(fc.record({
        weighting: fc.constantFrom('open interest' as const, 'traded notional' as const),
        weights: fc.dictionary(exchange, unit),
        long: fc.option(clusterSummary),
        short: fc.option(clusterSummary),
      })),
      aggregateSkipped: fc.string({ maxLength: 200 }),
      magnets: fc.record({ opened: count, reached: count, active: fc.option(fc.record({ side, price, distancePct: finite, expiresTime: time })) }),
    },
    { requiredKeys: ['estimator', 'clusters', 'long', 'short', 'score', 'skill', 'skillLastDay', 'forecast', 'aggregate', 'magnets'] },
  ),
  layers,
  events: fc.array(event, { maxLength: 4 }),
});
const print = fc.record({ time, price, side, notional: fc.double({ min: 0, max: 1e9, noNaN: true }) });
const feedStatus: fc.Arbitrary<FeedStatus> = fc.record(
  {
    state: fc.constantFrom('loading' as const, 'replay' as const, 'live' as const, 'no data' as const),
    exchange,
    symbol: fc.string({ maxLength: 30 }),
    timeframe,
    candleCount: count,
    lastCandleTime: fc.option(time),
    lastClose: fc.option(finite),
    updatedAt: fc.option(time),
    error: fc.string({ maxLength: 100 }),
    analysis,
    prints: fc.record({
      stream: fc.constantFrom('idle' as const, 'connecting' as const, 'live' as const, 'waiting to reconnect' as const),
      lastHour: count,
      lastHourNotional: fc.double({ min: 0, max: 1e12, noNaN: true }),
      lastPrint: fc.option(print),
      gapsLastHour: count,
      throttled: fc.boolean(),
      error: fc.string({ maxLength: 100 }),
      recent: fc.array(print, { maxLength: 5 }),
    }, { requiredKeys: ['stream', 'lastHour', 'lastHourNotional', 'lastPrint', 'gapsLastHour', 'throttled', 'recent'] }),
  },
  { requiredKeys: ['state', 'exchange', 'symbol', 'timeframe', 'candleCount', 'lastCandleTime', 'lastClose', 'updatedAt'] },
);
const name = fc.stringMatching(/^[A-Za-z0-9_.#]{1,60}$/);
const px = fc.double({ min: -100_000, max: 100_000, noNaN: true });
const positivePx = fc.double({ min: 0.01, max: 100_000, noNaN: true });
const bridgeMessage: fc.Arbitrary<BridgeMessage> = fc.oneof(
  fc.record({
    type: fc.constant('geometry' as const),
    frame: fc.option(fc.integer({ min: 0, max: 63 })),
    geometry: fc.record({
      symbol: fc.stringMatching(/^[A-Za-z0-9._:@=!/-]{1,64}$/),
      resolution: fc.stringMatching(/^\d{0,4}[SDWM]?$/),
      mount: count,
      pane: fc.record({ left: px, top: px, width: positivePx, height: positivePx }),
      // Bar times the bridge believes: 2009 to 2100.
      time: fc.record({ anchorTime: fc.integer({ min: Date.UTC(2009, 0, 1), max: Date.UTC(2100, 0, 1) }), anchorX: px, barSpacing: positivePx, barMs: fc.integer({ min: 1, max: 604_800_000 }) }),
      price: fc.record({ top: price, bottom: price, log: fc.boolean() }).filter((p) => p.top !== p.bottom),
    }),
  }),
  fc.record({ type: fc.constant('no-chart' as const), reason: fc.constantFrom('no-api' as const, 'incomplete-api' as const, 'unsupported-resolution' as const, 'hidden' as const, 'unreadable' as const) }),
  fc.record({
    type: fc.constant('findings' as const),
    findings: fc.record({
      frames: fc.array(fc.record({ index: fc.integer({ min: 0, max: 63 }), id: fc.oneof(fc.constant(''), fc.stringMatching(/^tradingview_[0-9a-f]{1,12}$/)), origin: fc.constantFrom('https://www.binance.com', 'about:', 'blob:') }), { maxLength: 32 }),
      foreignFrames: count,
      foreign: fc.array(fc.record({ index: fc.integer({ min: 0, max: 63 }), origin: fc.constantFrom('https://s3.tradingview.com', 'https://a.b:8443') }), { maxLength: 32 }),
      globals: fc.array(name, { maxLength: 32 }),
      layout: fc.option(fc.record({ charts: fc.integer({ min: 1, max: 16 }), active: fc.integer({ min: 0, max: 15 }) })),
      handles: fc.array(name, { maxLength: 32 }),
      widgetConstructor: fc.record({ defined: fc.boolean(), widgets: count }),
      missing: fc.array(name, { maxLength: 32 }),
      threw: fc.array(name, { maxLength: 32 }),
      version: fc.option(fc.stringMatching(/^\d{1,3}\.\d{1,4}( \(internal id [0-9a-f]{1,40}\))?$/)),
      chosen: fc.option(name),
      geometryRead: fc.boolean(),
    }),
  }),
);

/** Every message kind with its check. */
const kinds = [
  ['a tab request', tabRequest, checkTabRequest],
  ['a status update', feedStatus.map((s) => ({ type: 'status' as const, status: s })), checkTabUpdate],
  ['a bridge message', bridgeMessage, checkBridgeMessage],
] as const;

/** Each leaf of a message (number, string, boolean) and its kind (what `typeof` says). */
function leaves(value: unknown, at: (string | number)[] = []): { path: (string | number)[]; kind: string }[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...at, i]));
  if (typeof value === 'object') return Object.entries(value).flatMap(([k, item]) => leaves(item, [...at, k]));
  return [{ path: at, kind: typeof value }];
}

function withLeaf(message: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(message) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = replacement;
  return copy;
}

describe('a layer\'s generator read from its schema', () => {
  it('makes only values the schema passes unchanged, for the plain parts layers are written in', () => {
    for (const [name, schema] of [['magnet', OverlayMagnetSchema], ['setup', OverlaySetupSchema], ['print', OverlayPrintSchema]] as const) {
      fc.assert(fc.property(arbitraryOf(schema, name), (value) => {
        expect(check(schema, structuredClone(value)), name).toEqual({ ok: true, value });
      }), { numRuns: 200 });
    }
  });

  it('says which part it cannot read, rather than make values the schema refuses', () => {
    expect(() => arbitraryOf(HeatmapBandsSchema, 'heatmap')).toThrow(/^heatmap: no generator reads its check/);
    expect(() => arbitraryOf(AnalysisLayersSchema.entries.marks, 'marks')).toThrow(/^marks\[\]: no generator reads its check/);
  });
});

describe.each(kinds)('%s', (_, arbitrary, checkIt) => {
  const check = checkIt as (value: unknown) => ReturnType<typeof checkTabRequest>;

  it('passes through unchanged when well formed, and extra fields are dropped', () => {
    fc.assert(fc.property(arbitrary, (message) => {
      expect(check(structuredClone(message))).toEqual({ ok: true, value: message });
      expect(check({ ...message, extra: '<img src=x onerror=alert(1)>' })).toEqual({ ok: true, value: message });
    }), { numRuns: 200 });
  });

  it('is refused, with a reason, when any one field holds a value of another type', () => {
    const junk: unknown[] = [{}, [], Number.NaN, '1', 1, true];
    fc.assert(fc.property(arbitrary, fc.nat(), (message, seed) => {
      // Every leaf in turn, each with junk of another type (NaN counts as another number).
      leaves(message).forEach((leaf, i) => {
        const others = junk.filter((j) => typeof j !== leaf.kind || Number.isNaN(j));
        const result = check(withLeaf(message, leaf.path, others[(seed + i) % others.length]));
        expect(result.ok, leaf.path.join('.')).toBe(false);
        if (!result.ok) expect(result.reason).toMatch(/\S/);
      });
    }), { numRuns: 100 });
  });

  it('refuses random junk without throwing, and never lets anything through unchecked', () => {
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }), (junk) => {
      const result = check(junk);
      // Junk that happens to be well formed must come out exactly as a well-formed message would.
      if (result.ok) expect(check(result.value)).toEqual(result);
      else expect(result.reason).toMatch(/\S/);
    }), { numRuns: 500 });
  });
});
