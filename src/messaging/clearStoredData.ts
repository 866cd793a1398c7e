/**
 * "Clear stored data": the options page asks the background to delete every stored candle,
 * open-interest sample, print, gap and meta record; the background answers how many went.
 */
import * as v from 'valibot';
import { contract } from './contract';
import { count } from './schema';

export const CLEAR_STORED_DATA = contract(
  // Exactly `{ type: 'clearStoredData' }`: anything more is not this request.
  v.strictObject({ type: v.literal('clearStoredData') }),
  v.object({ deleted: count }),
);
