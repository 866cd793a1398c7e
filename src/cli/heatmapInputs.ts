/**
 * Reading the commands' input files: candles, open interest aligned to them, prints. Every
 * command reads through here, so each refuses bad rows the same way: the parsers name what is
 * wrong with each row, and one line on stderr counts the refused rows by reason (see warn); a file left
 * with too few good rows is an error that says how many were refused and for what.
 */
import { CandleColumns, candleCsvParser, formatTime, openInterestCsvParser, SpacingTally, type CandleSeries } from '../core/candles';
import { liquidationCsvParser } from '../exchanges/liquidationCsv';
import type { Candle, ExchangeId, InputIssue, LiquidationPrint, OpenInterestSample } from '../core/types';
import { EXCHANGE_IDS, isExchangeId } from '../exchanges';
import { CliError, warn } from './args';
import { parseFile } from './files';
import { rowIndexMap } from './rows';

/** A message without its values: what kind of problem it is ("price -5 is not positive" → "price is not positive"). */
function reasonOf(message: string): string {
  return message
    .replace(/'[^']*'|"[^"]*"|\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[-+]?\d[\w.:+-]*/g, '')
    .replace(/\s+([;,])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "3 bad row(s), first at line 4: price -5 is not positive; by reason: 2 × price is not positive, 1 × high is below low" */
export function refusedSummary(issues: readonly InputIssue[]): string {
  const byReason = new Map<string, number>();
  for (const { message } of issues) byReason.set(reasonOf(message), (byReason.get(reasonOf(message)) ?? 0) + 1);
  const reasons = [...byReason].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([reason, n]) => `${n} × ${reason}`);
  if (byReason.size > 5) reasons.push('…');
  const first = issues[0]!;
  return `${issues.length} bad row(s), first at line ${first.line}: ${first.message}; by reason: ${reasons.join(', ')}`;
}

/**
 * Nothing where at least `minimum` rows were good, after one stderr line about any refused; an
 * error where fewer were, saying how many rows were refused and why (or that the file has no
 * data rows).
 */
function accept(command: string, file: string, what: string, minimum: number, good: number, issues: InputIssue[]): void {
  if (good < minimum) {
    const found = good === 0 ? `no ${what}` : `only ${good} good ${what}, ${minimum} needed`;
    if (issues.length === 0) throw new CliError(`${file}: ${found} (the file has no data rows)`);
    if (good === 0 && issues.length === 1) throw new CliError(`${file}: ${found} (line ${issues[0]!.line}: ${issues[0]!.message})`);
    throw new CliError(`${file}: ${found}: refused ${refusedSummary(issues)}`);
  }
  if (issues.length > 0) warn(`liqlens ${command}: ${file}: skipped ${refusedSummary(issues)}`);
}

/** What reading a candle file found besides the candles themselves. */
export interface CandleFileFacts {
  /** Good candles. */
  count: number;
  /** The 0-based data row of the file each candle came from (refused rows still count). */
  fileRow: number[];
  /** The usual step between candles (see candleSpacing). */
  stepMs: number;
}

/**
 * Each good candle of a file handed to `onCandle` as it is read, in order, none held: memory
 * stays that of the reader's own state, whatever the file's length. At least `minimum` must be
 * good (else a CliError, after the candles already handed on); uneven spacing is reported on stderr.
 */
export async function streamCandleFile(command: string, file: string, onCandle: (candle: Candle) => void, minimum = 1): Promise<CandleFileFacts> {
  const spacing = new SpacingTally();
  let count = 0;
  const read = await parseFile(file, candleCsvParser((candle) => {
    spacing.add(candle.time);
    count++;
    onCandle(candle);
  }));
  accept(command, file, 'candles', minimum, count, read.issues);
  const found = spacing.result();
  if (found.first) {
    const { time, ms } = found.first;
    warn(
      `liqlens ${command}: ${file}: uneven spacing: ${found.uneven} of ${count - 1} steps are not the usual ${minutes(found.stepMs)}` +
        ` (first: ${minutes(ms)} from ${formatTime(time)} to ${formatTime(time + ms)})`,
    );
  }
  return { count, fileRow: rowIndexMap(read, new Set(read.issues.map((i) => i.line))), stepMs: found.stepMs };
}

export interface CandleFile extends CandleFileFacts {
  /** Held as columns: a year of 1m candles takes some 30 MB so, against 100 MB as objects. */
  candles: CandleColumns;
}

/** Candles, at least `minimum` of them; uneven spacing is reported on stderr. */
export async function readCandleFile(command: string, file: string, minimum = 1): Promise<CandleFile> {
  const candles = new CandleColumns();
  const facts = await streamCandleFile(command, file, (c) => candles.push(c), minimum);
  return { candles, ...facts };
}

/** A short file's candles as objects (a higher timeframe's, which the runner keeps as it goes). */
export async function readCandles(command: string, file: string): Promise<Candle[]> {
  return [...(await readCandleFile(command, file)).candles];
}

/** Open interest (base coin) at each candle's close: the latest sample at or before it, or undefined. */
export async function readOpenInterestFor(command: string, file: string, candles: CandleSeries, candleMs: number): Promise<(number | undefined)[]> {
  const read = await parseFile(file, openInterestCsvParser());
  const rows: OpenInterestSample[] = read.rows;
  accept(command, file, 'open-interest samples', 1, rows.length, read.issues);
  return alignOpenInterest(rows, candles, candleMs);
}

/** Open interest at each candle's close from samples in time order (a file's or a recording's). */
export function alignOpenInterest(rows: readonly OpenInterestSample[], candles: CandleSeries, candleMs: number): (number | undefined)[] {
  const step = candleMs > 0 ? candleMs : 60_000; // one candle alone has no spacing
  const out: (number | undefined)[] = [];
  let k = -1;
  for (let i = 0; i < candles.length; i++) {
    const time = candles.at(i)!.time;
    while (k + 1 < rows.length && rows[k + 1]!.time <= time + step - 1) k++;
    out.push(k >= 0 ? rows[k]!.openInterest : undefined);
  }
  return out;
}

export async function readPrints(command: string, file: string, exchange: ExchangeId): Promise<LiquidationPrint[]> {
  const read = await parseFile(file, liquidationCsvParser(exchange));
  accept(command, file, 'liquidation prints', 1, read.rows.length, read.issues);
  return read.rows;
}

/** The --exchange flag: an id of the registry, the first one by default. */
export function exchangeFlag(value: string | undefined): ExchangeId {
  if (value === undefined) return EXCHANGE_IDS[0]!;
  if (isExchangeId(value)) return value;
  throw new CliError(`--exchange must be one of ${EXCHANGE_IDS.join(', ')}, got "${value}"`);
}

function minutes(ms: number): string {
  const min = ms / 60_000;
  return `${Number.isInteger(min) ? min : min.toFixed(2)} min`;
}
