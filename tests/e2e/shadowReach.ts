/**
 * The tests' reach into LiqLens's closed shadow roots, in Chromium (Firefox: tests/firefox/shadowReach.ts).
 *
 * The roots are closed so that the page cannot read or rewrite the badge and the canvas; Playwright's
 * locators stop at them too. The tests reach them as DevTools does, through the Chrome DevTools
 * Protocol: `DOM.getDocument` with `pierce` lists closed roots, `DOM.resolveNode` gives a handle on
 * one, and `Runtime.callFunctionOn` runs the query against it. Nothing in the product is opened for
 * this, and the page never gets the handle.
 *
 * `inOverlay(page, '.liqlens-badge .pill')` reads like `page.locator('liqlens-overlay .liqlens-badge .pill')`
 * did, with the Locator's names: text, attributes, visibility and the box (in the top page's CSS px),
 * and clicks through the real mouse at the element's box. Assertions poll these reads
 * (`expect.poll(() => pill.getAttribute('aria-expanded')).toBe('true')`); `text()` is the text
 * normalised as `toHaveText(string)` compares it, `textContent()` the raw text a regex is matched on. Reads of one element are strict, as a
 * locator's are: they throw (and an `expect.poll` retries) unless exactly one element matches.
 */
import type { CDPSession, Frame, Page } from '@playwright/test';
import { BOX, CHART_OVERLAY_HOST, OVERLAY_HOST, TEXT, VISIBLE, type Box } from '../shadowInPage';

export type { Box };

interface DomNode {
  nodeId: number;
  backendNodeId: number;
  nodeName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function session(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
}

/** The elements of `node`'s own document named `name`, in document order (not in frames or shadow roots). */
function lightElements(node: DomNode, name: string, out: DomNode[] = []): DomNode[] {
  for (const child of node.children ?? []) {
    if (child.nodeName === name) out.push(child);
    lightElements(child, name, out);
  }
  return out;
}

/** Where `frame` is among its parent document's frames (document order), from the top down. */
async function framePath(frame: Frame): Promise<number[]> {
  const path: number[] = [];
  for (let f = frame; f.parentFrame(); f = f.parentFrame()!) {
    const element = await f.frameElement();
    path.unshift(await element.evaluate((e) => [...e.ownerDocument!.querySelectorAll('iframe, frame')].indexOf(e as HTMLIFrameElement)));
    await element.dispose();
  }
  return path;
}

/** The roots last listed per page and (frame path, host): their backend ids, stable across listings. */
const listed = new WeakMap<Page, Map<string, number[]>>();
const framePaths = new WeakMap<Frame, number[]>();

/** Lists the closed roots of every `host` in the document at `path` (DevTools' pierced tree). */
async function listRoots(cdp: CDPSession, path: number[], host: string): Promise<number[]> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  let doc: DomNode | undefined = root;
  for (const index of path) doc = doc && [...lightElements(doc, 'IFRAME'), ...lightElements(doc, 'FRAME')][index]?.contentDocument;
  // A frame not (or no longer) there has no roots: nothing matches.
  return doc ? lightElements(doc, host.toUpperCase()).flatMap((h) => h.shadowRoots ?? []).map((r) => r.backendNodeId) : [];
}

/**
 * Runs `body` (the source of `(els, arg, roots) => R`, `els` being the elements matching `selector`
 * in every `host`'s shadow root of `scope`'s document) and returns its result by value. The roots
 * are listed again when none was found, or one has left the document (LiqLens mounted a new host).
 */
async function inRoots<R>(scope: Page | Frame, host: string, selector: string, body: string, arg: unknown, index?: number): Promise<R> {
  const page = 'mainFrame' in scope ? scope : scope.page();
  let path: number[] = [];
  if (!('mainFrame' in scope)) {
    path = framePaths.get(scope) ?? (await framePath(scope));
    framePaths.set(scope, path);
  }
  const cdp = await session(page);
  const cache = listed.get(page) ?? new Map<string, number[]>();
  listed.set(page, cache);
  const key = `${path.join('/')} ${host}`;
  const declaration = `function (selector, arg, ...roots) {
    const __name = (f) => f; // esbuild's keepNames helper, where the caller was compiled with it
    if (roots.some((r) => !r.host.isConnected)) return { stale: true };
    const all = roots.flatMap((r) => [...r.querySelectorAll(selector)]);
    const els = ${index === undefined ? 'all' : `all.slice(${index}, ${index + 1})`};
    return { value: (${body})(els, arg, roots) };
  }`;
  const objectGroup = 'liqlens-shadow-reach';
  for (let attempt = 0; ; attempt++) {
    const fresh = attempt > 0 || !cache.has(key);
    if (fresh) {
      if (scope !== page) framePaths.set(scope as Frame, (path = await framePath(scope as Frame)));
      cache.set(key, await listRoots(cdp, path, host));
    }
    const roots = cache.get(key)!;
    // Listed afresh and none: nothing matches (yet). Listed before and none: list again.
    if (roots.length === 0) {
      if (fresh) return inRootsOfNone<R>(cdp, body, arg);
      continue;
    }
    try {
      const ids: string[] = [];
      for (const backendNodeId of roots) ids.push(((await cdp.send('DOM.resolveNode', { backendNodeId, objectGroup })) as { object: { objectId: string } }).object.objectId);
      const answer = (await cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: declaration,
        objectId: ids[0],
        arguments: [{ value: selector }, { value: arg ?? null }, ...ids.map((objectId) => ({ objectId }))],
        returnByValue: true,
        awaitPromise: true,
      })) as { result: { value?: { stale?: true; value?: R } }; exceptionDetails?: { exception?: { description?: string }; text: string } };
      if (answer.exceptionDetails) throw new ReachError(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
      const out = answer.result.value!;
      if (!out.stale) return out.value as R;
      // A listed root has left the document (a new host mounted): list them again.
      if (attempt >= 2) throw new Error(`the roots of ${host} keep changing`);
    } catch (e) {
      // A listed root is gone (its node could not be resolved): list them again.
      if (e instanceof ReachError || attempt >= 2) throw e;
    } finally {
      void cdp.send('Runtime.releaseObjectGroup', { objectGroup }).catch(() => {});
    }
  }
}

/** `body` over no element (no root in the document): what a read says where nothing matches. */
async function inRootsOfNone<R>(cdp: CDPSession, body: string, arg: unknown): Promise<R> {
  const answer = (await cdp.send('Runtime.evaluate', {
    expression: `(() => { const __name = (f) => f; return (${body})([], ${JSON.stringify(arg ?? null)}, []); })()`,
    returnByValue: true,
  })) as { result: { value?: R }; exceptionDetails?: { exception?: { description?: string }; text: string } };
  if (answer.exceptionDetails) throw new ReachError(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
  return answer.result.value as R;
}

/** An error thrown by the query itself (not a stale node), reported as it is. */
class ReachError extends Error {}

/**
 * The one element matched, for one-element reads: null where none is (yet), so that the read is
 * null and an `expect.poll` polls on, as a locator assertion waits; where several are, a strict
 * mode error, as a locator's.
 */
const ONE = `(els, selector) => {
  if (els.length > 1) throw new Error(\`strict mode: \${els.length} elements match \${selector} in the shadow root\`);
  return els[0] ?? null;
}`;

/** Elements matching a CSS selector inside the closed shadow root of `host` in a page or frame. */
export class ShadowLocator {
  constructor(
    readonly scope: Page | Frame,
    readonly host: string,
    readonly selector: string,
    /** Only the match at this place in document order (`first()`). */
    readonly index?: number,
  ) {}

  /** Descendants matching `selector` (as `Locator.locator`). */
  locator(selector: string): ShadowLocator {
    if (this.index !== undefined) throw new Error('locator() after first(): write the whole selector instead');
    return new ShadowLocator(this.scope, this.host, `${this.selector} ${selector}`);
  }

  /** The first match in document order (as `Locator.first`). */
  first(): ShadowLocator {
    return new ShadowLocator(this.scope, this.host, this.selector, 0);
  }

  private page(): Page {
    return 'mainFrame' in this.scope ? this.scope : this.scope.page();
  }

  /** `body(el, arg)` on the one match; null where there is none. */
  private one<R>(body: string, arg?: unknown): Promise<R | null> {
    return inRoots<R>(this.scope, this.host, this.selector, `(els, arg) => {
      const el = (${ONE})(els, ${JSON.stringify(this.selector)});
      return el === null ? null : (${body})(el, arg);
    }`, arg, this.index);
  }

  count(): Promise<number> {
    return inRoots(this.scope, this.host, this.selector, '(els) => els.length', null, this.index);
  }

  // One-element reads: null while nothing matches (see ONE).

  /** The text content as it is (what `toHaveText(regex)` matches). */
  textContent(): Promise<string | null> {
    return this.one("(el) => el.textContent ?? ''");
  }

  /** The text content with whitespace collapsed and trimmed (what `toHaveText(string)` compares). */
  text(): Promise<string | null> {
    return this.one(TEXT);
  }

  /** The text as rendered (`innerText`). */
  innerText(): Promise<string | null> {
    return this.one('(el) => el.innerText');
  }

  getAttribute(name: string): Promise<string | null> {
    return this.one('(el, name) => el.getAttribute(name)', name);
  }

  /** Whether one element matches and is visible; false where none matches (as `toBeHidden` passes). */
  async isVisible(): Promise<boolean> {
    return inRoots(this.scope, this.host, this.selector, `(els, selector) => {
      if (els.length > 1) throw new Error(\`\${els.length} elements match \${selector} in the shadow root\`);
      return els.length === 1 && (${VISIBLE})(els[0]);
    }`, this.selector, this.index);
  }

  /** The box in the top page's CSS px, null where the element has none (as `Locator.boundingBox`). */
  async boundingBox(): Promise<Box | null> {
    return this.one<Box>(`(el) => { const b = (${BOX})(el); return b.width > 0 || b.height > 0 ? b : null; }`);
  }

  /** Whether the element has the focus: its root's active element, with the host the document's. */
  async focused(): Promise<boolean> {
    return (await this.one<boolean>('(el) => el.getRootNode().activeElement === el && el.getRootNode().host.ownerDocument.activeElement === el.getRootNode().host')) === true;
  }

  /** Runs `fn(element, arg)` on the one matching element (a plain function: it is sent as source). */
  evaluate<R, A = null>(fn: (el: Element, arg: A) => R, arg?: A): Promise<R | null> {
    return this.one(fn.toString(), arg ?? null);
  }

  /** Focuses the element once there is one (as `Locator.focus`: the element's own focus()). */
  async focus(options: { timeout?: number } = {}): Promise<void> {
    const focused = () => this.one<boolean>('(el) => { el.focus(); return true; }').then((done) => done === true);
    if (!(await until(focused, options.timeout ?? 10_000))) throw new Error(`${this.selector} in ${this.host}: not found`);
  }

  /** Focuses the element and presses `key` on the real keyboard (as `Locator.press`). */
  async press(key: string): Promise<void> {
    await this.focus();
    await this.page().keyboard.press(key);
  }

  /**
   * A trusted click with the real mouse at the element's middle, once it is visible and it is what
   * is there (nothing covers it), as `Locator.click` waits for.
   */
  async click(options: { timeout?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeout ?? 10_000);
    for (;;) {
      const at = await this.one<{ x: number; y: number; hit: boolean; visible: boolean } | null>(`(el) => {
        const b = (${BOX})(el), r = el.getBoundingClientRect();
        const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
        const there = el.getRootNode().elementFromPoint(cx, cy);
        return { x: b.x + b.width / 2, y: b.y + b.height / 2, hit: !!there && (there === el || el.contains(there)), visible: (${VISIBLE})(el) };
      }`).catch((e: Error) => {
        if (Date.now() > deadline) throw e;
        return null;
      });
      if (at?.visible && at.hit) return this.page().mouse.click(at.x, at.y);
      if (Date.now() > deadline) throw new Error(`${this.selector} in ${this.host}: ${at ? (at.visible ? 'covered by another element' : 'not visible') : 'not found'}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** `selector` inside the badge and side panel's root (`<liqlens-overlay>` on the top page). */
export function inOverlay(page: Page, selector: string): ShadowLocator {
  return new ShadowLocator(page, OVERLAY_HOST, selector);
}

/** `selector` inside the chart overlay's root (`<liqlens-chart-overlay>` in the chart's frame). */
export function inChartOverlay(frame: Frame, selector: string): ShadowLocator {
  return new ShadowLocator(frame, CHART_OVERLAY_HOST, selector);
}

/**
 * Polls `read` (reads through the reach; a read that throws counts as not yet) every `intervalMs`
 * until it returns true; false after `timeoutMs`. For scripts outside a test's `expect.poll`.
 */
export async function until(read: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await read().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
