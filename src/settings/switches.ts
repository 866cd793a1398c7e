/**
 * The switches a trader sets in the popup and the options page: every overlay layer, in the
 * order shown. Each is declared with what it switches (a layer's beside its data's schema,
 * messaging/validateLayers.ts; an SMC kind's with the kind, core/smc/kinds.ts); the toggles'
 * type, their defaults, the popup's switches and the settings file's check derive from the list.
 */
import { SMC_TOGGLES, type SmcToggleKey, type Toggle } from '../core/smc/kinds';
import { LAYER_DATA_TOGGLES } from '../messaging/validateLayers';

const BEFORE_SMC = LAYER_DATA_TOGGLES.belowMarks;
const AFTER_SMC = LAYER_DATA_TOGGLES.aboveMarks;

export type LayerKey = (typeof BEFORE_SMC)[number]['key'] | SmcToggleKey | (typeof AFTER_SMC)[number]['key'];

/** Every switch in the order shown: the SMC marks' switches are their kinds' own (core/smc/kinds.ts). */
export const LAYER_SWITCHES: readonly Toggle<LayerKey>[] = [...BEFORE_SMC, ...SMC_TOGGLES, ...AFTER_SMC];

/** The layers a trader can switch on and off. */
export type LayerToggles = Record<LayerKey, boolean>;

export const ALL_LAYERS_ON: Readonly<LayerToggles> = Object.freeze(Object.fromEntries(LAYER_SWITCHES.map(({ key }) => [key, true])) as LayerToggles);
