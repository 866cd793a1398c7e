/**
 * The channel between the main-world chart bridge and the isolated content script.
 *
 * Handshake: both scripts run at document_start, before any page script. The content script
 * listens for HELLO_EVENT and announces itself with READY_EVENT; the bridge answers READY (or
 * greets first) with a synchronous MessageEvent that carries one end of a MessageChannel, and
 * stops answering once the content script acknowledges. After that every message travels on
 * that port: nothing reaches `window.postMessage`, so a page script listening to every message
 * sees none of it, and a page script cannot post to the port it never saw. The content script
 * still checks each message against its schema (messaging/validateBridge.ts): the bridge reads
 * page objects, and the page owns them. Nothing on this channel is an action.
 */
export const READY_EVENT = 'liqlens:content-ready';
export const HELLO_EVENT = 'liqlens:bridge-hello';
/** The content script took the port: the bridge stops answering READY, so nobody else can ask. */
export const ACK_EVENT = 'liqlens:bridge-ack';

// The messages themselves are written once, as schemas, in src/messaging.
export {
  checkBridgeMessage, NO_CHART_REASONS, parseBridgeMessage, VERSION, type BridgeFindings, type BridgeMessage, type NoChartReason,
} from '../messaging/validateBridge';
