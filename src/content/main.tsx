/**
 * The content script: reads what the page shows (exchange, symbol, timeframe), keeps the
 * background watching it, renders the badge, and paints the overlay on the chart (through the
 * main-world bridge) or, where the page has no chart API, lists the levels in a side panel.
 * Exchange pages are single-page apps, so the page is re-read on a short interval.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BridgeFindings, BridgeMessage } from '../bridge/protocol';
import { timeframeFromResolution, type Timeframe } from '../core/timeframes';
import type { FeedStatus, TabRequest } from '../messaging/protocol';
import type { HeatmapSummary } from '../messaging/validate';
import { NO_LAYERS } from '../messaging/validateLayers';
import type { ChartGeometry } from '../overlay/geometry';
import type { OverlayScene } from '../overlay/layers';
import { legendBottom } from '../overlay/paint/layers/legend';
import { floatingOffsets, overlayEnabled, overlayLayers, type FloatingOffsets } from '../settings/items';
import { clampOffset, readOffset } from '../settings/schema';
import { parseTradePageUrl, type TradePage } from '../site/pageUrl';
import { EXCHANGE_IDS, exchange, exchangeOfHost, type ExchangeId } from '../exchanges';
import { Badge, BADGE_CSS, type Placement } from './Badge';
import { badgeModel, unsupportedModel, type BadgeModel } from './badgeModel';
import { connectBridge } from './bridgeClient';
import { chartMode, withSymbolCheck, type BridgeState, type ChartMode } from './chartMode';
import { OverlayHost } from './overlayHost';
import { pageReport } from './pageReport';
import { accepts } from '../messaging/contract';
import { OVERLAY_DEBUG, PAGE_REPORT, TOGGLE_OVERLAY, type OverlayDebug } from '../messaging/pageMessages';
import { readTimeframe } from './readTimeframe';
import { SidePanel, SIDE_PANEL_CSS } from './SidePanel';
import { sidePanelModel } from './sidePanelModel';
import { TabClient } from './tabClient';
import { calibrationText, forecastBasisLines, skillText } from '../wording/heatmap';

const DEFAULT_TIMEFRAME: Timeframe = '15m';
/** The address and the badge are looked at this often (a bridge message re-reads them at once). */
const READ_PAGE_MS = 1000;
/**
 * A change of symbol or interval is asked of the background only once the page has stayed on it
 * this long (the first request goes at once): clicking through intervals, or a page script
 * flipping the chart's resolution, costs one request, not one per flip.
 */
const SETTLE_MS = 1_000;
/** Without a word from the bridge by then, the page has no chart LiqLens can reach. */
const BRIDGE_SILENT_MS = 6_000;
/**
 * The badge's and side panel's default offsets from the pane's top-left: inside it, clear of the
 * price axis and the newest candles (right), and below the library's legend and the heatmap
 * legend the overlay paints under it (legendBottom: from the library legend's box where the page
 * exposes it, else a default height left free).
 */
const badgeOffset = (g: Pick<ChartGeometry, 'legendBottom'>) => ({ x: 8, y: legendBottom(g) + 6 });
const panelOffset = (g: Pick<ChartGeometry, 'legendBottom'>) => ({ x: 8, y: legendBottom(g) + 38 });
/** Without a pane (no chart API), the page's top-left below the exchange's header. */
const NO_PANE_ANCHOR = { left: 4, top: 110 };

interface View {
  page: TradePage;
  timeframe: { value: Timeframe; assumed: boolean };
}

export function runContentScript(ctx: ContentScriptContext): void {
  guardScriptStarted(ctx);
  // First, before page scripts run: the bridge's handshake (see bridge/channel.ts).
  const bridge = connectBridge(window, onBridge);
  const overlay = new OverlayHost(window);
  const { host, mount } = createOverlayRoot();
  let view: View | null = null;
  let status: FeedStatus | null = null;
  let bridgeState: BridgeState = { kind: 'waiting' };
  let findings: BridgeFindings | null = null;
  /** What the overlay draws on (see chartMode): re-derived on every draw, as the page changes views. */
  let chart: ChartMode = { kind: 'waiting' };
  const started = Date.now();

  const client = new TabClient((next) => {
    // Ignore a late status for what the tab showed before a navigation.
    if (view && next.symbol === view.page.symbol && next.timeframe === view.timeframe.value) {
      // A refresh that brought no new analysis or prints keeps the parts' very objects (TabClient's
      // `keep`): the scene is the same, so only the badge is looked at, and nothing is repainted.
      const sameScene = status !== null && next.analysis === status.analysis && next.prints === status.prints && next.exchange === status.exchange;
      status = next;
      if (!sameScene) overlay.setScene(sceneOf(next));
      if (!document.hidden) draw(); // a hidden tab draws when it shows again (onShown)
    }
  });
  ctx.onInvalidated(() => {
    client.close();
    bridge.close();
    overlay.detach();
    host.remove();
  });

  function onBridge(message: BridgeMessage | { type: 'refused' }): void {
    // A message that failed its checks: the chart cannot be read now, and nothing earlier stays painted.
    if (message.type === 'refused') message = { type: 'no-chart', reason: 'unreadable' };
    if (message.type === 'findings') {
      findings = message.findings;
      return;
    }
    if (message.type === 'geometry') {
      // The bridge says the symbol as the chart's datafeed names it; the registry knows each exchange's spellings.
      const chartSymbol = message.geometry.symbol;
      const id = exchangeOfHost(location.hostname);
      const mapped = id ? exchange(id).chartSymbol(chartSymbol) : null;
      const geometry = { ...message.geometry, symbol: mapped ?? chartSymbol };
      // The iframe as the bridge told it (never an index among the page's iframes, which shifts).
      const frame = message.frame === null ? null : bridge.frame(message.frame);
      if (message.frame !== null && !frame) {
        bridgeState = { kind: 'no-chart', reason: 'unreadable' };
        overlay.detach();
      } else {
        bridgeState = { kind: 'chart', geometry, chartSymbol, symbolKnown: mapped !== null };
        overlay.setGeometry(geometry, frame);
      }
    } else {
      bridgeState = { kind: 'no-chart', reason: message.reason };
      overlay.detach();
    }
    chart = currentMode();
    readPage();
    draw();
  }

  // When the chart's symbol and the page's first differed (see withSymbolCheck).
  let mismatchSince: number | null = null;
  function currentMode(): ChartMode {
    const checked = withSymbolCheck(chartMode(bridgeState, document), bridgeState, view?.page.symbol ?? null, mismatchSince, Date.now());
    mismatchSince = checked.mismatchSince;
    return checked.mode;
  }

  /** What the last render showed (its inputs as text). */
  let lastShown = '';
  function draw(): void {
    const model: BadgeModel | null = view
      ? badgeModel(view.page, view.timeframe, status, Date.now())
      : unsupportedFor(location.href);
    if (!bridge.connected && bridgeState.kind === 'waiting' && Date.now() - started > BRIDGE_SILENT_MS) bridgeState = { kind: 'no-bridge' };
    chart = currentMode();
    // Without a chart there is no library legend to keep clear of: the page's corner as before.
    const legendOf = bridgeState.kind === 'chart' ? bridgeState.geometry : { legendBottom: 0 };
    const panel = view && chart.kind === 'list'
      ? sidePanelModel(view.page.exchange, chart.reason, status ? sceneOf(status) : null, status?.lastClose ?? null, chart.symbols)
      : null;
    const placed = { badge: placement('badge', badgeOffset(legendOf)), panel: panel && placement('panel', panelOffset(legendOf)) };
    // The badge is redrawn each second for its ages; when nothing it shows changed, Preact is not asked.
    const shown = JSON.stringify([model, panel, placed, innerWidth, innerHeight]); // the window's size: Floating keeps them on screen
    if (shown === lastShown) return;
    lastShown = shown;
    render(
      model ? (
        <>
          <Badge model={model} placement={placed.badge} />
          {panel && placed.panel && <SidePanel model={panel} placement={placed.panel} />}
        </>
      ) : null,
      mount,
    );
  }

  // Where the badge and the side panel sit: an offset from the chart pane's top-left (else the
  // page's), the trader's own per site once dragged.
  let offsets: FloatingOffsets = {};
  const placement = (what: 'badge' | 'panel', fallback: { x: number; y: number }): Placement => {
    const key = `${location.hostname}|${what}`;
    const pane = overlay.paneInPage();
    return {
      anchor: pane ? { left: pane.left, top: pane.top } : NO_PANE_ANCHOR,
      offset: readOffset(offsets[key]) ?? fallback,
      onMoved: (moved) => {
        const offset = clampOffset(moved);
        offsets = { ...offsets, [key]: offset };
        draw();
        void floatingOffsets.getValue().then((stored) => floatingOffsets.setValue({ ...stored, [key]: offset }));
      },
    };
  };
  void floatingOffsets.getValue().then((stored) => {
    offsets = stored;
    draw();
  });
  ctx.onInvalidated(floatingOffsets.watch((stored) => {
    offsets = stored;
    draw();
  }));

  // The address is read each READ_PAGE_MS (single-page apps change it without a reload); parsed only when it changed.
  let readHref: string | null = null;
  let readTradePage: TradePage | null = null;
  function readPage(): void {
    if (location.href !== readHref) {
      readHref = location.href;
      readTradePage = parseTradePageUrl(readHref);
    }
    const page = readTradePage;
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
    const request: TabRequest = next ? { type: 'watch', page: next.page, timeframe: next.timeframe.value } : { type: 'unwatch' };
    clearTimeout(settling);
    if (asked) settling = setTimeout(() => client.send(request), SETTLE_MS);
    else client.send(request);
    asked = true;
    draw();
  }
  let asked = false;
  let settling: ReturnType<typeof setTimeout> | undefined;
  ctx.onInvalidated(() => clearTimeout(settling));

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
    if (accepts(TOGGLE_OVERLAY, message)) {
      hiddenHere = !hiddenHere;
      applyVisibility();
      return Promise.resolve({ hidden: hiddenHere });
    }
    if (accepts(PAGE_REPORT, message)) {
      // Of the page as it is now: the app may have navigated since the last timed read of the address.
      readPage();
      const chartSymbol = bridgeState.kind === 'chart' ? bridgeState.chartSymbol : null;
      return Promise.resolve(pageReport(browser.runtime.getManifest().version, location.href, view?.page ?? null, bridge.connected, chart, findings, chartSymbol));
    }
    if (!accepts(OVERLAY_DEBUG, message)) return undefined;
    const last = overlay.lastPaint();
    return Promise.resolve<OverlayDebug>({
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
  // No work for a hidden tab (issue 23): it catches up the moment it shows again.
  ctx.setInterval(() => {
    if (document.hidden) return;
    readPage();
    draw();
  }, READ_PAGE_MS);
  const onShown = () => {
    if (document.hidden) return;
    readPage();
    draw();
  };
  document.addEventListener('visibilitychange', onShown);
  ctx.onInvalidated(() => document.removeEventListener('visibilitychange', onShown));
}

/**
 * WXT tears this script down when a document event named after the extension's id says a newer
 * copy started: a page that knows the id (a store extension's id is public) could fire it and
 * remove the overlay. Such events are stopped at the window, before WXT's listener on the
 * document, while this copy is alive; once the extension is updated or reloaded this copy's
 * runtime is gone, the event passes and WXT's listener retires it as it should.
 */
function guardScriptStarted(ctx: ContentScriptContext): void {
  const stop = (event: Event) => {
    if (browser.runtime?.id) event.stopImmediatePropagation();
  };
  const name = `${browser.runtime.id}:${import.meta.env.ENTRYPOINT}:wxt:content-script-started`;
  window.addEventListener(name, stop, { capture: true });
  ctx.onInvalidated(() => window.removeEventListener(name, stop, { capture: true }));
}

/** What the overlay paints for a status: the Worker's layers and the stream's prints. */
function sceneOf(status: FeedStatus): OverlayScene | null {
  const layers = status.analysis?.layers;
  if (!layers && !status.prints) return null;
  return {
    exchange: status.exchange,
    symbol: status.symbol,
    ...(layers ?? NO_LAYERS),
    prints: status.prints?.recent ?? [],
    ...(status.analysis ? sceneWords(status.exchange, status.analysis.heatmap) : {}),
  };
}

/** What the legend and the hover say of the heatmap: its skill, the calibration of its dollars and their basis. */
function sceneWords(exchange: ExchangeId, h: HeatmapSummary): Pick<OverlayScene, 'skill' | 'calibration' | 'dollarsBasis'> {
  return { skill: skillText(h.skill), calibration: calibrationText(h.skill), dollarsBasis: forecastBasisLines(h.forecast, exchange) };
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

/**
 * Our own element in a closed shadow root: the page's CSS cannot reach the badge and ours cannot
 * leak, and the page's scripts can neither read the badge nor rewrite it (`host.shadowRoot` is null).
 */
function createOverlayRoot(): { host: HTMLElement; mount: HTMLElement } {
  const host = document.createElement('liqlens-overlay');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = BADGE_CSS + SIDE_PANEL_CSS;
  const mount = document.createElement('div');
  shadow.append(style, mount);
  document.documentElement.append(host);
  return { host, mount };
}
