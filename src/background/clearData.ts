/**
 * "Clear stored data" from the options page (the request and its reply: messaging/clearStoredData.ts):
 * every stored candle, open-interest sample, print, gap and meta record goes, in one transaction.
 */
import type { ReplyOf } from '../messaging/contract';
import type { CLEAR_STORED_DATA } from '../messaging/clearStoredData';
import type { MarketStore } from '../store/marketStore';

export async function clearStoredData(store: MarketStore): Promise<ReplyOf<typeof CLEAR_STORED_DATA>> {
  return { deleted: await store.clearAll() };
}
