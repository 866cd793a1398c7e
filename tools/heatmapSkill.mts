/**
 * The heatmap's skill over distance from price on every recorded day with candles, open interest
 * and prints (docs/heatmap-model.md): per day, per estimator, per model variant, and pooled.
 * Run: npx tsx tools/heatmapSkill.mts [--json]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseCandleCsv, parseOpenInterestCsv } from '../src/core/candles';
import { parseLiquidationCsv } from '../src/exchanges/liquidationCsv';
import { DEFAULT_HEATMAP_PARAMS, HeatmapEngine, measureSkill, summariseSkill, type Estimator, type HeatmapParams, type Side, type SkillModel, type SkillSummary, type SnapshotScore } from '../src/core/heatmap';
import { defaultBinanceTiers, maintenanceMarginRate } from '../src/core/marginTiers';
import type { Candle, LiquidationPrint } from '../src/core/types';
import { REPO_ROOT } from './repoRoot';

const read = (file: string) => gunzipSync(readFileSync(resolve(REPO_ROOT, file))).toString('utf8');

interface Day { symbol: string; date: string; dir: string }
const DAYS: Day[] = [
  { symbol: 'BTCUSDT', date: '2023-11-27', dir: 'data/binance-usdm/window-2023-11-27' },
  { symbol: 'BTCUSDT', date: '2023-11-28', dir: 'data/binance-usdm/window-2023-11-28' },
  { symbol: 'ETHUSDT', date: '2023-11-27', dir: 'data/binance-usdm/window-2023-11-27' },
];

function load(day: Day) {
  const klines = read(`${day.dir}/${day.symbol}_perp_1m_klines_with_oi.csv.gz`);
  const candles = parseCandleCsv(klines).rows;
  const oi = parseOpenInterestCsv(klines).rows;
  const byTime = new Map(oi.map((s) => [s.time, s.openInterest]));
  const prints = parseLiquidationCsv(read(`${day.dir}/${day.symbol}_forceOrder_liquidations.csv.gz`), 'binance').rows;
  return { candles, openInterest: candles.map((c) => byTime.get(c.time)), prints };
}

/**
 * The leverage mix calibrated online from realized prints, per symbol: one engine per leverage
 * tier, mixed by weights that an online EM moves toward the tiers whose levels the prints fell on
 * (each print's responsibility per tier ∝ weight × that tier's density at its trigger ±1 bucket),
 * under a Dirichlet prior at the default mix worth PRIOR_PRINTS prints: the one parameter.
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

interface Variant { name: string; estimator: Estimator; history: boolean; calibrated?: boolean }
const VARIANTS: Variant[] = [
  { name: 'open interest', estimator: 'oi', history: false },
  { name: 'open interest, book from the day before', estimator: 'oi', history: true },
  { name: 'open interest, leverage calibrated online', estimator: 'oi', history: false, calibrated: true },
  { name: 'volume', estimator: 'volume', history: false },
  { name: 'volume, from the day before', estimator: 'volume', history: true },
  { name: 'volume, leverage calibrated online', estimator: 'volume', history: false, calibrated: true },
];

const json = process.argv.includes('--json');
const rows: object[] = [];
const pooled = new Map<string, SnapshotScore[]>();
for (const variant of VARIANTS) {
  for (const day of DAYS) {
    const data = load(day);
    let { candles, openInterest, prints } = data;
    let scoreFrom: number | undefined;
    if (variant.history) {
      // The day before of the same symbol, where it was recorded: the book starts from it.
      const before = DAYS.find((d) => d.symbol === day.symbol && Date.parse(d.date) === Date.parse(day.date) - 86_400_000);
      if (!before) continue;
      const prior = load(before);
      scoreFrom = candles[0]!.time;
      candles = [...prior.candles, ...candles];
      openInterest = [...prior.openInterest, ...openInterest];
      prints = [...prior.prints, ...prints];
    }
    const marginTiers = defaultBinanceTiers(day.symbol);
    const model = variant.calibrated ? new CalibratedMix(variant.estimator, { marginTiers }) : new HeatmapEngine(variant.estimator, { marginTiers });
    const { summary, scores } = measureSkill(model, candles as Candle[], prints, {
      bucketBps: DEFAULT_HEATMAP_PARAMS.bucketBps, maintenanceMarginRate: maintenanceMarginRate(marginTiers, 0), openInterest, scoreFrom, candleMs: 60_000,
    });
    pooled.set(variant.name, [...(pooled.get(variant.name) ?? []), ...scores.map((s) => ({ ...s, printIds: s.printIds.map((id) => `${day.symbol} ${day.date} ${id}`) }))]);
    rows.push({ variant: variant.name, day: `${day.symbol} ${day.date}`, ...summary, ...(model instanceof CalibratedMix ? { weights: model.weights.map((w) => w.toFixed(2)).join(' ') } : {}) });
  }
  rows.push({ variant: variant.name, day: 'pooled', ...summariseSkill(pooled.get(variant.name)!, 'order-to-trigger') });
}

if (json) process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
else {
  const f = (x: number | undefined) => (x === undefined ? '   –  ' : x.toFixed(3).padStart(6));
  process.stdout.write('| variant | day | model | baseline | kind | edge | 95 % interval (days) | prints | snapshots |\n|---|---|---:|---:|---|---:|---|---:|---:|\n');
  for (const r of rows as (Partial<SkillSummary> & { variant: string; day: string })[]) {
    const ci = r.edgeCi95 ? `${r.edgeCi95[0].toFixed(3)} to ${r.edgeCi95[1].toFixed(3)} (${r.days})` : `none (${r.days ?? 0} day)`;
    process.stdout.write(`| ${r.variant}${'weights' in r ? ` (end mix ${String(r.weights)})` : ''} | ${r.day} | ${f(r.model)} | ${f(r.baseline)} | ${r.baselineKind ?? '–'} | ${f(r.edge)} | ${ci} | ${r.prints ?? 0} | ${r.snapshots ?? 0} |\n`);
  }
}
