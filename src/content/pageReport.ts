/**
 * "Report this page": what LiqLens found on the page, for a trader to send when a site changed
 * and the overlay no longer finds its chart. Only on a trade page LiqLens recognised, and only
 * what LiqLens itself looked for: the site, the path as a template (`/{lang}/futures/{symbol}`:
 * a path can carry session ids, key ids, reset tokens, referral codes, so none of its own text
 * is copied; the query and fragment never are), the frames (with their origins, never their
 * paths), chart-like globals and handles the bridge saw, the calls that were missing or threw,
 * the library version whole (in the library's own shapes), the symbol as the chart's datafeed
 * names it (in a symbol's shape) and the one LiqLens expected, the layout (charts, active one),
 * the chart mode and whether geometry was read: what a new embedding needs. No cookies, no page
 * text, nothing about the trader's account, orders or
 * positions: none of it is ever read.
 */
import type { BridgeFindings } from '../bridge/protocol';
import type { TradePage } from '../site/pageUrl';
import { modeName, type ChartMode } from './chartMode';
import { CHART_SYMBOL, type PageReport } from '../messaging/pageMessages';

// Its shape is the reply of the PAGE_REPORT contract, written once in src/messaging.
export type { PageReport };

/** The report of a recognised trade page; null on any other page, which gets none. */
export function pageReport(version: string, href: string, page: TradePage | null, connected: boolean, mode: ChartMode, findings: BridgeFindings | null, chartSymbol: string | null): PageReport | null {
  if (!page) return null;
  const url = new URL(href);
  return {
    liqlens: version,
    site: url.hostname,
    path: pathTemplate(url.pathname, page),
    page: page && { exchange: page.exchange, market: page.market, symbol: page.symbol },
    bridge: connected ? 'connected' : 'not connected',
    chartMode: modeName(mode),
    geometryRead: mode.kind === 'chart',
    frames: findings?.frames ?? [],
    foreignFrames: findings?.foreignFrames ?? 0,
    foreign: findings?.foreign ?? [],
    globals: findings?.globals ?? [],
    handles: findings?.handles ?? [],
    widgetConstructor: findings?.widgetConstructor ?? { defined: false, widgets: 0 },
    chosen: findings?.chosen ?? null,
    missingCalls: findings?.missing ?? [],
    throwingCalls: findings?.threw ?? [],
    libraryVersion: findings?.version ?? null,
    chartSymbol: chartSymbol !== null && CHART_SYMBOL.test(chartSymbol) ? chartSymbol : null,
    expectedSymbol: page.symbol,
    layout: findings?.layout ?? null,
  };
}

/**
 * The path with its variable parts named, not copied: the segment naming the market becomes
 * `{symbol}`, a leading language segment `{lang}`, any other segment but the exchange's own
 * lower-case section words (`futures`, `trade`, `usdt`…) `{segment}`.
 */
export function pathTemplate(pathname: string, page: TradePage): string {
  const segments = pathname.split('/').filter(Boolean);
  const base = page.base.toLowerCase();
  const quote = page.quote.toLowerCase();
  const out: string[] = [];
  for (const [i, segment] of segments.entries()) {
    const lower = segment.toLowerCase();
    // The pair in one segment (BTCUSDT, btc-usdt-swap), or split over two (BTC/USDT).
    if (lower.includes(base) || (lower === quote && out.at(-1) === '{symbol}')) out.push('{symbol}');
    else if (i === 0 && segments.length > 2 && LANG.test(segment)) out.push('{lang}');
    else out.push(SECTION.test(segment) ? segment : '{segment}');
  }
  return '/' + out.join('/');
}

const LANG = /^[a-z]{2}(?:-[A-Za-z]{2,4})?$/;
/** A section word of an exchange's trade path: short, lower case, letters and hyphens. */
const SECTION = /^[a-z][a-z-]{1,15}$/;
