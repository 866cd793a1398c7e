/**
 * Reads a TradingView charting-library widget (DESIGN.md §4) into a ChartGeometry. Runs in the
 * page's main world on objects the page owns, so every call is feature-detected and guarded:
 * a missing or throwing call yields a reason, never a guess.
 */
import { TIMEFRAME_MS, timeframeFromResolution } from '../core/timeframes';
import type { ChartGeometry } from '../overlay/geometry';
import type { NoChartReason } from '../messaging/bridgeChannel';

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
  rightOffset?: Fn<number>;
}
export interface TvChart {
  symbol?: Fn<string>;
  resolution?: Fn<string>;
  getPanes?: Fn<TvPane[]>;
  getTimeScale?: Fn<TvTimeScale>;
  getAllPanesHeight?: Fn<number>;
  getVisibleRange?: Fn<{ from: number; to: number }>;
}
export interface TvWidget {
  hasModel?: Fn<boolean>;
  activeChart?: Fn<TvChart>;
}

/** The log mode of the library's price scale (0 normal, 1 log, 2 percent, 3 indexed to 100). */
const LOG_MODE = 1;
/** No screen is wider or taller than this (CSS px): a page number beyond it is refused, not looped over. */
const MAX_PX = 100_000;
/** The symbol and resolution texts are short names: a longer string is refused before it is copied or split. */
const MAX_NAME_CHARS = 80;
/** Halving a bar's spacing (at most MAX_PX) down to 0.005 px takes 25 steps; never more than this. */
const MAX_BISECTION_STEPS = 40;

export type ReadResult = { ok: true; geometry: Omit<ChartGeometry, 'pane' | 'mount'> & { width: number; height: number } } | { ok: false; reason: NoChartReason | 'not-ready' };

/** Which of the widget's calls were missing and which threw, for the page report. */
export interface CallLog {
  missing: Set<string>;
  threw: Set<string>;
}

/** A call that threw: the read stops there, as if the page had no such call this frame. */
class CallThrew extends Error {}

/**
 * What the widget shows now, or why it cannot be read. Calls the page lacks or that throw are
 * noted in `log` under fixed names (never the page's text).
 */
export function readWidget(widget: TvWidget, log: CallLog = { missing: new Set(), threw: new Set() }): ReadResult {
  // Feature-detects a call, notes a missing one, and turns a throw into CallThrew.
  const call = <T>(obj: object | undefined, name: string, label: string, ...args: unknown[]): T | undefined => {
    const fn = (obj as Record<string, unknown> | undefined)?.[name];
    if (typeof fn !== 'function') {
      log.missing.add(label);
      return undefined;
    }
    try {
      return fn.apply(obj, args) as T;
    } catch {
      log.threw.add(label);
      throw new CallThrew();
    }
  };
  const has = (obj: object | undefined, name: string) => typeof (obj as Record<string, unknown> | undefined)?.[name] === 'function';
  try {
    if (!has(widget, 'activeChart')) {
      log.missing.add('activeChart');
      return { ok: false, reason: 'incomplete-api' };
    }
    if (has(widget, 'hasModel') && !call<boolean>(widget, 'hasModel', 'hasModel')) return { ok: false, reason: 'not-ready' };
    const chart = call<TvChart>(widget, 'activeChart', 'activeChart');
    const pane = call<TvPane[]>(chart, 'getPanes', 'chart.getPanes')?.[0];
    const scale = call<TvPriceScale>(pane, 'getMainSourcePriceScale', 'pane.getMainSourcePriceScale');
    const ts = call<TvTimeScale>(chart, 'getTimeScale', 'chart.getTimeScale');
    if (!scale || !ts || !has(ts, 'width') || !has(ts, 'barSpacing')) {
      if (ts) for (const name of ['width', 'barSpacing']) if (!has(ts, name)) log.missing.add(`timeScale.${name}`);
      return { ok: false, reason: 'incomplete-api' };
    }
    const resolution = shortText(call(chart, 'resolution', 'chart.resolution'));
    if (resolution === null) return { ok: false, reason: 'not-ready' };
    const timeframe = timeframeFromResolution(resolution);
    if (!timeframe) return { ok: false, reason: 'unsupported-resolution' };
    const barMs = TIMEFRAME_MS[timeframe];
    const width = Number(call(ts, 'width', 'timeScale.width'));
    const height = Number(has(pane, 'getHeight') ? call(pane, 'getHeight', 'pane.getHeight') : call(chart, 'getAllPanesHeight', 'chart.getAllPanesHeight'));
    const barSpacing = Number(call(ts, 'barSpacing', 'timeScale.barSpacing'));
    // A chart of no size is not on screen (its frame hidden behind another view of the page).
    if (width === 0 || height === 0) return { ok: false, reason: 'hidden' };
    if (!(width > 0) || !(height > 0) || !(barSpacing > 0)) return { ok: false, reason: 'not-ready' };
    if (!(width <= MAX_PX) || !(height <= MAX_PX) || !(barSpacing <= MAX_PX)) return { ok: false, reason: 'not-ready' };
    const price = readPriceScale(scale, height, call);
    if (!price) return { ok: false, reason: has(scale, 'getVisiblePriceRange') ? 'not-ready' : 'incomplete-api' };
    let anchor: { time: number; x: number } | null;
    if (has(ts, 'coordinateToTime')) {
      anchor = findBarCentre((x) => call<number | null>(ts, 'coordinateToTime', 'timeScale.coordinateToTime', x) ?? null, width, barSpacing, barMs / 1000);
    } else {
      log.missing.add('timeScale.coordinateToTime');
      if (!has(chart, 'getVisibleRange') || !has(ts, 'rightOffset')) return { ok: false, reason: 'incomplete-api' };
      const range = call<{ from: number; to: number }>(chart, 'getVisibleRange', 'chart.getVisibleRange');
      anchor = lastVisibleBar(range?.to, Number(call(ts, 'rightOffset', 'timeScale.rightOffset')), width, barSpacing);
    }
    if (!anchor) return { ok: false, reason: 'not-ready' };
    const fullSymbol = shortText(call(chart, 'symbol', 'chart.symbol'));
    if (fullSymbol === null) return { ok: false, reason: 'not-ready' };
    const symbol = fullSymbol.split('@')[0]!.split(':').at(-1)!;
    return {
      ok: true,
      geometry: { symbol, resolution, width, height, time: { anchorTime: anchor.time * 1000, anchorX: anchor.x, barSpacing, barMs }, price },
    };
  } catch {
    // A page object that throws is as good as missing; the next frame tries again.
    return { ok: false, reason: 'not-ready' };
  }
}

/** A page-supplied name as text, or null where it is not a short string (a 20 MB symbol is not copied each frame). */
function shortText(value: unknown): string | null {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.length <= MAX_NAME_CHARS ? value : null;
}

type Call = <T>(obj: object | undefined, name: string, label: string, ...args: unknown[]) => T | undefined;

/** Prices at the pane's top and bottom: from the scale's own conversion where it has one, else its range. */
function readPriceScale(scale: TvPriceScale, height: number, call: Call): ChartGeometry['price'] | null {
  const log = call<number>(scale, 'getMode', 'priceScale.getMode') === LOG_MODE;
  if (typeof scale.coordinateToPrice === 'function') {
    const top = call(scale, 'coordinateToPrice', 'priceScale.coordinateToPrice', 0);
    const bottom = call(scale, 'coordinateToPrice', 'priceScale.coordinateToPrice', height);
    if (typeof top === 'number' && typeof bottom === 'number' && Number.isFinite(top) && Number.isFinite(bottom) && top !== bottom) return { top, bottom, log };
  }
  const range = call<{ from: number; to: number } | null>(scale, 'getVisiblePriceRange', 'priceScale.getVisiblePriceRange');
  if (!range || !Number.isFinite(range.from) || !Number.isFinite(range.to) || range.from === range.to) return null;
  const inverted = call<boolean>(scale, 'isInverted', 'priceScale.isInverted') === true;
  return inverted ? { top: range.from, bottom: range.to, log } : { top: range.to, bottom: range.from, log };
}

/**
 * The centre of one bar, to a hundredth of a pixel. The library's coordinateToTime snaps to the
 * bar under x, so the x where its answer changes is the boundary between two bars, half a
 * spacing from each centre: found by bisection. Two neighbours must be one bar (`barSec`) apart,
 * so a time scale that answers otherwise (a gap in the data, a page that changed the call) is
 * not believed there.
 */
export function findBarCentre(timeAt: (x: number) => number | null, width: number, spacing: number, barSec: number): { time: number; x: number } | null {
  for (const fraction of [0.5, 0.25, 0.75, 0.1, 0.9]) {
    const x0 = width * fraction;
    const t0 = timeAt(x0);
    const t1 = timeAt(x0 + spacing);
    if (typeof t0 !== 'number' || typeof t1 !== 'number' || t1 - t0 !== barSec) continue;
    let lo = x0;
    let hi = x0 + spacing;
    // Bounded: with page-supplied numbers (a width of 1e20) the gap can stay above 0.005 forever.
    for (let step = 0; step < MAX_BISECTION_STEPS && hi - lo > 0.005; step++) {
      const mid = (lo + hi) / 2;
      if (timeAt(mid) === t0) lo = mid;
      else hi = mid;
    }
    if (hi - lo > 0.005) return null; // numbers no float can halve to a hundredth of a pixel
    return { time: t0, x: (lo + hi) / 2 - spacing / 2 };
  }
  return null;
}

/**
 * Without coordinateToTime: the newest visible bar, placed by the library's time-scale rule
 * (the one lightweight-charts shares): bar i's centre is at
 * `width - (baseIndex + rightOffset - i + 0.5) * barSpacing - 1`, and getVisibleRange().to is the
 * bar at `ceil(baseIndex + rightOffset)`, or the newest bar when the chart has room to its right.
 */
export function lastVisibleBar(to: unknown, rightOffset: number, width: number, spacing: number): { time: number; x: number } | null {
  if (typeof to !== 'number' || !Number.isFinite(to) || to <= 0 || !Number.isFinite(rightOffset)) return null;
  const behind = Math.min(0, Math.ceil(rightOffset)); // bars from the newest to the one `to` names
  return { time: to, x: width - (rightOffset - behind + 0.5) * spacing - 1 };
}
