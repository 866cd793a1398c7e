/**
 * The Firefox tests' reach into LiqLens's closed shadow roots (Chromium's: tests/e2e/shadowReach.ts).
 *
 * The roots are closed so that the page cannot read or rewrite what LiqLens shows; the tests reach
 * them through WebDriver BiDi, the protocol puppeteer drives Firefox with: a host serialized with
 * `includeShadowTree: 'all'` carries its closed root as a shared reference, and `script.callFunction`
 * runs the query with that root as `this`. Nothing in the add-on is opened for this, and the page
 * never holds the reference.
 *
 * Generic on purpose: any selector inside the overlay's root (or another host's, in any frame),
 * each match read as text, attributes, visibility and box; and a trusted click at a match's box.
 */
import type { Frame, Page } from 'puppeteer-core';
import { BOX, OVERLAY_HOST, TEXT, VISIBLE, type Box } from '../shadowInPage';

export { CHART_OVERLAY_HOST, OVERLAY_HOST } from '../shadowInPage';

/** One element inside a closed root, as read. */
export interface ShadowElement {
  /** `textContent`, whitespace collapsed and trimmed. */
  text: string;
  attributes: Record<string, string>;
  /** A non-empty box and not hidden by style (the host included). */
  visible: boolean;
  /** In the top page's CSS px (frames' offsets added), as page.mouse takes them. */
  box: Box;
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: BidiResult }>;
}
interface BidiResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown; sharedId?: string };
  exceptionDetails?: { text: string };
}
interface SerializedNode {
  type: 'node';
  sharedId: string;
  value: { localName?: string; shadowRoot?: SerializedNode | null };
}

function bidi(page: Page): BidiConnection {
  // Puppeteer's WebDriver BiDi connection (puppeteer-core 24: `Browser.connection` on the BiDi
  // implementation); the BiDi commands used are the standard's.
  const connection = (page.browser() as unknown as { connection?: BidiConnection }).connection;
  if (!connection) throw new Error('shadowReach (Firefox) needs puppeteer driving the browser over WebDriver BiDi');
  return connection;
}

function contextOf(target: Page | Frame): { page: Page; context: string } {
  const frame = 'mainFrame' in target ? target.mainFrame() : target;
  return { page: frame.page(), context: (frame as unknown as { _id: string })._id };
}

async function call(page: Page, params: object): Promise<BidiResult> {
  const { result } = await bidi(page).send('script.callFunction', params);
  if (result.type === 'exception') throw new Error(`shadowReach: ${result.exceptionDetails?.text ?? 'the query threw'}`);
  return result;
}

/** The closed (or open) roots of every `host` element in the target's document. */
async function roots(page: Page, context: string, host: string): Promise<string[]> {
  const hosts: string[] = [];
  for (let i = 0; ; i++) {
    const answer = await call(page, {
      functionDeclaration: '(host, i) => document.querySelectorAll(host)[i] ?? null',
      arguments: [{ type: 'string', value: host }, { type: 'number', value: i }],
      target: { context },
      awaitPromise: false,
      resultOwnership: 'none',
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
    });
    const node = answer.result as SerializedNode | { type: 'null' };
    if (node.type !== 'node') return hosts;
    if (node.value.shadowRoot) hosts.push(node.value.shadowRoot.sharedId);
  }
}

/** Every element matching `selector` inside the closed root(s) of `host` (LiqLens's badge and panel by default). */
export async function readInRoot(target: Page | Frame, selector: string, host = OVERLAY_HOST): Promise<ShadowElement[]> {
  const { page, context } = contextOf(target);
  const out: ShadowElement[] = [];
  for (const root of await roots(page, context, host)) {
    const answer = await call(page, {
      functionDeclaration: `function (selector) {
        return JSON.stringify([...this.querySelectorAll(selector)].map((el) => ({
          text: (${TEXT})(el),
          attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
          visible: (${VISIBLE})(el),
          box: (${BOX})(el),
        })));
      }`,
      this: { sharedId: root },
      arguments: [{ type: 'string', value: selector }],
      target: { context },
      awaitPromise: false,
      resultOwnership: 'none',
    });
    out.push(...(JSON.parse(String(answer.result?.value)) as ShadowElement[]));
  }
  return out;
}

/** The one element matching `selector` in the root, or null where none does; throws where several do. */
export async function readOneInRoot(target: Page | Frame, selector: string, host = OVERLAY_HOST): Promise<ShadowElement | null> {
  const found = await readInRoot(target, selector, host);
  if (found.length > 1) throw new Error(`${found.length} elements match ${selector} in ${host}'s root`);
  return found[0] ?? null;
}

/** A trusted click (the real mouse) at the middle of the one visible element matching `selector`. */
export async function clickInRoot(target: Page | Frame, selector: string, host = OVERLAY_HOST): Promise<void> {
  const el = await readOneInRoot(target, selector, host);
  if (!el?.visible) throw new Error(`${selector} in ${host}'s root: ${el ? 'not visible' : 'not found'}`);
  await contextOf(target).page.mouse.click(el.box.x + el.box.width / 2, el.box.y + el.box.height / 2);
}
