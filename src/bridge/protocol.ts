/**
 * The chart bridge's channel as the content script uses it: the handshake's events and fixed
 * words (channel.ts), and the messages, each checked against its schema (messaging/validateBridge.ts).
 */
export * from './channel';
export { checkBridgeMessage, parseBridgeMessage, type BridgeFindings, type BridgeMessage } from '../messaging/validateBridge';
