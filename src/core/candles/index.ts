/** Reading market data: candles, open interest and liquidation prints, from exchange APIs and CSV. */
export { splitCsvLines, forEachLine, parseLines, type LineParser, parseTimeCell, parseNumberCell, parseNumberValue, findColumn, normaliseHeader, type CsvLine } from './csv';
export { checkCandle, collectInOrder, formatTime, type CollectOptions, type OrderedCollector } from './validate';
export { readCandle, type CandleFields } from './candleFields';
export { parseBinanceKlines, parseBinanceKlineCsv } from './binance';
export { parseBybitKlines } from './bybit';
export { parseCandleCsv, candleCsvParser, TIME_COLUMN_NAMES } from './genericCsv';
export { parseOpenInterestCsv, openInterestCsvParser } from './openInterest';
export {
  liquidationPrintId, positionSideFromOrderSide, positionSideFromBybit, parseOrderSide, parseLiquidationCsv, liquidationCsvParser, type PrintKey,
} from './liquidations';
export { aggregateCandles, bucketStart, type AggregateOptions } from './aggregate';
export { candleSpacing, SpacingTally, type Spacing } from './spacing';
export { CandleColumns, type CandleSeries } from './columns';
