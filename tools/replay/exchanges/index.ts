/**
 * The replay exchanges, one per id of the registry (src/core/exchangeIds.ts): each is the folder
 * named by its id here, whose index.ts exports `replay`. Found by id rather than listed, so a new
 * exchange adds its folder and no line elsewhere; a missing folder fails here, at load, by name
 * (and the conformance suite, tests/unit/exchangeConformance.test.ts, runs over every one).
 */
import { EXCHANGE_IDS, type ExchangeId } from '../../../src/core/exchangeIds';
import type { ReplayExchange } from '../exchange';

async function load(id: ExchangeId): Promise<ReplayExchange> {
  let module: { replay?: ReplayExchange };
  try {
    module = (await import(`./${id}/index.ts`)) as { replay?: ReplayExchange };
  } catch (error) {
    throw new Error(`the replay has no ${id}: tools/replay/exchanges/${id}/index.ts did not load (${String(error)})`);
  }
  if (module.replay?.id !== id) throw new Error(`tools/replay/exchanges/${id}/index.ts must export \`replay\`, the replay side of ${id}`);
  return module.replay;
}

const loaded = await Promise.all(EXCHANGE_IDS.map(load));

/** Each exchange's replay side, by id, in the registry's order. */
export const REPLAY_EXCHANGES = Object.fromEntries(loaded.map((r) => [r.id, r])) as { readonly [Id in ExchangeId]: ReplayExchange };

/** Which exchange's REST a replay path is (the request budget bench sorts requests by it). */
export function exchangeOfPath(pathname: string): ExchangeId | null {
  return loaded.find((r) => r.rest.owns(pathname))?.id ?? null;
}
