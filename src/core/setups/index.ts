export type * from './types';
export * from './settings';
export { SweepChochDetector, type SetupStep } from './sweepChoch';
export { MagnetTradeDetector } from './magnetTrade';
export { SetupRunner, runSetups, SETUP_KINDS, type CandleExtras, type RunnerOptions, type SetupKind } from './runner';
