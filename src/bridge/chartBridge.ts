/**
 * The main-world half of the chart bridge: finds the TradingView charting library on the page
 * (in the chart iframe or the page itself), reads where it draws prices and times once per
 * animation frame, and posts the numbers to the content script when they change. It reads and
 * reports; it never changes the chart and takes no instructions from anyone.
 */
import { ACK_EVENT, CHANNEL, HELLO_EVENT, READY_EVENT, type BridgeMessage, type NoChartReason } from './protocol';
import { readWidget, type TvWidget } from './readGeometry';
import type { ChartGeometry } from '../overlay/geometry';

/** How long to look before saying there is no chart API (the library loads after the page). */
const NO_API_AFTER_MS = 4_000;
/** A canvas matches the pane when its size is within this of the library's pane size. */
const PANE_TOLERANCE_PX = 1.5;

interface Found {
  widget: TvWidget;
  doc: Document;
  /** Index among the page's iframes, null for the page itself. */
  frame: number | null;
}

export function startChartBridge(win: Window & typeof globalThis): void {
  // Captured now, before any page script runs and could replace them.
  const post = win.postMessage.bind(win);
  const raf = win.requestAnimationFrame.bind(win);
  const origin = win.location.origin;
  const nonce = win.crypto.randomUUID();

  const greet = () => win.dispatchEvent(new win.CustomEvent(HELLO_EVENT, { detail: nonce }));
  const stopGreeting = () => {
    win.removeEventListener(READY_EVENT, greet);
    win.removeEventListener(ACK_EVENT, stopGreeting);
  };
  win.addEventListener(READY_EVENT, greet);
  win.addEventListener(ACK_EVENT, stopGreeting);
  greet();

  const send = (message: BridgeMessage) => post({ channel: CHANNEL, nonce, ...message }, origin);
  const started = Date.now();
  let lastSent = '';
  let lastWidget: TvWidget | null = null;
  let mount = 0;
  let pane: HTMLCanvasElement | null = null;

  const report = (message: BridgeMessage) => {
    const key = JSON.stringify(message);
    if (key === lastSent) return;
    lastSent = key;
    send(message);
  };

  const tick = () => {
    raf(tick);
    const found = findWidget(win.document);
    if (!found) {
      if (Date.now() - started > NO_API_AFTER_MS) report({ type: 'no-chart', reason: 'no-api' });
      return;
    }
    if (found.widget !== lastWidget) {
      lastWidget = found.widget;
      mount++;
      pane = null;
    }
    const read = readWidget(found.widget);
    if (!read.ok) {
      if (read.reason !== 'not-ready') report({ type: 'no-chart', reason: read.reason as NoChartReason });
      return;
    }
    const { width, height, ...rest } = read.geometry;
    pane = matchingCanvas(pane, found.doc, width, height);
    if (!pane) return; // the pane is not laid out yet
    const rect = pane.getBoundingClientRect();
    const geometry: ChartGeometry = { ...rest, pane: { left: rect.left, top: rect.top, width, height }, mount };
    report({ type: 'geometry', geometry, frame: found.frame });
  };
  raf(tick);
}

function findWidget(doc: Document): Found | null {
  const own = widgetOf(doc.defaultView);
  if (own) return { widget: own, doc, frame: null };
  const frames = doc.querySelectorAll('iframe');
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i]!;
    const widget = widgetOf(frame.contentWindow);
    const frameDoc = widget ? frame.contentDocument : null;
    if (widget && frameDoc) return { widget, doc: frameDoc, frame: i };
  }
  return null;
}

function widgetOf(win: Window | null): TvWidget | null {
  try {
    const widget = (win as (Window & { tradingViewApi?: unknown }) | null)?.tradingViewApi;
    return typeof widget === 'object' && widget !== null ? (widget as TvWidget) : null;
  } catch {
    return null; // a cross-origin frame
  }
}

/** The library's main pane canvas: the one sized as the pane the API reports. */
function matchingCanvas(cached: HTMLCanvasElement | null, doc: Document, width: number, height: number): HTMLCanvasElement | null {
  const fits = (c: HTMLCanvasElement) => {
    const r = c.getBoundingClientRect();
    return Math.abs(r.width - width) <= PANE_TOLERANCE_PX && Math.abs(r.height - height) <= PANE_TOLERANCE_PX;
  };
  if (cached?.isConnected && fits(cached)) return cached;
  for (const canvas of doc.querySelectorAll('canvas')) if (fits(canvas)) return canvas;
  return null;
}
