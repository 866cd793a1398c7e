/** Liquidation prints' stable ids and position sides, shared by the CSV reader and the stream parsers. */
import type { ExchangeId, PositionSide } from '../../core/types';

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
