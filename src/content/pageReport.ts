/**
 * "Report this page": what LiqLens found on the page, for a trader to send when a site changed
 * and the overlay no longer finds its chart. Only what LiqLens itself looked for: the site, the
 * URL's path (no query or fragment, which can carry tokens), the frames and handles the bridge
 * saw, the calls that were missing or threw, the library version, the chart mode and whether
 * geometry was read. No cookies, no page text, nothing about the trader's account, orders or
 * positions: none of it is ever read.
 */
import type { BridgeFindings } from '../bridge/protocol';
import type { TradePage } from '../site/pageUrl';
import { modeName, type ChartMode } from './chartMode';
import type { PageReport } from '../messaging/pageMessages';

// Its shape is the reply of the PAGE_REPORT contract, written once in src/messaging.
export type { PageReport };

export function pageReport(version: string, href: string, page: TradePage | null, connected: boolean, mode: ChartMode, findings: BridgeFindings | null): PageReport {
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
    handles: findings?.handles ?? [],
    widgetConstructor: findings?.widgetConstructor ?? { defined: false, widgets: 0 },
    chosen: findings?.chosen ?? null,
    missingCalls: findings?.missing ?? [],
    throwingCalls: findings?.threw ?? [],
    libraryVersion: findings?.version ?? null,
  };
}
