/**
 * The main-world half of the chart bridge: finds the TradingView charting library however the
 * page embeds it (discover.ts), reads where the visible chart draws prices and times (once per
 * animation frame while the chart moves or the trader handles it, woken by the library's own
 * events, once a second while it stands still, not at all in a hidden tab), and sends the numbers to the content script over a
 * MessageChannel port (messaging/bridgeChannel.ts) when they change; asleep off the trade pages.
 * It reads and reports; it never changes the chart and
 * takes no instructions from anyone.
 */
import { ACK_EVENT, FRAME_EVENT, HELLO_EVENT, READY_EVENT, type NoChartReason } from '../messaging/bridgeChannel';
import type { BridgeFindings, BridgeMessage } from '../messaging/validateBridge';
import { chartLikeGlobals, findCandidates, hookWidgetConstructor, sameOriginFrames, visibleArea, type Candidate, type FrameInfo, type WidgetHook } from './discover';
import { parseTradePageUrl } from '../site/pageUrl';
import { readWidget, type CallLog, type ReadGeometry, type TvWidget } from './readGeometry';
import type { ChartGeometry } from '../overlay/geometry';

/** How long to look before saying there is no chart API (the library loads after the page). */
const NO_API_AFTER_MS = 4_000;
/** A widget that stays unreadable (throwing, changed) this long after it was read gets the side panel. */
const UNREADABLE_AFTER_MS = 4_000;
/** One never read yet may still be loading its data: it gets longer. */
const NEVER_READ_AFTER_MS = 20_000;
/**
 * A still chart is read this often: a cheap check, not 60 reads a second (issue 23). The library's
 * own events (CHART_EVENTS), the pane's ResizeObserver and the trader's input wake the reading at
 * once; this poll catches what no event tells, such as the price scale rescaling to a new bar.
 */
const IDLE_MS = 1_000;
/** The chart's subscriptions (the library's ISubscription) whose firing means it moved. */
const CHART_EVENTS = ['onVisibleRangeChanged', 'onIntervalChanged', 'onSymbolChanged'] as const;
/** After a change, or the trader's wheel, pointer or key, it is read every frame this long. */
const ACTIVE_MS = 1_000;
/** The trader handling the chart: reading goes to every frame at once. */
const INPUT_EVENTS = ['wheel', 'pointerdown', 'pointermove', 'keydown', 'resize', 'scroll'] as const;
/** How often a sleeping bridge looks whether the address became a trade page. */
const ASLEEP_CHECK_MS = 1_000;
/** A canvas matches the pane when its size is within this of the library's pane size. */
const PANE_TOLERANCE_PX = 1.5;
/** The library's own legend (symbol, OHLC, indicators) where the page marks it, and the active chart of a multi-chart layout. */
const LIBRARY_LEGEND = '[data-name="legend"]';
const ACTIVE_CHART = '.chart-container.active';
/** At most this many legend elements are looked at (a page could hold thousands). */
const MAX_LEGENDS = 16;
/**
 * The page's chart-like globals are listed again this often (for the page report; their names
 * change rarely and listing a window's properties is the costliest part of a full look), and
 * once a chart is read (and listed then), only this often.
 */
const GLOBALS_EVERY_MS = 2_000;
const GLOBALS_READ_EVERY_MS = 30_000;
/**
 * The page and its frames are searched for widgets (and the findings reported) this often; the
 * reads between re-read the widgets found last, which is most of a reading's cost saved (issue 23).
 */
const FULL_LOOK_MS = 2_000;
/**
 * Between reads of the page's layout (the pane's place on screen, the library's legend), a still
 * chart is checked through its API alone: reading as before, it has not moved. The trader's input,
 * a scroll or a resize reads the layout at once.
 */
const LAYOUT_EVERY_MS = 2_000;

interface Shown {
  candidate: Candidate;
  /** What the widget's API read, before the layout was. */
  read: ReadGeometry;
  geometry: ChartGeometry;
  frame: HTMLIFrameElement | null;
  area: number;
}

export function startChartBridge(win: Window & typeof globalThis): void {
  // Every built-in the channel uses, captured now, before any page script runs and could replace
  // them, and never looked up again: a page that patches MessagePort.prototype.postMessage,
  // JSON.stringify, Object.prototype.toJSON, Array or Map methods later sees neither the port nor
  // a message (the "hostile page" e2e tests attack each).
  const intrinsics = captureIntrinsics(win);
  const { apply, post, dispatch, listen, unlisten, now } = intrinsics;
  const raf = win.requestAnimationFrame.bind(win);
  const later = win.setTimeout.bind(win);
  const Resize = win.ResizeObserver;
  const cancel = win.clearTimeout.bind(win);
  // Asleep until the address is a trade page (the sites are single-page apps: checked each second
  // while asleep, each frame while awake): elsewhere on the site nothing is hooked or polled.
  let href = '';
  let onTradePage = false;
  const tradePage = () => {
    const current = win.location.href;
    if (current !== href) {
      href = current;
      onTradePage = parseTradePageUrl(current) !== null;
    }
    return onTradePage;
  };
  // On a trade page the constructor hook goes in now, before any page script builds a widget.
  let hookOnce: WidgetHook | null = tradePage() ? hookWidgetConstructor(win) : null;
  const { port1: port, port2 } = new win.MessageChannel();

  // The handshake (content/bridgeClient.ts): the port answers the content script's READY within
  // its dispatch, until it acknowledges; starting, the bridge greets without a port, which makes
  // a content script that ran first ask again.
  // The content script dispatches READY on a node of its own: the node the chart's iframe is told on (bridgeChannel.ts FRAME_EVENT).
  let anchor: EventTarget | null = null;
  const answer = (event: Event) => {
    const target = apply(intrinsics.targetOf, event, []) as EventTarget | null;
    anchor = target !== null && target !== win ? target : null;
    apply(dispatch, win, [new intrinsics.MessageEvent(HELLO_EVENT, { ports: [port2] })]);
  };
  // The chart's iframe as the element, with a token the geometry message names (stable while it is the same element).
  let frameShown: HTMLIFrameElement | null = null;
  let frameToken = 0;
  const tokenOf = (el: HTMLIFrameElement): number => {
    if (el !== frameShown) {
      frameShown = el;
      frameToken++;
    }
    return frameToken;
  };
  // Dispatched after the message is posted and before it is delivered (a port delivers in a later task).
  const introduce = (el: HTMLIFrameElement, token: number) => {
    if (anchor) apply(dispatch, anchor, [new intrinsics.MouseEvent(FRAME_EVENT, { relatedTarget: el, detail: token })]);
  };
  const stopAnswering = () => {
    apply(unlisten, win, [READY_EVENT, answer]);
    apply(unlisten, win, [ACK_EVENT, stopAnswering]);
  };
  apply(listen, win, [READY_EVENT, answer]);
  apply(listen, win, [ACK_EVENT, stopAnswering]);
  apply(dispatch, win, [new intrinsics.MessageEvent(HELLO_EVENT)]);

  let started = now();
  // The last message of each kind as sent, to send only changes (compared here, not through JSON).
  let lastChart = '';
  let lastFindings = '';
  /** Sends a message unless it is the same as the last of its kind; says whether it sent. */
  const send = (message: BridgeMessage): boolean => {
    const key = fingerprint(message, intrinsics);
    if (message.type === 'findings') {
      if (key === lastFindings) return false;
      lastFindings = key;
    } else {
      if (key === lastChart) return false;
      lastChart = key;
    }
    apply(post, port, [message]);
    return true;
  };
  const logs = new WeakMap<TvWidget, CallLog>();
  // The pane canvas last found per widget, and for which of its charts (a layout's charts can be of one size).
  const panes = new WeakMap<TvWidget, { canvas: HTMLCanvasElement; active: number }>();
  let lastWidget: TvWidget | null = null;
  let mount = 0;
  let unreadableSince: number | null = null;
  let globals: { at: number; mount: number; names: string[] } = { at: 0, mount: 0, names: [] };
  const layouts = new WeakMap<TvWidget, { charts: number; active: number }>();

  /** The widget last shown, its API reading (as text) and when the layout was read with it. */
  let checked: { widget: TvWidget; key: string; width: number; at: number } | null = null;
  /** What the last full look found: between full looks the same frames and widgets are re-read. */
  let found: { at: number; frames: FrameInfo[]; foreign: ReturnType<typeof sameOriginFrames>['foreign']; candidates: Candidate[] } | null = null;
  /** The chart the last findings named as shown (their `chosen`). */
  let reportedChosen: string | null = null;

  /**
   * One reading; true when what the chart shows changed. A full look searches the page and its
   * frames for widgets and reports its findings; between full looks (FULL_LOOK_MS) only the
   * widgets found last are read, and where that shows no chart a full look follows at once.
   */
  const tick = (): boolean => {
    const hook = (hookOnce ??= hookWidgetConstructor(win));
    const full = found === null || now() - found.at >= FULL_LOOK_MS;
    if (full) {
      hook.recheck();
      const { frames, foreign } = sameOriginFrames(win.document);
      found = { at: now(), frames, foreign, candidates: findCandidates(win, frames, hook) };
    }
    const { frames, foreign, candidates } = found!;
    if (!full && checked && now() - checked.at < LAYOUT_EVERY_MS) {
      const { widget, key, width } = checked;
      const read = readWidget(widget, logs.get(widget), () => width);
      if (read.ok && fingerprint(read.geometry, intrinsics) === key) return false;
    }
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
      watchPane(pane.canvas);
      if (full) watchChart(candidate.widget);
      if (shown && shown.area >= pane.area) continue;
      const rect = pane.canvas.getBoundingClientRect();
      const legendBottom = libraryLegendBottom(pane.root, rect);
      const geometry: ChartGeometry = { ...rest, pane: { left: rect.left, top: rect.top, width, height }, mount, ...(legendBottom === null ? {} : { legendBottom }) };
      shown = { candidate, read: read.geometry, geometry, frame: pane.frame === null ? null : frames.find((f) => f.index === pane.frame)!.el, area: pane.area };
    }

    if (!full && !shown) {
      found = null; // the widget read last shows nothing now: look again, as a full look would have
      return tick();
    }
    checked = shown && { widget: shown.candidate.widget, key: fingerprint(shown.read, intrinsics), width: shown.read.width, at: now() };
    let changed = false;
    if (shown) {
      unreadableSince = null;
      if (shown.candidate.widget !== lastWidget) {
        lastWidget = shown.candidate.widget;
        mount++;
        shown.geometry.mount = mount;
      }
      const frame = shown.frame;
      const token = frame === null ? null : tokenOf(frame);
      changed = send({ type: 'geometry', geometry: shown.geometry, frame: token });
      if (changed && frame !== null) introduce(frame, token!);
    } else if (hidden) {
      unreadableSince = null;
      changed = send({ type: 'no-chart', reason: 'hidden' });
    } else if (candidates.length === 0) {
      // Not before the page (and its frames) finished loading: the library comes with them.
      if (now() - started > NO_API_AFTER_MS && win.document.readyState === 'complete') changed = send({ type: 'no-chart', reason: 'no-api' });
    } else if (reason && reason !== 'not-ready') {
      changed = send({ type: 'no-chart', reason });
    } else {
      // Found but unreadable: a chart still loading, or a page that changed or broke its objects.
      // Nothing is drawn from the last good reading meanwhile; if it lasts, the side panel.
      unreadableSince ??= now();
      let seenBefore = false;
      for (let i = 0; i < candidates.length; i++) if (candidates[i]!.widget === lastWidget) seenBefore = true;
      const patience = seenBefore ? UNREADABLE_AFTER_MS : NEVER_READ_AFTER_MS;
      changed = send({ type: 'no-chart', reason: now() - unreadableSince > patience ? 'incomplete-api' : 'unreadable' });
    }
    // Between full looks the findings wait, unless the chart shown is not the one they last named:
    // a chart first read between looks (its pane laid out after the look) is in the report at once.
    if (!full && (shown?.candidate.label ?? null) === reportedChosen) return changed;
    // The trader's input in the chart's own frames wakes the reading too (it does not reach this window).
    for (const { doc } of frames) watchInput(doc.defaultView);

    const chosen = shown?.candidate ?? candidates[0] ?? null;
    const log = chosen ? logs.get(chosen.widget) : undefined;
    // Listed again as soon as a (new) chart is read: its library has loaded by then.
    if (now() - globals.at > (shown ? GLOBALS_READ_EVERY_MS : GLOBALS_EVERY_MS) || globals.mount !== mount) globals = { at: now(), mount, names: chartLikeGlobals(win, frames) };
    // Built with loops and captured calls only: the page's Array and Set methods never see it.
    const frameList: BridgeFindings['frames'] = [];
    for (let i = 0; i < frames.length; i++) frameList[i] = { index: frames[i]!.index, id: frames[i]!.id, origin: frames[i]!.origin };
    const foreignList: BridgeFindings['foreign'] = [];
    for (let i = 0; i < foreign.length && i < 32; i++) foreignList[i] = { index: foreign[i]!.index, origin: foreign[i]!.origin };
    const handles: string[] = [];
    for (let i = 0; i < candidates.length; i++) handles[i] = candidates[i]!.label;
    const findings: BridgeFindings = {
      frames: frameList,
      foreignFrames: foreign.length,
      foreign: foreignList,
      globals: globals.names,
      layout: chosen ? (layouts.get(chosen.widget) ?? null) : null,
      handles,
      widgetConstructor: { defined: hook.defined, widgets: hook.built },
      missing: sortedNames(log?.missing, intrinsics),
      threw: sortedNames(log?.threw, intrinsics),
      version: hook.version(),
      chosen: shown?.candidate.label ?? null,
      geometryRead: shown !== null,
    };
    reportedChosen = findings.chosen;
    return send({ type: 'findings', findings }) || changed;
  };

  // Every frame while something moves, a timer while nothing does, nothing in a hidden tab (its
  // frames stop; the timer is not re-armed until the tab shows again).
  let activeUntil = 0;
  let pending: 'frame' | 'timer' | null = null;
  let timer = 0;
  const schedule = () => {
    if (win.document.visibilityState === 'hidden') pending = null;
    else if (now() < activeUntil) {
      pending = 'frame';
      raf(run);
    } else {
      pending = 'timer';
      timer = later(run, IDLE_MS);
    }
  };
  let asleep = false;
  const run = () => {
    pending = null;
    // Off a trade page: asleep, looking once a second whether the address became one.
    if (!tradePage()) {
      asleep = true;
      pending = 'timer';
      timer = later(run, ASLEEP_CHECK_MS);
      return;
    }
    if (asleep) {
      asleep = false;
      started = now();
    }
    if (tick()) activeUntil = now() + ACTIVE_MS;
    schedule();
  };
  const wake = (event?: Event) => {
    if (event?.type === 'pointermove' && (event as PointerEvent).buttons === 0) return; // hovering moves nothing
    activeUntil = now() + ACTIVE_MS;
    checked = null; // the layout may have changed: read it
    if (pending === 'timer') {
      cancel(timer);
      pending = 'frame';
      raf(run);
    } else if (pending === null) schedule();
  };
  const watched = new WeakSet<object>();
  // The pane's canvas resizing (the price axis widening, a layout change) wakes the reading at once.
  const resizes = typeof Resize === 'function' ? new Resize(() => wake()) : null;
  const watchPane = (canvas: HTMLCanvasElement) => {
    if (!resizes || watched.has(canvas)) return;
    watched.add(canvas);
    resizes.observe(canvas);
  };
  // The library's own events on the chart shown: subscribed once per chart object (a layout's
  // charts, a chart the page rebuilt). A page that fires them only makes the bridge read sooner.
  const onChartEvent = () => wake();
  const watchChart = (widget: TvWidget) => {
    try {
      const chart = widget.activeChart?.() as Record<string, unknown> | undefined;
      if (!chart || typeof chart !== 'object' || watched.has(chart)) return;
      watched.add(chart);
      for (const name of CHART_EVENTS) {
        const fn = chart[name];
        const subscription = typeof fn === 'function' ? (apply(fn, chart, []) as { subscribe?: unknown } | null) : null;
        if (subscription && typeof subscription.subscribe === 'function') apply(subscription.subscribe, subscription, [null, onChartEvent]);
      }
    } catch {
      // A build without these events, or one that throws: the polls alone read it.
    }
  };
  const watchInput = (target: (Window & typeof globalThis) | Window | null) => {
    if (!target || watched.has(target)) return;
    watched.add(target);
    for (const type of INPUT_EVENTS) apply(listen, target, [type, wake, { capture: true, passive: true }]);
  };
  watchInput(win);
  apply(listen, win.document, ['visibilitychange', () => {
    if (win.document.visibilityState !== 'hidden' && pending === null) wake();
  }]);
  wake();
}

interface Intrinsics {
  apply: typeof Reflect.apply;
  post: MessagePort['postMessage'];
  dispatch: EventTarget['dispatchEvent'];
  listen: EventTarget['addEventListener'];
  unlisten: EventTarget['removeEventListener'];
  MessageEvent: typeof MessageEvent;
  MouseEvent: typeof MouseEvent;
  /** Event.prototype.target's getter. */
  targetOf: (this: Event) => EventTarget | null;
  now: () => number;
  keys: (o: object) => string[];
  isArray: (v: unknown) => v is unknown[];
  setForEach: Set<string>['forEach'];
}

function captureIntrinsics(win: Window & typeof globalThis): Intrinsics {
  return {
    apply: Reflect.apply,
    post: win.MessagePort.prototype.postMessage,
    dispatch: win.EventTarget.prototype.dispatchEvent,
    listen: win.EventTarget.prototype.addEventListener,
    unlisten: win.EventTarget.prototype.removeEventListener,
    MessageEvent: win.MessageEvent,
    MouseEvent: win.MouseEvent,
    targetOf: Object.getOwnPropertyDescriptor(win.Event.prototype, 'target')!.get!,
    now: win.Date.now,
    keys: win.Object.keys,
    isArray: win.Array.isArray,
    setForEach: win.Set.prototype.forEach as Set<string>['forEach'],
  };
}

/** A message's content as text, for "has it changed": own keys only, through captured calls. */
function fingerprint(value: unknown, k: Intrinsics): string {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? `"${value}"` : `${value as number | boolean | undefined}`;
  let out = k.isArray(value) ? '[' : '{';
  const names = k.keys(value);
  for (let i = 0; i < names.length; i++) out += `${names[i]}:${fingerprint((value as Record<string, unknown>)[names[i]!], k)},`;
  return out + '}';
}

/** The names in a set, sorted, without the page's Array or Set iterator methods. */
function sortedNames(set: Set<string> | undefined, k: Intrinsics): string[] {
  const out: string[] = [];
  if (!set) return out;
  k.apply(k.setForEach, set, [(name: string) => {
    let i = out.length;
    while (i > 0 && out[i - 1]! > name) {
      out[i] = out[i - 1]!;
      i--;
    }
    out[i] = name;
  }]);
  return out;
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
  const el = frame.el;
  const topView = top.defaultView;
  return el && topView && visibleArea(el.getBoundingClientRect(), { width: topView.innerWidth, height: topView.innerHeight }) > 0 ? area : 0;
}
