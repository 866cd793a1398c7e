/**
 * What every layer's painter shares: the pass it paints in (Frame), the canvas state a pass
 * starts from, and the drawing pieces several layers use (label pills, crisp lines, spans cut
 * to the pane). Colours are colors.ts's and the price/time mapping geometry.ts's.
 */
import { barToX, type ChartGeometry } from '../geometry';
import { LABEL_BG, LABEL_TEXT } from '../colors';
import type { PaintedItem } from './item';

/** A document canvas's context or an OffscreenCanvas's (the painter may run in a Worker). */
export type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface PaintOptions {
  /** Device pixels per CSS pixel: the backing store is pane.width*dpr × pane.height*dpr. */
  dpr: number;
  /** Epoch ms: expired magnet zones are not drawn. */
  now: number;
}

export interface Frame {
  ctx: Ctx2D;
  g: ChartGeometry;
  dpr: number;
  /** Pane size, CSS px. */
  w: number;
  h: number;
  now: number;
  items: PaintedItem[];
  /** What this pass draws: shapes (cacheable, they only move in a pan) and labels placed against the pane's edges. */
  shapes: boolean;
  labels: boolean;
}

export const FONT = '11px system-ui, sans-serif';
/** How far past the pane's edge a label can reach back into it. */
export const LABEL_REACH = 16;

// Dash patterns are shared arrays: setLineDash copies them, and literals would allocate per mark.
export const SOLID: number[] = [];
export const DASHED: number[] = [4, 3];
export const DOTTED: number[] = [1, 3];
export const PROVISIONAL: number[] = [2, 3];

/** The canvas state every pass starts from, in CSS px. */
export function begin(ctx: Ctx2D, dpr: number): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.globalAlpha = 1;
  ctx.setLineDash(SOLID);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
}

/**
 * Light text on a translucent dark pill, so it reads on either chart theme and over the
 * heatmap; the layer's colour is a stripe at the pill's left edge (coloured text would not read
 * on the pill in every hue).
 */
export function pill(f: Frame, text: string, x: number, cy: number, align: 'left' | 'right', accent: string): void {
  const { ctx } = f;
  const w = ctx.measureText(text).width + 11;
  const left = align === 'left' ? x : x - w;
  ctx.fillStyle = LABEL_BG;
  ctx.fillRect(left, cy - 8, w, 16);
  ctx.fillStyle = accent;
  ctx.fillRect(left, cy - 8, 3, 16);
  ctx.fillStyle = LABEL_TEXT;
  ctx.textAlign = 'left';
  ctx.fillText(text, left + 7, cy);
}

/** A pill's centre kept inside the pane. */
export const clampY = (f: Frame, y: number) => Math.min(Math.max(y, 9), f.h - 9);

/** y of a horizontal line of width `lw` on the device pixel grid: it covers row round(y * dpr). */
export function crispY(y: number, lw: number, dpr: number): number {
  const row = Math.round(y * dpr);
  return (Math.round(lw * dpr) % 2 === 1 ? row + 0.5 : row) / dpr;
}

/** A horizontal span from one time to another, cut to the pane; null when it misses the pane. */
export function span(f: Frame, fromTime: number, toX: number): { x0: number; x1: number } | null {
  const fromX = barToX(f.g, fromTime);
  const x0 = Math.max(Math.min(fromX, toX), -4);
  const x1 = Math.min(Math.max(fromX, toX), f.w + 4);
  return x1 > 0 && x0 < f.w ? { x0, x1 } : null;
}

export function hLine(f: Frame, x0: number, x1: number, y: number, colour: string, lw: number, dash: number[]): void {
  if (!f.shapes) return;
  const { ctx } = f;
  ctx.strokeStyle = colour;
  ctx.lineWidth = lw;
  ctx.setLineDash(dash);
  ctx.beginPath();
  ctx.moveTo(x0, y);
  ctx.lineTo(x1, y);
  ctx.stroke();
}

export function centredLabel(f: Frame, text: string, x0: number, x1: number, y: number, colour: string): void {
  if (!f.labels) return;
  f.ctx.fillStyle = colour;
  f.ctx.textAlign = 'center';
  f.ctx.fillText(text, (Math.max(x0, 0) + Math.min(x1, f.w)) / 2, y);
}
