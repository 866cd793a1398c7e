/**
 * Finding the TradingView charting library however the page embeds it (DESIGN.md §4):
 * - a handle on the page or on a same-origin frame: `tradingViewApi` (Binance), `TradingViewApi`
 *   (other deployments), or the app globals the embedding guides use, `tvWidget` and `widget`,
 *   where they hold a widget;
 * - widgets built with the global `TradingView.widget` constructor, which an app may keep only in
 *   its own state: a hook installed at document_start wraps that constructor whenever the global
 *   is defined, before or after the hook, and keeps each widget it builds once its chart is ready.
 * Everything here touches page objects, so every access is guarded, and the hook changes nothing
 * the page can observe: the wrapper is a Proxy that builds with the page's own constructor.
 */
import { FRAME_ID, VERSION } from '../messaging/bridgeChannel';
import type { TvWidget } from './readGeometry';

export const HANDLE_NAMES = ['tradingViewApi', 'TradingViewApi', 'tvWidget', 'widget'] as const;
/** Widgets kept from the constructor: the newest few (an app that rebuilds its chart drops the old). */
const KEEP_WIDGETS = 8;

export interface Candidate {
  widget: TvWidget;
  /** Where it was found: `top.tvWidget`, `frame0.tradingViewApi`, `constructor#1`. */
  label: string;
  /** Index among the top document's iframes when found on a frame's window, else null. */
  frame: number | null;
}

export interface FrameInfo {
  index: number;
  /** The iframe element: what the content script is told (never the index, which shifts as the page adds iframes). */
  el: HTMLIFrameElement;
  /** The iframe element's id, kept only when it has the library's shape (channel.ts FRAME_ID). */
  id: string;
  /** Its document's origin (scheme alone for `about:`, `blob:`, `data:`), never its path. */
  origin: string;
  doc: Document;
}

/** A cross-origin frame: where it is among the page's iframes, and its origin from its address. */
export interface ForeignFrame {
  index: number;
  origin: string;
}

/** An address's origin, or its scheme alone where it has none (`about:blank` → `about:`); never the path. */
export function originOf(href: string, base: string): string {
  try {
    const url = new URL(href, base);
    return /^https?:$/.test(url.protocol) ? url.origin : url.protocol;
  } catch {
    return 'about:';
  }
}

/** A widget is anything whose `activeChart` is a function; other values under these names are the app's own. */
function asWidget(value: unknown): TvWidget | null {
  try {
    return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as TvWidget).activeChart === 'function'
      ? (value as TvWidget)
      : null;
  } catch {
    return null;
  }
}

function read(obj: unknown, name: string): unknown {
  try {
    return (obj as Record<string, unknown>)[name];
  } catch {
    return undefined; // a throwing getter, or a cross-origin window
  }
}

export interface WidgetHook {
  /** Whether the page has defined `TradingView.widget`. */
  readonly defined: boolean;
  /** Widgets built so far (all time), and those kept whose chart is ready, oldest first. */
  readonly built: number;
  ready(): TvWidget[];
  /** Wraps a constructor the page defined around the hook (e.g. with defineProperty); call per frame. */
  recheck(): void;
  version(): string | null;
}

/**
 * Installs the constructor hook on `win`. Must run at document_start, before page scripts; a
 * global defined earlier is wrapped at once.
 */
export function hookWidgetConstructor(win: Window): WidgetHook {
  const proxies = new WeakSet<object>();
  const kept: { widget: TvWidget; ready: boolean }[] = [];
  let built = 0;
  let defined = false;
  let version: string | null = null;

  const keep = (widget: unknown) => {
    built++;
    const w = asWidget(widget);
    if (!w) return;
    const entry = { widget: w, ready: false };
    kept.push(entry);
    if (kept.length > KEEP_WIDGETS) kept.shift();
    try {
      const onReady = (w as { onChartReady?: unknown }).onChartReady;
      if (typeof onReady === 'function') onReady.call(w, () => void (entry.ready = true));
      else entry.ready = true; // no such call: readWidget's hasModel check decides
    } catch {
      entry.ready = true;
    }
  };

  const wrap = (ctor: unknown): unknown => {
    if (typeof ctor !== 'function' || proxies.has(ctor)) return ctor;
    defined = true;
    const proxy: object = new Proxy(ctor, {
      construct(target, args, newTarget) {
        const widget = Reflect.construct(target, args, newTarget === proxy ? target : newTarget) as unknown;
        try {
          keep(widget);
        } catch {
          // never let our bookkeeping break the page's constructor
        }
        return widget as object;
      },
    });
    proxies.add(proxy);
    return proxy;
  };

  const hookNamespace = (ns: unknown) => {
    if ((typeof ns !== 'object' && typeof ns !== 'function') || ns === null) return;
    try {
      const desc = Object.getOwnPropertyDescriptor(ns, 'widget');
      if (desc && !desc.configurable) return; // frozen by the page: recheck() cannot help either
      let current = wrap(desc && 'value' in desc ? desc.value : desc?.get?.call(ns));
      Object.defineProperty(ns, 'widget', {
        configurable: true,
        enumerable: true,
        get: () => current,
        set: (value: unknown) => void (current = wrap(value)),
      });
    } catch {
      // a namespace that refuses properties: leave it as it is
    }
  };

  let ns = read(win, 'TradingView');
  hookNamespace(ns);
  try {
    const desc = Object.getOwnPropertyDescriptor(win, 'TradingView');
    if (!desc || desc.configurable) {
      Object.defineProperty(win, 'TradingView', {
        configurable: true,
        enumerable: true,
        get: () => ns,
        set: (value: unknown) => {
          ns = value;
          hookNamespace(value);
        },
      });
    }
  } catch {
    // the global cannot be hooked: recheck() still wraps what later appears
  }

  return {
    get defined() {
      return defined;
    },
    get built() {
      return built;
    },
    ready: () => kept.filter((k) => k.ready).map((k) => k.widget),
    recheck: () => {
      const current = read(win, 'TradingView');
      const ctor = read(current, 'widget');
      if (typeof ctor === 'function' && !proxies.has(ctor)) {
        if (current !== ns) ns = current;
        hookNamespace(current);
      }
      if (version === null && defined) {
        try {
          const v = (current as { version?: unknown } | undefined)?.version;
          const text = typeof v === 'function' ? String(v.call(current)) : null;
          version = text && VERSION.test(text) ? text : null;
        } catch {
          version = null;
        }
      }
    },
    version: () => version,
  };
}

/** The page's same-origin iframes, and the others. */
export function sameOriginFrames(doc: Document): { frames: FrameInfo[]; foreign: ForeignFrame[] } {
  const frames: FrameInfo[] = [];
  const foreign: ForeignFrame[] = [];
  const all = doc.querySelectorAll('iframe');
  for (let i = 0; i < all.length && i < 64; i++) {
    const el = all[i]!;
    let frameDoc: Document | null = null;
    try {
      frameDoc = el.contentDocument;
    } catch {
      frameDoc = null;
    }
    if (!frameDoc) {
      foreign.push({ index: i, origin: originOf(el.src, doc.baseURI) });
      continue;
    }
    frames.push({ index: i, el, id: FRAME_ID.test(el.id) ? el.id : '', origin: originOf(frameDoc.URL, doc.baseURI), doc: frameDoc });
  }
  return { frames, foreign };
}

/** Every widget reachable now: handles on the page and its frames, then the constructor's, each once. */
export function findCandidates(win: Window, frames: FrameInfo[], hook: WidgetHook | null): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<TvWidget>();
  const add = (widget: TvWidget | null, label: string, frame: number | null) => {
    if (!widget || seen.has(widget)) return;
    seen.add(widget);
    out.push({ widget, label, frame });
  };
  for (const name of HANDLE_NAMES) add(asWidget(read(win, name)), `top.${name}`, null);
  for (const f of frames) {
    const view = f.doc.defaultView;
    for (const name of HANDLE_NAMES) add(asWidget(read(view, name)), `frame${f.index}.${name}`, f.index);
  }
  hook?.ready().forEach((w, i) => add(w, `constructor#${i + 1}`, null));
  return out;
}

/** Names a chart-like global may have (the library's, apps' and exchanges' spellings). */
const CHART_LIKE = /chart|tradingview|tvwidget|^widget$|datafeed/i;
/** At most this many of a window's own properties are looked at, and this many globals kept. */
const MAX_GLOBALS_SCANNED = 4_000;
const MAX_GLOBALS = 32;

/**
 * Chart-like globals on the page and its same-origin frames, for the page report of a new
 * embedding: `top.tvWidget`, `frame0.tradingViewApi`. Names that are plain identifiers only;
 * their values are never read.
 */
export function chartLikeGlobals(win: Window, frames: FrameInfo[]): string[] {
  const out: string[] = [];
  const scan = (view: Window | null, prefix: string) => {
    if (!view) return;
    let keys: string[];
    try {
      keys = Object.getOwnPropertyNames(view);
    } catch {
      return;
    }
    for (let i = 0; i < keys.length && i < MAX_GLOBALS_SCANNED && out.length < MAX_GLOBALS; i++) {
      const key = keys[i]!;
      if (CHART_LIKE.test(key) && /^[A-Za-z_$][A-Za-z0-9_$]{0,40}$/.test(key) && !/^(HTML|SVG|Canvas)/.test(key)) out.push(`${prefix}.${key.replace(/\$/g, '_')}`);
    }
  };
  scan(win, 'top');
  for (const f of frames) scan(f.doc.defaultView, `frame${f.index}`);
  return out;
}

/** The visible part of a rectangle within a viewport, in square pixels. */
export function visibleArea(rect: { left: number; top: number; width: number; height: number }, viewport: { width: number; height: number }): number {
  const w = Math.min(rect.left + rect.width, viewport.width) - Math.max(rect.left, 0);
  const h = Math.min(rect.top + rect.height, viewport.height) - Math.max(rect.top, 0);
  return w > 0 && h > 0 ? w * h : 0;
}
