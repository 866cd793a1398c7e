/**
 * Keeps the store's history of what the tabs show: when a series is first shown in a worker's
 * life, backfills its candles for the chosen number of days (only what the store lacks),
 * open interest at 5m and the margin tiers; while it is shown, stores each closed candle.
 * Writes are idempotent, so an overlapping backfill or a restarted worker never doubles a bar.
 */
import { TIMEFRAME_MS } from '../core/timeframes';
import type { Candle, ExchangeId } from '../core/types';
import { feedId, marketId } from '../exchanges';
import type { SyncExtras } from '../analysis/api';
import type { MarketHistory } from '../market/history';
import type { MarketStore, Series } from '../store/marketStore';
import type { FeedKey, FeedStore } from './candleFeed';
import { storedWindow, unite, type Coverage } from './candleWindow';

/** The setups' higher timeframe (the backtest's `--htf` is the 4h of the same exchange), and how many of its bars to read. */
const HIGHER_TIMEFRAME = '4h';
const HTF_BARS = 500;
/** After a failed read of the higher timeframe, market time before it is tried again (not on every sync). */
const HTF_RETRY_MS = 15 * 60_000;

const DAY_MS = 86_400_000;
/** Binance keeps 30 days of open-interest history; LiqLens keeps its own beyond. */
const OI_DAYS_MAX = 30;
const TIERS_MAX_AGE_MS = DAY_MS;

export interface BackfillReport {
  candles: number;
  openInterest: number;
  tiers: 'exchange' | 'default' | 'kept';
  error?: string;
}

export class HistoryService {
  private readonly running = new Map<string, Promise<BackfillReport>>();
  /** Per series being backfilled: settles once its open interest is stored (or the backfill ended without). */
  private readonly openInterestStored = new Map<string, Promise<void>>();
  /** Newest closed candle stored per series in this worker's life. */
  private readonly storedUpTo = new Map<string, number>();
  /** The exchange's time as its candles tell it (the close of the newest closed bar seen). */
  private readonly exchangeTime = new Map<ExchangeId, number>();
  /** Per series: the higher timeframe's closed candles, and when to read it again (its next bar's close, or a retry after a failure). */
  private readonly htfCandles = new Map<string, { candles: Candle[]; nextRead: number }>();
  /** Per series, its feed's read of the stored window this worker life: true where the feed fetches the gap since itself. */
  private readonly windowReads = new Map<string, Promise<boolean>>();
  /** Per series, the last coverage update: each waits for the one before (read, unite, write). */
  private readonly coverageWrites = new Map<string, Promise<void>>();
  /** Per series, the exchange's first bar where a feed's load found it. */
  private readonly firstBar = new Map<string, number>();

  constructor(
    private readonly store: () => Promise<MarketStore>,
    private readonly historyFor: (exchange: ExchangeId) => MarketHistory,
    private readonly days: () => Promise<number>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The store was cleared: forget what was backfilled, so the next look at a series fills it again. */
  forgetStored(): void {
    this.running.clear();
    this.openInterestStored.clear();
    this.storedUpTo.clear();
    this.windowReads.clear();
  }

  /** The store's side of a feed's first load: the stored window, and the exchange's first bar where a load finds it. */
  feedStore(key: FeedKey): FeedStore {
    return { window: (bars) => this.storedWindow(key, bars), historyStarts: (time) => this.historyStarts(key, time) };
  }

  /**
   * The newest `bars` stored candles of a series, validated, where the store holds every bar the
   * exchange has in their span (see `storedWindow`); else null. Counted back from the newest
   * covered bar, not from this clock: a replay's exchange keeps its own time. The backfill learns
   * from it whether the feed fetches the gap since the newest stored bar itself, so the gap is
   * asked for once.
   */
  storedWindow(key: FeedKey, bars: number): Promise<Candle[] | null> {
    const read = (async () => {
      const store = await this.store();
      const coverage = await store.getMeta<Coverage>(coverageKey(key));
      if (!coverage) return null;
      const from = coverage.to - (bars - 1) * TIMEFRAME_MS[key.timeframe];
      return storedWindow(await store.candles(series(key), from, coverage.to), coverage, from);
    })();
    this.windowReads.set(feedId(key), read.then((window) => window !== null && window.length > 0, () => false));
    return read;
  }

  /** A feed's full load found the series' first bar: its next stored run records it, so nothing older is asked for again. */
  historyStarts(key: FeedKey, time: number): void {
    this.firstBar.set(feedId(key), time);
  }

  /** Read, change and write a series' coverage, one change at a time (the feed and the backfill both write it). */
  private updateCoverage(key: FeedKey, change: (coverage: Coverage | undefined) => Coverage): Promise<void> {
    const id = feedId(key);
    const next = (this.coverageWrites.get(id) ?? Promise.resolve()).then(async () => {
      const store = await this.store();
      await store.setMeta(coverageKey(key), change(await store.getMeta<Coverage>(coverageKey(key))));
    });
    this.coverageWrites.set(id, next.catch(() => undefined));
    return next;
  }

  /** Backfills again from what the store has (after an outage: the open interest missed meanwhile). */
  refresh(key: FeedKey): Promise<BackfillReport> {
    this.running.delete(feedId(key));
    return this.ensure(key);
  }

  /** Backfills a series once per worker life; later calls get the same report. */
  ensure(key: FeedKey): Promise<BackfillReport> {
    const id = feedId(key);
    let running = this.running.get(id);
    if (!running) {
      let stored = () => {};
      this.openInterestStored.set(id, new Promise<void>((resolve) => (stored = resolve)));
      running = this.backfill(key, stored).catch((error: unknown) => {
        this.running.delete(id); // retried when a tab shows the series again
        return { candles: 0, openInterest: 0, tiers: 'kept', error: error instanceof Error ? error.message : String(error) } satisfies BackfillReport;
      });
      void running.finally(stored);
      this.running.set(id, running);
    }
    return running;
  }

  /**
   * Backfills the series (as `ensure`) and settles as soon as its open interest is stored: all the
   * first analysis reads of the backfill (to choose its estimator by). The candles and the margin
   * tiers come after; waiting for them too held a new tab's first heatmap behind the store's writes
   * of every other series being backfilled (issue 20: one tab's churn starving another's).
   */
  openInterestReady(key: FeedKey): Promise<void> {
    void this.ensure(key);
    return this.openInterestStored.get(feedId(key)) ?? Promise.resolve();
  }

  /** Stores the closed candles a live feed holds that are newer than those already stored. */
  async storeClosed(key: FeedKey, closed: readonly Candle[]): Promise<void> {
    const newest = closed.at(-1);
    if (newest) this.exchangeTime.set(key.exchange, Math.max(this.exchangeTime.get(key.exchange) ?? 0, newest.time + TIMEFRAME_MS[key.timeframe]));
    const id = feedId(key);
    const after = this.storedUpTo.get(id) ?? -Infinity;
    const fresh = closed.filter((c) => c.time > after);
    if (fresh.length === 0) return;
    const store = await this.store();
    await store.putCandles(series(key), fresh);
    this.storedUpTo.set(id, fresh.at(-1)!.time);
    // The feed's closed bars are the exchange's run without a hole, all stored now: covered.
    const run: Coverage = { from: closed[0]!.time, to: newest!.time };
    if (this.firstBar.get(id) === run.from) run.start = run.from;
    await this.updateCoverage(key, (coverage) => unite(coverage, run, TIMEFRAME_MS[key.timeframe]));
  }

  /**
   * What the analysis needs besides candles, from the store: open interest at each candle's close
   * (omitted where the store has none: the Worker then uses the volume estimator) and the prints
   * from `printsFrom` on.
   */
  async analysisInputs(key: FeedKey, candles: readonly Candle[], printsFrom: number): Promise<SyncExtras> {
    const candleMs = TIMEFRAME_MS[key.timeframe];
    const first = candles[0];
    const last = candles.at(-1);
    if (!first || !last) return { candleMs };
    const store = await this.store();
    const from = Number.isFinite(printsFrom) ? printsFrom : first.time;
    const [samples, prints] = await Promise.all([
      store.openInterest(key.exchange, key.symbol, first.time - 3_600_000, last.time + candleMs),
      store.prints(key.exchange, key.symbol, from),
    ]);
    const htf = await this.higherTimeframe(key, last.time + candleMs);
    const extras: SyncExtras = { candleMs, prints, ...(htf ? { htf } : {}) };
    if (samples.length > 0) {
      let k = -1;
      extras.openInterest = candles.map((c) => {
        while (k + 1 < samples.length && samples[k + 1]!.time < c.time + candleMs) k++;
        return k >= 0 ? samples[k]!.openInterest : null;
      });
    }
    return extras;
  }

  /**
   * The higher timeframe's closed candles up to `until`, for charts below it: the setups take their
   * trend confluence from its structure, as the backtest's `--htf` does. One request when a new bar
   * of it has closed, none in between. A failure keeps what was read before (maybe nothing) and is
   * retried HTF_RETRY_MS of market time later, so an exchange refusing it is not asked on every sync.
   */
  private async higherTimeframe(key: FeedKey, until: number): Promise<SyncExtras['htf']> {
    const htfMs = TIMEFRAME_MS[HIGHER_TIMEFRAME];
    if (TIMEFRAME_MS[key.timeframe] >= htfMs) return undefined;
    const id = feedId(key);
    let cached = this.htfCandles.get(id);
    if (!cached || until >= cached.nextRead) {
      try {
        // The first read is on the way to the chart's first analysis; later ones are refreshes.
        const work = { owner: id, priority: cached ? 'refresh' : 'first' } as const;
        const rows = await this.historyFor(key.exchange).as(work).latestCandles(key.symbol, HIGHER_TIMEFRAME, HTF_BARS);
        const candles = rows.filter((c) => c.time + htfMs <= until);
        cached = { candles, nextRead: (candles.at(-1)?.time ?? until - htfMs) + 2 * htfMs };
      } catch {
        cached = { candles: cached?.candles ?? [], nextRead: until + HTF_RETRY_MS };
      }
      this.htfCandles.set(id, cached);
    }
    // Given even while empty: the series then keeps a higher timeframe that later reads fill in.
    return { timeframe: HIGHER_TIMEFRAME, candles: cached.candles.filter((c) => c.time + htfMs <= until) };
  }

  private async backfill(key: FeedKey, openInterestStored: () => void): Promise<BackfillReport> {
    const store = await this.store();
    const history = this.historyFor(key.exchange).as({ owner: feedId(key), priority: 'backfill' });
    // Ranges end at the exchange's now: a clock that runs behind it (or a replay running faster) misses nothing.
    const now = Math.max(this.now(), this.exchangeTime.get(key.exchange) ?? 0);
    const from = now - (await this.days()) * DAY_MS;
    // Open interest first: the first analysis waits a moment for it to choose the estimator by, and
    // an exchange with small candle pages (100 rows) takes longer over the candles.
    const oiKey = `openInterest:${marketId(key)}`;
    const oiStoredTo = (await store.getMeta<number>(oiKey)) ?? 0;
    const oiFrom = Math.max(from, now - OI_DAYS_MAX * DAY_MS, oiStoredTo);
    const samples = await history.openInterest(key.symbol, '5m', oiFrom, now);
    await store.putOpenInterest(key.exchange, key.symbol, samples);
    if (samples.length > 0) await store.setMeta(oiKey, samples.at(-1)!.time);
    openInterestStored();

    // Fetch only what the store lacks: after its newest bar if it already reaches back far enough,
    // and that not where the feed started from the store (it fetches the gap since, and stores it).
    const feedFillsGap = await (this.windowReads.get(feedId(key)) ?? false);
    const coverage = await store.getMeta<Coverage>(coverageKey(key));
    const reachesBack = coverage !== undefined && (coverage.from <= from || (coverage.start !== undefined && coverage.from <= coverage.start));
    let added = 0;
    if (!(reachesBack && feedFillsGap)) {
      const fetchFrom = reachesBack ? coverage.to : from;
      const candles = await history.candles(key.symbol, key.timeframe, fetchFrom, now);
      added = await store.putCandles(series(key), candles);
      const newest = candles.at(-1);
      if (newest) await this.updateCoverage(key, (c) => unite(c, { from: Math.min(fetchFrom, newest.time), to: newest.time }, TIMEFRAME_MS[key.timeframe]));
    }

    const tiersKey = `tiers:${marketId(key)}`;
    const kept = await store.getMeta<{ at: number }>(tiersKey);
    let tiers: BackfillReport['tiers'] = 'kept';
    if (!kept || now - kept.at > TIERS_MAX_AGE_MS) {
      const fetched = await history.marginTiers(key.symbol);
      await store.setMeta(tiersKey, { ...fetched, at: now });
      tiers = fetched.source;
    }
    return { candles: added, openInterest: samples.length, tiers };
  }
}

function coverageKey(key: FeedKey): string {
  return `history:${feedId(key)}`;
}

function series(key: FeedKey): Series {
  return { exchange: key.exchange, symbol: key.symbol, timeframe: key.timeframe };
}
