/**
 * Every overlay layer, bottom to top, gathered from the layer modules in ./layers/ (each declares
 * itself, layer.ts), the way WXT gathers entrypoints from their folder: Vite's import.meta.glob,
 * eager, which the bundle turns into static imports as a written list would be. paintScene
 * (index.ts) and the hover (hover.ts) run over this list.
 *
 * A new layer: its module in ./layers/ (painter, hover part, its item kind added to PaintedItems
 * in item.ts by declaration merging, and its `layer`), its data with its switch
 * (messaging/validateLayers.ts: AnalysisLayers, whose fields the scene takes whole, NO_LAYERS and
 * LAYER_DATA_TOGGLES), its source in the Worker (analysis/analysisService.ts), and its sample and
 * region in the every-layer paint tests (tests/browser/overlayPaint.test.ts). Nothing here.
 * docs/architecture.md counts the files.
 */
import type { OverlayLayer } from './layer';

/**
 * The layers of some modules (path → its `layer` export), in their declared order. Throws naming
 * the modules where one exports no layer, two claim one place, or a moving layer is declared
 * above a top one (the moving layers are painted first, whatever the numbers say).
 */
export function stackLayers(modules: Readonly<Record<string, OverlayLayer | undefined>>): readonly OverlayLayer[] {
  const stack = Object.entries(modules).map(([path, layer]) => {
    if (!layer || !Number.isFinite(layer.order)) throw new Error(`${path} declares no layer: a module in overlay/paint/layers/ exports \`layer\` (layer.ts) with its order`);
    return { path, layer };
  });
  stack.sort((a, b) => a.layer.order - b.layer.order);
  stack.forEach(({ path, layer }, i) => {
    const below = stack[i - 1];
    if (!below) return;
    if (below.layer.order === layer.order) throw new Error(`${below.path} and ${path} both declare order ${layer.order}: each layer has a place of its own`);
    if (below.layer.z === 'top' && layer.z === 'moving') throw new Error(`${path} declares a moving layer (order ${layer.order}) above the top layer of ${below.path} (order ${below.layer.order}): moving layers are painted first`);
  });
  return stack.map(({ layer }) => layer);
}

export const OVERLAY_LAYERS: readonly OverlayLayer[] = stackLayers(import.meta.glob<OverlayLayer>('./layers/*.ts', { eager: true, import: 'layer' }));
