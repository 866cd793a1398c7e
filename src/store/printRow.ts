/**
 * A liquidation print as the store keeps it: the print is its own key, `[exchange, symbol,
 * time, side, price, quantity]`, which is what makes it unique (the same fields as its id, see
 * liquidationPrintId) and sorts a symbol's prints by time, so reads and retention are key
 * ranges and no index is needed. The value is only the throttled flag. The id and the notional
 * (always price × quantity) are derived again on reading.
 */
import { liquidationPrintId } from '../core/candles';
import type { ExchangeId, LiquidationPrint } from '../core/types';

/** 0 for a long liquidated, 1 for a short. */
type SideCode = 0 | 1;

export type PrintRowKey = [ExchangeId, string, number, SideCode, number, number];
/** 1 where the source throttles its prints (see LiquidationPrint.throttled). */
export type PrintValue = 0 | 1;

export function toPrintRow(p: LiquidationPrint): [PrintValue, PrintRowKey] {
  return [p.throttled ? 1 : 0, [p.exchange, p.symbol, p.time, p.side === 'long' ? 0 : 1, p.price, p.quantity]];
}

export function fromPrintRow([exchange, symbol, time, side, price, quantity]: PrintRowKey, value: PrintValue): LiquidationPrint {
  const key = { exchange, symbol, time, side: side === 0 ? ('long' as const) : ('short' as const), price, quantity };
  return { id: liquidationPrintId(key), ...key, notional: price * quantity, throttled: value === 1 };
}

/** The keys of a symbol's prints with time in [from, to]: an array sorts after every number, so `[…, to, []]` closes the range past time `to`'s rows. */
export function printRange(exchange: ExchangeId, symbol: string, from: number, to: number): IDBKeyRange {
  return IDBKeyRange.bound([exchange, symbol, from], [exchange, symbol, to, []]);
}

/** The keys of a symbol's prints older than `before`: a key's prefix sorts before the key. */
export function printsBefore(exchange: ExchangeId, symbol: string, before: number): IDBKeyRange {
  return IDBKeyRange.bound([exchange, symbol], [exchange, symbol, before], false, true);
}
