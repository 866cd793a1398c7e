/**
 * What the overlay paints, as the analysis Worker and the print service hand it to the tab:
 * plain JSON, times in epoch ms, prices in quote currency. Every layer is a list the painter
 * can draw without further analysis; the tab never sees the engines themselves.
 */
import type { ExchangeId } from '../exchanges';

/** Heatmap density by candle (columns) and price band (rows), each side scaled 0..255 of its own maximum. */
export interface HeatmapBands {
  estimator: 'oi' | 'volume';
  /** Which exchange(s) the model comes from. */
  source: ExchangeId | 'aggregate';
  /** Open time of each column's candle. */
  times: number[];
  candleMs: number;
  /** Row edges, ascending: row r spans edges[r]..edges[r+1]. */
  edges: number[];
  /** Row-major by column: cell (c, r) is at c * rows + r. */
  long: number[];
  short: number[];
  /** What 255 stands for on each side: notional in USDT for the open-interest model, a share of the side for the volume model. */
  maxLong: number;
  maxShort: number;
}

export interface OverlayCluster {
  side: 'long' | 'short';
  price: number;
  low: number;
  high: number;
  /** USDT where the model is in notional (open interest), else null. */
  notional: number | null;
  share: number;
  /** When the cluster's newest position was opened, epoch ms. */
  since: number;
  /** The exchanges whose models show it: the first the chart's; more than one means confirmed. */
  exchanges: ExchangeId[];
}

export interface OverlayMagnet {
  side: 'long' | 'short';
  price: number;
  openedTime: number;
  expiresTime: number;
}

export type MarkScope = 'swing' | 'internal';

/** SMC marks, each at the candle times the engine anchored and confirmed it. */
export type OverlayMark =
  | { kind: 'break'; scope: MarkScope; label: 'BOS' | 'CHoCH'; dir: 1 | -1; price: number; fromTime: number; confirmTime: number; provisional: boolean }
  | { kind: 'orderBlock'; scope: MarkScope; dir: 1 | -1; top: number; bottom: number; fromTime: number; confirmTime: number; endTime: number | null; breaker: boolean; provisional: boolean }
  | { kind: 'fvg'; dir: 1 | -1; top: number; bottom: number; fromTime: number; confirmTime: number; endTime: number | null; provisional: boolean }
  | { kind: 'equal'; label: 'EQH' | 'EQL'; price: number; fromTime: number; confirmTime: number; provisional: boolean }
  | { kind: 'sweep'; dir: 1 | -1; price: number; fromTime: number; confirmTime: number; displacement: number; provisional: boolean };

export interface OverlayPrint {
  time: number;
  price: number;
  side: 'long' | 'short';
  notional: number;
}

/** A trade setup found live, with its levels and how it has played out (the journal). */
export interface OverlaySetup {
  id: string;
  kind: 'sweep-choch' | 'magnet';
  dir: 1 | -1;
  entry: number;
  stop: number;
  target: number;
  confirmTime: number;
  grade: 'A' | 'B' | 'C';
  /** The confluences found, in words (a few). */
  confluence: string[];
  status: 'waiting' | 'expired' | 'open' | 'closed';
  /** The result in R once closed. */
  r: number | null;
}

/** Everything the overlay can paint for one chart. A layer the tab has no data for is null or empty. */
export interface OverlayScene {
  exchange: ExchangeId;
  symbol: string;
  heatmap: HeatmapBands | null;
  clusters: OverlayCluster[];
  magnet: OverlayMagnet | null;
  marks: OverlayMark[];
  prints: OverlayPrint[];
  setups: OverlaySetup[];
  /** The heatmap's measured edge over distance alone, in words (skillText): the legend's last line. */
  skill?: string;
}

/** The layers a trader can switch on and off (the popup's switches). */
export interface LayerToggles {
  heatmap: boolean;
  prints: boolean;
  swingStructure: boolean;
  internalStructure: boolean;
  orderBlocks: boolean;
  fvgs: boolean;
  equalLevels: boolean;
  sweeps: boolean;
  magnets: boolean;
  setups: boolean;
}

export const ALL_LAYERS_ON: Readonly<LayerToggles> = Object.freeze({
  heatmap: true, prints: true, swingStructure: true, internalStructure: true, orderBlocks: true, fvgs: true, equalLevels: true, sweeps: true, magnets: true, setups: true,
});
