/**
 * Every exchange's id, in the registry's order: the one list the rest of the code types
 * against. Shared vocabulary at the bottom floor: it imports nothing, so core names ExchangeId
 * without reaching up to the registry (src/exchanges, whose folders import core).
 * src/exchanges/index.ts checks at compile time that each id here has its folder and each folder its id.
 */
export const EXCHANGE_IDS = ['binance', 'bybit', 'okx'] as const;

export type ExchangeId = (typeof EXCHANGE_IDS)[number];
