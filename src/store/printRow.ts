/**
 * A liquidation print as the store keeps it (schema v3): the fields that identify the print are
 * its key, `[exchange, symbol, time, side, price, quantity]`, the fields liquidationPrintId is
 * made of, so the same print always has the same key and distinct prints distinct keys; and the
 * key sorts a symbol's prints by time, so reads and retention are key ranges with no index.
 * The value holds the rest. The id and the notional are derived again on reading (the parsers
 * make them from these fields); a print whose id or notional is not the derived one keeps its own.
 * The exchange is its id as the registry spells it: a number standing for it would have to stay
 * stable however the registry is ordered or grown, and would save only a few bytes.
 */
import { liquidationPrintId } from '../exchanges/shared/prints';
import type { ExchangeId, LiquidationPrint } from '../core/types';

/** 0 for a long liquidated, 1 for a short. */
type SideCode = 0 | 1;

export type PrintRowKey = [exchange: ExchangeId, symbol: string, time: number, side: SideCode, price: number, quantity: number];

/**
 * Bit 0: throttled. Bits 1–2: the price basis, 0 where the print has none, 1 fill, 2 order.
 * Then the order price where the print has one (null where only `odd` follows), then `odd`.
 */
export type PrintValue = [flags: number, orderPrice?: number | null, odd?: { id?: string; notional?: number }];

const BASES = [undefined, 'fill', 'order'] as const;

export function toPrintRow(p: LiquidationPrint): [PrintValue, PrintRowKey] {
  const key: PrintRowKey = [p.exchange, p.symbol, p.time, p.side === 'long' ? 0 : 1, p.price, p.quantity];
  const flags = (p.throttled ? 1 : 0) | (BASES.indexOf(p.priceBasis) << 1);
  const odd = {
    ...(p.id !== liquidationPrintId(p) ? { id: p.id } : {}),
    ...(!Object.is(p.notional, p.price * p.quantity) ? { notional: p.notional } : {}),
  };
  const value: PrintValue = Object.keys(odd).length > 0 ? [flags, p.orderPrice ?? null, odd] : p.orderPrice !== undefined ? [flags, p.orderPrice] : [flags];
  return [value, key];
}

export function fromPrintRow([exchange, symbol, time, side, price, quantity]: PrintRowKey, [flags, orderPrice, odd]: PrintValue): LiquidationPrint {
  const fields = { exchange, symbol, side: side === 0 ? ('long' as const) : ('short' as const), price, quantity, time };
  const priceBasis = BASES[(flags >> 1) & 3];
  return {
    id: odd?.id ?? liquidationPrintId(fields),
    ...fields,
    ...(priceBasis ? { priceBasis } : {}),
    ...(orderPrice != null ? { orderPrice } : {}),
    notional: odd?.notional ?? price * quantity,
    throttled: (flags & 1) === 1,
  };
}

/** The keys of a symbol's prints with time in [from, to]: an array sorts after every number, so `[…, to, []]` closes the range past time `to`'s rows. */
export function printRange(exchange: ExchangeId, symbol: string, from: number, to: number): IDBKeyRange {
  return IDBKeyRange.bound([exchange, symbol, from], [exchange, symbol, to, []]);
}

/** The keys of a symbol's prints older than `before`: a key's prefix sorts before the key. */
export function printsBefore(exchange: ExchangeId, symbol: string, before: number): IDBKeyRange {
  return IDBKeyRange.bound([exchange, symbol], [exchange, symbol, before], false, true);
}

/** The first key past every print of a symbol: `'\0'` appended sorts after the symbol's own name and before any longer one. */
export function afterSymbol(exchange: ExchangeId, symbol: string): IDBValidKey {
  return [exchange, `${symbol}\0`];
}
