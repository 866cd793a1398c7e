/**
 * The extension's one-off messages to a tab's content script: the keyboard shortcut's
 * "toggle the overlay here", the popup's "Report this page", and the overlay's diagnostics
 * (tests and debugging). The content script answers only its own extension (sender.id).
 */
import * as v from 'valibot';
import { contract, type ReplyOf } from './contract';
import { count, finite, list, text } from './schema';
import { BridgeFindingsSchema } from './validateBridge';

/** Shows or hides the overlay of this tab only; the answer says whether it is now hidden. */
export const TOGGLE_OVERLAY = contract(
  v.strictObject({ type: v.literal('toggleOverlay') }),
  v.object({ hidden: v.boolean() }),
);

const MAX_NAMES = 32;
const shortName = text(120);
/** A datafeed's symbol name: an optional `EXCHANGE:` prefix, the name, an optional `@UPPER=CASE` suffix; an email or a token does not fit. */
export const CHART_SYMBOL = /^(?:[A-Z0-9]{1,16}:)?[A-Za-z0-9._-]{1,40}(?:@[A-Z_]{1,20}=[A-Z_]{1,20})?$/;

/** What LiqLens found on the page (content/pageReport.ts says what is and is never in it); null on a page it does not report on. */
const PageReportSchema = v.object({
  liqlens: text(40),
  site: text(253),
  path: text(2_000),
  page: v.nullable(v.object({ exchange: shortName, market: shortName, symbol: shortName })),
  bridge: v.picklist(['connected', 'not connected']),
  chartMode: shortName,
  geometryRead: v.boolean(),
  frames: BridgeFindingsSchema.entries.frames,
  foreignFrames: count,
  foreign: BridgeFindingsSchema.entries.foreign,
  globals: BridgeFindingsSchema.entries.globals,
  handles: list(shortName, MAX_NAMES),
  widgetConstructor: BridgeFindingsSchema.entries.widgetConstructor,
  chosen: v.nullable(shortName),
  missingCalls: list(shortName, MAX_NAMES),
  throwingCalls: list(shortName, MAX_NAMES),
  libraryVersion: BridgeFindingsSchema.entries.version,
  /** The symbol as the chart's datafeed names it (in a symbol's shape only: `BINANCE:BTCUSDT.P`, `BTCUSDT@PRICETYPE=LAST`), and the one LiqLens expected. */
  chartSymbol: v.nullable(v.pipe(v.string(), v.regex(CHART_SYMBOL))),
  expectedSymbol: v.nullable(shortName),
  layout: BridgeFindingsSchema.entries.layout,
});
export type PageReport = v.InferOutput<typeof PageReportSchema>;

export const PAGE_REPORT = contract(v.strictObject({ type: v.literal('pageReport') }), v.nullable(PageReportSchema));

/**
 * The overlay's state as the content script sees it. Diagnostics for the extension's own tests:
 * the chart's state and each painted item are passed through as the overlay holds them.
 */
export const OVERLAY_DEBUG = contract(
  v.strictObject({ type: v.literal('overlayDebug') }),
  v.object({
    href: v.string(),
    bridgeConnected: v.boolean(),
    visible: v.boolean(),
    chart: v.looseObject({ kind: v.string() }),
    paints: count,
    lastPaint: v.nullable(v.object({ ms: finite, at: finite, items: v.array(v.looseObject({ kind: v.string() })) })),
    paintMs: v.array(finite),
  }),
);
export type OverlayDebug = ReplyOf<typeof OVERLAY_DEBUG>;
