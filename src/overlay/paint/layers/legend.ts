/**
 * The heatmap's legend: source and model, each side's colour ramp (the very buckets the cells are
 * painted with) and its maximum, the measured skill, the calibration of the clusters' dollars and
 * where those come from. Painted last, so no mark ever hides what the colours mean; at the pane's
 * left, below the library's own legend (symbol, OHLC, indicators, which every trader reads), and
 * the badge below it (content/main.tsx).
 */
import { formatShare, formatUsd } from '../../../wording/format';
import { HEAT_BUCKETS, LABEL_BG, LABEL_MUTED, LABEL_TEXT, LONG_HEAT, SHORT_HEAT } from '../../colors';
import type { HeatmapBands } from '../../layers';
import type { ChartGeometry } from '../../geometry';
import type { Frame } from '../frame';
import type { OverlayLayer } from '../layer';
import { estimatorName, sourceName } from './heatmap';

const LEGEND_MARGIN = 8;
const LEGEND_PAD = 6;
const LEGEND_LINE = 15;
const LEGEND_SIDE_W = 44;
const LEGEND_SWATCH = 6;
/**
 * The height left free for the library's legend where the page does not expose its box: its
 * symbol and OHLC line and three indicator lines, as the exchanges show them by default.
 */
export const LIBRARY_LEGEND_PX = 80;
/** Lines of words under the ramps at most: skill, calibration, and the dollars' basis in two. */
const MAX_NOTES = 4;

/** Where LiqLens's legend starts below the pane's top: under the library's legend. */
export function legendTop(g: Pick<ChartGeometry, 'legendBottom'>): number {
  return (g.legendBottom ?? LIBRARY_LEGEND_PX) + LEGEND_MARGIN;
}

/** The legend's lowest edge below the pane's top at its tallest (title, two sides, the notes): the badge goes below it. */
export function legendBottom(g: Pick<ChartGeometry, 'legendBottom'>): number {
  return legendTop(g) + (3 + MAX_NOTES) * LEGEND_LINE + LEGEND_PAD;
}

/** `notes`: the lines under the ramps (skill, calibration, the dollars' basis), MAX_NOTES at most. */
export function paintLegend(f: Frame, hm: HeatmapBands, notes: readonly string[]): void {
  const words = notes.slice(0, MAX_NOTES);
  const { ctx } = f;
  const title = `Liquidation heatmap · ${sourceName(hm.source)} · ${estimatorName(hm.estimator)}`;
  const fmt = hm.estimator === 'oi' ? formatUsd : formatShare;
  const sides = [
    { name: 'Shorts', max: fmt(hm.maxShort), colours: SHORT_HEAT },
    { name: 'Longs', max: fmt(hm.maxLong), colours: LONG_HEAT },
  ];
  const barW = HEAT_BUCKETS * LEGEND_SWATCH;
  const maxW = Math.max(ctx.measureText(sides[0]!.max).width, ctx.measureText(sides[1]!.max).width);
  const innerW = Math.max(ctx.measureText(title).width, LEGEND_SIDE_W + barW + 6 + maxW, ...words.map((w) => ctx.measureText(w).width));
  const x = LEGEND_MARGIN;
  const y = legendTop(f.g);
  const lines = 3 + words.length;
  ctx.fillStyle = LABEL_BG;
  ctx.fillRect(x, y, innerW + 2 * LEGEND_PAD, lines * LEGEND_LINE + LEGEND_PAD);
  ctx.textAlign = 'left';
  ctx.fillStyle = LABEL_TEXT;
  ctx.fillText(title, x + LEGEND_PAD, y + LEGEND_PAD + LEGEND_LINE / 2);
  sides.forEach((side, i) => {
    const cy = y + LEGEND_PAD + LEGEND_LINE * (i + 1.5);
    ctx.fillStyle = LABEL_MUTED;
    ctx.fillText(side.name, x + LEGEND_PAD, cy);
    const bx = x + LEGEND_PAD + LEGEND_SIDE_W;
    // The bar is the very buckets the cells are painted with.
    for (let b = 0; b < HEAT_BUCKETS; b++) {
      ctx.fillStyle = side.colours[b]!;
      ctx.fillRect(bx + b * LEGEND_SWATCH, cy - 4, LEGEND_SWATCH, 8);
    }
    ctx.fillStyle = LABEL_TEXT;
    ctx.fillText(side.max, bx + barW + 6, cy);
  });
  // Whether the bands know more than distance from price, whether their dollars held, and what the dollars count.
  ctx.fillStyle = LABEL_MUTED;
  words.forEach((w, i) => ctx.fillText(w, x + LEGEND_PAD, y + LEGEND_PAD + LEGEND_LINE * (3.5 + i)));
}

/** Its place among the layers (layer.ts; registry.ts gathers it): last, so no mark ever hides what the colours mean. */
export const layer: OverlayLayer = {
  name: 'legend',
  order: 900,
  z: 'top',
  paint: (f, s, on) => on.heatmap && s.heatmap && paintLegend(f, s.heatmap, [s.skill, s.calibration, ...(s.dollarsBasis ?? [])].filter((w): w is string => !!w)),
  hover: {},
};
