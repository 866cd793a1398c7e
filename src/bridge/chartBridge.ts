/**
 * The main-world half of the chart bridge: finds the TradingView charting library however the
 * page embeds it (discover.ts), reads where the visible chart draws prices and times once per
 * animation frame, and sends the numbers to the content script over a private MessageChannel
 * port (protocol.ts) when they change. It reads and reports; it never changes the chart and
 * takes no instructions from anyone.
 */
import { ACK_EVENT, HELLO_EVENT, READY_EVENT, type NoChartReason } from './channel';
import type { BridgeFindings, BridgeMessage } from '../messaging/validateBridge';
import { chartLikeGlobals, findCandidates, hookWidgetConstructor, sameOriginFrames, visibleArea, type Candidate, type FrameInfo } from './discover';
import { readWidget, type CallLog, type TvWidget } from './readGeometry';
import type { ChartGeometry } from '../overlay/geometry';

/** How long to look before saying there is no chart API (the library loads after the page). */
const NO_API_AFTER_MS = 4_000;
/** A widget that stays unreadable (throwing, changed) this long after it was read gets the side panel. */
const UNREADABLE_AFTER_MS = 4_000;
/** One never read yet may still be loading its data: it gets longer. */
const NEVER_READ_AFTER_MS = 20_000;
/** A canvas matches the pane when its size is within this of the library's pane size. */
const PANE_TOLERANCE_PX = 1.5;
/** The library's own legend (symbol, OHLC, indicators) where the page marks it, and the active chart of a multi-chart layout. */
const LIBRARY_LEGEND = '[data-name="legend"]';
const ACTIVE_CHART = '.chart-container.active';
/** At most this many legend elements are looked at (a page could hold thousands). */
const MAX_LEGENDS = 16;
/** The page's chart-like globals are listed again this often (their names change rarely; listing costs). */
const GLOBALS_EVERY_MS = 2_000;

interface Shown {
  candidate: Candidate;
  geometry: ChartGeometry;
  frame: number | null;
  area: number;
}

export function startChartBridge(win: Window & typeof globalThis): void {
  // Captured now, before any page script runs and could replace them.
  const raf = win.requestAnimationFrame.bind(win);
  const hook = hookWidgetConstructor(win);
  const { port1: port, port2 } = new win.MessageChannel();

  // The handshake: the port is handed over in a synchronous event, only until the content script takes it.
  const greet = () => win.dispatchEvent(new win.MessageEvent(HELLO_EVENT, { ports: [port2] }));
  const stopGreeting = () => {
    win.removeEventListener(READY_EVENT, greet);
    win.removeEventListener(ACK_EVENT, stopGreeting);
  };
  win.addEventListener(READY_EVENT, greet);
  win.addEventListener(ACK_EVENT, stopGreeting);
  greet();

  const started = Date.now();
  const last = new Map<string, string>();
  const send = (message: BridgeMessage) => {
    const key = JSON.stringify(message);
    if (last.get(message.type === 'findings' ? 'findings' : 'chart') === key) return;
    last.set(message.type === 'findings' ? 'findings' : 'chart', key);
    port.postMessage(message);
  };
  const logs = new WeakMap<TvWidget, CallLog>();
  // The pane canvas last found per widget, and for which of its charts (a layout's charts can be of one size).
  const panes = new WeakMap<TvWidget, { canvas: HTMLCanvasElement; active: number }>();
  let lastWidget: TvWidget | null = null;
  let mount = 0;
  let unreadableSince: number | null = null;
  let globals: { at: number; names: string[] } = { at: 0, names: [] };
  const layouts = new WeakMap<TvWidget, { charts: number; active: number }>();

  const tick = () => {
    raf(tick);
    hook.recheck();
    const { frames, foreign } = sameOriginFrames(win.document);
    const candidates = findCandidates(win, frames, hook);
    let shown: Shown | null = null;
    let hidden = false;
    let reason: NoChartReason | 'not-ready' | null = null;
    for (const candidate of candidates) {
      let log = logs.get(candidate.widget);
      if (!log) logs.set(candidate.widget, (log = { missing: new Set(), threw: new Set() }));
      const layout = readLayout(candidate.widget);
      layouts.set(candidate.widget, layout);
      const places = placesOf(candidate, win.document, frames, layout.charts > 1);
      const read = readWidget(candidate.widget, log, (h) => widestCanvas(places, h));
      if (!read.ok) {
        reason ??= read.reason;
        continue;
      }
      const { width, height, ...rest } = read.geometry;
      const cached = panes.get(candidate.widget);
      const pane = findPane(places, win.document, frames, cached?.active === layout.active ? cached.canvas : null, width, height);
      if (!pane) {
        hidden = true; // read, but not on screen (another view in front) or not laid out yet
        continue;
      }
      panes.set(candidate.widget, { canvas: pane.canvas, active: layout.active });
      if (shown && shown.area >= pane.area) continue;
      const rect = pane.canvas.getBoundingClientRect();
      const legendBottom = libraryLegendBottom(pane.root, rect);
      const geometry: ChartGeometry = { ...rest, pane: { left: rect.left, top: rect.top, width, height }, mount, ...(legendBottom === null ? {} : { legendBottom }) };
      shown = { candidate, geometry, frame: pane.frame, area: pane.area };
    }

    if (shown) {
      unreadableSince = null;
      if (shown.candidate.widget !== lastWidget) {
        lastWidget = shown.candidate.widget;
        mount++;
        shown.geometry.mount = mount;
      }
      send({ type: 'geometry', geometry: shown.geometry, frame: shown.frame });
    } else if (hidden) {
      unreadableSince = null;
      send({ type: 'no-chart', reason: 'hidden' });
    } else if (candidates.length === 0) {
      // Not before the page (and its frames) finished loading: the library comes with them.
      if (Date.now() - started > NO_API_AFTER_MS && win.document.readyState === 'complete') send({ type: 'no-chart', reason: 'no-api' });
    } else if (reason && reason !== 'not-ready') {
      send({ type: 'no-chart', reason });
    } else {
      // Found but unreadable: a chart still loading, or a page that changed or broke its objects.
      // Nothing is drawn from the last good reading meanwhile; if it lasts, the side panel.
      unreadableSince ??= Date.now();
      const patience = candidates.some((c) => c.widget === lastWidget) ? UNREADABLE_AFTER_MS : NEVER_READ_AFTER_MS;
      send({ type: 'no-chart', reason: Date.now() - unreadableSince > patience ? 'incomplete-api' : 'unreadable' });
    }

    const chosen = shown?.candidate ?? candidates[0] ?? null;
    const log = chosen ? logs.get(chosen.widget) : undefined;
    if (Date.now() - globals.at > GLOBALS_EVERY_MS) globals = { at: Date.now(), names: chartLikeGlobals(win, frames) };
    const findings: BridgeFindings = {
      frames: frames.map(({ index, id, origin }) => ({ index, id, origin })),
      foreignFrames: foreign.length,
      foreign: foreign.slice(0, 32),
      globals: globals.names,
      layout: chosen ? (layouts.get(chosen.widget) ?? null) : null,
      handles: candidates.map((c) => c.label),
      widgetConstructor: { defined: hook.defined, widgets: hook.built },
      missing: [...(log?.missing ?? [])].sort(),
      threw: [...(log?.threw ?? [])].sort(),
      version: hook.version(),
      chosen: shown?.candidate.label ?? null,
      geometryRead: shown !== null,
    };
    send({ type: 'findings', findings });
  };
  raf(tick);
}

/** Where a multi-chart layout's active chart is (Trading Terminal builds); one chart otherwise. */
function readLayout(widget: TvWidget): { charts: number; active: number } {
  try {
    const charts = typeof widget.chartsCount === 'function' ? Number(widget.chartsCount()) : 1;
    const active = typeof widget.activeChartIndex === 'function' ? Number(widget.activeChartIndex()) : 0;
    return Number.isInteger(charts) && charts >= 1 && Number.isInteger(active) && active >= 0 ? { charts, active } : { charts: 1, active: 0 };
  } catch {
    return { charts: 1, active: 0 };
  }
}

/** Where to look for a widget's pane: a document, and within it the element its chart draws in. */
interface Place {
  doc: Document;
  frame: number | null;
  /** The active chart's container in a multi-chart layout (the library marks it), else the document. */
  root: ParentNode;
}

/**
 * In the frame the handle was found on, else in the page and every same-origin frame (a widget
 * built in the page draws in the iframe the library creates). In a layout of several charts,
 * only inside the active chart's container: charts of one size are told apart by it alone.
 */
function placesOf(candidate: Candidate, top: Document, frames: FrameInfo[], multi: boolean): Place[] {
  const docs: { doc: Document; frame: number | null }[] =
    candidate.frame !== null
      ? frames.filter((f) => f.index === candidate.frame).map((f) => ({ doc: f.doc, frame: f.index }))
      : [{ doc: top, frame: null }, ...frames.map((f) => ({ doc: f.doc, frame: f.index }))];
  const places: Place[] = [];
  for (const { doc, frame } of docs) {
    const root = multi ? doc.querySelector(ACTIVE_CHART) : doc;
    if (root) places.push({ doc, frame, root });
  }
  return places;
}

/** For builds without timeScale.width(): the widest canvas of the pane's height (the pane's; the price axis is narrow). */
function widestCanvas(places: Place[], height: number): number | null {
  let widest: number | null = null;
  for (const { root } of places) {
    for (const c of root.querySelectorAll('canvas')) {
      const r = c.getBoundingClientRect();
      if (Math.abs(r.height - height) <= PANE_TOLERANCE_PX && r.width > (widest ?? 0)) widest = r.width;
    }
  }
  return widest;
}

/**
 * The library's main pane canvas for a widget, sized as the pane the API reports, where it is on
 * screen. Null when none is visible.
 */
function findPane(places: Place[], top: Document, frames: FrameInfo[], cached: HTMLCanvasElement | null, width: number, height: number): { canvas: HTMLCanvasElement; frame: number | null; area: number; root: ParentNode } | null {
  const fits = (c: HTMLCanvasElement) => {
    const r = c.getBoundingClientRect();
    return Math.abs(r.width - width) <= PANE_TOLERANCE_PX && Math.abs(r.height - height) <= PANE_TOLERANCE_PX;
  };
  for (const { doc, frame, root } of places) {
    const canvas = cached?.isConnected && cached.ownerDocument === doc && root.contains(cached) && fits(cached) ? cached : [...root.querySelectorAll('canvas')].find(fits);
    if (!canvas) continue;
    const area = onScreenArea(canvas, doc, frame === null ? null : frames.find((f) => f.index === frame)!, top);
    if (area > 0) return { canvas, frame, area, root };
  }
  return null;
}

/**
 * How far below the pane's top the library's own legend reaches, where the page marks it: the
 * lowest visible legend element that starts in the pane's upper left quarter. Null where none is.
 */
function libraryLegendBottom(root: ParentNode, pane: DOMRect): number | null {
  let bottom: number | null = null;
  const legends = root.querySelectorAll(LIBRARY_LEGEND);
  for (let i = 0; i < legends.length && i < MAX_LEGENDS; i++) {
    const r = legends[i]!.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) continue;
    if (r.left >= pane.left + pane.width / 2 || r.top < pane.top - PANE_TOLERANCE_PX || r.top >= pane.top + pane.height / 2) continue;
    bottom = Math.max(bottom ?? 0, Math.min(r.bottom - pane.top, pane.height / 2));
  }
  return bottom;
}

/** How much of the canvas the trader sees: within its frame's viewport, and the frame within the page's. */
function onScreenArea(canvas: HTMLCanvasElement, doc: Document, frame: FrameInfo | null, top: Document): number {
  const view = doc.defaultView;
  if (!view) return 0;
  const area = visibleArea(canvas.getBoundingClientRect(), { width: view.innerWidth, height: view.innerHeight });
  if (frame === null || area === 0) return area;
  const el = top.querySelectorAll('iframe')[frame.index];
  const topView = top.defaultView;
  return el && topView && visibleArea(el.getBoundingClientRect(), { width: topView.innerWidth, height: topView.innerHeight }) > 0 ? area : 0;
}
