/**
 * Feeds shared between tabs: the first tab that shows a symbol starts its feed, the last one
 * to leave stops it. Keys include the data source, so switching source starts fresh feeds.
 */
import { CandleFeed, type CandleSource, type FeedKey } from './candleFeed';
import type { Candle } from '../core/types';
import type { FeedAnalyser } from './feedAnalyser';
import type { HistoryService } from './historyService';
import type { FeedStatus } from '../messaging/protocol';
import type { AnalysisSummary, SyncExtras } from '../analysis/api';
import { TIMEFRAME_MS, type Timeframe } from '../core/timeframes';
import { feedId } from '../exchanges';

/** How long the first analysis of a series waits for its backfill (the feed itself waits 5 s at most). */
const BACKFILL_WAIT_MS = 3_000;

/** The higher timeframe whose swing trend the live setups take as confluence, as the backtest's `--htf`: 4h of the same exchange. */
export const HTF_TIMEFRAME: Timeframe = '4h';

interface Entry {
  feed: CandleFeed;
  holders: number;
  /** Releases the higher timeframe's feed this one holds (charts below it hold one). */
  releaseHtf: () => void;
}

export class FeedRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly sourceFor: (key: FeedKey) => CandleSource,
    private readonly analyser?: FeedAnalyser,
    private readonly history?: HistoryService,
    /** Told of every analysis result (its events feed the notifications). */
    private readonly onAnalysis?: (key: FeedKey, summary: AnalysisSummary) => void,
  ) {}

  acquire(key: FeedKey): { feed: CandleFeed; release: () => void } {
    const id = feedId(key);
    let entry = this.entries.get(id);
    if (!entry) {
      const { analyser, history } = this;
      // A chart below the higher timeframe holds that feed too (shared like any other) and sends its closed candles with each analysis.
      const htf = TIMEFRAME_MS[key.timeframe] < TIMEFRAME_MS[HTF_TIMEFRAME] && analyser ? this.acquire({ ...key, timeframe: HTF_TIMEFRAME }) : null;
      const withHtf = (extras: SyncExtras): SyncExtras => (htf ? { ...extras, htf: { timeframe: HTF_TIMEFRAME, candles: [...htf.feed.closed()] } } : extras);
      // Each refresh's closed candles: stored (the new ones), then analysed.
      const onClosed = async (closed: readonly Candle[], open: Candle | null) => {
        if (!history) return analyser ? analyser.update(id, closed, async () => withHtf({}), open) : null;
        // Storing is not on the chart's path: a failure is reported, and the feed goes on from memory.
        void history.storeClosed(key, closed).catch((error: unknown) => console.warn(`LiqLens: closed candles of ${id} not stored`, error));
        if (!analyser) return null;
        // The first analysis waits briefly for the backfill, so open interest is there to choose the estimator by.
        await Promise.race([history.ensure(key), new Promise((resolve) => setTimeout(resolve, BACKFILL_WAIT_MS))]);
        const summary = await analyser.update(id, closed, async (candles, printsFrom) => withHtf(await history.analysisInputs(key, candles, printsFrom).catch(() => ({}))), open);
        if (summary) this.onAnalysis?.(key, summary);
        return summary;
      };
      // The feed refills its own candles after an outage; open interest is refilled here.
      const onRecovered = history && (() => void history.refresh(key));
      entry = { feed: new CandleFeed(key, this.sourceFor(key), Date.now, analyser || history ? onClosed : undefined, onRecovered), holders: 0, releaseHtf: htf?.release ?? (() => {}) };
      void history?.ensure(key);
      this.entries.set(id, entry);
      entry.feed.start();
    }
    entry.holders++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const current = this.entries.get(id);
      if (!current || --current.holders > 0) return;
      current.feed.stop();
      this.entries.delete(id);
      this.analyser?.drop(id);
      current.releaseHtf();
    };
    return { feed: entry.feed, release };
  }

  /** The current status of a feed, or null where no tab holds it. */
  peek(key: FeedKey): FeedStatus | null {
    return this.entries.get(feedId(key))?.feed.current() ?? null;
  }

  /** Stops every feed (the data source changed); tabs re-acquire on their next watch. */
  clear(): void {
    for (const [id, { feed }] of this.entries) {
      feed.stop();
      this.analyser?.drop(id);
    }
    this.entries.clear();
  }

  /** Number of live feeds and their holders, for tests and the popup. */
  snapshot(): { id: string; holders: number }[] {
    return [...this.entries].map(([id, e]) => ({ id, holders: e.holders }));
  }
}
