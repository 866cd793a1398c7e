/**
 * SMC engine speed on real data: batch over whole files, and the per-candle cost of the
 * incremental append and of a preview of the open candle.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseCandleCsv } from '../src/core/candles';
import { runSmc, SmcEngine } from '../src/core/smc';
import { median, quantile, timeMs, timeRuns } from './stats';
import { REPO_ROOT } from '../tools/repoRoot';
import { figure, notMeasured, type FigureSpec } from './summary';
import { PEER_VERSION, runPeer } from './smcPeer';

const RATIO: FigureSpec = { name: 'smc.ratio_vs_peer', unit: 'x', op: '>=', target: 200, timed: true };
const PEER_SAME: FigureSpec = { name: 'smc.peer_fvg_identical', unit: '%', op: '>=', target: 100, timed: false };

export const SMC_FIGURES: readonly FigureSpec[] = [
  { name: 'smc.eurusd_all_detectors', unit: 'ms', op: '<=', target: 14, timed: true },
  // The Python peer measured in the same run on the same bars, never a remembered time.
  RATIO,
  PEER_SAME,
];

const FILES = ['data/smc-peer-eurusd/EURUSD_15M.csv.gz', 'data/bybit-linear/BTCUSDT_5m.csv.gz'];

function load(file: string) {
  return parseCandleCsv(gunzipSync(readFileSync(resolve(REPO_ROOT, file))).toString('utf8')).rows;
}

export async function benchSmc(): Promise<void> {
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
    if (file === FILES[0]) {
      figure('smc.eurusd_all_detectors', batch, `runSmc over the peer's ${candles.length} EURUSD 15m bars, median of 21 after 5 warm-ups (fastest ${min.toFixed(1)} ms), Node ${process.version}`);
      await benchPeer(candles);
    }
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


/** Timed runs per side for the ratio. */
const ROUNDS = 7;
/**
 * Before each timed call, on both sides, the same call untimed until this much CPU time has gone
 * into it (at least once): warmed by time, not by count. One untimed run was not enough for
 * LiqLens: while the peer runs, V8 idles and shrinks its heap (its memory reducer), and a batch
 * then took up to 20 times its CPU time, for the dozen runs the young generation takes to grow
 * back; a call of the peer's takes 3 to 460 ms.
 */
const WARM_MS = 100;

/**
 * runSmc timed as the peer is: in a process of its own (bench/smcSide.ts says why), `ROUNDS`
 * rounds each after WARM_MS of the same untimed. [wall, CPU] ms per round.
 */
function runOurSide(file: string, bars: number): [number, number][] {
  const child = spawnSync(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'bench/smcSide.ts'), file, String(ROUNDS), String(WARM_MS)], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench/smcSide.ts failed (exit ${child.status}): ${child.stderr.trim().split('\n').at(-1) ?? ''}`);
  const side = JSON.parse(child.stdout) as { bars: number; times: [number, number][] };
  // The same bars as the peer's and this process's, or the times are not of the same work.
  if (side.bars !== bars) throw new Error(`bench/smcSide.ts read ${side.bars} bars, the bench ${bars}`);
  return side.times;
}

/**
 * The peer's full set of calls for what runSmc does (swings at 50 and 5, FVG, BOS/CHoCH at 50 and
 * 5, order blocks, liquidity) against runSmc on the same bars, in the same run, timed alike: each
 * side warm first (the peer: one untimed call of each, 0.0.27 compiles nothing with numba; LiqLens:
 * 5 untimed runs, so V8 has optimised it), then 7 rounds, each timed call or run right after the
 * same one untimed for WARM_MS of CPU time; outside every timing: starting Python or Node, imports,
 * reading the CSV. Each
 * timing is taken as wall time and as CPU time (the process's user and system time, all threads:
 * V8's GC helpers included). The figure is CPU time: on this shared machine, with more runnable
 * processes than cores, wall time is mostly waiting for a core. Fastest against fastest (the
 * peer's fastest of each call, summed: at most its fastest round); medians against medians and
 * the wall times are printed beside it. And whether the objects both define alike (fair value
 * gaps) are identical.
 *
 * Each side in a process of its own that makes only its own calls, LiqLens's right after the
 * peer's (bench/smcSide.ts). Tried before: LiqLens between the peer's rounds (a run took 5-10
 * times its CPU time after seconds of V8 idling), then in a block in the bench's own process
 * (the heap the bench's earlier parts left decided the figure, 119x to 227x for one code).
 */
async function benchPeer(candles: ReturnType<typeof load>): Promise<void> {
  console.log(`\n## The Python peer, smartmoneyconcepts ${PEER_VERSION}, same bars, same run`);
  const peer = await runPeer(resolve(REPO_ROOT, FILES[0]!), resolve(REPO_ROOT, 'data/smc-peer-eurusd'), ROUNDS, WARM_MS);
  const oursTimes = runOurSide(resolve(REPO_ROOT, FILES[0]!), candles.length);
  if (!peer.ok) {
    console.log(`not run: ${peer.why}`);
    notMeasured([RATIO, PEER_SAME], peer.why);
    return;
  }
  const { run } = peer;
  if (run.bars !== candles.length) throw new Error(`the peer read ${run.bars} bars, LiqLens ${candles.length}`);
  const stale = Object.entries(run.vectorsIdentical).filter(([, same]) => !same).map(([name]) => name);
  // Outputs that differ from the package's own vectors mean another version: its time is not the pinned peer's.
  if (stale.length > 0) throw new Error(`the peer source is not ${PEER_VERSION}: its output differs from ${stale.join(', ')}`);
  // [wall, CPU] of the peer's set: the fastest (and median) of each call, summed.
  const peerBest: [number, number] = [0, 0];
  const peerMedian: [number, number] = [0, 0];
  for (const call of Object.keys(run.rounds[0]!)) {
    for (const k of [0, 1] as const) {
      const times = run.rounds.map((round) => round[call]![k]);
      peerBest[k] += Math.min(...times);
      peerMedian[k] += median(times);
    }
    const wall = run.rounds.map((round) => round[call]![0]);
    const cpu = run.rounds.map((round) => round[call]![1]);
    console.log(`${call.padEnd(22)} wall fastest ${Math.min(...wall).toFixed(1).padStart(7)} median ${median(wall).toFixed(1).padStart(7)} · CPU fastest ${Math.min(...cpu).toFixed(1).padStart(7)} median ${median(cpu).toFixed(1).padStart(7)} ms`);
  }
  const oursBest = [0, 1].map((k) => Math.min(...oursTimes.map((t) => t[k]!))) as [number, number];
  const oursMedian = [0, 1].map((k) => median(oursTimes.map((t) => t[k]!))) as [number, number];
  const ratios = (k: 0 | 1) => `fastest ${(peerBest[k] / oursBest[k]).toFixed(0)}× (${peerBest[k].toFixed(0)} / ${oursBest[k].toFixed(2)} ms), median ${(peerMedian[k] / oursMedian[k]).toFixed(0)}× (${peerMedian[k].toFixed(0)} / ${oursMedian[k].toFixed(2)} ms)`;
  console.log(`peer: Python ${run.python}, pandas ${run.pandas}; outputs byte-identical to its ${Object.keys(run.vectorsIdentical).length} test vectors`);
  console.log(`LiqLens runSmc, wall: ${oursTimes.map((t) => t[0].toFixed(1)).join(' ')} ms; CPU: ${oursTimes.map((t) => t[1].toFixed(1)).join(' ')} ms`);
  console.log(`ratio, CPU time: ${ratios(1)}\nratio, wall time: ${ratios(0)}`);
  figure(RATIO.name, peerBest[1] / oursBest[1], `CPU time (user+system, all threads: GC helpers included), fastest of ${ROUNDS}, each after the same untimed for ${WARM_MS} ms: peer ${peerBest[1].toFixed(0)} ms (its 7 calls) / LiqLens ${oursBest[1].toFixed(2)} ms (runSmc); medians ${(peerMedian[1] / oursMedian[1]).toFixed(0)}×; wall time ${ratios(0)}; ${candles.length} bars; Node ${process.version}, each side in a process of its own`);

  const ours = runSmc(candles);
  const byAnchor = new Map(ours.fvgs.map((g) => [g.anchorIndex, g]));
  const same = run.fvg.filter(([index, dir, top, bottom, mitigated]) => {
    const g = byAnchor.get(index);
    return g !== undefined && g.dir === dir && g.top === top && g.bottom === bottom && (g.changes.find((c) => c.type === 'mitigated')?.index ?? 0) === mitigated;
  }).length;
  console.log(`fair value gaps: ${same} of the peer's ${run.fvg.length} identical in LiqLens (index, direction, top, bottom, mitigating candle)`);
  figure(PEER_SAME.name, (100 * same) / run.fvg.length, `${same} of ${run.fvg.length} peer gaps, same run; swings, structure, blocks and liquidity differ by definition (docs/smc-peer-comparison.md)`);
}
