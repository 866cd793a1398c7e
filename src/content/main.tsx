/**
 * The content script: reads what the page shows (exchange, symbol, timeframe), keeps the
 * background watching it, renders the badge, and paints the overlay on the chart (through the
 * main-world bridge) or, where the page has no chart API, lists the levels in a side panel.
 * Exchange pages are single-page apps, so the page is re-read on a short interval.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BridgeMessage, NoChartReason } from '../bridge/protocol';
import { timeframeFromResolution, type Timeframe } from '../core/timeframes';
import type { FeedStatus } from '../messaging/protocol';
import type { ChartGeometry } from '../overlay/geometry';
import type { OverlayScene } from '../overlay/layers';
import { overlayEnabled, overlayLayers } from '../settings/items';
import { parseTradePageUrl, type TradePage } from '../site/pageUrl';
import { EXCHANGE_IDS, exchangeOfHost } from '../exchanges';
import { Badge, BADGE_CSS } from './Badge';
import { badgeModel, unsupportedModel, type BadgeModel } from './badgeModel';
import { connectBridge } from './bridgeClient';
import { OverlayHost } from './overlayHost';
import { readTimeframe } from './readTimeframe';
import { SidePanel, SIDE_PANEL_CSS } from './SidePanel';
import { sidePanelModel } from './sidePanelModel';
import { TabClient } from './tabClient';

const DEFAULT_TIMEFRAME: Timeframe = '15m';
const READ_PAGE_MS = 400;
const RERENDER_MS = 1000;
/** Without a word from the bridge by then, the page has no chart LiqLens can reach. */
const BRIDGE_SILENT_MS = 6_000;

interface View {
  page: TradePage;
  timeframe: { value: Timeframe; assumed: boolean };
}

/** What the overlay draws on: the chart, nothing yet, or a list because there is no chart API. */
type ChartState = { kind: 'waiting' } | { kind: 'chart'; geometry: ChartGeometry } | { kind: 'list'; reason: NoChartReason | 'no-bridge' };

export function runContentScript(ctx: ContentScriptContext): void {
  // First, before page scripts run: the bridge's handshake (see bridge/protocol.ts).
  const bridge = connectBridge(window, onBridge);
  const overlay = new OverlayHost(window);
  const { host, mount } = createOverlayRoot();
  let view: View | null = null;
  let status: FeedStatus | null = null;
  let chart: ChartState = { kind: 'waiting' };
  const started = Date.now();

  const client = new TabClient((next) => {
    // Ignore a late status for what the tab showed before a navigation.
    if (view && next.symbol === view.page.symbol && next.timeframe === view.timeframe.value) {
      status = next;
      overlay.setScene(sceneOf(next));
      draw();
    }
  });
  ctx.onInvalidated(() => {
    client.close();
    bridge.close();
    overlay.detach();
    host.remove();
  });

  function onBridge(message: BridgeMessage): void {
    if (message.type === 'geometry') {
      chart = { kind: 'chart', geometry: message.geometry };
      overlay.setGeometry(message.geometry, message.frame);
    } else {
      chart = { kind: 'list', reason: message.reason };
      overlay.detach();
    }
    readPage();
    draw();
  }

  function draw(): void {
    const model: BadgeModel | null = view
      ? badgeModel(view.page, view.timeframe, status, Date.now())
      : unsupportedFor(location.href);
    if (!bridge.connected && chart.kind === 'waiting' && Date.now() - started > BRIDGE_SILENT_MS) chart = { kind: 'list', reason: 'no-bridge' };
    const panel = view && chart.kind === 'list'
      ? sidePanelModel(view.page.exchange, chart.reason, status ? sceneOf(status) : null, status?.lastClose ?? null)
      : null;
    render(
      model ? (
        <>
          <Badge model={model} />
          {panel && <SidePanel model={panel} />}
        </>
      ) : null,
      mount,
    );
  }

  function readPage(): void {
    const page = parseTradePageUrl(location.href);
    // The chart's own interval is the surest reading; the page's toolbar comes next.
    const fromChart = chart.kind === 'chart' ? timeframeFromResolution(chart.geometry.resolution) : null;
    const shown = page ? (fromChart ?? readTimeframe(document)) : null;
    const next: View | null = page
      ? { page, timeframe: { value: shown ?? DEFAULT_TIMEFRAME, assumed: shown === null } }
      : null;
    if (sameView(view, next)) return;
    const sameChart = sameRequest(view, next);
    view = next;
    // Only whether the timeframe was read or assumed changed: same data, no new request.
    if (sameChart) return draw();
    status = null;
    overlay.setScene(null);
    if (next) client.send({ type: 'watch', page: next.page, timeframe: next.timeframe.value });
    else client.send({ type: 'unwatch' });
    draw();
  }

  // Shown when the setting (every tab) is on and this tab's shortcut has not hidden it.
  let enabled = true;
  let hiddenHere = false;
  const applyVisibility = () => {
    host.hidden = !enabled || hiddenHere;
    overlay.setVisible(enabled && !hiddenHere);
  };
  const show = (on: boolean) => {
    enabled = on;
    applyVisibility();
  };
  void overlayEnabled.getValue().then(show);
  ctx.onInvalidated(overlayEnabled.watch(show));
  void overlayLayers.getValue().then((layers) => overlay.setLayers(layers));
  ctx.onInvalidated(overlayLayers.watch((layers) => overlay.setLayers(layers)));

  // The extension's own diagnostics (popup, tests): what the overlay shows and how long it took.
  const onDebug = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id) return undefined;
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'toggleOverlay') {
      hiddenHere = !hiddenHere;
      applyVisibility();
      return Promise.resolve({ hidden: hiddenHere });
    }
    if (type !== 'overlayDebug') return undefined;
    const last = overlay.lastPaint();
    return Promise.resolve({
      href: location.href,
      bridgeConnected: bridge.connected,
      visible: enabled && !hiddenHere,
      chart: chart.kind === 'chart' ? { kind: 'chart', geometry: chart.geometry } : chart,
      paints: overlay.paintCount,
      // Without the scene objects themselves; a mark's scope says which structure switch it follows.
      lastPaint: last && { ms: last.ms, at: last.at, items: last.items.map(({ ref, ...item }) => ('scope' in ref ? { ...item, scope: ref.scope } : item)) },
      paintMs: overlay.recentMs.slice(),
    });
  };
  browser.runtime.onMessage.addListener(onDebug);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onDebug));

  readPage();
  ctx.setInterval(readPage, READ_PAGE_MS);
  ctx.setInterval(draw, RERENDER_MS);
}

/** What the overlay paints for a status: the Worker's layers and the stream's prints. */
function sceneOf(status: FeedStatus): OverlayScene | null {
  const layers = status.analysis?.layers;
  if (!layers && !status.prints) return null;
  return {
    exchange: status.exchange,
    symbol: status.symbol,
    heatmap: layers?.heatmap ?? null,
    clusters: layers?.clusters ?? [],
    magnet: layers?.magnet ?? null,
    marks: layers?.marks ?? [],
    prints: status.prints?.recent ?? [],
    setups: layers?.setups ?? [],
  };
}

/** A futures or trade path that LiqLens cannot read says so; other pages of the site show nothing. */
function unsupportedFor(href: string): BadgeModel | null {
  const url = new URL(href);
  const exchange = exchangeOfHost(url.hostname) ?? EXCHANGE_IDS[0]!;
  if (/\/(futures|trade)\//i.test(url.pathname)) {
    return unsupportedModel(exchange, 'LiqLens reads USDT perpetual and spot trade pages only');
  }
  return null;
}

/** The same market and timeframe: what the background is asked for. */
function sameRequest(a: View | null, b: View | null): boolean {
  if (a === null || b === null) return a === b;
  return a.page.exchange === b.page.exchange && a.page.market === b.page.market && a.page.symbol === b.page.symbol && a.timeframe.value === b.timeframe.value;
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
  style.textContent = BADGE_CSS + SIDE_PANEL_CSS;
  const mount = document.createElement('div');
  shadow.append(style, mount);
  document.documentElement.append(host);
  return { host, mount };
}
