/**
 * Messages between the content script of a tab and the background, over one long-lived
 * port per tab (PORT_NAME). The port's life is the subscription's life: when the tab
 * closes or navigates away, the background releases what it fetched for it.
 */
import type { TradePage } from '../site/pageUrl';
import type { Timeframe } from '../core/timeframes';
import type { AnalysisSummary, JournalSummary } from '../analysis/api';
import type { StreamState } from '../market/liquidationStream';
import type { OverlayPrint } from '../overlay/layers';

export const PORT_NAME = 'liqlens-tab';

/** Content script → background. */
export type TabRequest =
  | { type: 'watch'; page: TradePage; timeframe: Timeframe }
  | { type: 'unwatch' };

/** How fresh the data for a tab is, as the badge and the popup show it. */
export type FeedState = 'loading' | 'replay' | 'live' | 'no data';

export interface FeedStatus {
  state: FeedState;
  exchange: TradePage['exchange'];
  /** The exchange symbol the data is for (the USDⓈ-M / linear perpetual of the page's pair). */
  symbol: string;
  timeframe: Timeframe;
  /** Closed and open candles held for the tab. */
  candleCount: number;
  /** Open time of the newest candle, epoch ms; null before the first fetch. */
  lastCandleTime: number | null;
  lastClose: number | null;
  /** When data last arrived successfully, epoch ms; null if never. */
  updatedAt: number | null;
  /** Why there is no data, in words a trader can act on. */
  error?: string;
  /** The structure found in the closed candles so far (absent until the first analysis). */
  analysis?: AnalysisSummary;
  /** Realized liquidations of the symbol from the exchange's live stream (absent until subscribed). */
  prints?: PrintSummary;
}

export type PrintStreamState = StreamState;

export interface PrintSummary {
  stream: PrintStreamState;
  /** Prints stored in the last hour, and their notional in USDT. */
  lastHour: number;
  lastHourNotional: number;
  lastPrint: { time: number; side: 'long' | 'short'; price: number; notional: number } | null;
  /** Stretches of the last hour in which prints may have been missed. */
  gapsLastHour: number;
  /** The exchange sends at most one print per symbol per second (Binance): cascades are undercounted. */
  throttled: boolean;
  /** Why the stream is not live, or why prints were not stored. */
  error?: string;
  /** The prints of the last day (newest 1,000 at most), drawn as bubbles. */
  recent: OverlayPrint[];
}

/** Background → content script. */
export type TabUpdate = { type: 'status'; status: FeedStatus };

/** Popup → background (one-off message). */
export type PopupRequest = { type: 'tabStatus'; tabId: number };
export type PopupResponse = {
  status: FeedStatus | null;
  page: TradePage | null;
  /** Both exchanges' data for the tab's market: candles (REST) and the liquidation stream. */
  connections?: Connection[];
  /** The stored live record of the tab's chart's setups. */
  journal?: JournalSummary[];
};

export interface Connection {
  exchange: TradePage['exchange'];
  /** The candle feed's state; null where no feed runs for it. */
  candles: FeedState | null;
  /** The liquidation stream's state; null where no stream runs. */
  stream: StreamState | null;
  updatedAt: number | null;
}
