/**
 * `liqlens score --candles F [--oi F] --prints F [--exchange binance|bybit] [--json]`: how well
 * the heatmap foresaw realized liquidations: the share of their notional that fell in the
 * model's top-quartile bands just before each print, per side, with the counts and the chance level.
 */
import { scoreHeatmap, type SideScore } from '../../core/heatmap';
import { CliError, parseArgs } from '../args';
import type { Command } from '../command';
import { exchangeFlag, readCandles, readOpenInterestFor, readPrints } from '../heatmapInputs';

const USAGE = 'usage: liqlens score --candles F [--oi F] --prints F [--exchange binance|bybit] [--json]';

const pct = (x: number | null) => (x === null ? '   –  ' : `${(100 * x).toFixed(1).padStart(5)}%`);

const command: Command = {
  summary: 'hit rate of the heatmap against realized liquidation prints, per side, with counts',
  async run(argv) {
    const args = parseArgs(argv, { values: ['candles', 'oi', 'prints', 'exchange'], switches: ['json'] });
    const candlesFile = args.values.get('candles');
    const printsFile = args.values.get('prints');
    if (args.positional.length > 0 || !candlesFile || !printsFile) throw new CliError(USAGE);
    const exchange = exchangeFlag(args.values.get('exchange'));
    const candles = await readCandles('score', candlesFile);
    const oiFile = args.values.get('oi');
    const openInterest = oiFile ? await readOpenInterestFor('score', oiFile, candles) : undefined;
    const prints = (await readPrints('score', printsFile, exchange)).filter((p) => p.time >= candles[0]!.time);
    const score = scoreHeatmap(openInterest ? 'oi' : 'volume', candles, prints, openInterest);
    if (args.switches.has('json')) {
      process.stdout.write(`${JSON.stringify({ ...score, exchange })}\n`);
      return 0;
    }
    const row = (name: string, s: SideScore) =>
      `${name.padEnd(6)} ${String(s.prints).padStart(7)} ${String(s.hits).padStart(6)} ${(s.notional / 1e6).toFixed(2).padStart(12)} ${pct(s.hitRate)} ${pct(s.chance)}`;
    process.stdout.write([
      `heatmap (${score.estimator} estimator, ${exchange}) against ${prints.length} realized prints; ${score.unscored} before any level existed`,
      'side    prints   hits  notional $M  hit rate  chance',
      row('long', score.long),
      row('short', score.short),
      row('all', score.all),
      'hit rate: share of realized notional inside the top-quartile density bands of its side just before the print;',
      'chance: the share of the populated price span those bands covered (what random placement would hit).',
    ].join('\n') + '\n');
    return 0;
  },
};

export default command;
