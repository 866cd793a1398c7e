/**
 * `npm run bench`: every benchmark, printing its figures. Pass names to run some:
 * `npm run bench -- smc extension`.
 */
import { benchBridge } from './bridge';
import { benchExtension } from './extension';
import { benchHeatmap } from './heatmap';
import { benchOverlay } from './overlay';
import { benchOverlayLive } from './overlayLive';
import { benchPipeline } from './pipeline';
import { benchSmc } from './smc';

const BENCHES: Record<string, () => void | Promise<void>> = {
  smc: benchSmc,
  heatmap: benchHeatmap,
  extension: benchExtension,
  pipeline: benchPipeline,
  overlay: benchOverlay,
  'overlay-live': benchOverlayLive,
  bridge: benchBridge,
};

const wanted = process.argv.slice(2);
for (const name of wanted) if (!BENCHES[name]) throw new Error(`unknown bench "${name}"; known: ${Object.keys(BENCHES).join(', ')}`);
for (const [name, run] of Object.entries(BENCHES)) if (wanted.length === 0 || wanted.includes(name)) await run();
