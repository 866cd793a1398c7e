/**
 * The CSV files a recording is written as (by `record --out` as it goes, by `export` per day):
 * the formats the replay exchange's parsers and every command read (src/core/candles parsers).
 */
import type { Candle, LiquidationPrint, OpenInterestSample } from '../core/types';

export const CSV_HEADERS = {
  candles: 'open_time_ms,open,high,low,close,volume',
  openInterest: 'timestamp,sumOpenInterest',
  // The liquidation *order's* side, as Binance sends it and as parseLiquidationCsv reads it.
  // Price is the order's price and Average Price its fill (Binance sends both; Bybit only the
  // bankruptcy price): the scorer places a print at its fill, else maps the order price back.
  // Order Type stays empty: the stream parsers do not keep it, and no reader needs it.
  prints: 'Symbol,Side,Order Type,Time,Quantity,Price,Average Price',
  gaps: 'from_ms,to_ms,reason',
} as const;

export type CsvKind = keyof typeof CSV_HEADERS;

export function csvFileName(kind: CsvKind, symbol: string, timeframe: string): string {
  return { candles: `${symbol}_${timeframe}.csv`, openInterest: `${symbol}_open_interest.csv`, prints: `${symbol}_liquidations.csv`, gaps: `${symbol}_gaps.csv` }[kind];
}

function row(cells: readonly (string | number)[]): string {
  return cells.map((c) => (typeof c === 'string' && /[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : String(c))).join(',');
}

export const candleCsvRow = (c: Candle): string => row([c.time, c.open, c.high, c.low, c.close, c.volume]);
export const openInterestCsvRow = (s: OpenInterestSample): string => row([s.time, s.openInterest]);
export const gapCsvRow = (g: { from: number; to: number; reason: string }): string => row([g.from, g.to, g.reason]);

/** The order that closed the position: a long is closed by a sell. */
export function printCsvRow(p: LiquidationPrint): string {
  const fill = p.priceBasis === 'fill' ? p.price : '';
  return row([p.symbol, p.side === 'long' ? 'SELL' : 'BUY', '', p.time, p.quantity, p.orderPrice ?? (fill === '' ? p.price : ''), fill]);
}
