/** Liquidation prints: sides, stable ids, and the forceOrder CSV recordings. */
import { exchange as exchangeDef } from '../../exchanges';
import type { ExchangeId, LiquidationPrint, ParseResult } from '../types';
import { liquidationPrintId, positionSideFromOrderSide } from '../liquidations/prints';
import { describe, readNumber, readTime } from './candleFields';
import { cellAt, readTable, type ColumnSpec } from './table';
import { collectInOrder } from './validate';

// Ids and sides live with the stream parsers' helpers (no cycle through src/exchanges); re-exported here.
export { liquidationPrintId, positionSideFromBybit, positionSideFromOrderSide, type PrintKey } from '../liquidations/prints';

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
    throttled: exchangeDef(exchange).throttledPrints,
  };
}
