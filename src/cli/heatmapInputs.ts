/** Reading the heatmap commands' input files: candles, open interest aligned to them, prints. */
import { parseCandleCsv, parseLiquidationCsv, parseOpenInterestCsv } from '../core/candles';
import type { Candle, ExchangeId, LiquidationPrint } from '../core/types';
import { EXCHANGE_IDS, isExchangeId } from '../exchanges';
import { CliError } from './args';
import { readTextFile } from './files';

function warnSkipped(command: string, file: string, issues: { line: number; message: string }[]): void {
  if (issues.length > 0) process.stderr.write(`liqlens ${command}: ${file}: skipped ${issues.length} bad row(s), first at line ${issues[0]!.line}: ${issues[0]!.message}\n`);
}

export async function readCandles(command: string, file: string): Promise<Candle[]> {
  const { rows, issues } = parseCandleCsv(await readTextFile(file));
  if (rows.length === 0) throw new CliError(`${file}: no candles (${issues[0] ? `line ${issues[0].line}: ${issues[0].message}` : 'empty file'})`);
  warnSkipped(command, file, issues);
  return rows;
}

/** Open interest (base coin) at each candle's close: the latest sample at or before it, or undefined. */
export async function readOpenInterestFor(command: string, file: string, candles: readonly Candle[]): Promise<(number | undefined)[]> {
  const { rows, issues } = parseOpenInterestCsv(await readTextFile(file));
  if (rows.length === 0) throw new CliError(`${file}: no open-interest samples (${issues[0] ? `line ${issues[0].line}: ${issues[0].message}` : 'empty file'})`);
  warnSkipped(command, file, issues);
  const candleMs = candles.length > 1 ? candles[1]!.time - candles[0]!.time : 60_000;
  let k = -1;
  return candles.map((c) => {
    while (k + 1 < rows.length && rows[k + 1]!.time <= c.time + candleMs - 1) k++;
    return k >= 0 ? rows[k]!.openInterest : undefined;
  });
}

export async function readPrints(command: string, file: string, exchange: ExchangeId): Promise<LiquidationPrint[]> {
  const { rows, issues } = parseLiquidationCsv(await readTextFile(file), exchange);
  if (rows.length === 0) throw new CliError(`${file}: no liquidation prints (${issues[0] ? `line ${issues[0].line}: ${issues[0].message}` : 'empty file'})`);
  warnSkipped(command, file, issues);
  return rows;
}

/** The --exchange flag: an id of the registry, the first one by default. */
export function exchangeFlag(value: string | undefined): ExchangeId {
  if (value === undefined) return EXCHANGE_IDS[0]!;
  if (isExchangeId(value)) return value;
  throw new CliError(`--exchange must be one of ${EXCHANGE_IDS.join(', ')}, got "${value}"`);
}
