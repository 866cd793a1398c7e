/**
 * The heatmap's skill over the market's own distance law, and its calibration in dollars, on every
 * recorded day (docs/heatmap-model.md): per day, per variant, and pooled, with intervals over
 * whole days.
 *
 *   npx tsx tools/heatmapSkill.mts [--period train|validate|all] [--json]
 *
 * `train` is what the model was chosen on: the Binance days (2023-11-27/28) and the Bybit days up
 * to 2024-03-09, nothing later even read. `validate` scores the Bybit days 2024-03-11 → 03-30 once,
 * every variant learning online from all the days before them, as the extension would have.
 */
import { resolve } from 'node:path';
import { DEFAULT_HEATMAP_PARAMS, HeatmapEngine, measureSkill, skillByUtcDay, summariseSkill, type Estimator, type HeatmapParams, type Side, type SkillModel, type SkillSummary, type SnapshotScore } from '../src/core/heatmap';
import { PrintMemory, RoundNumbers, StructureLiquidity, TimeSinceTraded, VolumeAtPrice } from '../src/core/heatmap/features';
import { maintenanceMarginRate } from '../src/core/marginTiers';
import type { Candle, ExchangeId, LiquidationPrint } from '../src/core/types';
import { readRecordedDays, type RecordedDays } from '../src/cli/dayFolders';
import { exchange as exchangeDef } from '../src/exchanges';
import { REPO_ROOT } from './repoRoot';

const TRAIN_END = Date.UTC(2024, 2, 10);
const VALIDATE_FROM = Date.UTC(2024, 2, 11);

interface Dataset { exchange: ExchangeId; symbol: string; dir: string; trainOnly: boolean }
const DATASETS: Dataset[] = [
  { exchange: 'binance', symbol: 'BTCUSDT', dir: 'data/binance-usdm', trainOnly: true },
  { exchange: 'binance', symbol: 'ETHUSDT', dir: 'data/binance-usdm', trainOnly: true },
  { exchange: 'bybit', symbol: 'BTCUSDT', dir: 'data/bybit-linear-liq', trainOnly: false },
];

/**
 * The leverage mix calibrated online from realized prints: one engine per leverage tier, mixed by
 * weights that an online EM moves toward the tiers whose levels the prints fell on, under a
 * Dirichlet prior at the default mix worth PRIOR_PRINTS prints: the one parameter.
 */
const PRIOR_PRINTS = 50;
class CalibratedMix implements SkillModel {
  private readonly engines: HeatmapEngine[];
  private readonly prior: number[];
  private readonly counts: number[];
  weights: number[];
  constructor(estimator: Estimator, params: Partial<HeatmapParams>) {
    const tiers = DEFAULT_HEATMAP_PARAMS.leverage;
    this.engines = tiers.map((t) => new HeatmapEngine(estimator, { ...params, leverage: [{ leverage: t.leverage, weight: 1 }] }));
    this.prior = tiers.map((t) => t.weight);
    this.weights = [...this.prior];
    this.counts = tiers.map(() => 0);
  }
  get bars() { return this.engines[0]!.bars; }
  append(candle: Candle, openInterest?: number) { for (const e of this.engines) e.append(candle, openInterest); }
  density(side: Side) {
    const out = new Map<number, number>();
    this.engines.forEach((e, k) => { for (const [b, v] of e.density(side)) out.set(b, (out.get(b) ?? 0) + this.weights[k]! * v); });
    return out;
  }
  observe(print: LiquidationPrint, trigger: number) {
    const at = this.engines[0]!.buckets.index(trigger);
    const near = this.engines.map((e, k) => { const d = e.density(print.side); return this.weights[k]! * ((d.get(at - 1) ?? 0) + (d.get(at) ?? 0) + (d.get(at + 1) ?? 0)); });
    const total = near.reduce((a, b) => a + b, 0);
    if (!(total > 0)) return;
    near.forEach((v, k) => (this.counts[k]! += v / total));
    const seen = this.counts.reduce((a, b) => a + b, 0);
    this.weights = this.prior.map((p, k) => (PRIOR_PRINTS * p + this.counts[k]!) / (PRIOR_PRINTS + seen));
  }
}

interface Variant { name: string; make(d: RecordedDays, params: Partial<HeatmapParams>): SkillModel }
const bps = DEFAULT_HEATMAP_PARAMS.bucketBps;
const estimatorOf = (d: RecordedDays): Estimator => (d.openInterest ? 'oi' : 'volume');
const VARIANTS: Variant[] = [
  { name: 'heatmap estimator (open interest where recorded, else volume)', make: (d, p) => new HeatmapEngine(estimatorOf(d), p) },
  { name: 'heatmap estimator, leverage mix learned online', make: (d, p) => new CalibratedMix(estimatorOf(d), p) },
  { name: 'structure: beyond unswept swings and equal highs / lows', make: () => new StructureLiquidity(bps) },
  { name: 'round numbers', make: () => new RoundNumbers(bps) },
  { name: 'time since price traded at the level', make: () => new TimeSinceTraded(bps) },
  { name: 'volume at price (1-day half-life)', make: () => new VolumeAtPrice(bps) },
  { name: 'earlier prints at the level (1-day half-life)', make: () => new PrintMemory(bps) },
];

const args = process.argv.slice(2);
const json = args.includes('--json');
const period = args.includes('--period') ? args[args.indexOf('--period') + 1] : 'train';
if (period !== 'train' && period !== 'validate' && period !== 'all') throw new Error('--period is train, validate or all');


async function load(ds: Dataset): Promise<RecordedDays> {
  const d = await readRecordedDays('skill', resolve(REPO_ROOT, ds.dir), ds.exchange, ds.symbol);
  if (period !== 'train') return d;
  // Training reads nothing of the validation days, not even their candles.
  const keep = d.candles.map((c) => c.time < TRAIN_END);
  return {
    ...d,
    candles: d.candles.filter((_, i) => keep[i]),
    ...(d.openInterest ? { openInterest: d.openInterest.filter((_, i) => keep[i]) } : {}),
    prints: d.prints.filter((p) => p.time < TRAIN_END),
    coverage: d.coverage.filter(([from]) => from < TRAIN_END).map(([from, to]) => [from, Math.min(to, TRAIN_END)]),
  };
}

interface Row extends Partial<SkillSummary> { variant: string; day: string }
const rows: Row[] = [];
const loaded = await Promise.all(DATASETS.filter((ds) => period !== 'validate' || !ds.trainOnly).map(async (ds) => ({ ds, d: await load(ds) })));
for (const variant of VARIANTS) {
  const pooled: SnapshotScore[] = [];
  for (const { ds, d } of loaded) {
    const marginTiers = exchangeDef(ds.exchange).defaultTiers?.(ds.symbol);
    const params = marginTiers ? { marginTiers } : {};
    const mmr = maintenanceMarginRate(new HeatmapEngine('volume', params).params.marginTiers, 0);
    const scoreFrom = period === 'validate' ? VALIDATE_FROM : d.coverage[0]![0];
    const { scores } = measureSkill(variant.make(d, params), d.candles, d.prints, {
      bucketBps: bps, maintenanceMarginRate: mmr, openInterest: d.openInterest, scoreFrom, coverage: d.coverage,
    });
    const tag = `${ds.exchange} ${ds.symbol}`;
    for (const { day, skill } of skillByUtcDay(scores, 'order-to-trigger')) rows.push({ variant: variant.name, day: `${tag} ${day}`, ...skill });
    rows.push({ variant: variant.name, day: `${tag} pooled`, ...summariseSkill(scores, 'order-to-trigger') });
    // Days of different symbols on the same date are one unit of evidence: keyed by date.
    pooled.push(...scores.map((s) => ({ ...s, printIds: s.printIds.map((id) => `${tag} ${id}`) })));
  }
  if (loaded.length > 1) rows.push({ variant: variant.name, day: 'all pooled', ...summariseSkill(pooled.sort((a, b) => a.time - b.time), 'order-to-trigger') });
}

if (json) process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
else {
  const f = (x: number | null | undefined, d = 3) => (x === undefined || x === null ? '–' : x.toFixed(d));
  process.stdout.write(`period: ${period}\n\n| variant | day | map | raw | baseline | kind | edge | 95 % interval (days) | α | coverage80 (95 %) | log bias | prints | snapshots |\n|---|---|---:|---:|---:|---|---:|---|---:|---|---:|---:|---:|\n`);
  for (const r of rows) {
    const ci = r.edgeCi95 ? `${f(r.edgeCi95[0])} to ${f(r.edgeCi95[1])} (${r.days})` : `none (${r.days ?? 0} day)`;
    const c = r.calibration;
    const cov = c ? `${f(c.coverage80, 2)}${c.coverage80Ci95 ? ` (${f(c.coverage80Ci95[0], 2)}–${f(c.coverage80Ci95[1], 2)})` : ''} of ${c.levels}` : '–';
    process.stdout.write(`| ${r.variant} | ${r.day} | ${f(r.model)} | ${f(r.raw)} | ${f(r.baseline)} | ${r.baselineKind ?? '–'} | ${f(r.edge)} | ${ci} | ${f(r.alpha, 1)} | ${cov} | ${f(c?.logBias, 2)} | ${r.prints ?? 0} | ${r.snapshots ?? 0} |\n`);
  }
}
