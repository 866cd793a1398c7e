/** Reading market data: candles and open interest from CSV (each exchange's own formats live in its folder under src/exchanges). */
export { splitCsvLines, forEachLine, parseLines, type LineParser, parseTimeCell, parseNumberCell, parseNumberValue, findColumn, normaliseHeader, type CsvLine } from './csv';
export { checkCandle, collectInOrder, formatTime, type CollectOptions, type OrderedCollector } from './validate';
export { readCandle, type CandleFields } from './candleFields';
export { parseCandleCsv, candleCsvParser, TIME_COLUMN_NAMES } from './genericCsv';
export { parseOpenInterestCsv, openInterestCsvParser } from './openInterest';
export { aggregateCandles, bucketStart, type AggregateOptions } from './aggregate';
export { candleSpacing, SpacingTally, type Spacing } from './spacing';
export { CandleColumns, type CandleSeries } from './columns';
