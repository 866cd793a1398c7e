/**
 * `liqlens record --db FILE [--exchanges binance,bybit,okx] [--symbols all|BTCUSDT,…] [--timeframe 1m] [--source URL]`:
 * records every chosen exchange and symbol into one DuckDB file until stopped (Ctrl-C or
 * SIGTERM), resuming and backfilling where the file ends (see ../recording/recorder.ts).
 *
 * `liqlens record --exchange ID --symbol BTCUSDT --minutes N --out DIR [--timeframe 1m] [--source URL]`:
 * one symbol for a set time into CSV files the replay exchange's parsers read, plus recording.json.
 */
import { isTimeframe, type Timeframe } from '../../core/timeframes';
import type { ExchangeId } from '../../core/types';
import { EXCHANGE_IDS, isExchangeId } from '../../exchanges';
import { CliError, numberFlag, parseArgs, type ParsedArgs } from '../args';
import type { Command } from '../command';
import { record } from '../recorder';
import type { RecordingDb } from '../recording/db';

const command: Command = {
  summary: 'record live candles, open interest and liquidation prints: every symbol into a DuckDB file until stopped, or one symbol to CSV files',
  flags: {
    usage: `record --db FILE [--exchanges ${EXCHANGE_IDS.join(',')}] [--symbols all|BTCUSDT,ETHUSDT] [--timeframe 1m] [--source URL]
       liqlens record --exchange ${EXCHANGE_IDS.join('|')} --symbol BTCUSDT --minutes N --out DIR [--timeframe 1m] [--source URL]`,
    flags: [
      { name: 'db', value: 'FILE', help: 'DuckDB file to record into until stopped (created, or resumed and backfilled where it ends)' },
      { name: 'exchanges', value: 'LIST', help: `with --db: comma-separated exchanges (default ${EXCHANGE_IDS.join(',')})` },
      { name: 'symbols', value: 'all|LIST', help: 'with --db: every listed linear USDT perpetual, followed as listings change (default all), or comma-separated symbols' },
      { name: 'exchange', value: 'ID', help: `with --out: the exchange (${EXCHANGE_IDS.join(', ')})` },
      { name: 'symbol', value: 'SYMBOL', help: 'with --out: the symbol, e.g. BTCUSDT' },
      { name: 'minutes', value: 'N', help: 'with --out: how long to record (at most 7 days)' },
      { name: 'out', value: 'DIR', help: 'with --out: folder for the CSV files and recording.json' },
      { name: 'timeframe', value: 'TF', help: 'candle timeframe (default 1m)' },
      { name: 'source', value: 'URL', help: 'a replay exchange instead of the live exchanges, e.g. http://127.0.0.1:8787' },
    ],
    examples: [
      'liqlens record --db market.duckdb --exchanges binance,bybit,okx --symbols all',
      'liqlens record --exchange binance --symbol BTCUSDT --minutes 60 --out rec/',
    ],
  },
  async run(argv) {
    const args = parseArgs(argv, command.flags);
    if (args.positional.length > 0) throw new CliError(`usage: liqlens ${command.flags.usage}`);
    const timeframe = args.values.get('timeframe') ?? '1m';
    if (!isTimeframe(timeframe)) throw new CliError(`--timeframe ${timeframe} is not a timeframe (1m, 5m, 15m, 1h, …)`);
    const source = args.values.get('source');
    if (source !== undefined && !/^https?:\/\/[^/]+/.test(source)) throw new CliError(`--source must be an http(s) URL of a replay exchange, got "${source}"`);
    const base = source?.replace(/\/+$/, '');
    return args.values.has('db') ? recordDb(args, timeframe, base) : recordCsv(args, timeframe, base);
  },
};

export default command;

async function recordDb(args: ParsedArgs, timeframe: Timeframe, source: string | undefined): Promise<number> {
  for (const flag of ['exchange', 'symbol', 'minutes', 'out']) if (args.values.has(flag)) throw new CliError(`--${flag} is for CSV recording; --db records until stopped`);
  const exchanges = (args.values.get('exchanges') ?? EXCHANGE_IDS.join(',')).split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
  const unknown = exchanges.filter((x) => !isExchangeId(x));
  if (unknown.length > 0 || exchanges.length === 0) throw new CliError(`--exchanges must list some of ${EXCHANGE_IDS.join(', ')}${unknown.length ? `, got "${unknown.join(',')}"` : ''}`);
  const symbolsFlag = args.values.get('symbols') ?? 'all';
  const symbols = symbolsFlag.toLowerCase() === 'all' ? 'all' : symbolsFlag.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  if (symbols !== 'all' && (symbols.length === 0 || symbols.some((s) => !/^[A-Z0-9]{2,24}$/.test(s)))) throw new CliError(`--symbols must be all or exchange symbols such as BTCUSDT,ETHUSDT, got "${symbolsFlag}"`);

  // DuckDB's native module loads only when recording into it, not for CSV recording.
  const [{ RecordingDb }, { REAL_TIMING, Recorder }] = await Promise.all([import('../recording/db'), import('../recording/recorder')]);
  const clock = source ? await replayClock(source) : { now: Date.now, speed: 1 };
  const path = args.values.get('db')!;
  let db: RecordingDb;
  try {
    db = await RecordingDb.open(path);
  } catch (error) {
    throw new CliError(`cannot open ${path}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const log = (line: string) => process.stderr.write(`liqlens record: ${line}\n`);
  // Against a replay faster than real time, the minute rounds come as often as its minutes do;
  // the flush stays each real second (what kill -9 may lose).
  const scaled = (ms: number) => Math.max(20, ms / clock.speed);
  const recorder = new Recorder({
    db, exchanges: exchanges as ExchangeId[], symbols, timeframe, source, now: clock.now, log,
    timing: { candlePollMs: scaled(REAL_TIMING.candlePollMs), listingMs: scaled(REAL_TIMING.listingMs), reportMs: scaled(REAL_TIMING.reportMs) },
  });
  log(`recording ${exchanges.join(', ')} ${symbols === 'all' ? 'all symbols' : symbols.join(',')} ${timeframe} from ${source ?? 'the live exchanges'} into ${path}; Ctrl-C stops`);
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  try {
    await recorder.start();
  } catch (error) {
    await recorder.stop();
    await db.close();
    throw new CliError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
  const signal = await stopped;
  await recorder.stop();
  const totals = await db.totals();
  const bytes = await db.bytes();
  await db.close();
  log(`stopped by ${signal}`);
  process.stdout.write(`${JSON.stringify({ db: path, written: db.written, totals, bytes })}\n`);
  return 0;
}

/** The replay's clock (its /__replay/status), so gap times are in the time its prints carry. */
async function replayClock(source: string): Promise<{ now: () => number; speed: number }> {
  try {
    const started = Date.now();
    const status = (await (await fetch(`${source}/__replay/status`)).json()) as { now: number; speed: number };
    if (Number.isFinite(status.now) && status.speed > 0) return { now: () => status.now + (Date.now() - started) * status.speed, speed: status.speed };
  } catch {
    // not a replay of ours: the wall clock it is
  }
  return { now: Date.now, speed: 1 };
}

async function recordCsv(args: ParsedArgs, timeframe: Timeframe, source: string | undefined): Promise<number> {
  const usage = `usage: liqlens ${command.flags.usage}`;
  const exchange = args.values.get('exchange');
  if (!isExchangeId(exchange)) throw new CliError(`--exchange must be one of ${EXCHANGE_IDS.join(', ')} (or --db FILE to record every exchange)\n${usage}`);
  const symbol = args.values.get('symbol')?.toUpperCase();
  if (!symbol || !/^[A-Z0-9]{2,24}$/.test(symbol)) throw new CliError(`--symbol must be an exchange symbol such as BTCUSDT\n${usage}`);
  const out = args.values.get('out');
  if (!out) throw new CliError(`--out DIR is required\n${usage}`);
  if (!args.values.has('minutes')) throw new CliError(`--minutes N is required\n${usage}`);
  const minutes = numberFlag(args, 'minutes', 0, 0.01, 7 * 24 * 60);

  process.stderr.write(`liqlens record: ${exchange} ${symbol} ${timeframe} for ${minutes} min from ${source ?? 'the live exchange'} into ${out}\n`);
  let result;
  try {
    result = await record({ exchange, symbol, timeframe, minutes, out, source, log: (line) => process.stderr.write(`liqlens record: ${line}\n`) });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error));
  }
  const rejected = Object.values(result.stream.rejected).reduce((a, b) => a + b, 0);
  if (rejected > 0) {
    const reasons = Object.entries(result.stream.rejected).map(([reason, n]) => `${n} × ${reason}`).join(', ');
    process.stderr.write(`liqlens record: refused ${rejected} stream frame(s) or print(s): ${reasons}\n`);
  }
  process.stdout.write(`${JSON.stringify({ candles: result.candles, openInterest: result.openInterest, prints: result.prints, gaps: result.gaps, rejectedFrames: rejected, files: result.files })}\n`);
  return 0;
}
