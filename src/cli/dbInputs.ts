/**
 * `--db FILE --exchange X --symbol Y [--from ISO] [--to ISO]`: the commands that read candle,
 * open-interest and print files read a recording instead (liqlens record --db), as the same
 * values the file readers hand them.
 */
import { existsSync } from 'node:fs';
import { CandleColumns, SpacingTally } from '../core/candles';
import type { ExchangeId, LiquidationPrint } from '../core/types';
import { CliError, type FlagHelp, type ParsedArgs } from './args';
import { alignOpenInterest, exchangeFlag } from './heatmapInputs';
import type { RecordingDb } from './recording/db';

/** The flags a command adds to read a recording (its --exchange it declares itself). */
export const DB_FLAGS: readonly FlagHelp[] = [
  { name: 'db', value: 'FILE', help: 'read a recording (liqlens record --db) instead of files; with --exchange and --symbol' },
  { name: 'symbol', value: 'SYMBOL', help: 'the symbol, e.g. BTCUSDT (with --db; with --days where its folders hold several)' },
  { name: 'from', value: 'ISO', help: 'with --db: from this time, e.g. 2026-11-01 (default: the start)' },
  { name: 'to', value: 'ISO', help: 'with --db: up to this time (default: the end)' },
];

function time(args: ParsedArgs, name: 'from' | 'to'): number | undefined {
  const value = args.values.get(name);
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new CliError(`--${name} must be an ISO time such as 2026-11-01T00:00Z, got "${value}"`);
  return t;
}

/** --exchange, --symbol, --from, --to; `required`: the exchange and symbol must be given. */
export function dbSelection(args: ParsedArgs, required = true): { exchange?: ExchangeId; symbol?: string; from: number; to: number } {
  const symbol = args.values.get('symbol')?.toUpperCase();
  if (required && (!args.values.has('exchange') || !symbol)) throw new CliError('--db needs --exchange and --symbol');
  const from = time(args, 'from') ?? 0;
  const to = time(args, 'to') ?? Number.MAX_SAFE_INTEGER;
  if (!(to > from)) throw new CliError('--to must be after --from');
  return { exchange: args.values.has('exchange') ? exchangeFlag(args.values.get('exchange')) : undefined, symbol, from, to };
}

export async function openRecording(path: string): Promise<RecordingDb> {
  if (!existsSync(path)) throw new CliError(`cannot read ${path}: ENOENT`);
  try {
    // DuckDB's native module loads only for a command that reads a recording.
    const { RecordingDb } = await import('./recording/db');
    return await RecordingDb.open(path, { readOnly: true });
  } catch (error) {
    throw new CliError(`cannot read ${path}: not a LiqLens recording (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
}

export interface DbInputs {
  exchange: ExchangeId;
  symbol: string;
  candles: CandleColumns;
  stepMs: number;
  /** Open interest at each candle's close; undefined where none was recorded. */
  openInterest: (number | undefined)[] | undefined;
  prints: LiquidationPrint[];
}

/** One series of a recording, at least `minimum` candles of its finest recorded timeframe. */
export async function readDbInputs(args: ParsedArgs, minimum = 1): Promise<DbInputs> {
  const { exchange, symbol, from, to } = dbSelection(args);
  const db = await openRecording(args.values.get('db')!);
  try {
    const series = (await db.symbols(exchange)).filter((s) => s.symbol === symbol);
    if (series.length === 0) throw new CliError(`${db.path}: no candles of ${exchange} ${symbol} recorded`);
    const rows = await db.candles(exchange!, symbol!, series[0]!.timeframe, from, to);
    if (rows.length < minimum) throw new CliError(`${db.path}: ${rows.length === 0 ? 'no' : `only ${rows.length}`} candles of ${exchange} ${symbol} in that time${minimum > 1 ? `, ${minimum} needed` : ''}`);
    const candles = new CandleColumns();
    const spacing = new SpacingTally();
    for (const c of rows) {
      candles.push(c);
      spacing.add(c.time);
    }
    const stepMs = spacing.result().stepMs;
    const oi = await db.openInterest(exchange!, symbol!, from, to);
    const prints = await db.prints(exchange!, symbol!, from, to);
    return { exchange: exchange!, symbol: symbol!, candles, stepMs, openInterest: oi.length > 0 ? alignOpenInterest(oi, candles, stepMs) : undefined, prints };
  } finally {
    await db.close();
  }
}
