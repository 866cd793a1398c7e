/** The forceOrder CSV recordings of liquidation prints (any exchange's, written with order sides). */
import { exchange as exchangeDef } from './index';
import type { ExchangeId, LiquidationPrint, ParseResult } from '../core/types';
import { amountProblem, notionalProblem, priceProblem } from '../core/bounds';
import { liquidationPrintId, positionSideFromOrderSide } from './shared/prints';
import { describe, readNumber, readTime } from '../core/candles/candleFields';
import { parseLines, type LineParser } from '../core/candles/csv';
import { tableParser, type ColumnSpec } from '../core/candles/table';
import { collectInOrder } from '../core/candles/validate';

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
  return parseLines(liquidationCsvParser(exchange), text);
}

/** parseLiquidationCsv fed line by line. */
export function liquidationCsvParser(exchange: ExchangeId): LineParser<LiquidationPrint> {
  const collector = collectInOrder<LiquidationPrint>({ allowEqualTimes: true, identity: (p) => p.id });
  return tableParser(COLUMNS, collector, ({ cells: c }, columns) =>
    readPrint(exchange, c[columns.symbol]!, c[columns.side]!, c[columns.time]!, c[columns.quantity]!, c[columns.price]!, columns.fill < 0 ? undefined : c[columns.fill]));
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
  // The fill where the file has one (a blank cell where the order did not fill), else the order price.
  const fill = fillCell === undefined || fillCell.trim() === '' ? null : readNumber('average price', fillCell);
  if (fill?.error !== undefined) return fill.error;
  const order = fill && priceCell.trim() === '' ? null : readNumber('price', priceCell);
  if (order?.error !== undefined) return order.error;
  const price = fill?.value ?? order!.value;
  const notional = price * quantity.value;
  const problem = (fill && priceProblem('average price', fill.value)) ?? (order && priceProblem('price', order.value)) ??
    amountProblem('quantity', quantity.value, false) ?? notionalProblem(notional);
  if (problem !== null) return problem;
  const side = positionSideFromOrderSide(orderSide);
  const key = { exchange, symbol: symbol.toUpperCase(), side, time: time.value, price, quantity: quantity.value };
  return {
    id: liquidationPrintId(key),
    ...key,
    priceBasis: fill ? 'fill' : 'order',
    ...(fill && order ? { orderPrice: order.value } : {}),
    notional,
    throttled: exchangeDef(exchange).throttledPrints,
  };
}
