/**
 * The content script: reads what the page shows (exchange, symbol, timeframe), keeps the
 * background watching it, and renders the badge. Exchange pages are single-page apps, so the
 * page is re-read on a short interval instead of only at load.
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Timeframe } from '../core/timeframes';
import type { FeedStatus } from '../messaging/protocol';
import { overlayEnabled } from '../settings/items';
import { parseTradePageUrl, type TradePage } from '../site/pageUrl';
import { Badge, BADGE_CSS } from './Badge';
import { badgeModel, unsupportedModel, type BadgeModel } from './badgeModel';
import { readTimeframe } from './readTimeframe';
import { TabClient } from './tabClient';

const DEFAULT_TIMEFRAME: Timeframe = '15m';
const READ_PAGE_MS = 400;
const RERENDER_MS = 1000;

interface View {
  page: TradePage;
  timeframe: { value: Timeframe; assumed: boolean };
}

export function runContentScript(ctx: ContentScriptContext): void {
  const { host, mount } = createOverlayRoot();
  let view: View | null = null;
  let status: FeedStatus | null = null;

  const client = new TabClient((next) => {
    // Ignore a late status for what the tab showed before a navigation.
    if (view && next.symbol === view.page.symbol && next.timeframe === view.timeframe.value) {
      status = next;
      draw();
    }
  });
  ctx.onInvalidated(() => {
    client.close();
    host.remove();
  });

  function draw(): void {
    const model: BadgeModel | null = view
      ? badgeModel(view.page, view.timeframe, status, Date.now())
      : unsupportedFor(location.href);
    if (model) render(<Badge model={model} />, mount);
    else render(null, mount);
  }

  function readPage(): void {
    const page = parseTradePageUrl(location.href);
    const shown = page ? readTimeframe(document) : null;
    const next: View | null = page
      ? { page, timeframe: { value: shown ?? DEFAULT_TIMEFRAME, assumed: shown === null } }
      : null;
    if (sameView(view, next)) return;
    view = next;
    status = null;
    if (next) client.send({ type: 'watch', page: next.page, timeframe: next.timeframe.value });
    else client.send({ type: 'unwatch' });
    draw();
  }

  void overlayEnabled.getValue().then((on) => (host.hidden = !on));
  const unwatch = overlayEnabled.watch((on) => (host.hidden = !on));
  ctx.onInvalidated(unwatch);

  readPage();
  ctx.setInterval(readPage, READ_PAGE_MS);
  ctx.setInterval(draw, RERENDER_MS);
}

/** A futures or trade path that LiqLens cannot read says so; other pages of the site show nothing. */
function unsupportedFor(href: string): BadgeModel | null {
  const url = new URL(href);
  const exchange = url.hostname.endsWith('bybit.com') ? 'bybit' : 'binance';
  if (/\/(futures|trade)\//i.test(url.pathname)) {
    return unsupportedModel(exchange, 'LiqLens reads USDT perpetual and spot trade pages only');
  }
  return null;
}

function sameView(a: View | null, b: View | null): boolean {
  if (a === null || b === null) return a === b;
  return a.page.exchange === b.page.exchange && a.page.market === b.page.market && a.page.symbol === b.page.symbol &&
    a.timeframe.value === b.timeframe.value && a.timeframe.assumed === b.timeframe.assumed;
}

/** Our own element in a shadow root, so the page's CSS cannot reach the badge and ours cannot leak. */
function createOverlayRoot(): { host: HTMLElement; mount: HTMLElement } {
  const host = document.createElement('liqlens-overlay');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = BADGE_CSS;
  const mount = document.createElement('div');
  shadow.append(style, mount);
  document.documentElement.append(host);
  return { host, mount };
}
