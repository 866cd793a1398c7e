/**
 * The content-script half of the chart bridge (see bridge/protocol.ts): takes the nonce in the
 * document_start handshake, then accepts only validated, nonce-tagged messages from this window.
 */
import { ACK_EVENT, HELLO_EVENT, parseBridgeMessage, READY_EVENT, type BridgeMessage } from '../bridge/protocol';

export interface BridgeClient {
  /** False when the bridge never greeted (then no chart message is ever believed). */
  readonly connected: boolean;
  close(): void;
}

/** Must run at document_start, before page scripts: that is what keeps the nonce private. */
export function connectBridge(win: Window, onMessage: (message: BridgeMessage) => void): BridgeClient {
  let nonce: string | null = null;
  const onHello = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (nonce !== null || typeof detail !== 'string' || detail.length < 16 || detail.length > 64) return;
    nonce = detail;
    win.removeEventListener(HELLO_EVENT, onHello);
    win.dispatchEvent(new CustomEvent(ACK_EVENT));
  };
  win.addEventListener(HELLO_EVENT, onHello);
  // If the bridge ran first, it answers this at once; if not, it greets as it starts. Either way
  // before page scripts run. (Were the bridge missing, a page could greet with its own nonce and
  // then misplace our marks on its own chart: nothing more, as the channel carries no actions.)
  win.dispatchEvent(new CustomEvent(READY_EVENT));

  const onWindowMessage = (event: MessageEvent) => {
    if (event.source !== win || nonce === null) return;
    const message = parseBridgeMessage(event.data, nonce);
    if (message) onMessage(message);
  };
  win.addEventListener('message', onWindowMessage);
  return {
    get connected() {
      return nonce !== null;
    },
    close: () => win.removeEventListener('message', onWindowMessage),
  };
}
