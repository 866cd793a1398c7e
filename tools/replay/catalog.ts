/**
 * What the replay exchange serves: one entry per (exchange, symbol), each built by its exchange's
 * folder under ./exchanges/ from recorded real data shipped in data/. Every entry says where its
 * data came from and what was derived, so nothing derived is ever presented as recorded.
 */
import { EXCHANGE_IDS, type ExchangeId } from '../../src/core/exchangeIds';
import { REPLAY_EXCHANGES } from './exchanges';
import type { ReplayMarket } from './recordings';

export { DATA_DIR, type ReplayMarket } from './recordings';

/** Every exchange's markets, in the registry's order. */
export function loadCatalog(): ReplayMarket[] {
  return EXCHANGE_IDS.flatMap((id) => REPLAY_EXCHANGES[id].markets());
}

export function findMarket(catalog: readonly ReplayMarket[], exchange: ExchangeId, symbol: string): ReplayMarket | undefined {
  return catalog.find((m) => m.exchange === exchange && m.symbol === symbol.toUpperCase());
}
