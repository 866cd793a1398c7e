/** The popup's layer switches, in the order shown. A new layer plugs in here with one line. */
import type { LayerToggles } from '../overlay/layers';
import type { HeatmapSource } from '../settings/items';

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

export const HEATMAP_SOURCES: readonly { value: HeatmapSource; label: string }[] = [
  { value: 'page', label: "This chart's exchange" },
  { value: 'binance', label: 'Binance' },
  { value: 'bybit', label: 'Bybit' },
  { value: 'aggregate', label: 'Both, aggregated' },
];
