/**
 * "Clear stored data" from the options page: every stored candle, open-interest sample, print,
 * gap and meta record goes, in one transaction. The options page asks the background with
 * ClearStoredDataRequest; the background answers with ClearStoredDataReply.
 */
import type { MarketStore } from '../store/marketStore';

export type ClearStoredDataRequest = { type: 'clearStoredData' };
export type ClearStoredDataReply = { deleted: number };

export const CLEAR_STORED_DATA_REQUEST: Readonly<ClearStoredDataRequest> = Object.freeze({ type: 'clearStoredData' });

/** Exactly `{ type: 'clearStoredData' }`: anything else is not this request. */
export function isClearStoredDataRequest(m: unknown): m is ClearStoredDataRequest {
  return typeof m === 'object' && m !== null && !Array.isArray(m) &&
    (m as { type?: unknown }).type === 'clearStoredData' && Object.keys(m).length === 1;
}

/** The background's reply as the options page receives it, or null if it is not one. */
export function parseClearStoredDataReply(value: unknown): ClearStoredDataReply | null {
  if (typeof value !== 'object' || value === null) return null;
  const { deleted } = value as { deleted?: unknown };
  return typeof deleted === 'number' && Number.isInteger(deleted) && deleted >= 0 ? { deleted } : null;
}

export async function clearStoredData(store: MarketStore): Promise<ClearStoredDataReply> {
  return { deleted: await store.clearAll() };
}
