/**
 * A liquidation print as the store keeps it: the print is its own key, `[exchange, symbol,
 * time, side, price, quantity]` (exchange and side as small numbers: every byte of a key is
 * stored twice, in the row and in IndexedDB's record of which keys exist), which is what makes it unique (the same fields as its id, see
 * liquidationPrintId) and sorts a symbol's prints by time, so reads and retention are key
 * ranges and no index is needed. The value is a small number of flags: throttled, and whether the
 * price is the fill (else the order price). The id and the notional (always price × quantity) are
 * derived again on reading.
 */
import { liquidationPrintId } from '../core/candles';
import type { ExchangeId, LiquidationPrint } from '../core/types';
import { exchange as exchangeDef, EXCHANGES } from '../exchanges';

/** 0 for a long liquidated, 1 for a short. */
type SideCode = 0 | 1;
/** An exchange's number in a key: its ExchangeDef.storeCode (stored, so never reused). */
type ExchangeCode = number;

export type PrintRowKey = [ExchangeCode, string, number, SideCode, number, number];
/** Bit 0: the source throttles its prints (LiquidationPrint.throttled); bit 1: the price is the fill (priceBasis). */
export type PrintValue = number;
const THROTTLED = 1;
const FILL = 2;

export function toPrintRow(p: LiquidationPrint): [PrintValue, PrintRowKey] {
  const flags = (p.throttled ? THROTTLED : 0) | (p.priceBasis === 'fill' ? FILL : 0);
  return [flags, [exchangeCode(p.exchange), p.symbol, p.time, p.side === 'long' ? 0 : 1, p.price, p.quantity]];
}

export function fromPrintRow([code, symbol, time, side, price, quantity]: PrintRowKey, value: PrintValue): LiquidationPrint {
  const key = { exchange: exchangeOfCode(code), symbol, time, side: side === 0 ? ('long' as const) : ('short' as const), price, quantity };
  const priceBasis = value & FILL ? ('fill' as const) : ('order' as const);
  return { id: liquidationPrintId(key), ...key, priceBasis, notional: price * quantity, throttled: (value & THROTTLED) !== 0 };
}

/** The keys of a symbol's prints with time in [from, to]: an array sorts after every number, so `[…, to, []]` closes the range past time `to`'s rows. */
export function printRange(exchange: ExchangeId, symbol: string, from: number, to: number): IDBKeyRange {
  const code = exchangeCode(exchange);
  return IDBKeyRange.bound([code, symbol, from], [code, symbol, to, []]);
}

/** The keys of a symbol's prints older than `before`: a key's prefix sorts before the key. */
export function printsBefore(exchange: ExchangeId, symbol: string, before: number): IDBKeyRange {
  const code = exchangeCode(exchange);
  return IDBKeyRange.bound([code, symbol], [code, symbol, before], false, true);
}

function exchangeCode(exchange: ExchangeId): ExchangeCode {
  return exchangeDef(exchange).storeCode;
}

/** The exchange a stored key's first element stands for. */
export function exchangeOfCode(code: ExchangeCode): ExchangeId {
  const exchange = EXCHANGES.find((e) => e.storeCode === code);
  if (!exchange) throw new Error(`stored print of an unknown exchange (${code})`);
  return exchange.id;
}
