/**
 * The data types every part of LiqLens shares. Times are epoch milliseconds (UTC);
 * prices in quote currency (USDT); quantities in the base coin.
 */

import type { ExchangeId } from './exchangeIds';

export type { ExchangeId };

/** One OHLCV bar. `time` is the bar's open time. */
export interface Candle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Volume in the base coin. */
  volume: number;
  /** Taker-buy volume in the base coin, where the source publishes it (Binance). */
  takerBuyVolume?: number;
}

/** Open interest at one moment, in the base coin (and its quote value where known). */
export interface OpenInterestSample {
  time: number;
  openInterest: number;
  openInterestValue?: number;
}

/** Which side of the market held the position that was force-closed. */
export type PositionSide = 'long' | 'short';

/** A realized liquidation, normalised across exchanges. */
export interface LiquidationPrint {
  /** Stable id for de-duplication: the same print always gets the same id. */
  id: string;
  exchange: ExchangeId;
  symbol: string;
  /** The side of the position liquidated (the order side is the opposite). */
  side: PositionSide;
  price: number;
  /**
   * What `price` is: the average fill (Binance's `ap`, near the market when the liquidation
   * triggered), or the liquidation order's price (Binance's `p`, Bybit's `p`: near the bankruptcy
   * price, about one maintenance-margin rate beyond the trigger). Absent means the order price.
   */
  priceBasis?: 'fill' | 'order';
  /** The liquidation order's own price, where `price` is the fill and the source sent both. */
  orderPrice?: number;
  quantity: number;
  /** price × quantity, in quote currency. */
  notional: number;
  time: number;
  /**
   * True where the source sends at most one print per symbol per interval
   * (Binance's forceOrder stream: the latest per second), so cascades are undercounted.
   */
  throttled: boolean;
}

/** A problem found in input, with the 1-based line number of the source text where there is one. */
export interface InputIssue {
  line: number;
  message: string;
}

/** What a parser returns: the good rows, and every rejected row with its reason. */
export interface ParseResult<T> {
  rows: T[];
  issues: InputIssue[];
}
