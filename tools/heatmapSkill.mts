/**
 * The heatmap's skill over distance from price on every recorded day with candles, open interest
 * and prints (docs/heatmap-model.md): per day, per estimator, per model variant, and pooled.
 * Run: npx tsx tools/heatmapSkill.mts [--json]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseCandleCsv, parseLiquidationCsv, parseOpenInterestCsv } from '../src/core/candles';
import { HeatmapEngine, measureSkill, summariseSkill, type Estimator, type HeatmapParams, type SkillSummary, type SnapshotScore } from '../src/core/heatmap';
import { defaultBinanceTiers, maintenanceMarginRate } from '../src/core/marginTiers';
import type { Candle } from '../src/core/types';
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

interface Variant { name: string; estimator: Estimator; params?: Partial<HeatmapParams>; history: boolean }
const VARIANTS: Variant[] = [
  { name: 'open interest', estimator: 'oi', history: false },
  { name: 'open interest, book from the day before', estimator: 'oi', history: true },
  { name: 'volume', estimator: 'volume', history: false },
  { name: 'volume, from the day before', estimator: 'volume', history: true },
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
    const model = new HeatmapEngine(variant.estimator, { ...variant.params, marginTiers });
    const { summary, scores } = measureSkill(model, candles as Candle[], prints, {
      bucketBps: model.params.bucketBps, maintenanceMarginRate: maintenanceMarginRate(marginTiers, 0), openInterest, scoreFrom, candleMs: 60_000,
    });
    pooled.set(variant.name, [...(pooled.get(variant.name) ?? []), ...scores.map((s) => ({ ...s, printIds: s.printIds.map((id) => `${day.symbol} ${day.date} ${id}`) }))]);
    rows.push({ variant: variant.name, day: `${day.symbol} ${day.date}`, ...summary });
  }
  rows.push({ variant: variant.name, day: 'pooled', ...summariseSkill(pooled.get(variant.name)!, 'order-to-trigger') });
}

if (json) process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
else {
  const f = (x: number | undefined) => (x === undefined ? '   –  ' : x.toFixed(3).padStart(6));
  process.stdout.write('| variant | day | model | baseline | kind | edge | 95 % interval (days) | prints | snapshots |\n|---|---|---:|---:|---|---:|---|---:|---:|\n');
  for (const r of rows as (Partial<SkillSummary> & { variant: string; day: string })[]) {
    const ci = r.edgeCi95 ? `${r.edgeCi95[0].toFixed(3)} to ${r.edgeCi95[1].toFixed(3)} (${r.days})` : `none (${r.days ?? 0} day)`;
    process.stdout.write(`| ${r.variant} | ${r.day} | ${f(r.model)} | ${f(r.baseline)} | ${r.baselineKind ?? '–'} | ${f(r.edge)} | ${ci} | ${r.prints ?? 0} | ${r.snapshots ?? 0} |\n`);
  }
}
