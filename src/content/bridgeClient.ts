/**
 * The content-script half of the chart bridge (see messaging/bridgeChannel.ts): takes the bridge's
 * MessageChannel port in the document_start handshake, then believes only what arrives on that
 * port, each message checked against its schema (messaging/validateBridge.ts). Nothing is read
 * from `window` messages.
 */
import { ACK_EVENT, checkBridgeMessage, HELLO_EVENT, READY_EVENT, type BridgeMessage } from '../bridge/protocol';
import { refusalLog } from '../messaging/schema';

export interface BridgeClient {
  /** False when the bridge never greeted (then no chart message is ever believed). */
  readonly connected: boolean;
  close(): void;
}

/** Must run at document_start, before page scripts: that is what keeps the port private. */
export function connectBridge(win: Window, onMessage: (message: BridgeMessage) => void): BridgeClient {
  let port: MessagePort | null = null;
  const refused = refusalLog('message from the chart bridge');
  const onHello = (event: Event) => {
    const ports = (event as MessageEvent).ports;
    if (port !== null || !ports || ports.length !== 1) return;
    port = ports[0]!;
    win.removeEventListener(HELLO_EVENT, onHello);
    win.dispatchEvent(new CustomEvent(ACK_EVENT));
    port.onmessage = (e: MessageEvent) => {
      const message = checkBridgeMessage(e.data);
      if (message.ok) onMessage(message.value);
      else refused(message.reason);
    };
  };
  win.addEventListener(HELLO_EVENT, onHello);
  // If the bridge ran first, it answers this at once; if not, it greets as it starts. Either way
  // before page scripts run. (Were the bridge missing, a page could greet with its own port and
  // then misplace our marks on its own chart: nothing more, as the channel carries no actions.)
  win.dispatchEvent(new CustomEvent(READY_EVENT));
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
