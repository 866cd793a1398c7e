/**
 * The content-script half of the chart bridge (see messaging/bridgeChannel.ts): takes the bridge's
 * MessageChannel port in the document_start handshake, then believes only what arrives on that
 * port. The port is not proof of anything: a page that prepared this window before our scripts
 * (a same-origin opener can) owns the main world as much as the bridge does. So each message is
 * checked against its schema (messaging/validateBridge.ts), bounded in rate, and a refused one
 * counts as an unreadable chart: nothing stays painted from what came before it.
 */
import { ACK_EVENT, checkBridgeMessage, HELLO_EVENT, READY_EVENT, type BridgeMessage } from '../bridge/protocol';
import { refusalLog } from '../messaging/schema';

export interface BridgeClient {
  /** False when the bridge never greeted (then no chart message is ever believed). */
  readonly connected: boolean;
  close(): void;
}

/** The bridge sends at most two messages an animation frame, and only on change: more is not the bridge. */
const MAX_MESSAGES_PER_SECOND = 240;
/** How often a portless greeting ("the bridge started") may make us ask again. */
const MAX_ASKS = 4;

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
    win.dispatchEvent(new CustomEvent(READY_EVENT));
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

  const take = (taken: MessagePort) => {
    port = taken;
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
    close: () => {
      win.removeEventListener(HELLO_EVENT, onHello);
      port?.close();
    },
  };
}
