/**
 * `npm run bench`: every benchmark, printing its figures, then one SUMMARY line per figure
 * (bench/summary.ts). Pass names to run some: `npm run bench -- smc extension`. A bench that
 * fails leaves its figures as not measured, the others still run, and the exit code is 1.
 */
import { benchBridge } from './bridge';
import { benchCliMemory, CLI_MEMORY_FIGURES } from './cliMemory';
import { benchExtension } from './extension';
import { benchFootprint, FOOTPRINT_FIGURES } from './footprint';
import { benchHeatmap, HEATMAP_FIGURES } from './heatmap';
import { benchOverlay, OVERLAY_FIGURES } from './overlay';
import { benchOverlayLive } from './overlayLive';
import { benchPipeline, PIPELINE_FIGURES } from './pipeline';
import { benchRecorder, RECORDER_FIGURES } from './recorder';
import { benchFlapping, benchRequests, FLAPPING_FIGURES, REQUEST_FIGURES } from './requests';
import { benchSmc, SMC_FIGURES } from './smc';
import { expectFigures, notMeasured, summaryLines, type FigureSpec } from './summary';

const BENCHES: Record<string, { run: () => void | Promise<void>; figures: readonly FigureSpec[] }> = {
  smc: { run: benchSmc, figures: SMC_FIGURES },
  heatmap: { run: benchHeatmap, figures: HEATMAP_FIGURES },
  extension: { run: benchExtension, figures: [] },
  pipeline: { run: benchPipeline, figures: PIPELINE_FIGURES },
  overlay: { run: benchOverlay, figures: OVERLAY_FIGURES },
  'overlay-live': { run: benchOverlayLive, figures: [] },
  requests: { run: benchRequests, figures: REQUEST_FIGURES },
  flapping: { run: benchFlapping, figures: FLAPPING_FIGURES },
  bridge: { run: benchBridge, figures: [] },
  footprint: { run: benchFootprint, figures: FOOTPRINT_FIGURES },
  'cli-memory': { run: benchCliMemory, figures: CLI_MEMORY_FIGURES },
  recorder: { run: benchRecorder, figures: RECORDER_FIGURES },
};

const wanted = process.argv.slice(2);
for (const name of wanted) if (!BENCHES[name]) throw new Error(`unknown bench "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
const chosen = Object.entries(BENCHES).filter(([name]) => wanted.length === 0 || wanted.includes(name));
for (const [, bench] of chosen) expectFigures(bench.figures);
let failed = false;
// Each bench starts from a collected heap, not in the garbage of the one before (the heatmap's
// per-append p99 was 28 µs after the SMC bench and 3 µs alone). npm run bench passes --expose-gc.
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
for (const [name, bench] of chosen) {
  collect();
  try {
    await bench.run();
  } catch (error) {
    failed = true;
    const why = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    console.error(`\nbench ${name} failed: ${why}`);
    notMeasured(bench.figures, `bench ${name} failed: ${why}`);
  }
}
console.log('');
for (const line of summaryLines()) console.log(line);
if (failed) process.exitCode = 1;
