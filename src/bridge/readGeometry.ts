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
  /** v28+: false while the chart's model loads (its other calls may throw meanwhile). */
  hasModel?: Fn<boolean>;
  symbol?: Fn<string>;
  resolution?: Fn<string>;
  getPanes?: Fn<TvPane[]>;
  getTimeScale?: Fn<TvTimeScale>;
  /** Each pane's height, top pane first (older builds: one number). */
  getAllPanesHeight?: Fn<number[] | number>;
  getVisibleRange?: Fn<{ from: number; to: number }>;
}
export interface TvWidget {
  /** Not the library's (hasModel is a chart's), but some apps' wrappers have it: believed where present. */
  hasModel?: Fn<boolean>;
  activeChart?: Fn<TvChart>;
  /** Multi-chart layouts (Trading Terminal builds): which chart is active, and how many there are. */
  activeChartIndex?: Fn<number>;
  chartsCount?: Fn<number>;
}

/** The log mode of the library's price scale (0 normal, 1 log, 2 percent, 3 indexed to 100). */
const LOG_MODE = 1;
/** The longest symbol name kept as the datafeed spells it (the schema bounds it again). */
const MAX_SYMBOL = 64;
/** No screen is wider or taller than this (CSS px): a page number beyond it is refused, not looped over. */
const MAX_PX = 100_000;
/** The symbol and resolution texts are short names: a longer string is refused before it is copied or split. */
const MAX_NAME_CHARS = 80;
/** Halving a bar's spacing (at most MAX_PX) down to 0.005 px takes 25 steps; never more than this. */
const MAX_BISECTION_STEPS = 40;

/**
 * What the chart shows. `symbol` is as the datafeed names it, cut at MAX_SYMBOL (the content
 * script maps it to LiqLens's symbol through the exchange registry). `width` is null for a
 * build without `timeScale.width()` (before v22): the pane's canvas gives it.
 */
export type ReadGeometry = Omit<ChartGeometry, 'pane' | 'mount' | 'legendBottom'> & { width: number; height: number };
export type ReadResult = { ok: true; geometry: ReadGeometry } | { ok: false; reason: NoChartReason | 'not-ready' };

/** Which of the widget's calls were missing and which threw, for the page report. */
export interface CallLog {
  missing: Set<string>;
  threw: Set<string>;
}

/** A call that threw: the read stops there, as if the page had no such call this frame. */
class CallThrew extends Error {}

/**
 * What the widget shows now, or why it cannot be read. Calls the page lacks or that throw are
 * noted in `log` under fixed names (never the page's text); a good read forgets earlier throws
 * (a chart's calls throw while its model loads). `paneWidth` answers the pane's width where the
 * build has no `timeScale.width()`, from the canvas of the pane's height (null: none on screen).
 */
export function readWidget(widget: TvWidget, log: CallLog = { missing: new Set(), threw: new Set() }, paneWidth: (height: number) => number | null = () => null): ReadResult {
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
    // v28+: the chart says whether its model is loaded; before it, its calls may throw.
    if (has(chart, 'hasModel') && !call<boolean>(chart, 'hasModel', 'chart.hasModel')) return { ok: false, reason: 'not-ready' };
    const pane = call<TvPane[]>(chart, 'getPanes', 'chart.getPanes')?.[0];
    const scale = call<TvPriceScale>(pane, 'getMainSourcePriceScale', 'pane.getMainSourcePriceScale');
    const ts = call<TvTimeScale>(chart, 'getTimeScale', 'chart.getTimeScale');
    if (!scale || !ts || (!has(ts, 'coordinateToTime') && (!has(ts, 'width') || !has(ts, 'barSpacing')))) {
      if (ts) for (const name of ['width', 'barSpacing']) if (!has(ts, name)) log.missing.add(`timeScale.${name}`);
      return { ok: false, reason: 'incomplete-api' };
    }
    const resolution = shortText(call(chart, 'resolution', 'chart.resolution'));
    if (resolution === null) return { ok: false, reason: 'not-ready' };
    const timeframe = timeframeFromResolution(resolution);
    if (!timeframe) return { ok: false, reason: 'unsupported-resolution' };
    const barMs = TIMEFRAME_MS[timeframe];
    const height = Number(has(pane, 'getHeight') ? call(pane, 'getHeight', 'pane.getHeight') : firstOf(call(chart, 'getAllPanesHeight', 'chart.getAllPanesHeight')));
    // Builds before v22 have neither width() nor barSpacing(): the canvas and coordinateToTime tell them.
    const width = Number(has(ts, 'width') ? call(ts, 'width', 'timeScale.width') : (log.missing.add('timeScale.width'), paneWidth(height)));
    // A chart of no size is not on screen (its frame hidden behind another view of the page).
    if (width === 0 || height === 0) return { ok: false, reason: 'hidden' };
    if (!(width > 0) || !(height > 0)) return { ok: false, reason: 'not-ready' };
    if (!(width <= MAX_PX) || !(height <= MAX_PX)) return { ok: false, reason: 'not-ready' };
    const timeAt = (x: number) => call<number | null>(ts, 'coordinateToTime', 'timeScale.coordinateToTime', x) ?? null;
    let barSpacing: number;
    if (has(ts, 'barSpacing')) barSpacing = Number(call(ts, 'barSpacing', 'timeScale.barSpacing'));
    else {
      log.missing.add('timeScale.barSpacing');
      barSpacing = measureSpacing(timeAt, width, barMs / 1000) ?? Number.NaN;
    }
    if (!(barSpacing > 0) || !(barSpacing <= MAX_PX)) return { ok: false, reason: 'not-ready' };
    const price = readPriceScale(scale, height, call);
    if (!price) return { ok: false, reason: has(scale, 'getVisiblePriceRange') ? 'not-ready' : 'incomplete-api' };
    let anchor: { time: number; x: number } | null;
    if (has(ts, 'coordinateToTime')) {
      anchor = findBarCentre(timeAt, width, barSpacing, barMs / 1000);
    } else {
      log.missing.add('timeScale.coordinateToTime');
      if (!has(chart, 'getVisibleRange') || !has(ts, 'rightOffset')) return { ok: false, reason: 'incomplete-api' };
      const range = call<{ from: number; to: number }>(chart, 'getVisibleRange', 'chart.getVisibleRange');
      anchor = lastVisibleBar(range?.to, Number(call(ts, 'rightOffset', 'timeScale.rightOffset')), width, barSpacing);
    }
    if (!anchor) return { ok: false, reason: 'not-ready' };
    // Refused, not copied or cut, where it is not a short name (a 20 MB symbol); sent as the datafeed spells it.
    const fullSymbol = shortText(call(chart, 'symbol', 'chart.symbol'));
    if (fullSymbol === null) return { ok: false, reason: 'not-ready' };
    const symbol = fullSymbol.slice(0, MAX_SYMBOL);
    log.threw.clear();
    return {
      ok: true,
      geometry: { symbol, resolution, width, height, time: { anchorTime: sessionToUtc(anchor.time, barMs) * 1000, anchorX: anchor.x, barSpacing, barMs }, price },
    };
  } catch {
    // A page object that throws is as good as missing; the next frame tries again.
    return { ok: false, reason: 'not-ready' };
  }
}

/** getAllPanesHeight() gives each pane's height (the main pane first); older builds one number. */
function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

const DAY_SEC = 86_400;
/** Weekly bars open on Monday 00:00 UTC; the epoch was a Thursday. */
const WEEK_ORIGIN_SEC = 4 * DAY_SEC;

/**
 * For daily and weekly bars, coordinateToTime answers the bar's session start in the symbol's
 * own time zone (Asia/Shanghai's 1D bar of 27 Nov "starts" at 26 Nov 16:00 UTC); LiqLens's bars
 * open at 00:00 UTC (Mondays for weeks). The nearest such boundary is the bar's, for every zone
 * within ±12 h of UTC (all the exchanges' are). Shorter bars are left as they are.
 */
export function sessionToUtc(timeSec: number, barMs: number): number {
  const barSec = barMs / 1000;
  if (barSec !== DAY_SEC && barSec !== 7 * DAY_SEC) return timeSec;
  const origin = barSec === DAY_SEC ? 0 : WEEK_ORIGIN_SEC;
  return origin + Math.round((timeSec - origin) / barSec) * barSec;
}

/** A page-supplied name as text, or null where it is not a short string (a 20 MB symbol is not copied each frame). */
function shortText(value: unknown): string | null {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.length <= MAX_NAME_CHARS ? value : null;
}

type Call = <T>(obj: object | undefined, name: string, label: string, ...args: unknown[]) => T | undefined;

/**
 * Prices at the pane's top and bottom: from the scale's own conversion where it has one, else its
 * visible range. The library gives that range by position, not sorted: `to` is the price on the
 * top row (y = 0), `from` the one on the bottom row (y = height - 1), so an inverted scale has
 * from > to and needs no turning; the bottom edge (y = height) is one row further on.
 */
function readPriceScale(scale: TvPriceScale, height: number, call: Call): ChartGeometry['price'] | null {
  const log = call<number>(scale, 'getMode', 'priceScale.getMode') === LOG_MODE;
  if (typeof scale.coordinateToPrice === 'function') {
    const top = call(scale, 'coordinateToPrice', 'priceScale.coordinateToPrice', 0);
    const bottom = call(scale, 'coordinateToPrice', 'priceScale.coordinateToPrice', height);
    if (typeof top === 'number' && typeof bottom === 'number' && Number.isFinite(top) && Number.isFinite(bottom) && top !== bottom) return { top, bottom, log };
  }
  const range = call<{ from: number; to: number } | null>(scale, 'getVisiblePriceRange', 'priceScale.getVisiblePriceRange');
  if (!range || !Number.isFinite(range.from) || !Number.isFinite(range.to) || range.from === range.to || height <= 1) return null;
  if (log && (range.from <= 0 || range.to <= 0)) return null;
  const f = log ? Math.log : (p: number) => p;
  const fInverse = log ? Math.exp : (p: number) => p;
  const bottom = fInverse(f(range.to) + ((f(range.from) - f(range.to)) * height) / (height - 1));
  return { top: range.to, bottom, log };
}

/**
 * The centre of one bar, to a hundredth of a pixel. The library's coordinateToTime snaps to the
 * bar under x, so the x where its answer changes is the boundary between two bars, half a
 * spacing from each centre: found by bisection. Two neighbours must be one bar (`barSec`) apart,
 * so a time scale that answers otherwise (a gap in the data, a page that changed the call) is
 * not believed there.
 */
export function findBarCentre(timeAt: (x: number) => number | null, width: number, spacing: number, barSec: number): { time: number; x: number } | null {
  // Where bars are: anywhere on a full chart; only at the right on a young market's (few daily bars).
  for (const fraction of [0.5, 0.25, 0.75, 0.1, 0.9, 0.95, 0.98]) {
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
 * Where bars are this far apart: two bar boundaries far apart (where coordinateToTime's answer
 * changes), over the bars between them. For builds without `barSpacing()` (before v22). Null
 * where the time scale does not answer one bar per step (a gap, or no bars there).
 */
export function measureSpacing(timeAt: (x: number) => number | null, width: number, barSec: number): number | null {
  const boundary = (from: number): { x: number; time: number } | null => {
    const t0 = timeAt(from);
    if (typeof t0 !== 'number') return null;
    // Step right a pixel at a time to the next bar (bounded: no bar is wider than the pane's tenth here).
    let lo = from;
    let hi = from;
    for (let step = 0; step < MAX_SPACING_PX; step++) {
      hi = lo + 1;
      const t = timeAt(hi);
      if (t !== t0) {
        if (t !== t0 + barSec) return null;
        break;
      }
      lo = hi;
    }
    if (hi - lo !== 1) return null;
    for (let i = 0; i < 20 && hi - lo > 0.002; i++) {
      const mid = (lo + hi) / 2;
      if (timeAt(mid) === t0) lo = mid;
      else hi = mid;
    }
    return { x: (lo + hi) / 2, time: t0 + barSec };
  };
  // The two found farthest apart (the chart may hold no bars in part of the pane).
  const found = [0.05, 0.35, 0.65, 0.9].map((f) => boundary(width * f)).filter((b) => b !== null);
  if (found.length < 2) return null;
  const a = found[0]!;
  const b = found.at(-1)!;
  return b.time > a.time ? (b.x - a.x) / ((b.time - a.time) / barSec) : null;
}
/** The widest bar spacing measureSpacing looks for. */
const MAX_SPACING_PX = 256;

/**
 * Without coordinateToTime: the slot getVisibleRange().to names, placed by the library's
 * time-scale rule: bar i's centre is at `width - (baseIndex + rightOffset - i + 0.5) * barSpacing - 1`,
 * and `to` is the slot at `ceil(baseIndex + rightOffset)`: a projected one, past the newest bar,
 * when the chart has room to its right (lightweight-charts names the newest bar instead).
 */
export function lastVisibleBar(to: unknown, rightOffset: number, width: number, spacing: number): { time: number; x: number } | null {
  if (typeof to !== 'number' || !Number.isFinite(to) || to <= 0 || !Number.isFinite(rightOffset)) return null;
  const behind = Math.ceil(rightOffset); // slots from the newest bar to the one `to` names
  return { time: to, x: width - (rightOffset - behind + 0.5) * spacing - 1 };
}
