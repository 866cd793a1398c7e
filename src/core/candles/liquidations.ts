/** Liquidation prints: sides, stable ids, and the forceOrder CSV recordings. */
import type { ExchangeId, LiquidationPrint, ParseResult, PositionSide } from '../types';
import { describe, readNumber, readTime } from './candleFields';
import { cellAt, readTable, type ColumnSpec } from './table';
import { collectInOrder } from './validate';

export interface PrintKey {
  exchange: ExchangeId;
  symbol: string;
  side: PositionSide;
  time: number;
  price: number | string;
  quantity: number | string;
}

/**
 * The same print always gets the same id, whichever source it came from: numbers are normalised
 * (`'0.020'` and `0.02` give `0.02`), so a REST backfill and a stream message of one print coincide.
 */
export function liquidationPrintId(p: PrintKey): string {
  return `${p.exchange}:${p.symbol.toUpperCase()}:${p.time}:${p.side}:${String(Number(p.price))}:${String(Number(p.quantity))}`;
}

/**
 * The position side closed by a liquidation *order* (Binance forceOrder `S`, ccxt order sides):
 * the exchange sells to close a long and buys to close a short.
 */
export function positionSideFromOrderSide(side: 'BUY' | 'SELL' | 'Buy' | 'Sell'): PositionSide {
  return side.toUpperCase() === 'SELL' ? 'long' : 'short';
}

/**
 * The position side of a Bybit `allLiquidation` message: its `S` is the side of the *position*
 * ("Buy" means a long was liquidated), not of the closing order.
 */
export function positionSideFromBybit(S: 'Buy' | 'Sell'): PositionSide {
  return S === 'Buy' ? 'long' : 'short';
}

/** 'BUY' / 'SELL' in any case, or null. */
export function parseOrderSide(text: string): 'BUY' | 'SELL' | null {
  const upper = text.trim().toUpperCase();
  return upper === 'BUY' || upper === 'SELL' ? upper : null;
}

const COLUMNS = {
  symbol: { names: ['symbol'], required: true },
  side: { names: ['side'], required: true },
  time: { names: ['time'], required: true },
  quantity: { names: ['quantity'], required: true },
  price: { names: ['price'], required: true },
  fill: { names: ['average price', 'avg price', 'ap'], required: false },
} satisfies Record<string, ColumnSpec>;

/**
 * Prints from a `Symbol,Side,Order Type,Time,Quantity,Price` recording. `Side` is the liquidation
 * order's side (as Binance's forceOrder sends it), whatever the exchange: a recorder of Bybit's
 * position sides must write the opposite order side. Prints may share a millisecond; a row repeating
 * an earlier print exactly (same id) is reported as a duplicate.
 */
export function parseLiquidationCsv(text: string, exchange: ExchangeId): ParseResult<LiquidationPrint> {
  const read = readTable(text, COLUMNS);
  if (read.issue) return { rows: [], issues: [read.issue] };
  const { rows, columns, widthProblem } = read.table;
  const collector = collectInOrder<LiquidationPrint>({ allowEqualTimes: true, identity: (p) => p.id });
  for (const row of rows) {
    const c = row.cells;
    const print =
      widthProblem(row) ??
      readPrint(exchange, c[columns.symbol]!, c[columns.side]!, c[columns.time]!, c[columns.quantity]!, c[columns.price]!, cellAt(row, columns.fill));
    if (typeof print === 'string') collector.reject(row.line, print);
    else collector.add(row.line, print);
  }
  return collector.result();
}

/** A print, or why the row is not one. */
function readPrint(
  exchange: ExchangeId, symbol: string, sideCell: string, timeCell: string, quantityCell: string, priceCell: string, fillCell: string | undefined,
): LiquidationPrint | string {
  if (!/^[A-Za-z0-9._-]+$/.test(symbol)) return `symbol ${describe(symbol)} is not a symbol`;
  const orderSide = parseOrderSide(sideCell);
  if (orderSide === null) return `side ${describe(sideCell)} is not BUY or SELL`;
  const time = readTime(timeCell);
  if (time.error !== undefined) return time.error;
  const quantity = readNumber('quantity', quantityCell);
  if (quantity.error !== undefined) return quantity.error;
  if (quantity.value <= 0) return `quantity ${quantity.value} is not positive`;
  // The fill where the file has one (a blank cell where the order did not fill), else the order price.
  const fill = fillCell === undefined || fillCell.trim() === '' ? null : readNumber('average price', fillCell);
  if (fill?.error !== undefined) return fill.error;
  if (fill && fill.value <= 0) return `average price ${fill.value} is not positive`;
  const order = fill && priceCell.trim() === '' ? null : readNumber('price', priceCell);
  if (order?.error !== undefined) return order.error;
  if (order && order.value <= 0) return `price ${order.value} is not positive`;
  const price = fill?.value ?? order!.value;
  const side = positionSideFromOrderSide(orderSide);
  const key = { exchange, symbol: symbol.toUpperCase(), side, time: time.value, price, quantity: quantity.value };
  return {
    id: liquidationPrintId(key),
    ...key,
    priceBasis: fill ? 'fill' : 'order',
    ...(fill && order ? { orderPrice: order.value } : {}),
    notional: price * quantity.value,
    throttled: exchange === 'binance',
  };
}
