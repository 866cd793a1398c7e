/**
 * Messages between the content script of a tab and the background, over one long-lived
 * port per tab (PORT_NAME). The port's life is the subscription's life: when the tab
 * closes or navigates away, the background releases what it fetched for it.
 *
 * Each message a context receives from another is written once, as a schema, in validate.ts:
 * its type is inferred from the schema and re-exported here.
 */
import type { FeedState, FeedStatus, StreamState, TradePage } from './validate';

export type { FeedState, FeedStatus, PopupRequest, PrintSummary, TabRequest, TabUpdate } from './validate';

export const PORT_NAME = 'liqlens-tab';

/** Background → popup, the answer to a PopupRequest (the popup trusts its own extension's background). */
export type PopupResponse = {
  status: FeedStatus | null;
  page: TradePage | null;
  /** Every exchange's data for the tab's market: candles (REST) and the liquidation stream. */
  connections?: Connection[];
  /** The stored live record of the tab's chart's setups. */
  journal?: JournalSummary[];
};

/** The live record of one kind of setup on a chart (the background's journal, shown by the popup). */
export interface JournalSummary {
  kind: 'sweep-choch' | 'magnet';
  /** Setups found live, closed trades among them, wins, and their mean R (fees and slippage in). */
  found: number;
  closed: number;
  wins: number;
  avgR: number | null;
}

export interface Connection {
  exchange: TradePage['exchange'];
  /** The candle feed's state; null where no feed runs for it. */
  candles: FeedState | null;
  /** The liquidation stream's state; null where no stream runs. */
  stream: StreamState | null;
  updatedAt: number | null;
}
