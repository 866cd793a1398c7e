/**
 * The channel between the main-world chart bridge and the isolated content script.
 *
 * Handshake: both scripts run at document_start, before any page script. The content script
 * listens for HELLO_EVENT and announces itself with READY_EVENT; the bridge answers READY (or
 * greets first) with a random nonce in a synchronous CustomEvent, and stops answering once the
 * content script acknowledges. Page scripts, which run later, never see the nonce. After that the bridge posts only numbers, tagged with the nonce; the content
 * script drops anything else and validates the rest (parseBridgeMessage). Nothing on this
 * channel is an action: the worst a forged message could do is misplace our drawing on the
 * page's own chart, and without the nonce it cannot even do that.
 */
import type { ChartGeometry } from '../overlay/geometry';

export const READY_EVENT = 'liqlens:content-ready';
export const HELLO_EVENT = 'liqlens:bridge-hello';
/** The content script took the nonce: the bridge stops answering READY, so nobody else can ask. */
export const ACK_EVENT = 'liqlens:bridge-ack';
export const CHANNEL = 'liqlens-bridge';

/** Why there is no chart to paint on, in fixed words (never page text). */
export type NoChartReason =
  /** No TradingView charting library on this page (e.g. Binance's Basic chart, the depth view). */
  | 'no-api'
  /** The library is there but lacks the calls LiqLens needs to place marks exactly. */
  | 'incomplete-api'
  /** The chart shows a resolution LiqLens has no timeframe for (seconds, months). */
  | 'unsupported-resolution';

export type BridgeMessage =
  | { type: 'geometry'; geometry: ChartGeometry; frame: number | null }
  | { type: 'no-chart'; reason: NoChartReason };

export const NO_CHART_REASONS: readonly NoChartReason[] = ['no-api', 'incomplete-api', 'unsupported-resolution'];

const MAX_PX = 100_000;
const SYMBOL = /^[A-Z0-9._-]{1,40}$/;
const RESOLUTION = /^\d{0,4}[SDWM]?$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPx = (v: unknown): v is number => isNumber(v) && Math.abs(v) <= MAX_PX;
const isPositivePx = (v: unknown): v is number => isPx(v) && v > 0;

/**
 * The message if it is the bridge's (right channel and nonce) and well formed, else null. Only
 * the listed fields are copied out: nothing else of what the page could attach survives.
 */
export function parseBridgeMessage(data: unknown, nonce: string): BridgeMessage | null {
  if (!isRecord(data) || data.channel !== CHANNEL || data.nonce !== nonce) return null;
  if (data.type === 'no-chart') {
    return NO_CHART_REASONS.includes(data.reason as NoChartReason) ? { type: 'no-chart', reason: data.reason as NoChartReason } : null;
  }
  if (data.type !== 'geometry') return null;
  const frame = data.frame;
  if (!(frame === null || (Number.isInteger(frame) && (frame as number) >= 0 && (frame as number) < 64))) return null;
  const geometry = parseGeometry(data.geometry);
  return geometry ? { type: 'geometry', geometry, frame: frame as number | null } : null;
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
