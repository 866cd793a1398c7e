/**
 * The demo site's trade pages, one per id of the registry (src/core/exchangeIds.ts): each is the
 * folder named by its id here, whose index.ts exports `demo`. Found by id rather than listed, so a new exchange
 * adds its file and no line elsewhere; a missing file fails here, at load, by name.
 */
import { EXCHANGE_IDS, type ExchangeId } from '../../../src/core/exchangeIds';
import type { DemoExchange } from '../site';

async function load(id: ExchangeId): Promise<DemoExchange> {
  let module: { demo?: DemoExchange };
  try {
    module = (await import(`./${id}/index.ts`)) as { demo?: DemoExchange };
  } catch (error) {
    throw new Error(`the demo site has no ${id} page: tools/demo/exchanges/${id}/index.ts did not load (${String(error)})`);
  }
  if (module.demo?.id !== id) throw new Error(`tools/demo/exchanges/${id}/index.ts must export \`demo\`, the demo page of ${id}`);
  return module.demo;
}

/** Each exchange's demo page, by id. */
export const DEMO_EXCHANGES = Object.fromEntries((await Promise.all(EXCHANGE_IDS.map(load))).map((d) => [d.id, d])) as { readonly [Id in ExchangeId]: DemoExchange };
