/**
 * `liqlens score (--days DIR [--symbol S] | --candles F [--oi F] --prints F) [--exchange ID]
 *  [--score-from ISO] [--score-to ISO] [--json]`: does the heatmap know where liquidations sit
 * beyond their distance from price, and are its dollars right? Its skill at the levels price
 * reached against the better distance-only baseline, with the edge's interval over whole days, and
 * the calibration of the map's dollars (coverage of the 80 % intervals, bias), per day and pooled
 * (see src/core/heatmap/skill.ts and docs/heatmap-model.md); the top-quartile hit rate against
 * chance follows as a secondary figure. --days takes a folder of recorded day folders (cli/dayFolders);
 * several consecutive days may also be given as one concatenated file. With --score-from, what comes
 * before only builds the model and what it learns; with --score-to, nothing is scored after.
 */
import { candleSpacing } from '../../core/candles';
import { forecastPrior, HeatmapEngine, measureSkill, scoreHeatmap, skillByUtcDay, summariseSkill, triggerPrice, type CalibrationSummary, type ForecastPrior, type SideScore, type SkillSummary } from '../../core/heatmap';
import { maintenanceMarginRate } from '../../core/marginTiers';
import type { Candle, LiquidationPrint } from '../../core/types';
import { EXCHANGE_IDS, exchange as exchangeDef } from '../../exchanges';
import { CliError, parseArgs, type ParsedArgs } from '../args';
import type { Command } from '../command';
import { readRecordedDays } from '../dayFolders';
import { DB_FLAGS, readDbInputs } from '../dbInputs';
import { exchangeFlag, readCandles, readOpenInterestFor, readPrints } from '../heatmapInputs';

const USAGE = `usage: liqlens score (--days DIR [--symbol S] | --candles F [--oi F] --prints F) [--exchange ${EXCHANGE_IDS.join('|')}] [--score-from ISO] [--score-to ISO] [--json]
       liqlens score --db FILE --exchange ID --symbol SYMBOL [--from ISO] [--to ISO] [--score-from ISO] [--score-to ISO] [--json]`;

const pct = (x: number | null) => (x === null ? '   –  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

function timeFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (!Number.isFinite(time)) throw new CliError(`--${name} must be an ISO time such as 2023-11-28T06:15Z, got "${value}"`);
  return time;
}

/** The skill in words: the figure, what it is measured against, and what it rests on. */
function skillLines(s: SkillSummary | null): string[] {
  if (!s) return ['skill: no snapshot could be scored (price reached fewer than two new levels with prints on a side, or no history for a baseline)'];
  const ci = s.edgeCi95 ? `95 % interval ${signed(s.edgeCi95[0])} to ${signed(s.edgeCi95[1])} over ${s.days} independent days` : `no interval: ${s.days} independent day (a day is the unit: its snapshots share most of their 24 h)`;
  const verdict = s.edgeCi95 && s.edgeCi95[0] > 0 ? 'better than distance from price alone' : 'NOT shown to be better than distance from price alone';
  return [
    `skill at the levels price reached (0.5 = cannot tell which held liquidations): map ${s.model.toFixed(3)} (raw estimator ${s.raw.toFixed(3)}), ${s.baselineKind} baseline ${s.baseline.toFixed(3)}`,
    `edge ${signed(s.edge)} (${ci}); ${s.prints} prints, ${s.snapshots} hourly snapshots, weight on the model α = ${s.alpha.toFixed(1)}, prices ${s.priceBasis === 'fill' ? 'at their fill' : s.priceBasis === 'mixed' ? 'at their fill where known, else order price mapped to trigger' : 'order price mapped back to trigger'}`,
    `the map is ${verdict} on these days`,
  ];
}

/** The calibration in words: coverage against its 75–85 % target, and the bias of the dollars. */
function calibrationLines(c: CalibrationSummary | null, prior: ForecastPrior): string[] {
  if (!c) return ['calibration: no reached level had a forecast yet (the map needs a day of prints to learn its law, and 200 reached levels for intervals)'];
  const ci = c.coverage80Ci95 ? ` (95 % interval ${pct(c.coverage80Ci95[0]).trim()} to ${pct(c.coverage80Ci95[1]).trim()} over ${c.days} days)` : '';
  const held = c.coverage80 >= 0.75 && c.coverage80 <= 0.85 ? 'within' : 'outside';
  const bias = c.logBias === null ? 'no level with prints to judge the dollars by' : `the median level with prints saw ${Math.exp(-c.logBias).toFixed(2)}× the dollars forecast (log bias ${signed(c.logBias)})`;
  return [
    `calibration: the 80 % intervals held ${pct(c.coverage80).trim()} of ${c.levels} reached levels${ci}, ${held} the 75–85 % target;`,
    `  ${c.levelsWithPrints} levels saw prints (${c.coverageWithPrints === null ? '–' : pct(c.coverageWithPrints).trim()} inside), ${c.levels - c.levelsWithPrints} saw none (${c.noPrintCoverage80 === null ? '–' : pct(c.noPrintCoverage80).trim()} had $0 inside); ${bias};`,
    `  all levels together were forecast ${c.forecastOverRealized === null ? '–' : `${c.forecastOverRealized.toFixed(2)}×`} what the stream reported (at most one print a second: the stream's count, not every liquidation)`,
    ...(c.priorLevels > 0
      ? [`  ${c.priorLevels} of the levels were forecast by the prior of recorded days (${prior.source}), before these days had taught the map: on the days the prior was learned from, that part is in-sample`]
      : []),
  ];
}

interface Inputs {
  symbol: string;
  candles: Candle[];
  openInterest?: (number | undefined)[];
  prints: LiquidationPrint[];
  coverage?: [number, number][];
  scoreFrom?: number;
}

async function readInputs(args: ParsedArgs, exchange: ReturnType<typeof exchangeFlag>): Promise<Inputs> {
  const { values } = args;
  const days = values.get('days');
  if (values.has('db')) {
    if (days !== undefined || values.has('candles') || values.has('prints') || values.has('oi')) throw new CliError(`--db reads candles, open interest and prints from the recording: give it alone\n${USAGE}`);
    const r = await readDbInputs(args);
    const prints = r.prints.filter((p) => p.time >= r.candles.at(0)!.time);
    if (prints.length === 0) throw new CliError(`${values.get('db')}: no liquidation prints of ${r.exchange} ${r.symbol} in that time`);
    return { symbol: r.symbol, candles: [...r.candles], openInterest: r.openInterest, prints };
  }
  if (values.has('from') || values.has('to')) throw new CliError(`--from and --to are for --db\n${USAGE}`);
  const candlesFile = values.get('candles');
  const printsFile = values.get('prints');
  if (days !== undefined) {
    if (candlesFile || printsFile || values.has('oi')) throw new CliError('--days reads candles, open interest and prints from the day folders: give it without --candles, --oi or --prints');
    const d = await readRecordedDays('score', days, exchange, values.get('symbol'));
    // Candles before the first recorded day (the days before it) are history for the model.
    return { symbol: d.symbol, candles: d.candles, openInterest: d.openInterest, prints: d.prints, coverage: d.coverage, scoreFrom: d.coverage[0]?.[0] };
  }
  if (!candlesFile || !printsFile || values.has('symbol')) throw new CliError(USAGE);
  const candles = await readCandles('score', candlesFile);
  const oiFile = values.get('oi');
  const openInterest = oiFile ? await readOpenInterestFor('score', oiFile, candles, candleSpacing(candles).stepMs) : undefined;
  const prints = (await readPrints('score', printsFile, exchange)).filter((p) => p.time >= candles[0]!.time);
  if (prints.length === 0) throw new CliError(`${printsFile}: no print falls within the candles' span`);
  return { symbol: prints[0]!.symbol, candles, openInterest, prints };
}


const command: Command = {
  summary: 'skill of the heatmap at the levels price reached against a distance-only baseline, and the calibration of its dollars (and the hit rate)',
  flags: {
    usage: USAGE.slice('usage: liqlens '.length),
    flags: [
      { name: 'days', value: 'DIR', help: 'a folder of recorded day folders (or one day folder): candles, open interest and prints; with --symbol where it holds several' },
      { name: 'candles', value: 'FILE', help: 'candles (CSV, .gz read as is); several consecutive days may be one file' },
      { name: 'oi', value: 'FILE', help: 'open interest: the open-interest model instead of the volume estimator' },
      { name: 'prints', value: 'FILE', help: 'realized liquidation prints of the same days' },
      { name: 'exchange', value: 'ID', help: `the exchange (${EXCHANGE_IDS.join(', ')}; default ${EXCHANGE_IDS[0]})` },
      { name: 'score-from', value: 'ISO', help: 'score from this time; what comes before only builds the model and the baselines' },
      { name: 'score-to', value: 'ISO', help: 'score up to this time' },
      { name: 'json', help: 'one JSON object instead of the text' },
      ...DB_FLAGS,
    ],
    examples: [
      'liqlens score --days data/bybit-linear-liq --exchange bybit --symbol BTCUSDT',
      'liqlens score --db market.duckdb --exchange binance --symbol BTCUSDT --from 2026-11-01 --score-from 2026-11-08',
    ],
  },
  async run(argv) {
    const args = parseArgs(argv, command.flags);
    if (args.positional.length > 0) throw new CliError(USAGE);
    const exchange = exchangeFlag(args.values.get('exchange'));
    const input = await readInputs(args, exchange);
    const scoreFrom = timeFlag('score-from', args.values.get('score-from')) ?? input.scoreFrom;
    const scoreTo = timeFlag('score-to', args.values.get('score-to'));
    const { symbol, openInterest } = input;
    const marginTiers = exchangeDef(exchange).defaultTiers?.(symbol);
    const params = marginTiers ? { marginTiers } : {};
    const estimator = openInterest ? 'oi' : 'volume';
    const model = new HeatmapEngine(estimator, params);
    const m = maintenanceMarginRate(model.params.marginTiers, 0);
    // Nothing after --score-to is read: it cannot be learned from either.
    const candles = scoreTo === undefined ? input.candles : input.candles.filter((c) => c.time < scoreTo);
    const prints = scoreTo === undefined ? input.prints : input.prints.filter((p) => p.time < scoreTo);
    if (candles.length === 0) throw new CliError(`--score-to ${args.values.get('score-to')} is before the first candle`);
    const { scores } = measureSkill(model, candles, prints, {
      bucketBps: model.params.bucketBps, maintenanceMarginRate: m, openInterest: openInterest?.slice(0, candles.length), scoreFrom, prior: forecastPrior(exchange), ...(input.coverage ? { coverage: input.coverage } : {}),
    });
    const basis = prints.some((p) => p.priceBasis === 'fill') ? (prints.every((p) => p.priceBasis === 'fill') ? 'fill' : 'mixed') : 'order-to-trigger';
    const summary = summariseSkill(scores, basis);
    const perDay = skillByUtcDay(scores, basis);
    // The hit rate, like with like: each print at its trigger price; before --score-from, history only.
    const atTrigger = prints.map((p) => ({ ...p, price: triggerPrice(p, m) }));
    const hit = scoreHeatmap(estimator, candles, atTrigger, openInterest?.slice(0, candles.length), params, undefined, scoreFrom);
    if (args.switches.has('json')) {
      const { calibration, ...skill } = summary ?? { calibration: null };
      process.stdout.write(`${JSON.stringify({ exchange, symbol, skill: summary ? skill : null, calibration, perDay, ...hit })}\n`);
      return 0;
    }
    const row = (name: string, s: SideScore) =>
      `${name.padEnd(6)} ${String(s.prints).padStart(7)} ${String(s.hits).padStart(6)} ${(s.notional / 1e6).toFixed(2).padStart(12)} ${pct(s.hitRate)} ${pct(s.chance)}`;
    const dayRow = (d: { day: string; skill: SkillSummary | null }) =>
      `${d.day}  ${d.skill ? `${d.skill.model.toFixed(3)}  ${d.skill.baseline.toFixed(3)}  ${signed(d.skill.edge)}` : '    –      –       –  '}  ${String(d.skill?.prints ?? 0).padStart(6)}  ${d.skill?.calibration ? `${pct(d.skill.calibration.coverage80)} of ${d.skill.calibration.levels}` : '–'}`;
    process.stdout.write([
      `heatmap (${hit.estimator} estimator, ${exchange} ${symbol}) against ${prints.length} realized prints${scoreFrom !== undefined ? `, scored from ${new Date(scoreFrom).toISOString()}` : ''}${scoreTo !== undefined ? ` to ${new Date(scoreTo).toISOString()}` : ''}`,
      ...skillLines(summary),
      ...calibrationLines(summary?.calibration ?? null, forecastPrior(exchange)),
      '',
      'per day (UTC): map  baseline  edge  prints  80 % coverage',
      ...perDay.map(dayRow),
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
