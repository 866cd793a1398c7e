/**
 * The popup asks the background what it holds for a tab (one-off message): the tab's market
 * and feed, every exchange's connection for it, and the stored record of its chart's setups.
 */
import * as v from 'valibot';
import { contract, type ReplyOf, type RequestOf } from './contract';
import { count, exchangeId, finite, list } from './schema';
import { feedState, FeedStatusSchema, streamState, TradePageSchema } from './validate';
import { EXCHANGE_IDS } from '../exchanges';

/** The live record of one kind of setup on a chart (the background's journal). */
const JournalSummarySchema = v.object({
  kind: v.picklist(['sweep-choch', 'magnet']),
  /** Setups found live, closed trades among them, wins, and their mean R (fees and slippage in). */
  found: count,
  closed: count,
  wins: count,
  avgR: v.nullable(finite),
});
export type JournalSummary = v.InferOutput<typeof JournalSummarySchema>;

/** One exchange's data for the tab's market: candles (REST) and the liquidation stream. */
const ConnectionSchema = v.object({
  exchange: exchangeId,
  /** The candle feed's state; null where no feed runs for it. */
  candles: v.nullable(feedState),
  /** The liquidation stream's state; null where no stream runs. */
  stream: v.nullable(streamState),
  updatedAt: v.nullable(finite),
});
export type Connection = v.InferOutput<typeof ConnectionSchema>;

export const TAB_STATUS = contract(
  v.object({ type: v.literal('tabStatus'), tabId: finite }),
  v.object({
    status: v.nullable(FeedStatusSchema),
    page: v.nullable(TradePageSchema),
    connections: v.optional(list(ConnectionSchema, EXCHANGE_IDS.length)),
    journal: v.optional(list(JournalSummarySchema, 2)),
  }),
);
export type PopupRequest = RequestOf<typeof TAB_STATUS>;
export type PopupResponse = ReplyOf<typeof TAB_STATUS>;
