/**
 * Reading the commands' input files: candles, open interest aligned to them, prints. Every
 * command reads through here, so each refuses bad rows the same way: the parsers name what is
 * wrong with each row, and one line on stderr counts the refused rows by reason (see warn); a file left
 * with too few good rows is an error that says how many were refused and for what.
 */
import { candleCsvParser, candleSpacing, formatTime, liquidationCsvParser, openInterestCsvParser } from '../core/candles';
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
 * The good rows, after one stderr line about any refused; an error where fewer than `minimum`
 * are good, saying how many rows were refused and why (or that the file has no data rows).
 */
function accept<T>(command: string, file: string, what: string, minimum: number, rows: T[], issues: InputIssue[]): T[] {
  if (rows.length < minimum) {
    const found = rows.length === 0 ? `no ${what}` : `only ${rows.length} good ${what}, ${minimum} needed`;
    if (issues.length === 0) throw new CliError(`${file}: ${found} (the file has no data rows)`);
    if (rows.length === 0 && issues.length === 1) throw new CliError(`${file}: ${found} (line ${issues[0]!.line}: ${issues[0]!.message})`);
    throw new CliError(`${file}: ${found}: refused ${refusedSummary(issues)}`);
  }
  if (issues.length > 0) warn(`liqlens ${command}: ${file}: skipped ${refusedSummary(issues)}`);
  return rows;
}

export interface CandleFile {
  candles: Candle[];
  /** The 0-based data row of the file each candle came from (refused rows still count). */
  fileRow: number[];
  /** The usual step between candles (see candleSpacing). */
  stepMs: number;
}

/** Candles, at least `minimum` of them; uneven spacing is reported on stderr. */
export async function readCandleFile(command: string, file: string, minimum = 1): Promise<CandleFile> {
  const read = await parseFile(file, candleCsvParser());
  const candles = accept(command, file, 'candles', minimum, read.rows, read.issues);
  const spacing = candleSpacing(candles);
  if (spacing.first) {
    const { index, ms } = spacing.first;
    warn(
      `liqlens ${command}: ${file}: uneven spacing: ${spacing.uneven} of ${candles.length - 1} steps are not the usual ${minutes(spacing.stepMs)}` +
        ` (first: ${minutes(ms)} from ${formatTime(candles[index]!.time)} to ${formatTime(candles[index + 1]!.time)})`,
    );
  }
  return { candles, fileRow: rowIndexMap(read, new Set(read.issues.map((i) => i.line))), stepMs: spacing.stepMs };
}

export async function readCandles(command: string, file: string): Promise<Candle[]> {
  return (await readCandleFile(command, file)).candles;
}

/** Open interest (base coin) at each candle's close: the latest sample at or before it, or undefined. */
export async function readOpenInterestFor(command: string, file: string, candles: readonly Candle[]): Promise<(number | undefined)[]> {
  const read = await parseFile(file, openInterestCsvParser());
  const rows: OpenInterestSample[] = accept(command, file, 'open-interest samples', 1, read.rows, read.issues);
  const candleMs = candles.length > 1 ? candleSpacing(candles).stepMs : 60_000;
  let k = -1;
  return candles.map((c) => {
    while (k + 1 < rows.length && rows[k + 1]!.time <= c.time + candleMs - 1) k++;
    return k >= 0 ? rows[k]!.openInterest : undefined;
  });
}

export async function readPrints(command: string, file: string, exchange: ExchangeId): Promise<LiquidationPrint[]> {
  const read = await parseFile(file, liquidationCsvParser(exchange));
  return accept(command, file, 'liquidation prints', 1, read.rows, read.issues);
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
