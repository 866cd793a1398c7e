/**
 * The chart bridge's channel as the content script uses it: the handshake's events and fixed
 * words (messaging/bridgeChannel.ts), and the messages, each checked against its schema (messaging/validateBridge.ts).
 */
export * from '../messaging/bridgeChannel';
export { checkBridgeMessage, parseBridgeMessage, type BridgeFindings, type BridgeMessage } from '../messaging/validateBridge';
