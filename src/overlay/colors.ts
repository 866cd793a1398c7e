/**
 * The overlay's palette, built once at load so a repaint never formats a colour string.
 * Mid-saturation hues that read on the exchanges' dark (#161a1e) and light (#ffffff) themes;
 * text that must read on anything sits on a translucent dark pill (LABEL_BG).
 */

type Rgb = readonly [number, number, number];

export const rgba = ([r, g, b]: Rgb, a: number): string => `rgba(${r},${g},${b},${a})`;

/** Heatmap densities 1..255 fall into this many colour buckets. */
export const HEAT_BUCKETS = 16;

/** The bucket of a density 1..255 (0 is never painted). */
export function heatBucket(value: number): number {
  const b = (value * HEAT_BUCKETS) >> 8;
  return b < HEAT_BUCKETS ? b : HEAT_BUCKETS - 1;
}

/** Colour stops from sparse (t = 0) to dense (t = 1); alpha rises with density as well, and stays low enough that the candles show through. */
function ramp(stops: readonly (readonly [number, Rgb])[], alphaLow: number, alphaHigh: number): readonly string[] {
  const out: string[] = [];
  for (let b = 0; b < HEAT_BUCKETS; b++) {
    const t = (b + 0.5) / HEAT_BUCKETS;
    let i = 0;
    while (i < stops.length - 2 && t > stops[i + 1]![0]) i++;
    const [t0, c0] = stops[i]!;
    const [t1, c1] = stops[i + 1]!;
    const f = Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
    const mix = (k: 0 | 1 | 2) => Math.round(c0[k] + (c1[k] - c0[k]) * f);
    out.push(rgba([mix(0), mix(1), mix(2)], +(alphaLow + (alphaHigh - alphaLow) * t).toFixed(3)));
  }
  return Object.freeze(out);
}

/** Liquidations of longs (below price): deep teal → cyan → yellow. */
export const LONG_HEAT = ramp([[0, [0, 105, 120]], [0.55, [0, 205, 225]], [1, [255, 235, 59]]], 0.08, 0.55);
/** Liquidations of shorts (above price): magenta → orange → yellow. */
export const SHORT_HEAT = ramp([[0, [160, 30, 150]], [0.55, [255, 120, 40]], [1, [255, 235, 59]]], 0.08, 0.55);

/** A ramp's buckets as RGBA bytes (4 per bucket), for the heatmap's bitmap: the same colours as the strings. */
export function heatRgba(colours: readonly string[]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(colours.length * 4);
  colours.forEach((css, b) => {
    const m = /^rgba\((\d+),(\d+),(\d+),([\d.]+)\)$/.exec(css);
    if (!m) throw new Error(`not an rgba() colour: ${css}`);
    out.set([+m[1]!, +m[2]!, +m[3]!, Math.round(+m[4]! * 255)], b * 4);
  });
  return out;
}

const BULL: Rgb = [8, 153, 129];
const BEAR: Rgb = [242, 54, 69];
const OB_BULL: Rgb = [41, 98, 255];
const OB_BEAR: Rgb = [233, 30, 99];
const FVG_BULL: Rgb = [76, 175, 80];
const FVG_BEAR: Rgb = [255, 152, 0];
const LONG_SIDE: Rgb = [0, 172, 193];
const SHORT_SIDE: Rgb = [216, 27, 180];
const PRINT_LONG: Rgb = [239, 83, 80];
const PRINT_SHORT: Rgb = [38, 166, 91];

/** A hue as a solid line colour and as the fills its boxes use. */
export interface Hue {
  line: string;
  fill: string;
  fillFaint: string;
}
const hue = (c: Rgb, fill: number, faint: number): Hue => ({ line: rgba(c, 1), fill: rgba(c, fill), fillFaint: rgba(c, faint) });

export const STRUCTURE = { bull: hue(BULL, 0.2, 0.1), bear: hue(BEAR, 0.2, 0.1) } as const;
/** Swing order blocks are the stronger fill, internal ones the fainter. */
export const ORDER_BLOCK = { bull: hue(OB_BULL, 0.26, 0.13), bear: hue(OB_BEAR, 0.26, 0.13) } as const;
export const FVG = { bull: hue(FVG_BULL, 0.2, 0.1), bear: hue(FVG_BEAR, 0.2, 0.1) } as const;
/** Cluster outlines and magnet zones, by the side whose liquidations they are. */
export const SIDE = { long: hue(LONG_SIDE, 0.14, 0.07), short: hue(SHORT_SIDE, 0.14, 0.07) } as const;
export const PRINT = {
  long: { fill: rgba(PRINT_LONG, 0.45), stroke: rgba(PRINT_LONG, 0.9) },
  short: { fill: rgba(PRINT_SHORT, 0.45), stroke: rgba(PRINT_SHORT, 0.9) },
} as const;

export const LABEL_BG = 'rgba(22,26,30,0.78)';
export const LABEL_TEXT = '#eaecef';
export const LABEL_MUTED = '#a7adb5';
