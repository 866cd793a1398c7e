/**
 * One candle feed: the candles of one (exchange, symbol, timeframe), fetched through an
 * exchange client and refreshed by polling, shared by every tab that shows them.
 * Failures back off and keep retrying, so a feed recovers by itself when the exchange returns.
 */
import type { Candle, ExchangeId } from '../core/types';
import type { Timeframe } from '../core/timeframes';
import { TIMEFRAME_MS } from '../core/timeframes';
import type { AnalysisSummary } from '../analysis/api';
import type { FeedStatus } from '../messaging/protocol';

import type { CandleSource } from '../market/ccxtCandleSource';
import { joinGap, mergeCandles } from './candleWindow';

export type { CandleSource };

/** The store's side of a feed's first load (the history service's, which owns the store). */
export interface FeedStore {
  /** The newest `bars` stored bars, where the store holds every bar the exchange has in their span; else null. */
  window(bars: number): Promise<Candle[] | null>;
  /** A full load came back short of a page: the exchange has no bar older than `time`. */
  historyStarts(time: number): void;
}

/** Analyses a feed's closed candles; the feed waits for it at most ANALYSIS_TIMEOUT_MS. */
/** Closed candles to analyse, and the forming one (its marks are shown as provisional). */
export type Analyse = (closed: readonly Candle[], open: Candle | null) => Promise<AnalysisSummary | null>;

export interface FeedKey {
  exchange: ExchangeId;
  symbol: string;
  timeframe: Timeframe;
}

export const HISTORY_BARS = 500;
const MAX_KEPT_BARS = 1500;
const MIN_POLL_MS = 1_000;
/**
 * The forming candle is polled at most this often (a 60th of its length, from MIN_POLL_MS):
 * between closes a poll only moves its provisional marks, and each costs a request, a status
 * to every tab and often an analysis (issue 23: 15 s rather than 10 s cut the polls by a third).
 */
export const MAX_POLL_MS = 15_000;
/**
 * Where the forming candle's close falls before the next poll (by this machine's clock), the poll
 * goes this long after it instead: the closed candle is analysed within about a second of closing.
 */
export const CLOSE_GRACE_MS = 1_000;
const MAX_BACKOFF_MS = 8_000;
const ANALYSIS_TIMEOUT_MS = 5_000;

export class CandleFeed {
  private candles: Candle[] = [];
  private status: FeedStatus;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private stopped = false;
  private readonly listeners = new Set<(status: FeedStatus) => void>();

  constructor(
    readonly key: FeedKey,
    private readonly source: CandleSource,
    private readonly now: () => number = Date.now,
    private readonly analyse?: Analyse,
    /** Called when a refresh succeeds after failures: what else was missed meanwhile can be backfilled. */
    private readonly onRecovered?: () => void,
    /** Where given, the first load starts from the stored bars (painted at once) and fetches only the gap since. */
    private readonly store?: FeedStore,
  ) {
    this.status = {
      state: 'loading',
      exchange: key.exchange,
      symbol: key.symbol,
      timeframe: key.timeframe,
      candleCount: 0,
      lastCandleTime: null,
      lastClose: null,
      updatedAt: null,
    };
  }

  start(): void {
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  current(): FeedStatus {
    return this.status;
  }

  /** The closed candles held, oldest first (the exchanges return the forming bar last). */
  closed(): readonly Candle[] {
    return this.candles.slice(0, -1);
  }

  /** Subscribes to status changes; the current status is delivered at once. Returns the unsubscribe. */
  onStatus(listener: (status: FeedStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  private async tick(): Promise<void> {
    try {
      await this.refresh();
      if (this.failures > 0) this.onRecovered?.();
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.publish({ ...this.status, state: 'no data', error: this.source.describe(error) });
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), this.nextDelay());
  }

  /** First call loads history; later calls fetch from the newest held bar, which may still be open. */
  private async refresh(): Promise<void> {
    const last = this.candles.at(-1);
    if (!last) return this.take(await this.firstLoad());
    const fresh = await this.source.fetchCandles(this.key.symbol, this.key.timeframe, last.time, 100);
    if (!this.stopped) await this.take(mergeCandles(this.candles, fresh));
  }

  /**
   * The first candles. Where the store holds the window, its bars are analysed and published at
   * once (a reopened chart paints before any request) and only the gap since its newest bar is
   * fetched; where it does not, or the gap does not join, or the gap is a window or more (the
   * stored bars would all scroll out), the newest HISTORY_BARS come from the exchange as before.
   * The newest stored bar counts as open until the gap's refetch replaces it.
   */
  private async firstLoad(): Promise<Candle[]> {
    // A store that cannot be read is no reason not to chart: the exchange has the candles too.
    // Closed bars only: the gap brings the forming one, as a full load of HISTORY_BARS would.
    const stored = this.store ? await this.store.window(HISTORY_BARS - 1).catch(() => null) : null;
    if (stored && stored.length > 0) {
      await this.take(stored);
      if (this.stopped) return stored;
      const gap = await this.fetchGap(stored.at(-1)!.time);
      const joined = gap && joinGap(stored, gap);
      if (joined) return joined;
    }
    const rows = await this.source.fetchCandles(this.key.symbol, this.key.timeframe, undefined, HISTORY_BARS);
    if (rows.length > 0 && this.source.maxRows !== undefined && rows.length < Math.min(HISTORY_BARS, this.source.maxRows)) {
      this.store?.historyStarts(rows[0]!.time);
    }
    return rows;
  }

  /**
   * The bars from `since` to the present, a page at a time while pages come back full, up to a
   * window's worth; null where the gap is longer than that (a full load is then the cheaper way).
   */
  private async fetchGap(since: number): Promise<Candle[] | null> {
    const pageRows = Math.min(HISTORY_BARS, this.source.maxRows ?? HISTORY_BARS);
    let rows: Candle[] = [];
    for (let page = 0; page < Math.ceil(HISTORY_BARS / pageRows) && !this.stopped; page++) {
      const fresh = await this.source.fetchCandles(this.key.symbol, this.key.timeframe, since, pageRows);
      rows = mergeCandles(rows, fresh);
      const newest = fresh.at(-1);
      if (fresh.length < pageRows || !newest || newest.time <= since) return rows;
      since = newest.time;
    }
    return null;
  }

  /** Holds these candles (the newest is the forming bar), analyses the closed ones and publishes. */
  private async take(candles: readonly Candle[]): Promise<void> {
    if (this.stopped) return;
    this.candles = candles.slice(-MAX_KEPT_BARS);
    const newest = this.candles.at(-1);
    const analysis = await this.analyseClosed();
    if (this.stopped) return;
    this.publish({
      ...this.status,
      state: this.candles.length > 0 ? this.source.kind : 'no data',
      candleCount: this.candles.length,
      lastCandleTime: newest?.time ?? null,
      lastClose: newest?.close ?? null,
      updatedAt: this.now(),
      error: this.candles.length > 0 ? undefined : `the exchange has no candles for ${this.key.symbol}`,
      analysis: analysis ?? this.status.analysis,
    });
  }

  /**
   * Every candle but the newest is closed (the exchanges return the forming bar last). A slow
   * or failed analysis never holds the candles back: the last summary stays until the next one.
   */
  private async analyseClosed(): Promise<AnalysisSummary | null> {
    if (!this.analyse) return null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ANALYSIS_TIMEOUT_MS)));
    try {
      return await Promise.race([this.analyse(this.closed(), this.candles.at(-1) ?? null).catch(() => null), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private nextDelay(): number {
    if (this.failures > 0) {
      const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (this.failures - 1));
      return backoff * (0.75 + Math.random() * 0.5); // jitter: tabs that failed together do not retry together
    }
    const every = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, TIMEFRAME_MS[this.key.timeframe] / 60));
    // A clock that disagrees with the exchange's (a replay's) puts the close in the past or far
    // ahead: then the plain interval stands.
    const forming = this.candles.at(-1);
    const untilClose = forming ? forming.time + TIMEFRAME_MS[this.key.timeframe] + CLOSE_GRACE_MS - this.now() : Infinity;
    return untilClose > 0 && untilClose < every ? Math.max(MIN_POLL_MS, untilClose) : every;
  }

  private publish(status: FeedStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}
