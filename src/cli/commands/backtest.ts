/**
 * `liqlens backtest --candles FILE.csv [--htf FILE.csv] [--oi FILE.csv] [--prints FILE.csv]
 * --setup sweep-choch|magnet [--fee-bps N] [--slippage-bps N] [--exchange ID]
 * [--json] [--report FILE.html]`: replays the candles through the extension's own incremental
 * engines and setup detectors (closed candles only, so no look-ahead), fills the setups bar by
 * bar, and prints what they did: overall and in the two halves of the time span.
 */
import { writeFile } from 'node:fs/promises';
import { simulate, tradeStats, type TradeStats } from '../../core/backtest';
import { DEFAULT_SWEEP_CHOCH, runSetups, type SetupKind, type SweepChochSettings } from '../../core/setups';
import type { ExchangeId } from '../../core/types';
import { EXCHANGE_IDS } from '../../exchanges';
import { CliError, numberFlag, parseArgs, type ParsedArgs } from '../args';
import { backtestReport } from '../backtestReport';
import type { Command } from '../command';
import { DB_FLAGS, readDbInputs } from '../dbInputs';
import { exchangeFlag, readCandleFile, readCandles, readOpenInterestFor, readPrints } from '../heatmapInputs';

const USAGE = `usage: liqlens backtest --candles FILE.csv [--htf FILE.csv] [--oi FILE.csv] [--prints FILE.csv] --setup sweep-choch|magnet [--fee-bps N] [--slippage-bps N] [--exchange ${EXCHANGE_IDS.join('|')}] [--distance MIN-MAX] [--window N] [--push N] [--json] [--report FILE.html]
       liqlens backtest --db FILE --exchange ID --symbol SYMBOL [--from ISO] [--to ISO] [--htf FILE.csv] --setup sweep-choch|magnet [the options above]`;

const command: Command = {
  summary: 'how the Liquidation Sweep + CHoCH or the magnet setup did over a candle CSV or a recording (win rate with its interval, R, drawdown)',
  flags: {
    usage: USAGE.slice('usage: liqlens '.length),
    flags: [
      { name: 'candles', value: 'FILE.csv', help: 'the candles to trade on' },
      { name: 'htf', value: 'FILE.csv', help: 'higher-timeframe candles (the trend confluence of sweep-choch)' },
      { name: 'oi', value: 'FILE.csv', help: 'open interest: the open-interest model instead of the volume estimator' },
      { name: 'prints', value: 'FILE.csv', help: 'realized liquidation prints' },
      { name: 'setup', value: 'KIND', help: 'sweep-choch or magnet' },
      { name: 'fee-bps', value: 'N', help: 'fee on each fill in basis points (default 5)' },
      { name: 'slippage-bps', value: 'N', help: 'slippage on each fill in basis points (default 2)' },
      { name: 'exchange', value: 'ID', help: `the exchange (${EXCHANGE_IDS.join(', ')}; default ${EXCHANGE_IDS[0]})` },
      { name: 'distance', value: 'MIN-MAX', help: 'sweep-choch: cluster distance from where the push began, in percent (e.g. 3-5)' },
      { name: 'window', value: 'N', help: 'sweep-choch: candles within which the CHoCH must follow' },
      { name: 'push', value: 'N', help: 'sweep-choch: candles the push is measured over' },
      { name: 'json', help: 'one JSON object instead of the table' },
      { name: 'report', value: 'FILE.html', help: 'also write an HTML report with the chart and every trade' },
      ...DB_FLAGS,
    ],
    examples: [
      'liqlens backtest --candles data/bybit-linear/BTCUSDT_15m.csv.gz --htf data/bybit-linear/BTCUSDT_240m.csv.gz --setup sweep-choch --exchange bybit',
      'liqlens backtest --db market.duckdb --exchange binance --symbol BTCUSDT --setup magnet --from 2026-11-01',
    ],
  },
  async run(argv) {
    const started = performance.now();
    const args = parseArgs(argv, command.flags);
    const fromDb = args.values.has('db');
    const file = fromDb ? args.values.get('db') : args.values.get('candles');
    const setup = args.values.get('setup');
    if (!file || args.positional.length > 0 || (fromDb && ['candles', 'oi', 'prints'].some((f) => args.values.has(f)))) throw new CliError(USAGE);
    if (setup !== 'sweep-choch' && setup !== 'magnet') throw new CliError(`--setup must be sweep-choch or magnet${setup ? `, got "${setup}"` : ''}\n${USAGE}`);
    const feeBps = numberFlag(args, 'fee-bps', 5, 0, 1_000);
    const slippageBps = numberFlag(args, 'slippage-bps', 2, 0, 1_000);
    const exchange = exchangeFlag(args.values.get('exchange'));
    const sweepChoch = sweepChochFlags(args);

    const htfFile = args.values.get('htf');
    const { candles, fileRow, stepMs: candleMs, openInterest, prints } = fromDb ? await fromRecording(args) : await fromFiles(file, exchange, args);
    const { setups, estimator } = runSetups(candles, candleMs, new Set<SetupKind>([setup]), {
      exchange,
      openInterest,
      htf: htfFile ? await readCandles('backtest', htfFile) : undefined,
      prints,
      sweepChoch,
    });
    const trades = simulate(candles, setups, { feeBps, slippageBps });
    // In-sample / out-of-sample: the first and second half of the span, by time.
    const middle = candles.at(Math.floor(candles.length / 2))!.time;
    const rows = [
      { label: 'all', stats: tradeStats(trades) },
      { label: 'first half (in-sample)', stats: tradeStats(trades.filter((t) => t.entryTime < middle)) },
      { label: 'second half (out-of-sample)', stats: tradeStats(trades.filter((t) => t.entryTime >= middle)) },
    ];
    const notes = [
      `${candles.length.toLocaleString('en-US')} candles of ${candleMs / 60_000} min, ${iso(candles.at(0)!.time)} → ${iso(candles.at(-1)!.time)}; ${setups.length} setups, ${trades.length} filled and closed.`,
      estimator === 'oi'
        ? 'Liquidation side: the open-interest model (--oi).'
        : 'Liquidation side: the volume estimator (no open interest given), a relative model, not positions held.',
      ...(setup === 'sweep-choch' ? [`Cluster ${sweepChoch.minDistancePct ?? DEFAULT_SWEEP_CHOCH.minDistancePct}-${sweepChoch.maxDistancePct ?? DEFAULT_SWEEP_CHOCH.maxDistancePct} % from where the push began (over ${sweepChoch.pushCandles ?? DEFAULT_SWEEP_CHOCH.pushCandles} candles); CHoCH within ${sweepChoch.windowCandles ?? DEFAULT_SWEEP_CHOCH.windowCandles} candles.`] : []),
      `Costs: ${feeBps} bp fee and ${slippageBps} bp slippage on each fill. A candle touching both stop and target counts as a loss.`,
      ...(setup === 'sweep-choch' && !htfFile ? ['No higher timeframe given: the trend confluence is never counted.'] : []),
    ];
    const runMs = performance.now() - started;
    const report = args.values.get('report');
    if (report) await writeFile(report, backtestReport(`LiqLens backtest: ${setup} on ${file}`, notes, candles, trades, rows));
    if (args.switches.has('json')) {
      const row = (i: number) => fileRow[i]!;
      const { trades: tradeCount, ...all } = rows[0]!.stats;
      const out = {
        setup,
        file,
        candles: candles.length,
        estimator,
        feeBps,
        slippageBps,
        setups: setups.length,
        tradeCount,
        trades: trades.map((t) => ({ ...t, entryIndex: row(t.entryIndex), exitIndex: row(t.exitIndex) })),
        ...all,
        inSample: rows[1]!.stats,
        outOfSample: rows[2]!.stats,
        runMs: Math.round(runMs),
      };
      process.stdout.write(`${JSON.stringify(out)}\n`);
      return 0;
    }
    process.stdout.write(`${table(`Backtest: ${setup} on ${file}`, notes, rows)}\nrun time ${(runMs / 1000).toFixed(1)} s\n`);
    return 0;
  },
};

export default command;

async function fromFiles(file: string, exchange: ExchangeId, args: ParsedArgs) {
  const read = await readCandleFile('backtest', file, 2);
  const oiFile = args.values.get('oi');
  const printsFile = args.values.get('prints');
  return {
    ...read,
    openInterest: oiFile ? await readOpenInterestFor('backtest', oiFile, read.candles, read.stepMs) : undefined,
    prints: printsFile ? await readPrints('backtest', printsFile, exchange) : undefined,
  };
}

/** A recording's series: its rows are numbered as the candles are (there is no file). */
async function fromRecording(args: ParsedArgs) {
  const read = await readDbInputs(args, 2);
  return { ...read, fileRow: Array.from({ length: read.candles.length }, (_, i) => i), prints: read.prints.length > 0 ? read.prints : undefined };
}

/** --distance 3-5, --window 3, --push 48: the sweep's definition, where a trader wants to try another. */
function sweepChochFlags(args: ParsedArgs): Partial<SweepChochSettings> {
  const out: Partial<SweepChochSettings> = {};
  const distance = args.values.get('distance');
  if (distance !== undefined) {
    const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(distance);
    if (!m || !(Number(m[2]) > Number(m[1]))) throw new CliError(`--distance must be MIN-MAX in percent, e.g. 3-5, got "${distance}"`);
    out.minDistancePct = Number(m[1]);
    out.maxDistancePct = Number(m[2]);
  }
  if (args.values.has('window')) out.windowCandles = wholeFlag(args, 'window');
  if (args.values.has('push')) out.pushCandles = wholeFlag(args, 'push');
  return out;
}

function wholeFlag(args: ParsedArgs, name: string): number {
  const n = numberFlag(args, name, 1, 1, 10_000);
  if (!Number.isInteger(n)) throw new CliError(`--${name} must be a whole number`);
  return n;
}

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}

function table(title: string, notes: string[], rows: { label: string; stats: TradeStats }[]): string {
  const head = ['', 'trades', 'win rate', '95% (Wilson)', 'avg R', 'expectancy', 'profit f.', 'max DD R', 'losing run'];
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const num = (x: number | null) => (x === null ? '–' : x.toFixed(2));
  const body = rows.map(({ label, stats: s }) => [
    label, String(s.trades), s.winRate === null ? '–' : pct(s.winRate), s.winRate95 ? `${pct(s.winRate95[0])}–${pct(s.winRate95[1])}` : '–',
    num(s.avgR), num(s.expectancy), num(s.profitFactor), s.maxDrawdownR.toFixed(2), String(s.longestLosingRun),
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [title, ...notes.map((n) => `  ${n}`), '', line(head), ...body.map(line)].join('\n');
}

