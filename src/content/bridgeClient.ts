/**
 * The content-script half of the chart bridge (see messaging/bridgeChannel.ts): takes the bridge's
 * MessageChannel port in the document_start handshake, then believes only what arrives on that
 * port. The port is not proof of anything: a page that prepared this window before our scripts
 * (a same-origin opener can) owns the main world as much as the bridge does. So each message is
 * checked against its schema (messaging/validateBridge.ts), bounded in rate, and a refused one
 * counts as an unreadable chart: nothing stays painted from what came before it.
 */
import { ACK_EVENT, checkBridgeMessage, FRAME_EVENT, HELLO_EVENT, READY_EVENT, type BridgeMessage } from '../bridge/protocol';
import { refusalLog } from '../messaging/schema';

export interface BridgeClient {
  /** False when the bridge never greeted (then no chart message is ever believed). */
  readonly connected: boolean;
  /** The iframe a geometry message's frame token names, as the bridge introduced it; null when it did not. */
  frame(token: number): HTMLIFrameElement | null;
  close(): void;
}

/** The bridge sends at most two messages an animation frame, and only on change: more is not the bridge. */
const MAX_MESSAGES_PER_SECOND = 240;
/** How often a portless greeting ("the bridge started") may make us ask again. */
const MAX_ASKS = 4;
/** Frame tokens remembered (the bridge's newest few: a chart's iframe changes rarely). */
const MAX_FRAMES = 8;

/**
 * Must run at document_start, before page scripts. The handshake is bound to this window's own
 * synchronous dispatch: a port is taken only when it answers our READY within that dispatch (the
 * bridge answers at once), from exactly one answerer. A greeting that comes at any other time,
 * from another window or a page script, hands over nothing; two answers mean someone else
 * answered too, and then neither is believed.
 */
export function connectBridge(win: Window, onMessage: (message: BridgeMessage | { type: 'refused' }) => void): BridgeClient {
  let port: MessagePort | null = null;
  let answers: (MessagePort | null)[] | null = null;
  /** Our node READY was dispatched on (bridgeChannel.ts FRAME_EVENT), per ask, and the iframes told on it. */
  let asking: Element | null = null;
  let anchor: Element | null = null;
  const frames = new Map<number, HTMLIFrameElement>();
  let asks = 0;
  let windowStart = 0;
  let inWindow = 0;
  const refused = refusalLog('message from the chart bridge');

  const onHello = (event: Event) => {
    if (port !== null) return;
    const ports = (event as MessageEvent).ports;
    const answer = ports && ports.length === 1 ? ports[0]! : null;
    if (answers) {
      answers.push(answer);
      return;
    }
    // Outside our dispatch no port is taken; a bridge that starts after us greets without one.
    if (!answer && asks < MAX_ASKS) ask();
  };

  const ask = () => {
    asks++;
    answers = [];
    // On a node of our own, in the document for this dispatch only: the bridge learns it as READY's target.
    const doc = win.document;
    asking = doc.createElement('span');
    try {
      (doc.documentElement ?? doc).appendChild(asking);
      asking.dispatchEvent(new CustomEvent(READY_EVENT, { bubbles: true }));
    } finally {
      asking.remove();
    }
    const got = answers;
    answers = null;
    if (got.length === 0) return;
    if (got.length > 1 || !got[0]) {
      refused(`${got.length} answers to one handshake: another script answered as the bridge`);
      asks = MAX_ASKS;
      return;
    }
    take(got[0]);
  };

  const onFrame = (event: Event) => {
    const { relatedTarget: el, detail: token } = event as MouseEvent;
    if (!(el instanceof HTMLIFrameElement) || el.ownerDocument !== win.document || !Number.isInteger(token)) return;
    frames.delete(token);
    frames.set(token, el);
    if (frames.size > MAX_FRAMES) frames.delete(frames.keys().next().value!);
  };

  const take = (taken: MessagePort) => {
    port = taken;
    anchor = asking;
    anchor?.addEventListener(FRAME_EVENT, onFrame);
    win.removeEventListener(HELLO_EVENT, onHello);
    win.dispatchEvent(new CustomEvent(ACK_EVENT));
    port.onmessage = (e: MessageEvent) => {
      const now = Date.now();
      if (now - windowStart >= 1_000) {
        windowStart = now;
        inWindow = 0;
      }
      if (++inWindow > MAX_MESSAGES_PER_SECOND) {
        if (inWindow === MAX_MESSAGES_PER_SECOND + 1) refused(`more than ${MAX_MESSAGES_PER_SECOND} messages in a second`);
        return;
      }
      const message = checkBridgeMessage(e.data);
      if (message.ok) return onMessage(message.value);
      refused(message.reason);
      onMessage({ type: 'refused' });
    };
  };

  win.addEventListener(HELLO_EVENT, onHello);
  // If the bridge ran first, it answers this at once; if not, it greets as it starts and we ask again.
  ask();
  return {
    get connected() {
      return port !== null;
    },
    frame: (token) => frames.get(token) ?? null,
    close: () => {
      win.removeEventListener(HELLO_EVENT, onHello);
      anchor?.removeEventListener(FRAME_EVENT, onFrame);
      port?.close();
    },
  };
}
