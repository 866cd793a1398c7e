/**
 * The channel between the main-world chart bridge and the isolated content script.
 *
 * Handshake: both scripts run at document_start. The content script listens for HELLO_EVENT and
 * dispatches READY_EVENT; the bridge answers READY within that dispatch with a MessageEvent
 * carrying one end of a MessageChannel, until the content script acknowledges (ACK_EVENT). The
 * content script takes a port only from an answer within its own dispatch, and only when exactly
 * one script answered (content/bridgeClient.ts); a bridge that starts after it greets without a
 * port, and it asks again. After that every message travels on the port: nothing reaches
 * `window.postMessage`, and the bridge sends with built-ins it captured before any page script ran.
 *
 * This is not a private channel against a page that owned the window before our scripts (a
 * same-origin opener can prepare the new window's world): that page owns the main world as the
 * bridge does, and could feed the bridge any chart. So the content script treats the port as
 * untrusted input: each message checked against its schema (messaging/validateBridge.ts),
 * bounded, rate-limited, and nothing on this channel is an action.
 *
 * The main-world bridge imports this file, its readers and the trade-page address check
 * (site/pageUrl.ts); the schemas stay out of the page's world. The content script imports
 * protocol.ts.
 */
export const READY_EVENT = 'liqlens:content-ready';
export const HELLO_EVENT = 'liqlens:bridge-hello';
/** The content script took the port: the bridge stops answering READY, so nobody else can ask. */
export const ACK_EVENT = 'liqlens:bridge-ack';
/**
 * Which iframe the chart is in, told as the element itself, never as an index among the page's
 * iframes (the page adds and removes iframes: an index read by the bridge names another frame by
 * the time the content script paints). The bridge's HELLO is dispatched on a node of its own,
 * briefly in the document so that it reaches the content script's window listener as the event's
 * target; from then on the node is detached and known to the two scripts only. Before each
 * geometry message in a frame, the bridge dispatches FRAME_EVENT on that node, a MouseEvent whose
 * relatedTarget is the iframe element and whose detail is the token the message then names. An
 * event on a detached node reaches no page listener.
 */
export const FRAME_EVENT = 'liqlens:bridge-frame';


/** Why there is no chart to paint on, in fixed words (never page text). */
export const NO_CHART_REASONS = [
  /** No TradingView charting library on this page (e.g. Binance's Basic chart, the depth view). */
  'no-api',
  /** The library is there but lacks the calls LiqLens needs to place marks exactly. */
  'incomplete-api',
  /** The chart shows a resolution LiqLens has no timeframe for (seconds, months). */
  'unsupported-resolution',
  /** The library's chart exists but is not shown (another view of the page is in front of it). */
  'hidden',
  /** The chart did not answer this frame (loading, or its objects threw or changed): draw nothing until it does. */
  'unreadable',
] as const;
export type NoChartReason = (typeof NO_CHART_REASONS)[number];

/**
 * The library's version as `TradingView.version()` gives it, whole, in the library's own shapes
 * only (`27.001`, `CL v29.2.0 (internal id 3b7e3e05 @ 2025-04-08T10:49:22.516Z)`, with the build's
 * own comma-separated words after it: real ones run to ~100 characters); anything else a page
 * writes there (an email address, a token) is not reported.
 */
export const VERSION = /^(?:CL )?v?\d{1,3}(?:\.\d{1,4}){1,2}(?: \(internal id [0-9a-f]{1,40}(?: @ \d{4}-\d{2}-\d{2}[0-9T:.Z]{0,14})?(?:, [A-Za-z0-9 -]{1,60}){0,4}\))?$/;
/** An iframe id as the library names its chart frames (`tradingview_7c2d1`); any other id is reported as ''. */
export const FRAME_ID = /^tradingview_[0-9a-f]{1,12}$/;
