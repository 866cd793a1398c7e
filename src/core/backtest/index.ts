export { simulate, DEFAULT_SIMULATION, type SimulationSettings, type Trade } from './simulate';
export { tradeStats, wilson, type TradeStats } from './stats';
