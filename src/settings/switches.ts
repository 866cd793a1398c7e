/**
 * The switches a trader sets in the popup and the options page: every overlay layer, declared
 * once here with its label, in the order shown. The toggles' type, their defaults, the popup's
 * switches and the settings file's check are all derived from this list, so a new layer plugs
 * in here with one line.
 */
export const LAYER_SWITCHES = [
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
] as const satisfies readonly { key: string; label: string }[];

export type LayerKey = (typeof LAYER_SWITCHES)[number]['key'];

/** The layers a trader can switch on and off. */
export type LayerToggles = Record<LayerKey, boolean>;

export const ALL_LAYERS_ON: Readonly<LayerToggles> = Object.freeze(Object.fromEntries(LAYER_SWITCHES.map(({ key }) => [key, true])) as LayerToggles);
