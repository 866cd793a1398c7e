/**
 * "Report this page": what LiqLens found on the page, for a trader to send when a site changed
 * and the overlay no longer finds its chart. Only what LiqLens itself looked for: the site, the
 * URL's path (no query or fragment, which can carry tokens), the frames (with their origins,
 * never their paths), chart-like globals and handles the bridge saw, the calls that were missing
 * or threw, the library version whole, the symbol as the chart's datafeed names it and the one
 * LiqLens expected, the layout (charts, active one), the chart mode and whether geometry was
 * read: what a new embedding needs. No cookies, no page text, nothing about the trader's account, orders or
 * positions: none of it is ever read.
 */
import type { BridgeFindings } from '../bridge/protocol';
import type { TradePage } from '../site/pageUrl';
import { modeName, type ChartMode } from './chartMode';

export interface PageReport {
  liqlens: string;
  site: string;
  path: string;
  page: { exchange: string; market: string; symbol: string } | null;
  bridge: 'connected' | 'not connected';
  chartMode: string;
  geometryRead: boolean;
  frames: BridgeFindings['frames'];
  foreignFrames: number;
  foreign: BridgeFindings['foreign'];
  globals: string[];
  handles: string[];
  widgetConstructor: BridgeFindings['widgetConstructor'];
  chosen: string | null;
  missingCalls: string[];
  throwingCalls: string[];
  libraryVersion: string | null;
  /** The symbol as the chart's datafeed names it, and the one LiqLens expected from the address. */
  chartSymbol: string | null;
  expectedSymbol: string | null;
  layout: BridgeFindings['layout'];
}

export function pageReport(version: string, href: string, page: TradePage | null, connected: boolean, mode: ChartMode, findings: BridgeFindings | null, chartSymbol: string | null): PageReport {
  const url = new URL(href);
  return {
    liqlens: version,
    site: url.hostname,
    path: url.pathname,
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
    chartSymbol,
    expectedSymbol: page?.symbol ?? null,
    layout: findings?.layout ?? null,
  };
}
