/**
 * `liqlens heatmap FILE.csv [--oi OI.csv] [--exchange binance|bybit]`: the liquidation heatmap
 * after the last candle of a file, as one JSON object: which estimator made it (open interest
 * where a file of it is given, else volume), the profile by price, and the clusters.
 */
import { runHeatmap } from '../../core/heatmap';
import { CliError, parseArgs } from '../args';
import type { Command } from '../command';
import { exchangeFlag, readCandles, readOpenInterestFor } from '../heatmapInputs';

const command: Command = {
  summary: 'liquidation heatmap (profile and clusters) after the last candle of a CSV, as JSON',
  async run(argv) {
    const args = parseArgs(argv, { values: ['oi', 'exchange'] });
    if (args.positional.length !== 1) throw new CliError('usage: liqlens heatmap FILE.csv [--oi OI.csv] [--exchange binance|bybit]');
    const exchange = exchangeFlag(args.values.get('exchange'));
    const candles = await readCandles('heatmap', args.positional[0]!);
    const oiFile = args.values.get('oi');
    const openInterest = oiFile ? await readOpenInterestFor('heatmap', oiFile, candles) : undefined;
    const engine = runHeatmap(openInterest ? 'oi' : 'volume', candles, openInterest);
    const out = {
      estimator: engine.estimator,
      exchange,
      bars: engine.bars,
      lastPrice: engine.lastPrice,
      // The volume estimator's scale is relative (volume weighted by volume), not notional held.
      unit: engine.estimator === 'oi' ? 'USDT' : 'relative',
      buckets: engine.profile(),
      clusters: engine.clusters().map((c) => ({ price: c.price, side: c.side, notional: c.notional, distancePct: c.distancePct, share: c.share, ageMs: c.ageMs })),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  },
};

export default command;
