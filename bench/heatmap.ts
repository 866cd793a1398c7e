/**
 * Heatmap model speed on real data, in Node: the volume estimator over 43,200 1m candles (30
 * days; built as monthOfMinutes says, since no 30-day 1m file is shipped), the open-interest
 * estimator over the recorded Binance day (1m with open interest), and the per-candle update.
 */
import { parseCandleCsv, parseOpenInterestCsv } from '../src/core/candles';
import type { Candle } from '../src/core/types';
import { HeatmapEngine, runHeatmap } from '../src/core/heatmap';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REPO_ROOT } from '../tools/repoRoot';
import { median, quantile, timeMs, timeRuns } from './stats';
import { figure, type FigureSpec } from './summary';

export const HEATMAP_FIGURES: readonly FigureSpec[] = [
  { name: 'heatmap.batch_43200_1m', unit: 'ms', op: '<=', target: 50, timed: true },
  { name: 'heatmap.append_p99', unit: 'µs', op: '<=', target: 20, timed: true },
];

const read = (file: string) => gunzipSync(readFileSync(resolve(REPO_ROOT, 'data', file))).toString('utf8');
const MINUTE = 60_000;
const WINDOW = 'binance-usdm/window-2023-11-27/BTCUSDT_perp_1m_klines_with_oi.csv.gz';

/**
 * 43,200 1m candles from the shipped files: the first 30 days of Bybit BTCUSDT 5m bars
 * (2025-04-03 → 05-03), each split into five minutes shaped like a recorded five-minute stretch
 * of Binance BTCUSDT 1m candles (the 2023-11-27 window, the stretches without a gap, in turn): the stretch's prices mapped linearly onto the 5m bar's low…high, its volume shares
 * onto the 5m bar's volume. Every 5m bar keeps its real range and volume; the minutes inside it
 * have a real minute-to-minute shape.
 */
export function monthOfMinutes(): { candles: Candle[]; how: string } {
  const fives = parseCandleCsv(read('bybit-linear/BTCUSDT_5m.csv.gz')).rows.slice(0, 30 * 288);
  const minutes = parseCandleCsv(read(WINDOW)).rows;
  const stretches: Candle[][] = [];
  for (let i = 0; i + 5 <= minutes.length; i += 5) {
    const s = minutes.slice(i, i + 5);
    const contiguous = s.every((c, k) => c.time === s[0]!.time + k * MINUTE);
    const lo = Math.min(...s.map((c) => c.low));
    const hi = Math.max(...s.map((c) => c.high));
    if (contiguous && hi > lo && s.every((c) => c.volume > 0)) stretches.push(s);
  }
  const candles: Candle[] = [];
  fives.forEach((bar, i) => {
    const s = stretches[i % stretches.length]!;
    const lo = Math.min(...s.map((c) => c.low));
    const hi = Math.max(...s.map((c) => c.high));
    const volume = s.reduce((sum, c) => sum + c.volume, 0);
    const map = (p: number) => bar.low + ((p - lo) / (hi - lo)) * (bar.high - bar.low);
    s.forEach((m, k) => candles.push({ time: bar.time + k * MINUTE, open: map(m.open), high: map(m.high), low: map(m.low), close: map(m.close), volume: (bar.volume * m.volume) / volume }));
  });
  const how = `${fives.length} Bybit BTCUSDT 5m bars each split into 5 minutes shaped like one of ${stretches.length} recorded Binance BTCUSDT 5-minute stretches`;
  return { candles, how };
}

export function benchHeatmap(): void {
  console.log('\n## Heatmap model, Node', process.version);
  const { candles: month, how } = monthOfMinutes();
  const { median: batch, min } = timeRuns(() => runHeatmap('volume', month), 11, 3);
  console.log(`volume estimator, ${month.length} 1m candles (${how}): batch ${batch.toFixed(1)} ms (${((batch / month.length) * 1000).toFixed(2)} µs a candle)`);
  figure('heatmap.batch_43200_1m', batch, `volume estimator, ${how}; median of 11 after 3 warm-ups (fastest ${min.toFixed(1)} ms), Node ${process.version}`);

  const candles = parseCandleCsv(read(WINDOW)).rows;
  const byTime = new Map(parseOpenInterestCsv(read(WINDOW)).rows.map((r) => [r.time, r.openInterest]));
  const oi = candles.map((c) => byTime.get(c.time));
  const oiBatch = timeMs(() => runHeatmap('oi', candles, oi), 21, 5);
  console.log(`open-interest estimator, Binance BTCUSDT 1m day, ${candles.length} bars: batch ${oiBatch.toFixed(2)} ms`);

  const engine = new HeatmapEngine('volume');
  const per: number[] = [];
  for (const c of month) {
    const start = process.hrtime.bigint();
    engine.append(c);
    per.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  console.log(`one closed candle (volume estimator, ${per.length} appends): median ${median(per).toFixed(2)} µs, p99 ${quantile(per, 0.99).toFixed(2)} µs`);
  figure('heatmap.append_p99', quantile(per, 0.99), `volume estimator, each of the ${per.length} 1m candles appended in turn, Node ${process.version}`);
  const clusters = timeMs(() => engine.clusters(), 21, 5);
  const price = month.at(-1)!.close;
  const grid = timeMs(() => engine.grid(engine.bars - 300, engine.bars - 1, price * 0.9, price * 1.1), 21, 5);
  console.log(`clusters after the last bar: ${(clusters * 1000).toFixed(0)} µs; grid of 300 candles × ±10 % (${Math.round(Math.log(1.1 / 0.9) / Math.log(1.001))} rows): ${grid.toFixed(2)} ms`);
}
