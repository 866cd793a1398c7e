/**
 * Feeds shared between tabs: the first tab that shows a symbol starts its feed, and it stops a
 * while after the last one leaves. Keys include the data source, so switching source starts
 * fresh feeds.
 */
import { CandleFeed, type CandleSource, type FeedKey } from './candleFeed';
import type { Candle } from '../core/types';
import type { FeedAnalyser } from './feedAnalyser';
import type { HistoryService } from './historyService';
import type { FeedStatus } from '../messaging/protocol';
import type { AnalysisSummary } from '../analysis/api';
import { feedId } from '../exchanges';

/** How long the first analysis of a series waits for its backfill's open interest (the feed itself waits 5 s at most). */
const BACKFILL_WAIT_MS = 3_000;

/**
 * A feed nobody holds keeps running this long before it stops: a trader (or a page's own script)
 * flipping the chart between intervals or symbols gets the same feeds back instead of a fresh
 * backfill each time, which is what made one tab's churn cost hundreds of REST requests and
 * starve every other tab's behind the exchanges' rate limits.
 */
export const FEED_LINGER_MS = 60_000;

interface Entry {
  feed: CandleFeed;
  holders: number;
  /** Set while nobody holds the feed: the timer that stops it. */
  stopping?: ReturnType<typeof setTimeout>;
}

export class FeedRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly sourceFor: (key: FeedKey) => CandleSource,
    private readonly analyser?: FeedAnalyser,
    private readonly history?: HistoryService,
    /** Told of every analysis result (its events feed the notifications). */
    private readonly onAnalysis?: (key: FeedKey, summary: AnalysisSummary) => void,
    /** Told when a feed stops: its requests still waiting to go out are for nobody. */
    private readonly onStopped?: (key: FeedKey) => void,
  ) {}

  acquire(key: FeedKey): { feed: CandleFeed; release: () => void } {
    const id = feedId(key);
    let entry = this.entries.get(id);
    if (!entry) {
      const { analyser, history } = this;
      // Each refresh's closed candles: stored (the new ones), then analysed.
      const onClosed = async (closed: readonly Candle[], open: Candle | null) => {
        if (!history) return analyser ? analyser.update(id, closed, undefined, open) : null;
        // Storing is not on the chart's path: a failure is reported, and the feed goes on from memory.
        void history.storeClosed(key, closed).catch((error: unknown) => console.warn(`LiqLens: closed candles of ${id} not stored`, error));
        if (!analyser) return null;
        // The first analysis waits briefly for the backfill's open interest, to choose the estimator by.
        await Promise.race([history.openInterestReady(key), new Promise((resolve) => setTimeout(resolve, BACKFILL_WAIT_MS))]);
        const summary = await analyser.update(id, closed, (candles, printsFrom) => history.analysisInputs(key, candles, printsFrom).catch(() => ({})), open);
        if (summary) this.onAnalysis?.(key, summary);
        return summary;
      };
      // The feed refills its own candles after an outage; open interest is refilled here.
      const onRecovered = history && (() => void history.refresh(key));
      entry = { feed: new CandleFeed(key, this.sourceFor(key), Date.now, analyser || history ? onClosed : undefined, onRecovered, history?.feedStore(key)), holders: 0 };
      void history?.ensure(key);
      this.entries.set(id, entry);
      entry.feed.start();
    }
    clearTimeout(entry.stopping);
    entry.stopping = undefined;
    entry.holders++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const current = this.entries.get(id);
      if (!current || --current.holders > 0) return;
      current.stopping = setTimeout(() => {
        if (this.entries.get(id) !== current || current.holders > 0) return;
        current.feed.stop();
        this.entries.delete(id);
        this.analyser?.drop(id);
        this.onStopped?.(key);
      }, FEED_LINGER_MS);
    };
    return { feed: entry.feed, release };
  }

  /** Whether a tab holds the feed of this id (a lingering one is held by nobody). */
  holds(id: string): boolean {
    return (this.entries.get(id)?.holders ?? 0) > 0;
  }

  /** The current status of a feed, or null where no tab holds it. */
  peek(key: FeedKey): FeedStatus | null {
    return this.entries.get(feedId(key))?.feed.current() ?? null;
  }

  /** Stops every feed (the data source changed); tabs re-acquire on their next watch. */
  clear(): void {
    for (const [id, { feed, stopping }] of this.entries) {
      clearTimeout(stopping);
      feed.stop();
      this.analyser?.drop(id);
      this.onStopped?.(feed.key);
    }
    this.entries.clear();
  }

  /** Number of live feeds and their holders, for tests and the popup. */
  snapshot(): { id: string; holders: number }[] {
    return [...this.entries].map(([id, e]) => ({ id, holders: e.holders }));
  }
}
