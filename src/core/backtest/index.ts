export { simulate, resolve, DEFAULT_SIMULATION, type Outcome, type SimulationSettings, type Trade } from './simulate';
export { tradeStats, wilson, type TradeStats } from './stats';
