/**
 * Reads a TradingView charting-library widget (DESIGN.md §4) into a ChartGeometry. Runs in the
 * page's main world on objects the page owns, so every call is feature-detected and guarded:
 * a missing or throwing call yields a reason, never a guess.
 */
import { TIMEFRAME_MS, timeframeFromResolution } from '../core/timeframes';
import type { ChartGeometry } from '../overlay/geometry';
import type { NoChartReason } from './protocol';

type Fn<R, A extends unknown[] = []> = ((...args: A) => R) | undefined;

export interface TvPriceScale {
  getMode?: Fn<number>;
  isInverted?: Fn<boolean>;
  getVisiblePriceRange?: Fn<{ from: number; to: number } | null>;
  coordinateToPrice?: Fn<number | null, [number]>;
}
export interface TvPane {
  getMainSourcePriceScale?: Fn<TvPriceScale>;
  getHeight?: Fn<number>;
}
export interface TvTimeScale {
  coordinateToTime?: Fn<number | null, [number]>;
  width?: Fn<number>;
  barSpacing?: Fn<number>;
}
export interface TvChart {
  symbol?: Fn<string>;
  resolution?: Fn<string>;
  getPanes?: Fn<TvPane[]>;
  getTimeScale?: Fn<TvTimeScale>;
  getAllPanesHeight?: Fn<number>;
}
export interface TvWidget {
  hasModel?: Fn<boolean>;
  activeChart?: Fn<TvChart>;
}

/** The log mode of the library's price scale (0 normal, 1 log, 2 percent, 3 indexed to 100). */
const LOG_MODE = 1;

export type ReadResult = { ok: true; geometry: Omit<ChartGeometry, 'pane' | 'mount'> & { width: number; height: number } } | { ok: false; reason: NoChartReason | 'not-ready' };

/** What the widget shows now, or why it cannot be read. */
export function readWidget(widget: TvWidget): ReadResult {
  try {
    if (typeof widget.activeChart !== 'function') return { ok: false, reason: 'incomplete-api' };
    if (typeof widget.hasModel === 'function' && !widget.hasModel()) return { ok: false, reason: 'not-ready' };
    const chart = widget.activeChart();
    const pane = chart.getPanes?.()[0];
    const scale = pane?.getMainSourcePriceScale?.();
    const ts = chart.getTimeScale?.();
    if (!scale || !ts || typeof ts.coordinateToTime !== 'function' || typeof ts.width !== 'function' || typeof ts.barSpacing !== 'function') {
      return { ok: false, reason: 'incomplete-api' };
    }
    const resolution = String(chart.resolution?.() ?? '');
    const timeframe = timeframeFromResolution(resolution);
    if (!timeframe) return { ok: false, reason: 'unsupported-resolution' };
    const barMs = TIMEFRAME_MS[timeframe];
    const width = Number(ts.width());
    const height = Number(pane?.getHeight?.() ?? chart.getAllPanesHeight?.());
    const barSpacing = Number(ts.barSpacing());
    if (!(width > 0) || !(height > 0) || !(barSpacing > 0)) return { ok: false, reason: 'not-ready' };
    const price = readPriceScale(scale, height);
    if (!price) return { ok: false, reason: typeof scale.getVisiblePriceRange === 'function' ? 'not-ready' : 'incomplete-api' };
    const anchor = findBarCentre((x) => ts.coordinateToTime!(x), width, barSpacing);
    if (!anchor) return { ok: false, reason: 'not-ready' };
    const symbol = String(chart.symbol?.() ?? '').split('@')[0]!.split(':').at(-1)!;
    return {
      ok: true,
      geometry: { symbol, resolution, width, height, time: { anchorTime: anchor.time * 1000, anchorX: anchor.x, barSpacing, barMs }, price },
    };
  } catch {
    // A page object that throws is as good as missing; the next frame tries again.
    return { ok: false, reason: 'not-ready' };
  }
}

/** Prices at the pane's top and bottom: from the scale's own conversion where it has one, else its range. */
function readPriceScale(scale: TvPriceScale, height: number): ChartGeometry['price'] | null {
  const log = scale.getMode?.() === LOG_MODE;
  if (typeof scale.coordinateToPrice === 'function') {
    const top = scale.coordinateToPrice(0);
    const bottom = scale.coordinateToPrice(height);
    if (typeof top === 'number' && typeof bottom === 'number' && Number.isFinite(top) && Number.isFinite(bottom) && top !== bottom) return { top, bottom, log };
  }
  const range = scale.getVisiblePriceRange?.();
  if (!range || !Number.isFinite(range.from) || !Number.isFinite(range.to) || range.from === range.to) return null;
  const inverted = scale.isInverted?.() === true;
  return inverted ? { top: range.from, bottom: range.to, log } : { top: range.to, bottom: range.from, log };
}

/**
 * The centre of one bar, to a hundredth of a pixel. The library's coordinateToTime snaps to the
 * bar under x, so the x where its answer changes is the boundary between two bars, half a
 * spacing from each centre: found by bisection.
 */
export function findBarCentre(timeAt: (x: number) => number | null, width: number, spacing: number): { time: number; x: number } | null {
  for (const fraction of [0.5, 0.25, 0.75, 0.1, 0.9]) {
    const x0 = width * fraction;
    const t0 = timeAt(x0);
    const t1 = timeAt(x0 + spacing);
    if (typeof t0 !== 'number' || typeof t1 !== 'number' || !(t1 > t0)) continue;
    let lo = x0;
    let hi = x0 + spacing;
    while (hi - lo > 0.005) {
      const mid = (lo + hi) / 2;
      if (timeAt(mid) === t0) lo = mid;
      else hi = mid;
    }
    return { time: t0, x: (lo + hi) / 2 - spacing / 2 };
  }
  return null;
}
