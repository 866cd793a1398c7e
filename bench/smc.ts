/**
 * SMC engine speed on real data: batch over whole files, and the per-candle cost of the
 * incremental append and of a preview of the open candle.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseCandleCsv } from '../src/core/candles';
import { runSmc, SmcEngine } from '../src/core/smc';
import { median, quantile, timeMs, timeRuns } from './stats';
import { REPO_ROOT } from '../tools/repoRoot';
import { figure, type FigureSpec } from './summary';

export const SMC_FIGURES: readonly FigureSpec[] = [
  // ≥ 200× the Python peer, which took 2,760 ms on this machine when the goal was set (issue 16).
  { name: 'smc.eurusd_all_detectors', unit: 'ms', op: '<=', target: 14, timed: true },
];

const FILES = ['data/smc-peer-eurusd/EURUSD_15M.csv.gz', 'data/bybit-linear/BTCUSDT_5m.csv.gz'];

function load(file: string) {
  return parseCandleCsv(gunzipSync(readFileSync(resolve(REPO_ROOT, file))).toString('utf8')).rows;
}

export function benchSmc(): void {
  console.log('\n## SMC engine (all detectors, swing 50 / internal 5 / equal 3), Node', process.version);
  for (const file of FILES) {
    const candles = load(file);
    // Median of 21 runs after 5 warm-ups: the first runs measure the JIT, not the engine.
    const { median: batch, min } = timeRuns(() => runSmc(candles), 21, 5);
    const loop = timeMs(() => {
      const engine = new SmcEngine();
      for (const c of candles) engine.append(c);
    }, 21, 5);
    console.log(`${file}: ${candles.length} bars · batch (runSmc, snapshot included) ${batch.toFixed(1)} ms · one append per candle, events collected ${loop.toFixed(1)} ms`);
    if (file === FILES[0]) figure('smc.eurusd_all_detectors', batch, `runSmc over the peer's ${candles.length} EURUSD 15m bars, median of 21 after 5 warm-ups (fastest ${min.toFixed(1)} ms), Node ${process.version}; the peer took 2,760 ms when the goal was set`);
  }

  const candles = load(FILES[1]!);
  const engine = new SmcEngine();
  const append: number[] = [];
  const preview: number[] = [];
  candles.forEach((c, i) => {
    if (i > 1_000 && i % 5 === 0) {
      const start = process.hrtime.bigint();
      engine.preview(c);
      preview.push(Number(process.hrtime.bigint() - start) / 1e3);
    }
    const start = process.hrtime.bigint();
    engine.append(c);
    append.push(Number(process.hrtime.bigint() - start) / 1e3);
  });
  console.log(`append one closed candle (BTC 5m, ${append.length} appends): median ${median(append).toFixed(2)} µs, p99 ${quantile(append, 0.99).toFixed(2)} µs, max ${Math.max(...append).toFixed(0)} µs`);
  console.log(`preview the open candle (${preview.length} previews): median ${median(preview).toFixed(2)} µs, p99 ${quantile(preview, 0.99).toFixed(2)} µs`);
}

