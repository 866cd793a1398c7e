/**
 * Heatmap model speed on real data, in Node: the volume estimator over the 25,920 Bybit BTCUSDT
 * 5m bars (90 days; no 1m data of that length is recorded, so 5m it is), the open-interest
 * estimator over the recorded Binance day (1m with open interest), and the per-candle update.
 */
import { parseCandleCsv, parseOpenInterestCsv } from '../src/core/candles';
import { HeatmapEngine, runHeatmap } from '../src/core/heatmap';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REPO_ROOT } from '../tools/repoRoot';
import { median, quantile, timeMs } from './stats';

const read = (file: string) => gunzipSync(readFileSync(resolve(REPO_ROOT, 'data', file))).toString('utf8');

export function benchHeatmap(): void {
  console.log('\n## Heatmap model, Node', process.version);
  const bybit = parseCandleCsv(read('bybit-linear/BTCUSDT_5m.csv.gz')).rows;
  const batch = timeMs(() => runHeatmap('volume', bybit), 21, 5);
  console.log(`volume estimator, Bybit BTCUSDT 5m, ${bybit.length} bars: batch ${batch.toFixed(1)} ms (${((batch / bybit.length) * 1000).toFixed(2)} µs a bar; 43,200 bars would take ≈${((batch / bybit.length) * 43_200).toFixed(0)} ms)`);

  const W = 'binance-usdm/window-2023-11-27/BTCUSDT_perp_1m_klines_with_oi.csv.gz';
  const candles = parseCandleCsv(read(W)).rows;
  const byTime = new Map(parseOpenInterestCsv(read(W)).rows.map((r) => [r.time, r.openInterest]));
  const oi = candles.map((c) => byTime.get(c.time));
  const oiBatch = timeMs(() => runHeatmap('oi', candles, oi), 21, 5);
  console.log(`open-interest estimator, Binance BTCUSDT 1m day, ${candles.length} bars: batch ${oiBatch.toFixed(2)} ms`);

  const engine = new HeatmapEngine('volume');
  const per: number[] = [];
  for (const c of bybit) {
    const start = process.hrtime.bigint();
    engine.append(c);
    per.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  console.log(`one closed candle (volume estimator, ${per.length} appends): median ${median(per).toFixed(2)} µs, p99 ${quantile(per, 0.99).toFixed(2)} µs`);
  const clusters = timeMs(() => engine.clusters(), 21, 5);
  const price = bybit.at(-1)!.close;
  const grid = timeMs(() => engine.grid(engine.bars - 300, engine.bars - 1, price * 0.9, price * 1.1), 21, 5);
  console.log(`clusters after the last bar: ${(clusters * 1000).toFixed(0)} µs; grid of 300 candles × ±10 % (${Math.round(Math.log(1.1 / 0.9) / Math.log(1.001))} rows): ${grid.toFixed(2)} ms`);
}
