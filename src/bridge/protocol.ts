/**
 * The channel between the main-world chart bridge and the isolated content script.
 *
 * Handshake: both scripts run at document_start, before any page script. The content script
 * listens for HELLO_EVENT and announces itself with READY_EVENT; the bridge answers READY (or
 * greets first) with a synchronous MessageEvent that carries one end of a MessageChannel, and
 * stops answering once the content script acknowledges. After that every message travels on
 * that port: nothing reaches `window.postMessage`, so a page script listening to every message
 * sees none of it, and a page script cannot post to the port it never saw. The content script
 * still validates each message field by field (parseBridgeMessage): the bridge reads page
 * objects, and the page owns them. Nothing on this channel is an action.
 */
import type { ChartGeometry } from '../overlay/geometry';

export const READY_EVENT = 'liqlens:content-ready';
export const HELLO_EVENT = 'liqlens:bridge-hello';
/** The content script took the port: the bridge stops answering READY, so nobody else can ask. */
export const ACK_EVENT = 'liqlens:bridge-ack';

/** Why there is no chart to paint on, in fixed words (never page text). */
export type NoChartReason =
  /** No TradingView charting library on this page (e.g. Binance's Basic chart, the depth view). */
  | 'no-api'
  /** The library is there but lacks the calls LiqLens needs to place marks exactly. */
  | 'incomplete-api'
  /** The chart shows a resolution LiqLens has no timeframe for (seconds, months). */
  | 'unsupported-resolution'
  /** The library's chart exists but is not shown (another view of the page is in front of it). */
  | 'hidden'
  /** The chart did not answer this frame (loading, or its objects threw or changed): draw nothing until it does. */
  | 'unreadable';

export const NO_CHART_REASONS: readonly NoChartReason[] = ['no-api', 'incomplete-api', 'unsupported-resolution', 'hidden', 'unreadable'];

/** Where the bridge looked and what it found: the page report's part (no values, names only). */
export interface BridgeFindings {
  /** Each same-origin frame the bridge could read (index among the page's iframes, the element's id). */
  frames: { index: number; id: string }[];
  /** Cross-origin frames it could not read. */
  foreignFrames: number;
  /** Handles found, as `top.<name>` or `frame<i>.<name>`, and `TradingView.widget` instances as `constructor#<n>`. */
  handles: string[];
  /** Whether the page defined `TradingView.widget` (hooked), and how many widgets it built. */
  widgetConstructor: { defined: boolean; widgets: number };
  /** API calls of the chosen widget that were missing, and those that threw. */
  missing: string[];
  threw: string[];
  /** The library version where the page says it (`TradingView.version()`), else null. */
  version: string | null;
  /** Which handle the overlay reads, or null. */
  chosen: string | null;
  /** Whether geometry was read from it. */
  geometryRead: boolean;
}

export type BridgeMessage =
  | { type: 'geometry'; geometry: ChartGeometry; frame: number | null }
  | { type: 'no-chart'; reason: NoChartReason }
  | { type: 'findings'; findings: BridgeFindings };

const MAX_PX = 100_000;
const SYMBOL = /^[A-Z0-9._-]{1,40}$/;
const RESOLUTION = /^\d{0,4}[SDWM]?$/;
/** Handle and call names: identifiers and dots only, short. */
const NAME = /^[A-Za-z0-9_.#]{1,60}$/;
const FRAME_ID = /^[A-Za-z0-9_-]{0,60}$/;
/** The library's version string as `TradingView.version()` gives it (e.g. `27.001 (internal id 5b3a6e52 @ 2024-01-01)`). */
export const VERSION = /^[A-Za-z0-9 ._+:@()-]{1,80}$/;
const MAX_LIST = 32;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPx = (v: unknown): v is number => isNumber(v) && Math.abs(v) <= MAX_PX;
const isPositivePx = (v: unknown): v is number => isPx(v) && v > 0;
const isFrameIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 64;
const names = (v: unknown): string[] | null =>
  Array.isArray(v) && v.length <= MAX_LIST && v.every((s) => typeof s === 'string' && NAME.test(s)) ? [...(v as string[])] : null;

/**
 * The message if it is well formed, else null. Only the listed fields are copied out: nothing
 * else of what a page object could have attached survives.
 */
export function parseBridgeMessage(data: unknown): BridgeMessage | null {
  if (!isRecord(data)) return null;
  if (data.type === 'no-chart') {
    return NO_CHART_REASONS.includes(data.reason as NoChartReason) ? { type: 'no-chart', reason: data.reason as NoChartReason } : null;
  }
  if (data.type === 'findings') {
    const findings = parseFindings(data.findings);
    return findings ? { type: 'findings', findings } : null;
  }
  if (data.type !== 'geometry') return null;
  const frame = data.frame;
  if (!(frame === null || isFrameIndex(frame))) return null;
  const geometry = parseGeometry(data.geometry);
  return geometry ? { type: 'geometry', geometry, frame } : null;
}

export function parseGeometry(v: unknown): ChartGeometry | null {
  if (!isRecord(v) || !isRecord(v.pane) || !isRecord(v.time) || !isRecord(v.price)) return null;
  const { symbol, resolution, mount, pane, time, price } = v;
  if (typeof symbol !== 'string' || !SYMBOL.test(symbol) || typeof resolution !== 'string' || !RESOLUTION.test(resolution)) return null;
  if (!Number.isInteger(mount) || (mount as number) < 0) return null;
  if (!isPx(pane.left) || !isPx(pane.top) || !isPositivePx(pane.width) || !isPositivePx(pane.height)) return null;
  if (!isNumber(time.anchorTime) || time.anchorTime < 0 || !isPx(time.anchorX) || !isPositivePx(time.barSpacing) || !isNumber(time.barMs) || time.barMs <= 0) return null;
  if (!isNumber(price.top) || !isNumber(price.bottom) || price.top === price.bottom || typeof price.log !== 'boolean') return null;
  if (price.log && !(price.top > 0 && price.bottom > 0)) return null;
  return {
    symbol,
    resolution,
    mount: mount as number,
    pane: { left: pane.left, top: pane.top, width: pane.width, height: pane.height },
    time: { anchorTime: time.anchorTime, anchorX: time.anchorX, barSpacing: time.barSpacing, barMs: time.barMs },
    price: { top: price.top, bottom: price.bottom, log: price.log },
  };
}

function parseFindings(v: unknown): BridgeFindings | null {
  if (!isRecord(v) || !Array.isArray(v.frames) || v.frames.length > MAX_LIST || !isRecord(v.widgetConstructor)) return null;
  const frames: BridgeFindings['frames'] = [];
  for (const f of v.frames as unknown[]) {
    if (!isRecord(f) || !isFrameIndex(f.index) || typeof f.id !== 'string' || !FRAME_ID.test(f.id)) return null;
    frames.push({ index: f.index, id: f.id });
  }
  const handles = names(v.handles);
  const missing = names(v.missing);
  const threw = names(v.threw);
  const { defined, widgets } = v.widgetConstructor;
  if (!handles || !missing || !threw || typeof defined !== 'boolean' || !Number.isInteger(widgets) || (widgets as number) < 0) return null;
  if (!Number.isInteger(v.foreignFrames) || (v.foreignFrames as number) < 0 || typeof v.geometryRead !== 'boolean') return null;
  if (!(v.version === null || (typeof v.version === 'string' && VERSION.test(v.version)))) return null;
  if (!(v.chosen === null || (typeof v.chosen === 'string' && NAME.test(v.chosen)))) return null;
  return {
    frames,
    foreignFrames: v.foreignFrames as number,
    handles,
    widgetConstructor: { defined, widgets: widgets as number },
    missing,
    threw,
    version: v.version,
    chosen: v.chosen,
    geometryRead: v.geometryRead,
  };
}
