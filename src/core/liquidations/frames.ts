/**
 * Reading the exchanges' liquidation stream frames: Binance USDⓈ-M `forceOrder` events (raw or
 * combined-stream wrapped) and Bybit v5 `allLiquidation.<SYMBOL>` pushes, plus each protocol's
 * control replies. Every frame is untrusted text: it is classified, never thrown on, and what
 * is wrong with it is named, so the stream client can count and drop it.
 */
import { liquidationPrintId, positionSideFromBybit, positionSideFromOrderSide } from '../candles/liquidations';
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

/** `symbols`: the symbols subscribed to; prints for any other are rejected as unknown. */
export function parseLiquidationFrame(exchange: ExchangeId, text: unknown, symbols: ReadonlySet<string>): Frame {
  if (typeof text !== 'string') return reject('not JSON', `a ${typeof text} frame, not text`);
  if (text.length > MAX_FRAME_CHARS) return reject('too large', `${text.length} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return reject('not JSON', text.slice(0, 60));
  }
  if (!isRecord(value)) return reject('not an object', describe(value));
  return exchange === 'binance' ? binanceFrame(value, symbols) : bybitFrame(value, symbols);
}

// ── Binance ───────────────────────────────────────────────────────────────────────────────

function binanceFrame(m: Record<string, unknown>, symbols: ReadonlySet<string>): Frame {
  // Combined streams wrap each event: {stream, data}.
  const event = typeof m.stream === 'string' && isRecord(m.data) ? m.data : m;
  if (event.e === 'forceOrder') {
    const print = binancePrint(event, symbols);
    return 'reason' in print ? { kind: 'rejected', rejection: print } : { kind: 'prints', prints: [print], rejected: [] };
  }
  if ('result' in m && 'id' in m) {
    return { kind: 'control', ok: true, op: Array.isArray(m.result) ? 'list' : 'ack', id: controlId(m.id), detail: '' };
  }
  if (isRecord(m.error)) {
    return { kind: 'control', ok: false, op: 'error', id: controlId(m.id), detail: `${String(m.error.code)} ${String(m.error.msg)}` };
  }
  return reject('unknown message', describe(m));
}

function binancePrint(event: Record<string, unknown>, symbols: ReadonlySet<string>): LiquidationPrint | Rejection {
  const o = event.o;
  if (!isRecord(o)) return bad('forceOrder without its order "o"');
  if (typeof o.s !== 'string') return bad(`symbol ${describe(o.s)}`);
  if (!symbols.has(o.s)) return { reason: 'unknown symbol', detail: o.s };
  if (o.S !== 'BUY' && o.S !== 'SELL') return bad(`side ${describe(o.S)}`);
  const time = epochMs(o.T);
  if (time === null) return bad(`trade time ${describe(o.T)}`);
  // The filled quantity at the average fill price, where the order filled; else the order's own.
  const filled = positive(o.z);
  const quantity = filled ?? positive(o.q);
  const fill = positive(o.ap);
  const order = positive(o.p);
  const price = fill ?? order;
  if (quantity === null) return bad(`quantity ${describe(o.z ?? o.q)}`);
  if (price === null) return bad(`price ${describe(o.ap ?? o.p)}`);
  const print = makePrint('binance', o.s, positionSideFromOrderSide(o.S), time, price, fill === null ? 'order' : 'fill', quantity, true);
  return fill !== null && order !== null ? { ...print, orderPrice: order } : print;
}

// ── Bybit ─────────────────────────────────────────────────────────────────────────────────

function bybitFrame(m: Record<string, unknown>, symbols: ReadonlySet<string>): Frame {
  if (typeof m.op === 'string') {
    const ok = m.success === true;
    return { kind: 'control', ok, op: m.op, id: controlId(m.req_id), detail: typeof m.ret_msg === 'string' ? m.ret_msg : '' };
  }
  if (typeof m.topic !== 'string') return reject('unknown message', describe(m));
  const match = /^allLiquidation\.([A-Z0-9]{2,30})$/.exec(m.topic);
  if (!match) return reject('unknown message', `topic ${describe(m.topic)}`);
  const topicSymbol = match[1]!;
  if (!symbols.has(topicSymbol)) return reject('unknown symbol', topicSymbol);
  if (!Array.isArray(m.data)) return reject('bad field', `data ${describe(m.data)} is not a list`);
  const prints: LiquidationPrint[] = [];
  const rejected: Rejection[] = [];
  for (const entry of m.data) {
    const print = bybitPrint(entry, topicSymbol);
    if ('reason' in print) rejected.push(print);
    else prints.push(print);
  }
  return { kind: 'prints', prints, rejected };
}

function bybitPrint(entry: unknown, topicSymbol: string): LiquidationPrint | Rejection {
  if (!isRecord(entry)) return bad(`entry ${describe(entry)}`);
  if (entry.s !== topicSymbol) return { reason: 'unknown symbol', detail: `${describe(entry.s)} on the ${topicSymbol} topic` };
  if (entry.S !== 'Buy' && entry.S !== 'Sell') return bad(`side ${describe(entry.S)}`);
  const time = epochMs(entry.T);
  if (time === null) return bad(`time ${describe(entry.T)}`);
  const quantity = positive(entry.v);
  const price = positive(entry.p);
  if (quantity === null) return bad(`size ${describe(entry.v)}`);
  if (price === null) return bad(`price ${describe(entry.p)}`);
  // Bybit's `p` is the bankruptcy price: an order price, not the trigger.
  return makePrint('bybit', topicSymbol, positionSideFromBybit(entry.S), time, price, 'order', quantity, false);
}

// ── shared ────────────────────────────────────────────────────────────────────────────────

function makePrint(
  exchange: ExchangeId, symbol: string, side: LiquidationPrint['side'], time: number, price: number, priceBasis: 'fill' | 'order', quantity: number, throttled: boolean,
): LiquidationPrint {
  const key = { exchange, symbol, side, time, price, quantity };
  return { id: liquidationPrintId(key), ...key, priceBasis, notional: price * quantity, throttled };
}

/** A positive finite amount, sent as a decimal string (both exchanges) or, leniently, a number. */
function positive(value: unknown): number | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\d{1,20}(\.\d{1,20})?$/.test(value)) n = Number(value);
  else return null;
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Epoch milliseconds between 2017 (before either exchange's futures) and year 2100. */
function epochMs(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1_483_228_800_000 && value < 4_102_444_800_000 ? value : null;
}

function controlId(value: unknown): string | number | null {
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

const bad = (detail: string): Rejection => ({ reason: 'bad field', detail });
const reject = (reason: RejectReason, detail: string): Frame => ({ kind: 'rejected', rejection: { reason, detail } });
