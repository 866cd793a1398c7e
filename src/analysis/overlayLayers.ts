/**
 * The overlay's share of an analysis: the recent heatmap as bands, the clusters with their
 * confirmations, the active magnet zone and the recent SMC marks, as plain JSON for the tab.
 * Built in the Worker after each sync, from the engines' state: nothing here analyses again.
 */
import type { ConfirmedCluster, HeatmapEngine, MagnetZone } from '../core/heatmap';
import type { SmcEngine } from '../core/smc';
import { DRAWN_KINDS, markOf } from '../core/smc/kinds';
import type { Candle } from '../core/types';
import type { AnalysisLayers, HeatmapBands, OverlayCluster, OverlayMagnet, OverlayMark } from '../messaging/validateLayers';

/** The message shape is written once, as a schema, in src/messaging. */
export type { AnalysisLayers };

/** Candles of heatmap history sent: about what an exchange chart shows when it opens. */
export const BAND_COLUMNS = 150;
/** Price rows of the bands (each row sums several of the model's 10 bp buckets). */
export const BAND_ROWS = 60;
/** SMC marks sent at most, newest first kept. */
export const MAX_MARKS = 300;

/** Half the price span the bands cover, by candle length: a 1m chart spans far less than a 4h one. */
function bandHalfSpan(candleMs: number): number {
  if (candleMs <= 5 * 60_000) return 0.03;
  if (candleMs <= 30 * 60_000) return 0.06;
  return 0.12;
}

/** Bands before quantising: density per cell in the model's own units. */
interface RawBands {
  times: number[];
  edges: number[];
  long: Float64Array;
  short: Float64Array;
}

/** Density by candle and price row within [low, high] (the model's 10 bp buckets summed into rows). */
function rawBands(heatmap: HeatmapEngine, low: number, high: number): RawBands | null {
  if (heatmap.bars === 0) return null;
  const last = heatmap.bars - 1;
  const grid = heatmap.grid(last - BAND_COLUMNS + 1, last, low, high);
  const buckets = grid.edges.length - 1;
  if (grid.columns.length === 0 || buckets <= 0) return null;
  const merge = Math.ceil(buckets / BAND_ROWS);
  const rows = Math.ceil(buckets / merge);
  const edges = Array.from({ length: rows + 1 }, (_, r) => grid.edges[Math.min(r * merge, buckets)]!);
  const sum = (columns: number[][]) => {
    const out = new Float64Array(columns.length * rows);
    columns.forEach((column, c) => column.forEach((v, b) => (out[c * rows + Math.floor(b / merge)]! += v)));
    return out;
  };
  return { times: grid.times, edges, long: sum(grid.long), short: sum(grid.short) };
}

/** The span the bands cover around a price. */
function bandRange(price: number, candleMs: number): [number, number] {
  const half = bandHalfSpan(candleMs);
  return [price * (1 - half), price * (1 + half)];
}

function finish(raw: RawBands, estimator: HeatmapBands['estimator'], source: HeatmapBands['source'], candleMs: number): HeatmapBands {
  const maxLong = max(raw.long);
  const maxShort = max(raw.short);
  return {
    estimator, source, times: raw.times, candleMs, edges: raw.edges,
    long: quantise(raw.long, maxLong), short: quantise(raw.short, maxShort), maxLong, maxShort,
  };
}

/** Density by candle and price row around the last price, each side quantised to 0..255 of its maximum. */
export function heatmapBands(heatmap: HeatmapEngine, source: HeatmapBands['source'], candleMs: number): HeatmapBands | null {
  const price = heatmap.lastPrice;
  if (!(price > 0)) return null;
  const raw = rawBands(heatmap, ...bandRange(price, candleMs));
  if (!raw) return null;
  // The volume model's units mean nothing on their own: its cells are shares of each side's total, as in aggregateBands.
  if (heatmap.estimator !== 'oi') {
    const totals = heatmap.totals();
    for (const side of ['long', 'short'] as const) {
      const scale = shareScale(totals[side]);
      raw[side].forEach((v, i) => (raw[side][i] = v * scale));
    }
  }
  return finish(raw, heatmap.estimator, source, candleMs);
}

/**
 * Both exchanges' bands over the same rows (their models share the bucket grid) and candle
 * times. Open-interest models add up in notional; otherwise each side is taken as a share of
 * its own total and weighted, as the aggregate clusters are (weights sum to 1).
 */
export function aggregateBands(parts: readonly { heatmap: HeatmapEngine; weight: number }[], price: number, candleMs: number): HeatmapBands | null {
  const [first, ...others] = parts;
  if (!first || !(price > 0)) return null;
  const range = bandRange(price, candleMs);
  const base = rawBands(first.heatmap, ...range);
  if (!base) return null;
  const inNotional = parts.every((p) => p.heatmap.estimator === 'oi');
  const rows = base.edges.length - 1;
  const out: RawBands = { times: base.times, edges: base.edges, long: new Float64Array(base.long.length), short: new Float64Array(base.short.length) };
  const column = new Map(base.times.map((t, c) => [t, c]));
  for (const part of [first, ...others]) {
    const raw = part === first ? base : rawBands(part.heatmap, ...range);
    if (!raw || raw.edges.length !== base.edges.length) continue;
    const totals = part.heatmap.totals();
    for (const side of ['long', 'short'] as const) {
      const scale = inNotional ? 1 : shareScale(totals[side], part.weight);
      raw.times.forEach((t, c) => {
        const at = column.get(t);
        if (at === undefined) return; // a candle the other exchange has and this chart does not
        for (let r = 0; r < rows; r++) out[side][at * rows + r]! += raw[side][c * rows + r]! * scale;
      });
    }
  }
  return finish(out, inNotional ? 'oi' : 'volume', 'aggregate', candleMs);
}

/** What turns a side's raw cells into shares of its `total` (times `weight`, for an aggregate); 0 for an empty side. */
function shareScale(total: number, weight = 1): number {
  return total > 0 ? weight / total : 0;
}

function max(values: Float64Array): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

function quantise(values: Float64Array, top: number): number[] {
  return Array.from(values, (v) => (top > 0 ? Math.round((v / top) * 255) : 0));
}

/** Clusters with the exchanges that show them (`confirmed` lists each one's matches on the other exchanges) and the map's dollars at each. */
export function overlayClusters(confirmed: readonly (ConfirmedCluster & Pick<OverlayCluster, 'forecast'>)[], estimator: HeatmapEngine['estimator'], now: number): OverlayCluster[] {
  return confirmed.map((c) => ({
    side: c.side,
    price: c.price,
    low: c.low,
    high: c.high,
    notional: estimator === 'oi' ? c.notional : null,
    share: c.share,
    since: now - c.ageMs,
    exchanges: [c.exchange, ...c.confirmedBy.map((m) => m.exchange)],
    forecast: c.forecast,
  }));
}

export function overlayMagnet(zone: MagnetZone | undefined): OverlayMagnet | null {
  return zone ? { side: zone.side, price: zone.price, openedTime: zone.createdTime, expiresTime: zone.expiresTime } : null;
}

/** The SMC objects confirmed in the last `BAND_COLUMNS` candles, as marks (of the kinds drawn: core/smc/kinds.ts). */
export function overlayMarks(engine: SmcEngine): OverlayMark[] {
  const recent = engine.confirmedSince(engine.bars - BAND_COLUMNS);
  const marks: OverlayMark[] = [];
  for (const kind of DRAWN_KINDS) for (const o of recent[kind.list]) marks.push(markOf(o)!);
  // Newest kept where there are too many: the trader looks at the right edge first.
  return marks.sort((a, b) => a.confirmTime - b.confirmTime).slice(-MAX_MARKS);
}

/** What the forming candle would add if it closed now, marked provisional (the engine is left as it was). */
export function provisionalMarks(engine: SmcEngine, open: Candle): OverlayMark[] {
  return engine.preview(open).flatMap((e) => (e.kind === 'created' ? (markOf(e.object) ?? []) : []));
}
