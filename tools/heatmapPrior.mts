/**
 * Writes src/core/heatmap/prior.ts: the market's distance law and its 80 % intervals as measured on
 * every shipped Bybit BTCUSDT day, per unit of the traded notional of the 24 h before each
 * snapshot, so a market LiqLens has not yet watched long enough gets dollars from its own turnover
 * until its own prints have taught it (docs/heatmap-model.md, "Before a market has taught the map").
 *
 *   npx tsx tools/heatmapPrior.mts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_HEATMAP_PARAMS, distanceBin, type ForecastPrior, measureSkill, PriceBuckets, type ScoredLevel, type Side, type SkillModel } from '../src/core/heatmap';
import { quantile } from '../src/core/heatmap/forecast';
import { maintenanceMarginRate } from '../src/core/marginTiers';
import { readRecordedDays } from '../src/cli/dayFolders';
import { exchange as exchangeDef, type ExchangeId } from '../src/exchanges';
import { REPO_ROOT } from './repoRoot';

const bps = DEFAULT_HEATMAP_PARAMS.bucketBps;
const buckets = new PriceBuckets(bps);
const flat: SkillModel = { bars: 1, append() {}, density: () => new Map() };
const NO_PRIOR: ForecastPrior = { source: '', levels: 0, long: [], short: [] };

interface Source { exchange: ExchangeId; dir: string; symbols: string[] }
const SOURCES: Source[] = [
  { exchange: 'binance', dir: 'data/binance-usdm', symbols: ['BTCUSDT', 'ETHUSDT'] },
  { exchange: 'bybit', dir: 'data/bybit-linear-liq', symbols: ['BTCUSDT'] },
];

/** Realized notional per unit of turnover at every reached level of one recorded series, by side and distance bin. */
async function measure(source: Source, symbol: string, bins: Record<Side, Map<number, number[]>>): Promise<{ levels: number; days: string[] }> {
  const d = await readRecordedDays('prior', resolve(REPO_ROOT, source.dir), source.exchange, symbol);
  const levels: ScoredLevel[] = [];
  // As the scorer does: the exchange's shipped first tier, else the default table's (Bybit's tiers are fetched live).
  const mmr = maintenanceMarginRate(exchangeDef(source.exchange).defaultTiers?.(symbol) ?? DEFAULT_HEATMAP_PARAMS.marginTiers, 0);
  // Only what was realized at each level is read here, so no prior is needed (this builds it).
  measureSkill(flat, d.candles, d.prints, { bucketBps: bps, maintenanceMarginRate: mmr, coverage: d.coverage, scoreFrom: d.coverage[0]![0], prior: NO_PRIOR, onLevel: (l) => levels.push(l) });
  // Each snapshot's last close and the traded notional of the 24 h before it.
  const step = d.candles[1]!.time - d.candles[0]!.time;
  const closeAt = new Map<number, { close: number; turnover: number }>();
  const at = (snapshot: number) => {
    let v = closeAt.get(snapshot);
    if (!v) {
      const before = d.candles.filter((c) => c.time + step <= snapshot && c.time + step > snapshot - 86_400_000);
      v = { close: before.at(-1)!.close, turnover: before.reduce((a, c) => a + c.volume * c.close, 0) };
      closeAt.set(snapshot, v);
    }
    return v;
  };
  for (const l of levels) {
    const { close, turnover } = at(l.snapshot);
    if (!(turnover > 0)) continue;
    const bin = distanceBin(Math.abs(buckets.index(l.price) - buckets.index(close)));
    const list = bins[l.side].get(bin) ?? [];
    list.push(l.realized / turnover);
    bins[l.side].set(bin, list);
  }
  return { levels: levels.length, days: d.days.map((x) => x.name) };
}

const rows = (bins: Map<number, number[]>) => [...bins].sort((a, b) => a[0] - b[0]).filter(([, v]) => v.length >= 50).map(([bin, v]) => {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const ratios = v.map((x) => x / mean).sort((a, b) => a - b);
  const positive = ratios.filter((x) => x > 0);
  const r = (x: number) => Number(x.toPrecision(4));
  return { bin, perTurnover: r(mean), q10: r(quantile(ratios, 0.1)), q90: r(quantile(ratios, 0.9)), pPrints: r(positive.length / v.length), q50IfPrints: r(positive.length ? quantile(positive, 0.5) : 0), levels: v.length };
});

const priors: { exchange: ExchangeId; source: string; levels: number; long: ReturnType<typeof rows>; short: ReturnType<typeof rows> }[] = [];
for (const source of SOURCES) {
  const bins: Record<Side, Map<number, number[]>> = { long: new Map(), short: new Map() };
  let levels = 0;
  const parts: string[] = [];
  for (const symbol of source.symbols) {
    const m = await measure(source, symbol, bins);
    levels += m.levels;
    parts.push(`${symbol} ${m.days.length} day${m.days.length === 1 ? '' : 's'} (${m.days[0]}${m.days.length > 1 ? ` → ${m.days.at(-1)}` : ''})`);
  }
  const turnover = source.exchange === 'bybit' ? 'Binance USDⓈ-M BTCUSDT turnover (no Bybit candles were recorded)' : 'its own turnover';
  priors.push({ exchange: source.exchange, source: `${exchangeDef(source.exchange).name} liquidation stream, ${parts.join(', ')}, per unit of ${turnover}`, levels, long: rows(bins.long), short: rows(bins.short) });
}
const line = (row: object) => `      ${JSON.stringify(row).replace(/"(\w+)":/g, '$1: ').replace(/,/g, ', ')},`;
const out = `/**
 * GENERATED by tools/heatmapPrior.mts from ${SOURCES.map((x) => x.dir).join(' and ')} (do not edit; run it again to rebuild).
 * Each exchange's distance law and its 80 % intervals per unit of the traded notional of the 24 h
 * before each snapshot: what the map says on a market it has not yet learned (see forecast.ts).
 * An exchange without a recording (OKX) has none: the map uses Bybit's and says so.
 */
import type { ExchangeId } from '../exchangeIds';
import type { ForecastPrior } from './forecast';

export const FORECAST_PRIORS: Partial<Record<ExchangeId, ForecastPrior>> = {
${priors.map((p) => `  ${p.exchange}: {
    source: ${JSON.stringify(p.source).replace(/"/g, "'")},
    levels: ${p.levels},
    long: [
${p.long.map(line).join('\n')}
    ],
    short: [
${p.short.map(line).join('\n')}
    ],
  },`).join('\n')}
};

/** The prior for an exchange's markets: its own where recorded, else Bybit's (the longest recording). */
export function forecastPrior(exchange: ExchangeId | undefined): ForecastPrior {
  return (exchange && FORECAST_PRIORS[exchange]) ?? FORECAST_PRIORS.bybit!;
}
`;
writeFileSync(resolve(REPO_ROOT, 'src/core/heatmap/prior.ts'), out);
process.stdout.write(priors.map((p) => `${p.exchange}: ${p.levels} reached levels, ${p.long.length} long and ${p.short.length} short distance bins\n`).join(''));
