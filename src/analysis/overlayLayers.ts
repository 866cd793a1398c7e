/**
 * The overlay's share of an analysis: the recent heatmap as bands, the clusters with their
 * confirmations, the active magnet zone and the recent SMC marks, as plain JSON for the tab.
 * Built in the Worker after each sync, from the engines' state: nothing here analyses again.
 */
import type { ConfirmedCluster, HeatmapEngine, MagnetZone } from '../core/heatmap';
import type { SmcEngine, StateChange } from '../core/smc';
import type { HeatmapBands, OverlayCluster, OverlayMagnet, OverlayMark } from '../overlay/layers';

export interface AnalysisLayers {
  heatmap: HeatmapBands | null;
  clusters: OverlayCluster[];
  magnet: OverlayMagnet | null;
  marks: OverlayMark[];
}

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

/** Density by candle and price row around the last price, each side quantised to 0..255 of its maximum. */
export function heatmapBands(heatmap: HeatmapEngine, source: HeatmapBands['source'], candleMs: number): HeatmapBands | null {
  const price = heatmap.lastPrice;
  if (heatmap.bars === 0 || !(price > 0)) return null;
  const half = bandHalfSpan(candleMs);
  const last = heatmap.bars - 1;
  const grid = heatmap.grid(last - BAND_COLUMNS + 1, last, price * (1 - half), price * (1 + half));
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
  const long = sum(grid.long);
  const short = sum(grid.short);
  const maxLong = max(long);
  const maxShort = max(short);
  return {
    estimator: heatmap.estimator,
    source,
    times: grid.times,
    candleMs,
    edges,
    long: quantise(long, maxLong),
    short: quantise(short, maxShort),
    maxLong,
    maxShort,
  };
}

function max(values: Float64Array): number {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

function quantise(values: Float64Array, top: number): number[] {
  return Array.from(values, (v) => (top > 0 ? Math.round((v / top) * 255) : 0));
}

/** Clusters with the exchanges that show them (`confirmed` pairs each with the other exchange's match, where any). */
export function overlayClusters(confirmed: readonly ConfirmedCluster[], estimator: HeatmapEngine['estimator'], now: number): OverlayCluster[] {
  return confirmed.map((c) => ({
    side: c.side,
    price: c.price,
    low: c.low,
    high: c.high,
    notional: estimator === 'oi' ? c.notional : null,
    share: c.share,
    since: now - c.ageMs,
    exchanges: c.confirmedBy ? [c.exchange, c.confirmedBy.exchange] : [c.exchange],
  }));
}

export function overlayMagnet(zone: MagnetZone | undefined): OverlayMagnet | null {
  return zone ? { side: zone.side, price: zone.price, openedTime: zone.createdTime, expiresTime: zone.expiresTime } : null;
}

/** The SMC objects confirmed in the last `BAND_COLUMNS` candles, as marks (swings themselves are not drawn). */
export function overlayMarks(engine: SmcEngine): OverlayMark[] {
  const recent = engine.confirmedSince(engine.bars - BAND_COLUMNS);
  const marks: OverlayMark[] = [];
  for (const b of recent.breaks) {
    marks.push({ kind: 'break', scope: b.scope, label: b.kind, dir: b.dir, price: b.level, fromTime: b.anchorTime, confirmTime: b.confirmTime, provisional: !!b.provisional });
  }
  for (const o of recent.orderBlocks) {
    marks.push({
      kind: 'orderBlock', scope: o.scope, dir: o.dir, top: o.top, bottom: o.bottom, fromTime: o.anchorTime, confirmTime: o.confirmTime,
      endTime: timeOf(o.changes, 'mitigated'), breaker: o.changes.some((c) => c.type === 'breaker') && !o.changes.some((c) => c.type === 'broken'), provisional: !!o.provisional,
    });
  }
  for (const g of recent.fvgs) {
    // A joined gap grew: draw its widest bounds.
    const extended = g.changes.filter((c) => c.type === 'extended').at(-1);
    marks.push({
      kind: 'fvg', dir: g.dir, top: extended?.top ?? g.top, bottom: extended?.bottom ?? g.bottom, fromTime: g.anchorTime, confirmTime: g.confirmTime,
      endTime: timeOf(g.changes, 'mitigated'), provisional: !!g.provisional,
    });
  }
  for (const e of recent.equalLevels) {
    marks.push({ kind: 'equal', label: e.kind, price: e.price, fromTime: e.anchorTime, confirmTime: e.confirmTime, provisional: !!e.provisional });
  }
  for (const s of recent.sweeps) {
    marks.push({ kind: 'sweep', dir: s.dir, price: s.level, fromTime: s.anchorTime, confirmTime: s.confirmTime, displacement: s.displacement, provisional: !!s.provisional });
  }
  // Newest kept where there are too many: the trader looks at the right edge first.
  return marks.sort((a, b) => a.confirmTime - b.confirmTime).slice(-MAX_MARKS);
}

function timeOf(changes: readonly StateChange[], type: StateChange['type']): number | null {
  return changes.find((c) => c.type === type)?.time ?? null;
}

