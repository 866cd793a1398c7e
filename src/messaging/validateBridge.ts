/**
 * What the main-world chart bridge tells the content script (the channel: bridgeChannel.ts),
 * each message written once as a schema, its type inferred from it. The bridge reads page
 * objects and the page owns them, so this is untrusted input: every field is bounded, text is
 * limited to names and fixed words, and only the listed fields are copied out.
 */
import * as v from 'valibot';
import { FRAME_ID, NO_CHART_REASONS, VERSION } from './bridgeChannel';
import { check, finite, list, parse, type Checked } from './schema';

const MAX_PX = 100_000;
/** A symbol as datafeeds name it (`BTCUSDT@PRICETYPE=LAST`, `BINANCE:BTCUSDT.P`, `btc-usdt-swap`): no markup, no spaces. */
const CHART_SYMBOL = /^[A-Za-z0-9._:@=!/-]{1,64}$/;
const RESOLUTION = /^\d{0,4}[SDWM]?$/;
/** Handle and call names: identifiers and dots only, short. */
const NAME = /^[A-Za-z0-9_.#]{1,60}$/;
/** An origin (scheme, host, port: never a path, query or fragment), or the scheme alone (`about:`, `blob:`, `data:`). */
const ORIGIN = /^(?:[a-z][a-z0-9+.-]{0,15}:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?|[a-z][a-z0-9+.-]{0,15}:)$/;
const MAX_LIST = 32;
/**
 * Plausible prices at a pane's edges: no USDT market trades near a billion, and a percent or
 * indexed scale stays far inside it. ±1e300 would put every level on one line.
 */
const MAX_PRICE = 1e9;
/** Bar open times between 2009 and 2100 (epoch ms). */
const MIN_TIME_MS = Date.UTC(2009, 0, 1);
const MAX_TIME_MS = Date.UTC(2100, 0, 1);
/** The longest bar: a month. */
const MAX_BAR_MS = 31 * 24 * 3_600_000;

const px = v.pipe(finite, v.minValue(-MAX_PX), v.maxValue(MAX_PX));
const positivePx = v.pipe(px, v.gtValue(0));
const price = v.pipe(finite, v.minValue(-MAX_PRICE), v.maxValue(MAX_PRICE));
const wholeNumber = v.pipe(v.number(), v.integer(), v.minValue(0));
/** An iframe's index among the page's (the page report's). */
const frameIndex = v.pipe(wholeNumber, v.maxValue(63));
/** The bridge's token for the chart's iframe, introduced as the element itself (bridgeChannel.ts FRAME_EVENT). */
const frameToken = v.pipe(wholeNumber, v.maxValue(2 ** 31 - 1));
const name = v.pipe(v.string(), v.regex(NAME));
const names = list(name, MAX_LIST);

/**
 * Where the exchange's chart draws a price and a time (overlay/geometry.ts maps with it).
 * Coordinates are CSS pixels relative to the main pane's top-left corner.
 */
export const ChartGeometrySchema = v.object({
  /**
   * The symbol the chart shows. From the bridge: as the chart's datafeed names it; the content
   * script maps it to LiqLens's (BTCUSDT) through the exchange registry where it can.
   */
  symbol: v.pipe(v.string(), v.regex(CHART_SYMBOL)),
  /** TradingView resolution: '1', '15', '60', '1D'… */
  resolution: v.pipe(v.string(), v.regex(RESOLUTION)),
  /** The main pane within the chart frame's viewport. */
  pane: v.object({ left: px, top: px, width: positivePx, height: positivePx }),
  time: v.object({
    /** Open time (epoch ms) of a bar the chart holds, and the x of its centre. */
    anchorTime: v.pipe(finite, v.minValue(MIN_TIME_MS), v.maxValue(MAX_TIME_MS)),
    anchorX: px,
    /** Pixels from one bar's centre to the next. */
    barSpacing: positivePx,
    /** Length of a bar, ms. */
    barMs: v.pipe(finite, v.gtValue(0), v.maxValue(MAX_BAR_MS)),
  }),
  price: v.pipe(
    v.object({
      /** Prices at the pane's top and bottom edges (an inverted scale has top < bottom). */
      top: price,
      bottom: price,
      /** Log scale maps log(price) linearly; normal, percent and indexed map price linearly. */
      log: v.boolean(),
    }),
    v.check((p) => p.top !== p.bottom, 'a price scale spans some range'),
    v.check((p) => !p.log || (p.top > 0 && p.bottom > 0), 'a log scale shows positive prices only'),
  ),
  /** Counts chart (re)mounts: the library rebuilds its chart on layout changes. */
  mount: wholeNumber,
  /**
   * How far below the pane's top the library's own legend (symbol, OHLC, indicators) reaches, where
   * the page exposes it; absent where it does not (LiqLens then leaves a default height free).
   */
  legendBottom: v.optional(v.pipe(finite, v.minValue(0), v.maxValue(MAX_PX))),
});
export type ChartGeometry = v.InferOutput<typeof ChartGeometrySchema>;

/** Where the bridge looked and what it found: the page report's part (no values, names only). */
const origin = v.pipe(v.string(), v.regex(ORIGIN));

export const BridgeFindingsSchema = v.object({
  /** Each same-origin frame the bridge could read (index among the page's iframes, the element's id as the library names its frames, its document's origin). */
  frames: list(v.object({ index: frameIndex, id: v.union([v.literal(''), v.pipe(v.string(), v.regex(FRAME_ID))]), origin }), MAX_LIST),
  /** Cross-origin frames it could not read: how many, and each one's index and origin (from its address, never the path). */
  foreignFrames: wholeNumber,
  foreign: list(v.object({ index: frameIndex, origin }), MAX_LIST),
  /** Chart-like globals on the page and its same-origin frames (`top.tvWidget`, `frame0.chartWidget`): names only. */
  globals: names,
  /** The chosen widget's layout: how many charts, and which is active (Trading Terminal builds; one chart otherwise). */
  layout: v.nullable(v.object({ charts: v.pipe(wholeNumber, v.maxValue(16)), active: v.pipe(wholeNumber, v.maxValue(15)) })),
  /** Handles found, as `top.<name>` or `frame<i>.<name>`, and `TradingView.widget` instances as `constructor#<n>`. */
  handles: names,
  /** Whether the page defined `TradingView.widget` (hooked), and how many widgets it built. */
  widgetConstructor: v.object({ defined: v.boolean(), widgets: wholeNumber }),
  /** API calls of the chosen widget that were missing, and those that threw. */
  missing: names,
  threw: names,
  /** The library version where the page says it (`TradingView.version()`), else null. */
  version: v.nullable(v.pipe(v.string(), v.regex(VERSION))),
  /** Which handle the overlay reads, or null. */
  chosen: v.nullable(name),
  /** Whether geometry was read from it. */
  geometryRead: v.boolean(),
});
export type BridgeFindings = v.InferOutput<typeof BridgeFindingsSchema>;

export const BridgeMessageSchema = v.variant('type', [
  v.object({ type: v.literal('geometry'), geometry: ChartGeometrySchema, frame: v.nullable(frameToken) }),
  v.object({ type: v.literal('no-chart'), reason: v.picklist(NO_CHART_REASONS) }),
  v.object({ type: v.literal('findings'), findings: BridgeFindingsSchema }),
]);
export type BridgeMessage = v.InferOutput<typeof BridgeMessageSchema>;

/** The message if it is well formed, or why it was refused. */
export function checkBridgeMessage(data: unknown): Checked<BridgeMessage> {
  return check(BridgeMessageSchema, data);
}

/** The message if it is well formed, else null. */
export function parseBridgeMessage(data: unknown): BridgeMessage | null {
  return parse(BridgeMessageSchema, data);
}
