/**
 * `liqlens heatmap FILE.csv [--oi OI.csv] [--exchange ID]` (an id of src/exchanges): the liquidation heatmap
 * after the last candle of a file, as one JSON object: which estimator made it (open interest
 * where a file of it is given, else volume), the profile by price, the clusters, and how the
 * magnet zones found along the way turned out against their mirror levels.
 */
import { HeatmapEngine, magnetOutcomes, MagnetTracker } from '../../core/heatmap';
import { EXCHANGE_IDS } from '../../exchanges';
import { CliError, parseArgs } from '../args';
import type { Command } from '../command';
import { exchangeFlag, readCandleFile, readOpenInterestFor } from '../heatmapInputs';

const command: Command = {
  summary: 'liquidation heatmap (profile and clusters) after the last candle of a CSV, as JSON',
  async run(argv) {
    const args = parseArgs(argv, { values: ['oi', 'exchange'] });
    if (args.positional.length !== 1) throw new CliError(`usage: liqlens heatmap FILE.csv [--oi OI.csv] [--exchange ${EXCHANGE_IDS.join('|')}]`);
    const exchange = exchangeFlag(args.values.get('exchange'));
    const { candles, stepMs } = await readCandleFile('heatmap', args.positional[0]!);
    const oiFile = args.values.get('oi');
    const openInterest = oiFile ? await readOpenInterestFor('heatmap', oiFile, candles, stepMs) : undefined;
    // The model and its magnet zones, candle by candle, as in the extension.
    const engine = new HeatmapEngine(openInterest ? 'oi' : 'volume');
    const magnets = new MagnetTracker();
    for (let i = 0; i < candles.length; i++) {
      const c = candles.at(i)!;
      engine.append(c, openInterest?.[i]);
      magnets.update(c, engine.clusters());
    }
    const out = {
      estimator: engine.estimator,
      exchange,
      bars: engine.bars,
      lastPrice: engine.lastPrice,
      // The volume estimator's scale is relative (volume weighted by volume), not notional held.
      unit: engine.estimator === 'oi' ? 'USDT' : 'relative',
      buckets: engine.profile(),
      clusters: engine.clusters().map((c) => ({ price: c.price, side: c.side, notional: c.notional, distancePct: c.distancePct, share: c.share, ageMs: c.ageMs })),
      magnets: { zones: magnets.all().length, ...magnetOutcomes(candles, magnets.all()) },
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return 0;
  },
};

export default command;
