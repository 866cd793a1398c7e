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

export type { CandleSource };

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
const MAX_POLL_MS = 10_000;
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
    const fresh = await this.source.fetchCandles(
      this.key.symbol,
      this.key.timeframe,
      last?.time,
      last ? 100 : HISTORY_BARS,
    );
    if (this.stopped) return;
    this.candles = mergeCandles(this.candles, fresh).slice(-MAX_KEPT_BARS);
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
    return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, TIMEFRAME_MS[this.key.timeframe] / 60));
  }

  private publish(status: FeedStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}

/**
 * Merges freshly fetched candles into held ones by open time: a fetched bar replaces the held
 * bar of the same time (the open bar updates), new bars append, and order stays by time.
 */
export function mergeCandles(held: readonly Candle[], fresh: readonly Candle[]): Candle[] {
  if (fresh.length === 0) return held.slice();
  const firstFresh = fresh[0]!.time;
  let keep = held.length;
  while (keep > 0 && held[keep - 1]!.time >= firstFresh) keep--;
  const merged = held.slice(0, keep);
  for (const candle of fresh) {
    const last = merged.at(-1);
    if (last && candle.time < last.time) continue;
    if (last && candle.time === last.time) merged[merged.length - 1] = candle;
    else merged.push(candle);
  }
  return merged;
}
