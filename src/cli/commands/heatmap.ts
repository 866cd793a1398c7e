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
import { DB_FLAGS, readDbInputs } from '../dbInputs';
import { exchangeFlag, readCandleFile, readOpenInterestFor } from '../heatmapInputs';

const command: Command = {
  summary: 'liquidation heatmap (profile and clusters) after the last candle of a CSV or a recording, as JSON',
  flags: {
    usage: `heatmap FILE.csv [--oi OI.csv] [--exchange ${EXCHANGE_IDS.join('|')}]
       liqlens heatmap --db FILE --exchange ID --symbol SYMBOL [--from ISO] [--to ISO]`,
    flags: [
      { name: 'oi', value: 'OI.csv', help: 'open interest (timestamp,sumOpenInterest): the open-interest model instead of the volume estimator' },
      { name: 'exchange', value: 'ID', help: `the exchange whose margin tiers apply (${EXCHANGE_IDS.join(', ')}; default ${EXCHANGE_IDS[0]})` },
      ...DB_FLAGS,
    ],
    examples: ['liqlens heatmap data/bybit-linear/BTCUSDT_15m.csv.gz --exchange bybit', 'liqlens heatmap --db market.duckdb --exchange binance --symbol BTCUSDT --from 2026-11-30'],
  },
  async run(argv) {
    const args = parseArgs(argv, command.flags);
    const fromDb = args.values.has('db');
    if (args.positional.length !== (fromDb ? 0 : 1) || (fromDb && args.values.has('oi'))) throw new CliError(`usage: liqlens ${command.flags.usage}`);
    const exchange = exchangeFlag(args.values.get('exchange'));
    const { candles, openInterest } = fromDb ? await readDbInputs(args) : await (async () => {
      const file = await readCandleFile('heatmap', args.positional[0]!);
      const oiFile = args.values.get('oi');
      return { ...file, openInterest: oiFile ? await readOpenInterestFor('heatmap', oiFile, file.candles, file.stepMs) : undefined };
    })();
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
