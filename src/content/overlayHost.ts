/**
 * The canvas over the chart's main pane: placed inside the chart's frame at the pane's rectangle
 * (pointer-events none, sized for the device pixel ratio), repainted on the next animation frame
 * after anything changes and never more often. Hovering shows what a mark is, as text.
 */
import type { ChartGeometry } from '../overlay/geometry';
import type { OverlayScene } from '../overlay/layers';
import type { LayerToggles } from '../settings/switches';
import { hitTest } from '../overlay/hitTest';
import { paintScene, type PaintedItem } from '../overlay/paint';
import { describeItem } from '../overlay/readout';

const HOST_TAG = 'liqlens-chart-overlay';
const CSS = `
:host { all: initial; }
:host([hidden]) { display: none; }
canvas { position: fixed; pointer-events: none; z-index: 2147482000; }
.readout { position: fixed; pointer-events: none; z-index: 2147482001; display: none; max-width: 320px;
  padding: 4px 8px; border-radius: 4px; border: 1px solid #2b3139; background: rgba(24, 26, 32, 0.95); color: #eaecef;
  font: 11px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; white-space: pre-line; }
`;

interface Mounted {
  doc: Document;
  host: HTMLElement;
  canvas: HTMLCanvasElement;
  readout: HTMLElement;
  removeHover: () => void;
}

export interface PaintRecord {
  items: PaintedItem[];
  ms: number;
  at: number;
}

export class OverlayHost {
  private geometry: ChartGeometry | null = null;
  /** The chart's iframe, as the bridge told it; null when the chart is in the page itself. */
  private frame: HTMLIFrameElement | null = null;
  private scene: OverlayScene | null = null;
  private layers: LayerToggles | null = null;
  private mounted: Mounted | null = null;
  private scheduled = false;
  private items: PaintedItem[] = [];
  private hover: { x: number; y: number } | null = null;
  private visible = true;
  /** Paints so far, the last one (with what it drew), and how long the recent ones took: the debug read-out's. */
  paintCount = 0;
  private last: PaintRecord | null = null;
  readonly recentMs: number[] = [];

  constructor(private readonly topWindow: Window) {}

  setGeometry(geometry: ChartGeometry, frame: HTMLIFrameElement | null): void {
    this.geometry = geometry;
    this.frame = frame;
    this.schedule();
  }

  setScene(scene: OverlayScene | null): void {
    this.scene = scene;
    this.schedule();
  }

  setLayers(layers: LayerToggles): void {
    this.layers = layers;
    this.schedule();
  }

  /** No chart to paint on (any more): take the canvas away. */
  detach(): void {
    this.geometry = null;
    this.unmount();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (this.mounted) this.mounted.host.hidden = !visible;
    // Nothing is painted while hidden (issue 23): shown again, it paints what is current.
    if (visible) this.schedule();
  }

  /** The chart pane's rectangle in the top page's viewport (the badge is placed from it), or null. */
  paneInPage(): { left: number; top: number; width: number; height: number } | null {
    const g = this.geometry;
    if (!g) return null;
    if (this.frame === null) return { ...g.pane };
    const el = this.frame;
    if (!el.isConnected) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left + el.clientLeft + g.pane.left, top: r.top + el.clientTop + g.pane.top, width: g.pane.width, height: g.pane.height };
  }

  lastPaint(): PaintRecord | null {
    return this.last;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.topWindow.requestAnimationFrame(() => {
      this.scheduled = false;
      this.paint();
    });
  }

  private paint(): void {
    if (!this.visible) return; // setVisible(true) schedules the paint
    const g = this.geometry;
    const mounted = g ? this.mount() : null;
    if (!g || !mounted) return;
    const view = mounted.doc.defaultView!;
    const dpr = view.devicePixelRatio || 1;
    const { canvas } = mounted;
    Object.assign(canvas.style, { left: `${g.pane.left}px`, top: `${g.pane.top}px`, width: `${g.pane.width}px`, height: `${g.pane.height}px` });
    const w = Math.round(g.pane.width * dpr);
    const h = Math.round(g.pane.height * dpr);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const started = performance.now();
    if (this.scene && this.layers && this.scene.symbol === g.symbol) {
      this.items = paintScene(ctx, this.scene, g, this.layers, { dpr, now: Date.now() });
    } else {
      // Another symbol's marks on this chart would be wrong: paint nothing until they agree.
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      this.items = [];
    }
    const ms = performance.now() - started;
    this.last = { items: this.items, ms, at: Date.now() };
    this.paintCount++;
    this.recentMs.push(ms);
    if (this.recentMs.length > 120) this.recentMs.shift();
    this.showReadout();
  }

  /** The canvas in the chart's document, re-created where the library remounted its frame. */
  private mount(): Mounted | null {
    const doc = this.chartDocument();
    if (!doc?.body) return null;
    if (this.mounted && this.mounted.doc === doc && this.mounted.host.isConnected) return this.mounted;
    this.unmount();
    const host = doc.createElement(HOST_TAG);
    // Closed, as the badge's: the page cannot read the canvas's pixels or the read-out, nor rewrite them.
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = CSS;
    const canvas = doc.createElement('canvas');
    canvas.setAttribute('aria-hidden', 'true');
    const readout = doc.createElement('div');
    readout.className = 'readout';
    readout.setAttribute('role', 'tooltip');
    shadow.append(style, canvas, readout);
    host.hidden = !this.visible;
    doc.body.append(host);
    // The page's synthetic mouse events do not make the overlay describe its marks.
    const onMove = (e: MouseEvent) => {
      if (!e.isTrusted) return;
      const g = this.geometry;
      this.hover = g ? { x: e.clientX - g.pane.left, y: e.clientY - g.pane.top } : null;
      this.showReadout();
    };
    const onLeave = (e: MouseEvent) => {
      if (!e.isTrusted) return;
      this.hover = null;
      this.showReadout();
    };
    doc.addEventListener('mousemove', onMove, { capture: true, passive: true });
    doc.addEventListener('mouseleave', onLeave, { capture: true, passive: true });
    const removeHover = () => {
      doc.removeEventListener('mousemove', onMove, { capture: true });
      doc.removeEventListener('mouseleave', onLeave, { capture: true });
    };
    this.mounted = { doc, host, canvas, readout, removeHover };
    return this.mounted;
  }

  private unmount(): void {
    if (!this.mounted) return;
    this.mounted.removeHover();
    this.mounted.host.remove();
    this.mounted = null;
    this.items = [];
  }

  private chartDocument(): Document | null {
    if (this.frame === null) return this.topWindow.document;
    const frame = this.frame;
    try {
      return frame.isConnected ? frame.contentDocument : null;
    } catch {
      return null;
    }
  }

  private showReadout(): void {
    const m = this.mounted;
    const g = this.geometry;
    if (!m || !g) return;
    const item = this.hover && this.scene ? hitTest(this.items, this.hover.x, this.hover.y) : null;
    if (!item || !this.scene || !this.hover) {
      m.readout.style.display = 'none';
      return;
    }
    // Text only: every line becomes a text node, never markup.
    m.readout.replaceChildren(...describeItem(item, this.scene, Date.now()).flatMap((line, i) => (i === 0 ? [line] : ['\n', line])));
    const x = g.pane.left + this.hover.x + 14;
    const y = g.pane.top + this.hover.y + 14;
    Object.assign(m.readout.style, { display: 'block', left: `${x}px`, top: `${y}px` });
  }
}
