/**
 * `liqlens score --candles F [--oi F] --prints F [--exchange ID] [--score-from ISO] [--json]`:
 * does the heatmap know where liquidations sit beyond their distance from price? Its skill at the
 * levels price reached against the better distance-only baseline, with the edge's interval over
 * whole days (see src/core/heatmap/skill.ts and docs/heatmap-model.md); the top-quartile hit rate
 * against chance follows as a secondary figure. Several consecutive days may be given as one
 * concatenated file; with --score-from, what comes before only builds the model and the baselines.
 */
import { candleSpacing } from '../../core/candles';
import { HeatmapEngine, measureSkill, scoreHeatmap, triggerPrice, type SideScore, type SkillSummary } from '../../core/heatmap';
import { maintenanceMarginRate } from '../../core/marginTiers';
import { EXCHANGE_IDS, exchange as exchangeDef } from '../../exchanges';
import { CliError, parseArgs } from '../args';
import type { Command } from '../command';
import { DB_FLAGS, readDbInputs } from '../dbInputs';
import { exchangeFlag, readCandles, readOpenInterestFor, readPrints } from '../heatmapInputs';

const USAGE = `usage: liqlens score --candles F [--oi F] --prints F [--exchange ${EXCHANGE_IDS.join('|')}] [--score-from ISO] [--json]
       liqlens score --db FILE --exchange ID --symbol SYMBOL [--from ISO] [--to ISO] [--score-from ISO] [--json]`;

const pct = (x: number | null) => (x === null ? '   –  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

function scoreFromFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (!Number.isFinite(time)) throw new CliError(`--score-from must be an ISO time such as 2023-11-28T06:15Z, got "${value}"`);
  return time;
}

/** The skill in words: the figure, what it is measured against, and what it rests on. */
function skillLines(s: SkillSummary | null): string[] {
  if (!s) return ['skill: no snapshot could be scored (price reached fewer than two new levels with prints on a side, or no history for a baseline)'];
  const ci = s.edgeCi95 ? `95 % interval ${signed(s.edgeCi95[0])} to ${signed(s.edgeCi95[1])} over ${s.days} independent days` : `no interval: ${s.days} independent day (a day is the unit: its snapshots share most of their 24 h)`;
  const verdict = s.edgeCi95 && s.edgeCi95[0] > 0 ? 'better than distance from price alone' : 'NOT shown to be better than distance from price alone';
  return [
    `skill at the levels price reached (0.5 = cannot tell which held liquidations): model ${s.model.toFixed(3)}, ${s.baselineKind} baseline ${s.baseline.toFixed(3)}`,
    `edge ${signed(s.edge)} (${ci}); ${s.prints} prints, ${s.snapshots} hourly snapshots, prices ${s.priceBasis === 'fill' ? 'at their fill' : s.priceBasis === 'mixed' ? 'at their fill where known, else order price mapped to trigger' : 'order price mapped back to trigger'}`,
    `the map is ${verdict} on these days`,
  ];
}

const command: Command = {
  summary: 'skill of the heatmap at the levels price reached, against a distance-only baseline (and the hit rate)',
  flags: {
    usage: USAGE.slice('usage: liqlens '.length),
    flags: [
      { name: 'candles', value: 'FILE', help: 'candles (CSV, .gz read as is); several consecutive days may be one file' },
      { name: 'oi', value: 'FILE', help: 'open interest: the open-interest model instead of the volume estimator' },
      { name: 'prints', value: 'FILE', help: 'realized liquidation prints of the same days' },
      { name: 'exchange', value: 'ID', help: `the exchange (${EXCHANGE_IDS.join(', ')}; default ${EXCHANGE_IDS[0]})` },
      { name: 'score-from', value: 'ISO', help: 'score from this time; what comes before only builds the model and the baselines' },
      { name: 'json', help: 'one JSON object instead of the text' },
      ...DB_FLAGS,
    ],
    examples: [
      'liqlens score --candles data/binance-usdm/window-2023-11-27/BTCUSDT_perp_1m_klines_with_oi.csv.gz --oi data/binance-usdm/window-2023-11-27/BTCUSDT_perp_1m_klines_with_oi.csv.gz --prints data/binance-usdm/window-2023-11-27/BTCUSDT_forceOrder_liquidations.csv.gz',
      'liqlens score --db market.duckdb --exchange binance --symbol BTCUSDT --from 2026-11-01 --score-from 2026-11-08',
    ],
  },
  async run(argv) {
    const args = parseArgs(argv, command.flags);
    const fromDb = args.values.has('db');
    const candlesFile = args.values.get('candles');
    const printsFile = args.values.get('prints');
    if (args.positional.length > 0 || (fromDb ? candlesFile || printsFile || args.values.has('oi') : !candlesFile || !printsFile)) throw new CliError(USAGE);
    const exchange = exchangeFlag(args.values.get('exchange'));
    const scoreFrom = scoreFromFlag(args.values.get('score-from'));
    const recorded = fromDb ? await readDbInputs(args) : null;
    if (recorded && recorded.prints.length === 0) throw new CliError(`${args.values.get('db')}: no liquidation prints of ${exchange} ${recorded.symbol} in that time`);
    const candles = recorded ? [...recorded.candles] : await readCandles('score', candlesFile!);
    const oiFile = args.values.get('oi');
    const openInterest = recorded ? recorded.openInterest : oiFile ? await readOpenInterestFor('score', oiFile, candles, candleSpacing(candles).stepMs) : undefined;
    const allPrints = (recorded ? recorded.prints : await readPrints('score', printsFile!, exchange)).filter((p) => p.time >= candles[0]!.time);
    const symbol = allPrints[0]!.symbol;
    const marginTiers = exchangeDef(exchange).defaultTiers?.(symbol);
    const params = marginTiers ? { marginTiers } : {};
    const estimator = openInterest ? 'oi' : 'volume';
    const model = new HeatmapEngine(estimator, params);
    const m = maintenanceMarginRate(model.params.marginTiers, 0);
    const { summary } = measureSkill(model, candles, allPrints, { bucketBps: model.params.bucketBps, maintenanceMarginRate: m, openInterest, scoreFrom });
    // The hit rate, like with like: each print at its trigger price; before --score-from, history only.
    const atTrigger = allPrints.map((p) => ({ ...p, price: triggerPrice(p, m) }));
    const hit = scoreHeatmap(estimator, candles, atTrigger, openInterest, params, undefined, scoreFrom);
    if (args.switches.has('json')) {
      const skill = summary && {
        model: summary.model, baseline: summary.baseline, baselineKind: summary.baselineKind, edge: summary.edge, edgeCi95: summary.edgeCi95,
        prints: summary.prints, priceBasis: summary.priceBasis, snapshots: summary.snapshots, days: summary.days,
      };
      process.stdout.write(`${JSON.stringify({ exchange, symbol, skill, ...hit })}\n`);
      return 0;
    }
    const row = (name: string, s: SideScore) =>
      `${name.padEnd(6)} ${String(s.prints).padStart(7)} ${String(s.hits).padStart(6)} ${(s.notional / 1e6).toFixed(2).padStart(12)} ${pct(s.hitRate)} ${pct(s.chance)}`;
    process.stdout.write([
      `heatmap (${hit.estimator} estimator, ${exchange} ${symbol}) against ${allPrints.length} realized prints${scoreFrom !== undefined ? `, scored from ${new Date(scoreFrom).toISOString()}` : ''}`,
      ...skillLines(summary),
      '',
      'secondary: top-quartile hit rate against chance',
      'side    prints   hits  notional $M  hit rate  chance',
      row('long', hit.long),
      row('short', hit.short),
      row('all', hit.all),
      `hit rate: share of realized notional (at trigger prices) inside the top-quartile density bands of its side just before the print; ${hit.unscored} prints before any level existed;`,
      'chance: the share of the populated price span those bands covered (too easy a bar: prints happen near price).',
    ].join('\n') + '\n');
    return 0;
  },
};

export default command;
