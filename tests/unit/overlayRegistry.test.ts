/**
 * The overlay's layers are gathered from their modules (src/overlay/paint/layers/, each declaring
 * its own place): the known layers stack as they were written in one list before, and a module
 * that declares no layer, a place taken twice or a moving layer above a top one is refused by name.
 */
import { describe, expect, it } from 'vitest';
import type { OverlayLayer } from '../../src/overlay/paint/layer';
import { OVERLAY_LAYERS, stackLayers } from '../../src/overlay/paint/registry';

const layer = (name: string, order: number, z: OverlayLayer['z']): OverlayLayer => ({ name, order, z, paint: () => undefined, hover: {} });

describe('overlay layer registry', () => {
  it('stacks the known layers bottom to top as written, the moving ones first and the legend last', () => {
    const KNOWN = ['heatmap bands', 'realized liquidations', 'SMC marks', 'clusters', 'magnet zone', 'setups', 'legend'];
    const names = OVERLAY_LAYERS.map((l) => l.name);
    // A new layer may sit anywhere between them; the known ones keep their order.
    expect(names.filter((n) => KNOWN.includes(n))).toEqual(KNOWN);
    expect(names.at(-1)).toBe('legend');
    expect(OVERLAY_LAYERS.filter((l) => KNOWN.includes(l.name)).map((l) => l.z)).toEqual(['moving', 'moving', 'moving', 'top', 'top', 'top', 'top']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('orders by the declared place, whatever the modules are called', () => {
    const stacked = stackLayers({ './layers/a.ts': layer('top one', 20, 'top'), './layers/b.ts': layer('moving one', 10, 'moving'), './layers/c.ts': layer('top two', 15, 'top') });
    expect(stacked.map((l) => l.name)).toEqual(['moving one', 'top two', 'top one']);
  });

  it('refuses a module without a layer, one place claimed twice, and a moving layer above a top one, naming the modules', () => {
    expect(() => stackLayers({ './layers/a.ts': layer('a', 10, 'moving'), './layers/b.ts': undefined })).toThrow(/\.\/layers\/b\.ts declares no layer/);
    expect(() => stackLayers({ './layers/a.ts': layer('a', 10, 'top'), './layers/b.ts': layer('b', 10, 'top') })).toThrow(/\.\/layers\/a\.ts and \.\/layers\/b\.ts both declare order 10/);
    expect(() => stackLayers({ './layers/a.ts': layer('a', 10, 'top'), './layers/b.ts': layer('b', 20, 'moving') })).toThrow(/\.\/layers\/b\.ts declares a moving layer \(order 20\) above the top layer of \.\/layers\/a\.ts/);
  });
});
