/**
 * `liqlens record --exchange ID --symbol BTCUSDT --minutes N --out DIR
 *  [--timeframe 1m] [--source URL]`: records live candles, open interest and liquidation prints
 * (with the stream's gaps) to CSV files the replay exchange's parsers read, plus recording.json.
 */
import { isTimeframe } from '../../core/timeframes';
import { EXCHANGE_IDS, isExchangeId } from '../../exchanges';
import { CliError, numberFlag, parseArgs } from '../args';
import type { Command } from '../command';
import { record } from '../recorder';

const USAGE = `usage: liqlens record --exchange ${EXCHANGE_IDS.join('|')} --symbol BTCUSDT --minutes N --out DIR [--timeframe 1m] [--source URL]`;

const command: Command = {
  summary: 'record live candles, open interest and liquidation prints of one symbol to replayable files',
  async run(argv) {
    const args = parseArgs(argv, { values: ['exchange', 'symbol', 'minutes', 'out', 'timeframe', 'source'] });
    if (args.positional.length > 0) throw new CliError(USAGE);
    const exchange = args.values.get('exchange');
    if (!isExchangeId(exchange)) throw new CliError(`--exchange must be one of ${EXCHANGE_IDS.join(', ')}\n${USAGE}`);
    const symbol = args.values.get('symbol')?.toUpperCase();
    if (!symbol || !/^[A-Z0-9]{2,24}$/.test(symbol)) throw new CliError(`--symbol must be an exchange symbol such as BTCUSDT\n${USAGE}`);
    const out = args.values.get('out');
    if (!out) throw new CliError(`--out DIR is required\n${USAGE}`);
    if (!args.values.has('minutes')) throw new CliError(`--minutes N is required\n${USAGE}`);
    const minutes = numberFlag(args, 'minutes', 0, 0.01, 7 * 24 * 60);
    const timeframe = args.values.get('timeframe') ?? '1m';
    if (!isTimeframe(timeframe)) throw new CliError(`--timeframe ${timeframe} is not a timeframe (1m, 5m, 15m, 1h, …)`);
    const source = args.values.get('source');
    if (source !== undefined && !/^https?:\/\/[^/]+/.test(source)) throw new CliError(`--source must be an http(s) URL of a replay exchange, got "${source}"`);

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
  },
};

export default command;
