/**
 * The overlay's layers (bands, clusters, magnet, marks, prints, setups) and the Worker's events,
 * as they reach the tab: each written once as a schema, its type inferred from it (overlay/layers.ts,
 * analysis/api.ts and analysis/overlayLayers.ts re-export these types). Everything is numbers and
 * a few fixed words; each list has a ceiling, so a corrupted or hostile message cannot make the
 * tab allocate or paint without bound. A layer half-believed would be painted wrong: one
 * malformed item refuses the whole message.
 */
import * as v from 'valibot';
import { DRAWN_KINDS, type SmcMark, type Toggle } from '../core/smc/kinds';
import { ANCHORED_FIELDS, type MarkField, type MarkFields } from '../core/smc/marks';
import { amount, dir, exchangeId, exchangeList, finite, list, parse, positive, printNotional, side, text, unit, within } from './schema';

export const LAYER_LIMITS = { columns: 1_000, rows: 400, clusters: 50, marks: 1_000, prints: 2_000, events: 100, setups: 50 } as const;

/** Epoch ms (finite, ≥ 0). */
const time = amount;
const CELLS = LAYER_LIMITS.columns * LAYER_LIMITS.rows;
/**
 * Heatmap cells, each its side's density scaled 0..255: at most `max`, checked in one plain loop
 * (each analysis brings some 20,000 of them; a schema run per cell cost the tab milliseconds a message).
 */
const levels = (max: number) => v.custom<number[]>((x) => {
  if (!Array.isArray(x) || x.length > max) return false;
  for (let i = 0; i < x.length; i++) {
    const n: unknown = x[i];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 255) return false;
  }
  return true;
}, `Invalid cells: expected at most ${max} whole numbers 0..255`);

/** Heatmap density by candle (columns) and price band (rows), each side scaled 0..255 of its own maximum. */
export const HeatmapBandsSchema = v.pipe(
  v.object({
    estimator: v.picklist(['oi', 'volume']),
    /** Which exchange(s) the model comes from. */
    source: v.union([exchangeId, v.literal('aggregate')]),
    /** Open time of each column's candle. */
    times: list(time, LAYER_LIMITS.columns),
    candleMs: positive,
    /** Row edges, ascending: row r spans edges[r]..edges[r+1]. */
    edges: v.pipe(
      list(positive, LAYER_LIMITS.rows + 1),
      v.minLength(2),
      v.check((edges) => edges.every((e, i) => i === 0 || e > edges[i - 1]!), 'edges must ascend'),
    ),
    /** Row-major by column: cell (c, r) is at c * rows + r. */
    long: levels(CELLS),
    short: levels(CELLS),
    /** What 255 stands for on each side: notional in USDT for the open-interest model, a share of the side for the volume model. */
    maxLong: amount,
    maxShort: amount,
  }),
  v.check((b) => {
    const cells = b.times.length * (b.edges.length - 1);
    return b.long.length === cells && b.short.length === cells;
  }, 'cells must fill the grid of times by rows'),
);
export type HeatmapBands = v.InferOutput<typeof HeatmapBandsSchema>;

/** Dollars the map forecasts at a level: bounded far above any market's liquidations in 15 minutes. */
const dollars = within(0, 1e13);

/**
 * The map in dollars at one level (core/heatmap/forecast): the liquidation notional expected in
 * the 15 minutes after price first reaches it, its 80 % interval, and the model's likelihood ratio
 * there (1 = an ordinary level at that distance; the map's basis travels once, in the summary).
 */
export const LevelForecastSchema = v.pipe(
  v.object({ expected: dollars, low80: dollars, high80: dollars, lr: within(0, 1e6) }),
  v.check((f) => f.low80 <= f.high80, 'an interval runs from low to high'),
);
export type LevelForecastSummary = v.InferOutput<typeof LevelForecastSchema>;

export const OverlayClusterSchema = v.pipe(
  v.object({
    side,
    price: positive,
    low: positive,
    high: positive,
    /** USDT where the model is in notional (open interest), else null. */
    notional: v.nullable(amount),
    share: unit,
    /** When the cluster's newest position was opened, epoch ms. */
    since: time,
    /** The exchanges whose models show it: the first the chart's; more than one means confirmed. */
    exchanges: exchangeList(1),
    /** The map's dollars at its price; null where the map has none (candles longer than 1 h, or nothing learned at that distance). */
    forecast: v.nullable(LevelForecastSchema),
  }),
  v.check((c) => c.low <= c.price && c.price <= c.high, 'a cluster lies within its own span'),
);
export type OverlayCluster = v.InferOutput<typeof OverlayClusterSchema>;

export const OverlayMagnetSchema = v.object({ side, price: positive, openedTime: time, expiresTime: time });
export type OverlayMagnet = v.InferOutput<typeof OverlayMagnetSchema>;

const markScope = v.picklist(['swing', 'internal']);
export type MarkScope = v.InferOutput<typeof markScope>;

/** A mark field's schema, by the vocabulary core/smc/marks.ts declares the marks in. */
function markField(field: MarkField): v.GenericSchema {
  if (typeof field !== 'string') return v.picklist(field);
  switch (field) {
    case 'price': return positive;
    case 'amount': return amount;
    case 'time': return time;
    case 'time|null': return v.nullable(time);
    case 'dir': return dir;
    case 'scope': return markScope;
    case 'flag': return v.boolean();
  }
}
const markEntries = (fields: MarkFields) => Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, markField(field)]));

/**
 * SMC marks, each at the candle times the engine anchored and confirmed it: one variant per kind
 * the overlay draws, from the fields its kind declares (core/smc/kinds.ts), so the schema and
 * the type (SmcMark) come from one declaration.
 */
export const OverlayMarkSchema: v.GenericSchema<unknown, SmcMark> = v.pipe(
  v.variant(
    'kind',
    DRAWN_KINDS.map((k) => v.object({ kind: v.literal(k.mark.kind), ...markEntries(k.mark.fields), ...markEntries(ANCHORED_FIELDS) })) as unknown as [v.ObjectSchema<{ kind: v.LiteralSchema<string, undefined> }, undefined>],
  ) as v.GenericSchema<unknown, Record<string, unknown>>,
  v.check((m) => !('top' in m) || (m.bottom as number) <= (m.top as number), 'a box has its bottom below its top'),
) as unknown as v.GenericSchema<unknown, SmcMark>;
export type OverlayMark = SmcMark;

export const OverlayPrintSchema = v.object({ time, price: positive, side, notional: printNotional });
export type OverlayPrint = v.InferOutput<typeof OverlayPrintSchema>;
export const PrintsSchema = list(OverlayPrintSchema, LAYER_LIMITS.prints);

const setupKind = v.picklist(['sweep-choch', 'magnet']);
const setupId = text(120);

/** A setup as the tab and the notifications see it: its levels and words. */
export const SetupSummarySchema = v.object({
  id: setupId,
  kind: setupKind,
  dir,
  entry: positive,
  stop: positive,
  target: positive,
  confirmTime: time,
  grade: v.picklist(['A', 'B', 'C']),
  /** The confluences found, in words (a few). */
  confluence: list(text(120), 8),
});
export type SetupSummary = v.InferOutput<typeof SetupSummarySchema>;

/** A trade setup found live, with its levels and how it has played out (the journal). */
export const OverlaySetupSchema = v.object({
  ...SetupSummarySchema.entries,
  status: v.picklist(['waiting', 'expired', 'open', 'closed']),
  /** The result in R once closed. */
  r: v.nullable(finite),
});
export type OverlaySetup = v.InferOutput<typeof OverlaySetupSchema>;

/** What the overlay paints of an analysis: bands, clusters, magnet zone, recent SMC marks, setups. A layer without data is null or empty. */
export const AnalysisLayersSchema = v.object({
  heatmap: v.nullable(HeatmapBandsSchema),
  clusters: list(OverlayClusterSchema, LAYER_LIMITS.clusters),
  magnet: v.nullable(OverlayMagnetSchema),
  marks: list(OverlayMarkSchema, LAYER_LIMITS.marks),
  setups: list(OverlaySetupSchema, LAYER_LIMITS.setups),
});
export type AnalysisLayers = v.InferOutput<typeof AnalysisLayersSchema>;
/** Every layer without data: what the tab paints before the first analysis. */
export const NO_LAYERS: Readonly<AnalysisLayers> = Object.freeze({ heatmap: null, clusters: [], magnet: null, marks: [], setups: [] });

/**
 * The switches of the layers whose data is above (the SMC marks bring theirs, core/smc/kinds.ts),
 * declared beside that data so a new layer's schema, empty value and switch are in one place.
 * The popup and the options page list them around the marks' switches, in this order.
 */
export const LAYER_DATA_TOGGLES = {
  belowMarks: [
    { key: 'heatmap', label: 'Heatmap bands and clusters' },
    { key: 'prints', label: 'Realized liquidations' },
  ],
  aboveMarks: [
    { key: 'magnets', label: 'Magnet zones' },
    { key: 'setups', label: 'Setups (entry, stop, target)' },
  ],
} as const satisfies Record<string, readonly Toggle[]>;

/** News for notifications, each dated by the open time of the candle it happened on. */
export const AnalysisEventSchema = v.variant('kind', [
  v.object({
    kind: v.literal('clusterSwept'),
    side,
    price: positive,
    /** USDT where the model is in notional (open interest), else null. */
    notional: v.nullable(amount),
    share: unit,
    /** The exchanges whose models showed it: more than one means confirmed. */
    exchanges: exchangeList(1),
    /** The map's dollars at its price as forecast before the sweep (null: none). */
    forecast: v.nullable(LevelForecastSchema),
    /** That side's printed notional within a bucket of its price (trigger prices) in the sweeping candle; null where no prints are scored. */
    realized: v.nullable(dollars),
    time,
  }),
  v.object({ kind: v.literal('magnetReached'), side, price: positive, openedTime: time, time }),
  v.object({ kind: v.literal('setupFormed'), setup: SetupSummarySchema }),
  v.object({ kind: v.literal('setupClosed'), id: setupId, setupKind, r: finite, exitReason: v.picklist(['target', 'stop', 'time']), time }),
]);
export type AnalysisEvent = v.InferOutput<typeof AnalysisEventSchema>;
/** The Worker's events (they travel with the analysis): a malformed one refuses the whole list. */
export const AnalysisEventsSchema = list(AnalysisEventSchema, LAYER_LIMITS.events);

/** The layers if every one is well formed, else null. */
export function parseLayers(value: unknown): AnalysisLayers | null {
  return parse(AnalysisLayersSchema, value);
}

/** The prints drawn as bubbles, if every one is well formed and they are within the ceiling, else null. */
export function parsePrints(value: unknown): OverlayPrint[] | null {
  return parse(PrintsSchema, value);
}
