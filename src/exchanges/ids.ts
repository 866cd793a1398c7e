/**
 * Every exchange's id, in the registry's order: the one list the rest of the code types
 * against. It imports nothing, so core/types.ts can name ExchangeId without importing the
 * registry (whose folders import core). index.ts checks at compile time that each folder's id is
 * here and each id here has its folder.
 */
export const EXCHANGE_IDS = ['binance', 'bybit', 'okx'] as const;

export type ExchangeId = (typeof EXCHANGE_IDS)[number];
