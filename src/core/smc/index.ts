export { SmcEngine, runSmc } from './engine';
export { DEFAULT_SMC_SETTINGS, resolveSettings, type SmcSettings } from './settings';
export type * from './types';
