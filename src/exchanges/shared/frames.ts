/**
 * Reading liquidation stream frames: the checks every frame passes before an exchange's own
 * parser (src/exchanges/<id>/frames.ts) reads it, and the helpers those parsers share. Every
 * frame is untrusted text: it is classified, never thrown on, and what is wrong with it is
 * named, so the stream client can count and drop it.
 */
import { amountProblem, notionalProblem, priceProblem } from '../../core/bounds';
import { liquidationPrintId } from './prints';
import type { ExchangeId, LiquidationPrint } from '../../core/types';

/** Frames longer than this are dropped before parsing: no real liquidation frame comes close. */
export const MAX_FRAME_CHARS = 1_000_000;
/**
 * Frames nested deeper than this are dropped before parsing: real ones are three levels deep, and
 * a deeply nested frame would exhaust the stack of anything that walks it (JSON.stringify).
 */
export const MAX_FRAME_DEPTH = 16;

export type RejectReason =
  | 'too large'
  | 'too deep'
  | 'not JSON'
  | 'not an object'
  | 'bad field'
  /** A number that reads, but lies outside the bounds of src/core/bounds.ts (1e300, 1e-320). */
  | 'out of range'
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
  if (nestedDeeperThan(text, MAX_FRAME_DEPTH)) return reject('too deep', `nested more than ${MAX_FRAME_DEPTH} levels`);
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

/** The print, or why its numbers are beyond belief (each must be in bounds, and so must their product). */
export function makePrint(
  exchange: ExchangeId, symbol: string, side: LiquidationPrint['side'], time: number, price: number, priceBasis: 'fill' | 'order', quantity: number, throttled: boolean,
): LiquidationPrint | Rejection {
  const notional = price * quantity;
  const problem = priceProblem('price', price) ?? amountProblem('quantity', quantity, false) ?? notionalProblem(notional);
  if (problem !== null) return { reason: 'out of range', detail: problem };
  const key = { exchange, symbol, side, time, price, quantity };
  return { id: liquidationPrintId(key), ...key, priceBasis, notional, throttled };
}

/** A positive finite amount, sent as a decimal string (as the exchanges do) or, leniently, a number. */
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

/** A short preview of a parsed value for a rejection's detail; never throws, whatever the value. */
export function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? 'an array' : typeof value;
  }
  return clip(text);
}

export function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Whether JSON text opens more than `limit` arrays or objects inside one another (brackets in strings do not count). */
function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export const bad = (detail: string): Rejection => ({ reason: 'bad field', detail });
export const reject = (reason: RejectReason, detail: string): Frame => ({ kind: 'rejected', rejection: { reason, detail } });
