/**
 * Issue 20: a hostile page script, on the demo exchange pages with the real extension loaded,
 * attacks what the extension puts on the page; each test says what the attack was and what it
 * now gets.
 */
import type { BrowserContext, Frame, Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { chartFrame, expectAligned, overlayDebug, paintedAfter } from './overlayHelpers';
import { inChartOverlay, inOverlay } from './shadowReach';

const BINANCE = 'https://www.binance.com/en/futures/BTCUSDT';

type Spied = { type: string; data: string; ports: number }[];

test('the overlay cannot be torn down: no window message hands the page the extension id, and WXT\'s "newer script started" event from the page is stopped', async ({ extension }) => {
  test.setTimeout(120_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  // `?spy`: the page's first script records every window message it hears.
  await page.goto(`${BINANCE}?spy`);
  const before = await paintedAfter(sw, page, 0);
  const spied = await page.evaluate(() => (window as unknown as { __spied: Spied }).__spied);
  expect(spied.filter((m) => m.data.includes(extension.extensionId) || /content-script-started/.test(m.data))).toEqual([]);

  // The attack: WXT's event as a newer copy of the content script fires it, with the id the page
  // learnt (from WXT's message, or from the store: a published extension's id is public).
  await page.evaluate((id) => {
    const detail = { contentScriptName: 'content', messageId: 'page' };
    document.dispatchEvent(new CustomEvent(`${id}:content:wxt:content-script-started`, { detail }));
  }, extension.extensionId);
  await page.waitForTimeout(1_500);
  await expect(page.locator('liqlens-overlay')).toHaveCount(1);
  // Still running: it answers, and still paints on the chart.
  const after = await overlayDebug(sw, page);
  expect(after).not.toBeNull();
  expect(after!.chart.kind).toBe('chart');
  expect(after!.paints).toBeGreaterThanOrEqual(before.paints);
});

test('the handshake cannot be answered by another window: a same-origin page that opens the futures page and answers READY with its own port gets nothing', async ({ extension }) => {
  test.setTimeout(120_000);
  const sw = extension.serviceWorker;
  const opener = await extension.context.newPage();
  await opener.goto('https://www.binance.com/en/markets');
  const popupPromise = extension.context.waitForEvent('page');
  // The attack, from the opener: reach the new window before its document_start scripts, answer
  // the content script's READY with a port of its own (and greet unasked), then post forged geometry on it.
  await opener.evaluate(() => {
    const channel = new MessageChannel();
    const w = window.open('/en/futures/BTCUSDT')!;
    const geometry = { symbol: 'BTCUSDT', resolution: '15', mount: 1, pane: { left: 0, top: 0, width: 300, height: 200 }, time: { anchorTime: Date.UTC(2025, 0, 1), anchorX: 10, barSpacing: 3, barMs: 900_000 }, price: { top: 2, bottom: 1, log: false } };
    const greet = (target: Window & typeof globalThis) => {
      try {
        target.dispatchEvent(new target.MessageEvent('liqlens:bridge-hello', { ports: [channel.port2] }));
      } catch { /* not yet reachable */ }
    };
    try {
      w.addEventListener('liqlens:content-ready', () => greet(w as Window & typeof globalThis), true);
    } catch { /* ignore */ }
    const timer = setInterval(() => {
      greet(w as Window & typeof globalThis);
      try {
        w.addEventListener('liqlens:content-ready', () => greet(w as Window & typeof globalThis), true);
      } catch { /* ignore */ }
      channel.port1.postMessage({ type: 'geometry', geometry, frame: null });
    }, 0);
    setTimeout(() => clearInterval(timer), 15_000);
  });
  const popup = await popupPromise;
  await popup.waitForLoadState();
  // Two answered the content script's READY (the opener's listener, then the bridge): neither is
  // believed, and the opener's geometry is never drawn. The page gets the side panel instead.
  await expect.poll(async () => (await overlayDebug(sw, popup))?.chart, { timeout: 30_000 }).toEqual({ kind: 'list', reason: 'no-bridge' });
  await popup.waitForTimeout(2_000);
  const later = (await overlayDebug(sw, popup))!;
  expect(later.bridgeConnected).toBe(false);
  expect(later.chart.kind).not.toBe('chart');
  expect(await popup.locator('liqlens-chart-overlay').count()).toBe(0);
});

test('built-ins patched after load get nothing: postMessage, JSON, toJSON, Map, Array and Set methods never see the port or a message, and cannot shift the marks', async ({ extension }) => {
  test.setTimeout(120_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(BINANCE);
  await paintedAfter(sw, page, 0);
  // The attack: wrap every built-in the bridge could reach, note anything that is LiqLens's port or
  // message, and shift the price and time of any geometry that passes through.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    const secret = (v: unknown): string | null => {
      try {
        if (v instanceof MessagePort) return 'a MessagePort';
        if (typeof v === 'string') return /"(geometry|findings|no-chart)"|geometryRead|anchorTime/.test(v) ? `text ${v.slice(0, 60)}` : null;
        if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          if (o.type === 'geometry' || o.type === 'findings' || o.type === 'no-chart' || 'geometryRead' in o || ('pane' in o && 'mount' in o)) return `a message ${String(o.type)}`;
        }
      } catch { /* a value that throws is not ours */ }
      return null;
    };
    const shift = (v: unknown) => {
      const g = (v as { geometry?: { price: { top: number; bottom: number }; time: { anchorX: number } } } | null)?.geometry;
      if (g) {
        g.price.top *= 1.02;
        g.price.bottom *= 1.02;
        g.time.anchorX += 120;
      }
    };
    const wrap = (owner: object, name: PropertyKey, label: string) => {
      const original = (owner as Record<PropertyKey, (...a: unknown[]) => unknown>)[name]!;
      Object.defineProperty(owner, name, {
        configurable: true, writable: true,
        value: function (this: unknown, ...args: unknown[]) {
          for (const v of [this, ...args]) {
            const s = secret(v);
            if (s) seen.push(`${label}: ${s}`);
            shift(v);
          }
          return original.apply(this, args);
        },
      });
    };
    wrap(MessagePort.prototype, 'postMessage', 'MessagePort.prototype.postMessage');
    wrap(JSON, 'stringify', 'JSON.stringify');
    wrap(Map.prototype, 'set', 'Map.prototype.set');
    wrap(Map.prototype, 'get', 'Map.prototype.get');
    for (const name of ['map', 'filter', 'sort', 'some', 'push', 'slice']) wrap(Array.prototype, name, `Array.prototype.${name}`);
    wrap(Set.prototype, Symbol.iterator, 'Set.prototype[Symbol.iterator]');
    wrap(EventTarget.prototype, 'dispatchEvent', 'EventTarget.prototype.dispatchEvent');
    Object.defineProperty(Object.prototype, 'toJSON', {
      configurable: true,
      value: function (this: unknown) {
        const s = secret(this);
        if (s) seen.push(`Object.prototype.toJSON: ${s}`);
        shift(this);
        return this;
      },
    });
  });
  // The chart moves, so the bridge reads and sends afresh.
  await page.getByRole('tab', { name: '1H' }).click();
  await expectAligned(sw, page, 'after the page patched its built-ins', 'BTCUSDT', '60');
  const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
  expect([...new Set(seen)]).toEqual([]);
});

test('off the trade pages the bridge sleeps: nothing hooked, nothing polled, until the single-page app navigates to one', async ({ extension }) => {
  test.setTimeout(120_000);
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/my/wallet/account/main');
  // Count the bridge's DOM reads as a page script can: the calls it makes through the page's prototype.
  const countReads = () => page.evaluate(async () => {
    const original = Document.prototype.querySelectorAll;
    let calls = 0;
    Document.prototype.querySelectorAll = function (this: Document, selector: string) {
      calls++;
      return original.call(this, selector);
    } as typeof original;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    Document.prototype.querySelectorAll = original;
    return calls;
  });
  expect(await page.evaluate(() => Object.getOwnPropertyDescriptor(window, 'TradingView') ?? null)).toBeNull();
  expect(await countReads()).toBe(0);
  expect(await inOverlay(page, '.liqlens-badge').count()).toBe(0);
  // The app moves to a trade page without loading one: the bridge wakes within a second.
  await page.evaluate(() => history.pushState(null, '', '/en/futures/BTCUSDT'));
  await expect.poll(countReads, { timeout: 10_000 }).toBeGreaterThan(0);
});

test('synthetic events do nothing: 500 page-made arrow keys and clicks on the badge neither move nor store it, and page-made mouse moves get no read-out', async ({ extension }) => {
  test.setTimeout(120_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(BINANCE);
  const debug = await paintedAfter(sw, page, 0);
  const pill = inOverlay(page, '.liqlens-badge .pill');
  await expect.poll(() => pill.isVisible()).toBe(true);
  const box = (await pill.boundingBox())!;
  const stored = () => sw.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } };
    return (await chrome.storage.local.get('floatingOffsets')).floatingOffsets ?? null;
  });
  const before = await stored();
  // The attack, where the page can reach the pill (an open shadow root): keys, clicks, a drag.
  await page.evaluate(() => {
    const host = document.querySelector('liqlens-overlay');
    const target = host?.shadowRoot?.querySelector('.pill') ?? host ?? document.body;
    for (let i = 0; i < 500; i++) target.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', shiftKey: true, bubbles: true, composed: true }));
    target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  });
  await page.waitForTimeout(1_500);
  expect(await stored()).toEqual(before);
  expect(await pill.getAttribute('aria-expanded')).toBe('false');
  expect((await pill.boundingBox())!.x).toBeCloseTo(box.x, 0);

  const mark = debug.lastPaint!.items.find((i) => i.kind === 'break' && i.anchorX! > 50 && i.anchorY! > 50)!;
  const geometry = debug.chart.kind === 'chart' ? debug.chart.geometry : null;
  const frame = page.frames().find((f) => f.url().includes('chart-frame.html'))!;
  await frame.evaluate(([x, y]) => {
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
  }, [geometry!.pane.left + mark.anchorX!, geometry!.pane.top + mark.anchorY!]);
  await page.waitForTimeout(500);
  await expect.poll(() => inChartOverlay(frame, '.readout').isVisible()).toBe(false);
});

type Leaks = { stolen: string[]; paths: string[] };

test('closed shadow roots: the page reads and rewrites nothing of the badge or the chart overlay, whether it patches attachShadow before or after load, walks roots, hit-tests, listens to events or looks for canvases', async ({ extension }) => {
  test.setTimeout(120_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  // The page's first script, in every frame, before LiqLens's: attachShadow forced open with every
  // root it makes kept, and every event's composed path noted where it reaches into a shadow root.
  await page.addInitScript(() => {
    const leaks: Leaks = { stolen: [], paths: [] };
    (window as unknown as { __leaks: Leaks }).__leaks = leaks;
    const original = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
      const root = original.call(this, { ...init, mode: 'open' });
      leaks.stolen.push(this.localName);
      return root;
    };
    const inShadow = (n: EventTarget) => n instanceof Node && n.getRootNode() instanceof ShadowRoot;
    for (const type of ['click', 'mousedown', 'pointerdown', 'focusin', 'keydown', 'mousemove']) {
      document.addEventListener(type, (e) => {
        const inner = e.composedPath().filter(inShadow).map((n) => (n as Node).nodeName.toLowerCase());
        if (inner.length || inShadow(e.target!)) leaks.paths.push(`${type}: ${inner.join(' < ')}`);
        const related = (e as FocusEvent).relatedTarget;
        if (related && inShadow(related)) leaks.paths.push(`${type} relatedTarget`);
      }, true);
    }
  });
  await page.goto(BINANCE);
  const debug = await paintedAfter(sw, page, 0);
  const frame = chartFrame(page);
  const pill = inOverlay(page, '.liqlens-badge .pill');
  await expect.poll(() => pill.isVisible()).toBe(true);
  const box = (await pill.boundingBox())!;
  const g = debug.chart.kind === 'chart' ? debug.chart.geometry : null;
  const mark = debug.lastPaint!.items.find((i) => i.kind === 'band' && i.anchorY! > 20)!;

  // What a page script reaches in a document: the hosts' roots, every canvas through the open roots
  // it can walk, what hit-testing and a caret at a point give.
  const probe = (at: { x: number; y: number }) => {
    const hosts = [...document.querySelectorAll('liqlens-overlay, liqlens-chart-overlay')];
    const canvases: string[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLCanvasElement) {
          const host = (el.getRootNode() as ShadowRoot).host;
          if (host) {
            let pixels = 0;
            try {
              const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
              for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) pixels++;
            } catch { pixels = -1; }
            canvases.push(`${host.localName} canvas, ${pixels} painted pixels`);
          }
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const hit = document.elementFromPoint(at.x, at.y);
    const caret = document.caretRangeFromPoint?.(at.x, at.y)?.startContainer;
    return {
      roots: hosts.map((h) => `${h.localName}: ${h.shadowRoot === null ? 'closed' : `open, ${h.shadowRoot.childNodes.length} nodes`}`),
      canvases,
      hit: hit && `${hit.localName}${hit.getRootNode() instanceof ShadowRoot ? ' in a shadow root' : ''}`,
      stack: document.elementsFromPoint(at.x, at.y).filter((e) => e.getRootNode() instanceof ShadowRoot).map((e) => e.localName),
      caret: caret && caret.getRootNode() instanceof ShadowRoot ? `${caret.nodeName} "${caret.textContent?.slice(0, 30)}"` : null,
      stolen: (window as unknown as { __leaks: Leaks }).__leaks.stolen,
    };
  };
  expect(await page.evaluate(probe, { x: box.x + box.width / 2, y: box.y + box.height / 2 })).toEqual({
    roots: ['liqlens-overlay: closed'], canvases: [], hit: 'liqlens-overlay', stack: [], caret: null, stolen: [],
  });
  expect(await frame.evaluate(probe, { x: g!.pane.left + mark.anchorX!, y: g!.pane.top + mark.anchorY! })).toMatchObject({
    roots: ['liqlens-chart-overlay: closed'], canvases: [], stack: [], caret: null, stolen: [],
  });

  // The trader uses the badge (trusted clicks and keys): the page's listeners see only the host.
  await pill.click();
  await expect.poll(() => pill.getAttribute('aria-expanded')).toBe('true');
  await page.keyboard.press('Escape');
  const frameBox = (await page.locator('#chart_futures-tradingview iframe').boundingBox())!;
  await page.mouse.move(frameBox.x + g!.pane.left + mark.anchorX! + 1, frameBox.y + g!.pane.top + mark.anchorY! + 1, { steps: 3 });
  const leaks = async () => [...(await page.evaluate(() => (window as unknown as { __leaks: Leaks }).__leaks.paths)), ...(await frame.evaluate(() => (window as unknown as { __leaks: Leaks }).__leaks.paths))];
  expect(await leaks()).toEqual([]);

  // Rewrite the badge, add a link to it, and patch attachShadow again after load, then tear the
  // chart overlay's host out so that LiqLens mounts a new one.
  const attack = () => {
    const host = document.querySelector('liqlens-overlay, liqlens-chart-overlay')!;
    for (const el of host.shadowRoot?.querySelectorAll('.symbol, .detail, .readout') ?? []) el.textContent = 'SEND FUNDS TO 0xBAD';
    host.shadowRoot?.querySelector('.liqlens-badge')?.insertAdjacentHTML('beforeend', '<a class="scam" href="https://evil.example/claim">Claim your airdrop</a>');
    const link = Object.assign(document.createElement('a'), { className: 'scam', href: 'https://evil.example/claim', textContent: 'Claim your airdrop' });
    host.append(link); // a light child of the host: the closed root has no slot to show it
    const leaks = (window as unknown as { __leaks: Leaks }).__leaks;
    const original = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
      leaks.stolen.push(`${this.localName} after load`);
      return original.call(this, { ...init, mode: 'open' });
    };
    return link.getClientRects().length;
  };
  expect(await page.evaluate(attack)).toBe(0);
  expect(await frame.evaluate(attack)).toBe(0);
  await frame.evaluate(() => document.querySelector('liqlens-chart-overlay')!.remove());
  const since = Date.now();
  await page.getByRole('tab', { name: '1H' }).click();
  await paintedAfter(sw, page, since, 'BTCUSDT', '60');
  expect(await frame.evaluate(probe, { x: 0, y: 0 })).toMatchObject({ roots: ['liqlens-chart-overlay: closed'], canvases: [], stolen: [] });
  await expect.poll(() => inChartOverlay(frame, 'canvas').count()).toBe(1);
  expect(await inOverlay(page, '.scam').count()).toBe(0);
  expect(await inChartOverlay(frame, '.scam').count()).toBe(0);
  await expect.poll(() => inOverlay(page, '.liqlens-badge .symbol').text()).toBe('BTCUSDT');
  expect(await inOverlay(page, '.liqlens-badge').text()).not.toContain('0xBAD');
  expect(await leaks()).toEqual([]);
});

test('absurd numbers from the chart\'s own API: a price scale spanning ±1e300 is refused and what was painted comes off (not left at the old geometry); sane numbers paint again', async ({ extension }) => {
  test.setTimeout(120_000);
  const { sw, page, frame } = await paintedBinanceChart(extension);
  // Opaque pixels on the whole overlay canvas; -1 without one (the overlay detached).
  const paintedPixels = async () => (await inChartOverlay(frame, 'canvas').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  })) ?? -1;
  expect(await paintedPixels()).toBeGreaterThan(0);
  // The attack: the chart frame's own price scale answers prices every level would collapse between.
  await frame.evaluate(() => {
    type Scale = { coordinateToPrice(y: number): unknown };
    const widget = (window as unknown as { tradingViewApi: { activeChart(): { getPanes(): { getMainSourcePriceScale(): Scale }[] } } }).tradingViewApi;
    const scale = widget.activeChart().getPanes()[0]!.getMainSourcePriceScale();
    (window as unknown as { __scale: Scale }).__scale = scale;
    scale.coordinateToPrice = (y: number) => (y <= 0 ? 1e300 : -1e300);
  });
  await expect.poll(async () => (await overlayDebug(sw, page))?.chart.kind, { timeout: 15_000 }).not.toBe('chart');
  await expect.poll(paintedPixels, { timeout: 5_000 }).toBeLessThanOrEqual(0);
  // The page stops lying: the chart is read and painted again.
  await expectPaintedAgain(sw, page, 'after the absurd range was withdrawn', () => frame.evaluate(() => {
    delete (window as unknown as { __scale: { coordinateToPrice?: unknown } }).__scale.coordinateToPrice;
  }));
});

test('a time scale the chart\'s own API says is 1e20 px wide freezes nothing: the tab answers, the read is refused, and the chart is painted again once the page stops', async ({ extension }) => {
  test.setTimeout(120_000);
  const { sw, page, frame } = await paintedBinanceChart(extension);
  // The attack: bars 20,000 px apart on a scale 1e20 px wide, snapping as a real scale would. Near
  // 5e19 neighbouring floats are 8,192 apart: an unbounded bisection for a bar's centre never ends.
  // Two bounds stand in the way: a width beyond any screen is refused before the search (this test
  // hangs the chart's frame without both; with either it passes), and the search itself is bounded
  // (chartBridge.test.ts feeds it the same numbers directly).
  await frame.evaluate(() => {
    type TimeScale = { width(): number; barSpacing(): number; coordinateToTime(x: number): number | null };
    const api = (window as unknown as { tradingViewApi: { activeChart(): { getTimeScale(): TimeScale } } }).tradingViewApi;
    const scale = api.activeChart().getTimeScale();
    (window as unknown as { __timeScale: TimeScale }).__timeScale = scale;
    scale.width = () => 1e20;
    scale.barSpacing = () => 20_000;
    scale.coordinateToTime = (x: number) => (x < 5e19 + 10_000 ? 1_700_000_000 : 1_700_000_900);
  });
  await expect.poll(async () => (await overlayDebug(sw, page))?.chart.kind, { timeout: 15_000 }).not.toBe('chart');
  // The chart's frame (where the bridge runs) still answers at once, again and again.
  for (let i = 0; i < 5; i++) {
    const asked = Date.now();
    expect(await frame.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - asked).toBeLessThan(2_000);
    await page.waitForTimeout(300);
  }
  await expectPaintedAgain(sw, page, 'after the 1e20-px scale was withdrawn', () => frame.evaluate(() => {
    const scale = (window as unknown as { __timeScale: Record<string, unknown> }).__timeScale;
    for (const name of ['width', 'barSpacing', 'coordinateToTime']) delete scale[name];
  }));
});

/** A Binance demo chart with LiqLens painted on it, for the attacks through the chart's own API. */
async function paintedBinanceChart(extension: { serviceWorker: Worker; context: BrowserContext }): Promise<{ sw: Worker; page: Page; frame: Frame }> {
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(BINANCE);
  await paintedAfter(sw, page, 0);
  return { sw, page, frame: chartFrame(page) };
}

/** Once the page stops lying (`withdraw`), the chart is read and painted afresh, aligned. */
async function expectPaintedAgain(sw: Worker, page: Page, label: string, withdraw: () => Promise<unknown>): Promise<void> {
  const since = Date.now();
  await withdraw();
  await expectAligned(sw, page, label);
  expect((await overlayDebug(sw, page))!.lastPaint!.at).toBeGreaterThan(since);
}
