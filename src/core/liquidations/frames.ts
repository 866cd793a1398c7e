/**
 * Reading liquidation stream frames: the checks every frame passes before an exchange's own
 * parser (src/exchanges/<id>/frames.ts) reads it, and the helpers those parsers share. Every
 * frame is untrusted text: it is classified, never thrown on, and what is wrong with it is
 * named, so the stream client can count and drop it.
 */
import { liquidationPrintId } from './prints';
import type { ExchangeId, LiquidationPrint } from '../types';

/** Frames longer than this are dropped before parsing: no real liquidation frame comes close. */
export const MAX_FRAME_CHARS = 1_000_000;

export type RejectReason =
  | 'too large'
  | 'not JSON'
  | 'not an object'
  | 'bad field'
  | 'unknown symbol'
  | 'error reply'
  | 'unknown message';

export interface Rejection {
  reason: RejectReason;
  detail: string;
}

export type Frame =
  /** Prints the frame carried; a Bybit batch may also carry bad entries, rejected one by one. */
  | { kind: 'prints'; prints: LiquidationPrint[]; rejected: Rejection[] }
  /** A protocol reply: subscription acknowledged, pong, list of subscriptions. */
  | { kind: 'control'; ok: boolean; op: string; id: string | number | null; detail: string }
  | { kind: 'rejected'; rejection: Rejection };

/** A frame's text checked and parsed, then handed to the exchange's `parse` as an object. */
export function readFrame(text: unknown, parse: (message: Record<string, unknown>) => Frame): Frame {
  if (typeof text !== 'string') return reject('not JSON', `a ${typeof text} frame, not text`);
  // A bare-text keep-alive reply (OKX answers "ping" with "pong").
  if (text === 'pong') return { kind: 'control', ok: true, op: 'pong', id: null, detail: '' };
  if (text.length > MAX_FRAME_CHARS) return reject('too large', `${text.length} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return reject('not JSON', text.slice(0, 60));
  }
  if (!isRecord(value)) return reject('not an object', describe(value));
  return parse(value);
}

// ── shared ────────────────────────────────────────────────────────────────────────────────

export function makePrint(
  exchange: ExchangeId, symbol: string, side: LiquidationPrint['side'], time: number, price: number, priceBasis: 'fill' | 'order', quantity: number, throttled: boolean,
): LiquidationPrint {
  const key = { exchange, symbol, side, time, price, quantity };
  return { id: liquidationPrintId(key), ...key, priceBasis, notional: price * quantity, throttled };
}

/** A positive finite amount, sent as a decimal string (both exchanges) or, leniently, a number. */
export function positive(value: unknown): number | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\d{1,20}(\.\d{1,20})?$/.test(value)) n = Number(value);
  else return null;
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Epoch milliseconds between 2017 (before either exchange's futures) and year 2100. */
export function epochMs(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1_483_228_800_000 && value < 4_102_444_800_000 ? value : null;
}

export function controlId(value: unknown): string | number | null {
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export const bad = (detail: string): Rejection => ({ reason: 'bad field', detail });
export const reject = (reason: RejectReason, detail: string): Frame => ({ kind: 'rejected', rejection: { reason, detail } });
