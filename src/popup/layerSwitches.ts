/** The popup's layer switches, in the order shown. A new layer plugs in here with one line. */
import type { LayerToggles } from '../overlay/layers';
import { exchangeName } from '../exchanges';
import type { HeatmapSource } from '../settings/items';
import { HEATMAP_SOURCES as ALL_HEATMAP_SOURCES } from '../settings/schema';

export const LAYER_SWITCHES: readonly { key: keyof LayerToggles; label: string }[] = [
  { key: 'heatmap', label: 'Heatmap bands and clusters' },
  { key: 'prints', label: 'Realized liquidations' },
  { key: 'swingStructure', label: 'Swing structure (BOS / CHoCH)' },
  { key: 'internalStructure', label: 'Internal structure' },
  { key: 'orderBlocks', label: 'Order blocks' },
  { key: 'fvgs', label: 'Fair value gaps' },
  { key: 'equalLevels', label: 'Equal highs / lows' },
  { key: 'sweeps', label: 'Liquidity sweeps' },
  { key: 'magnets', label: 'Magnet zones' },
  { key: 'setups', label: 'Setups (entry, stop, target)' },
];

/** Whose heatmap the bands show, as the popup and the options page word it: `page` is the chart's own exchange. */
export function heatmapSourceLabel(source: HeatmapSource, page: string): string {
  if (source === 'page') return page;
  return source === 'aggregate' ? 'All exchanges, aggregated' : exchangeName(source);
}

export const HEATMAP_SOURCES: readonly { value: HeatmapSource; label: string }[] = ALL_HEATMAP_SOURCES.map((value) => ({ value, label: heatmapSourceLabel(value, "This chart's exchange") }));
