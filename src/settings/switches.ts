/**
 * The switches a trader sets in the popup and the options page: every overlay layer, declared
 * once here with its label, in the order shown. The toggles' type, their defaults, the popup's
 * switches and the settings file's check are all derived from this list, so a new layer plugs
 * in here with one line (an SMC kind brings its own switches).
 */
import { SMC_TOGGLES, type SmcToggleKey, type Toggle } from '../core/smc/kinds';

const BEFORE_SMC = [
  { key: 'heatmap', label: 'Heatmap bands and clusters' },
  { key: 'prints', label: 'Realized liquidations' },
] as const satisfies readonly Toggle[];
const AFTER_SMC = [
  { key: 'magnets', label: 'Magnet zones' },
  { key: 'setups', label: 'Setups (entry, stop, target)' },
] as const satisfies readonly Toggle[];

export type LayerKey = (typeof BEFORE_SMC)[number]['key'] | SmcToggleKey | (typeof AFTER_SMC)[number]['key'];

/** Every switch in the order shown: the SMC marks' switches are their kinds' own (core/smc/kinds.ts). */
export const LAYER_SWITCHES: readonly Toggle<LayerKey>[] = [...BEFORE_SMC, ...SMC_TOGGLES, ...AFTER_SMC];

/** The layers a trader can switch on and off. */
export type LayerToggles = Record<LayerKey, boolean>;

export const ALL_LAYERS_ON: Readonly<LayerToggles> = Object.freeze(Object.fromEntries(LAYER_SWITCHES.map(({ key }) => [key, true])) as LayerToggles);
