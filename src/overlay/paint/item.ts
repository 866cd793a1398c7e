/**
 * What a painter says it drew where: the items the hover read-out finds (hitTest.ts) and
 * describes (readout.ts). Each layer's module owns its items' hit rank and hover text
 * (its `…Hover` export, gathered in hover.ts); this module only names the shapes they share.
 */
import type { OverlayMark, OverlayScene } from '../layers';

/** A heatmap cell: column (candle) and row (price band) of HeatmapBands. */
export interface BandRef {
  column: number;
  row: number;
}

/**
 * Item kind → what the item stands for. Empty here: each layer's module (./layers/) adds its own
 * (declaration merging, `declare module '../item'`); the SMC marks' kinds come from their declarations.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the painters' modules
export interface PaintedItems {}
type ItemRefs = PaintedItems & { [K in OverlayMark['kind']]: Extract<OverlayMark, { kind: K }> };

/** Where a drawn thing is, and what it stands for. Coordinates are CSS px in the pane. */
export interface ItemBox {
  /** Bounding box. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** The main price: band centre, cluster or print price, a line's level, a box's top. */
  price: number;
  /** The main time: print time, a mark's confirmTime, a band's column time, a cluster's since. */
  time: number;
  /** The exact pixel `time` and `price` were mapped to. */
  anchorX?: number;
  anchorY?: number;
}

/** One drawn thing, for the hover read-out and the tests. */
export type PaintedItem = { [K in keyof ItemRefs]: ItemBox & { kind: K; ref: ItemRefs[K] } }[keyof ItemRefs];

export type PaintedKind = PaintedItem['kind'];
export type ItemOf<K extends PaintedKind> = Extract<PaintedItem, { kind: K }>;

/**
 * Where overlapping items rank under the pointer: the smaller thing is the one a trader aims
 * at, so marks and prints win over boxes, and boxes over heatmap bands. Only `point` items get
 * hitTest's slack of a few pixels (thin lines, small bubbles).
 */
export const HIT = { band: 0, area: 1, point: 2 } as const;
export type HitRank = (typeof HIT)[keyof typeof HIT];

/** One layer's part in the hover: its items' rank and their read-out, as plain lines of text. */
export interface ItemHover<K extends PaintedKind> {
  hit: HitRank;
  describe(item: ItemOf<K>, scene: OverlayScene, now: number): string[];
}
