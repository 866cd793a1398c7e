/**
 * Live liquidation prints for the symbols the tabs show: one stream per exchange, subscribed to
 * the union of the tabs' symbols (a symbol is released when its last tab leaves), every print
 * stored once in IndexedDB, every gap stored too, and a summary per symbol for the tabs.
 *
 * The service worker can be stopped at any moment. What was covered until when is kept in the
 * store, so a restarted worker that resubscribes records the time it was away as a gap.
 */
import type { ExchangeId, LiquidationPrint } from '../core/types';
import { exchange } from '../exchanges';
import type { PrintSummary } from '../messaging/protocol';
import type { LiquidationStream, PrintGap, StreamOptions, StreamStats } from '../market/liquidationStream';
import { StoreFullError, type MarketStore } from '../store/marketStore';

/** How far back the tab's summary looks. */
export const SUMMARY_WINDOW_MS = 3_600_000;
/** Prints kept for the chart's bubbles: about the history a chart shows when it opens. */
export const BUBBLE_WINDOW_MS = 24 * 3_600_000;
/** Bubbles sent to a tab at most, newest kept: a cascade must not flood the port. */
export const MAX_BUBBLES = 1_000;
/** How often coverage is written to the store while a stream is live. */
const COVERAGE_WRITE_MS = 5_000;

export type StreamFactory = (exchange: ExchangeId, handlers: Pick<StreamOptions, 'onPrints' | 'onGap' | 'onState' | 'onLive'>) => LiquidationStream;

interface Coverage {
  symbols: string[];
  at: number;
}

interface SymbolState {
  holders: number;
  recent: LiquidationPrint[];
  gaps: PrintGap[];
  listeners: Set<(summary: PrintSummary) => void>;
  loaded: Promise<void>;
}

interface ExchangeState {
  exchange: ExchangeId;
  stream: LiquidationStream;
  symbols: Map<string, SymbolState>;
  stats: StreamStats | null;
  lastState: StreamStats['state'] | null;
  /** Serialises store writes, so prints land in arrival order. */
  writes: Promise<void>;
  /** Prints received while a write was in flight: they go in the next transaction together. */
  pending: LiquidationPrint[];
  coverageWrittenAt: number;
  /** Coverage left by a previous service worker, read once, consumed on the first resubscription. */
  previous: Promise<Coverage | undefined>;
  error: string | null;
}

export class PrintService {
  private readonly exchanges = new Map<ExchangeId, ExchangeState>();

  constructor(
    private readonly store: () => Promise<MarketStore>,
    private readonly createStream: StreamFactory,
    private readonly now: () => number = Date.now,
  ) {}

  /** Streams a symbol's prints while held; `onSummary` gets the summary now and on every change. */
  acquire(exchange: ExchangeId, symbol: string, onSummary: (summary: PrintSummary) => void): () => void {
    const ex = this.exchangeState(exchange);
    let state = ex.symbols.get(symbol);
    if (!state) {
      state = { holders: 0, recent: [], gaps: [], listeners: new Set(), loaded: Promise.resolve() };
      state.loaded = this.loadRecent(exchange, symbol, state);
      ex.symbols.set(symbol, state);
      ex.stream.setSymbols(ex.symbols.keys());
    }
    state.holders++;
    state.listeners.add(onSummary);
    const current = state;
    void current.loaded.then(() => current.listeners.has(onSummary) && onSummary(this.summary(ex, current)));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      current.listeners.delete(onSummary);
      if (--current.holders > 0) return;
      ex.symbols.delete(symbol);
      ex.stream.setSymbols(ex.symbols.keys());
      // Released on purpose: its silence from now on is not a gap.
      void this.writeCoverage(exchange, ex, true);
      if (ex.symbols.size === 0) {
        ex.stream.stop();
        this.exchanges.delete(exchange);
      }
    };
  }

  /** Stops every stream (the data source changed); tabs re-acquire. */
  clear(): void {
    for (const ex of this.exchanges.values()) ex.stream.stop();
    this.exchanges.clear();
  }

  /** The exchange's stream state, null where no tab needs its prints. */
  streamState(exchange: ExchangeId): StreamStats['state'] | null {
    const ex = this.exchanges.get(exchange);
    return ex ? (ex.stats?.state ?? 'connecting') : null;
  }

  private exchangeState(exchange: ExchangeId): ExchangeState {
    let ex = this.exchanges.get(exchange);
    if (ex) return ex;
    const state: ExchangeState = {
      exchange,
      stream: null as unknown as LiquidationStream,
      symbols: new Map(),
      stats: null,
      lastState: null,
      writes: Promise.resolve(),
      pending: [],
      coverageWrittenAt: 0,
      previous: this.store().then((s) => s.getMeta<Coverage>(coverageKey(exchange))).catch(() => undefined),
      error: null,
    };
    state.stream = this.createStream(exchange, {
      onPrints: (prints) => {
        // Group commit: one transaction per write slot, not per frame, so a burst does not queue thousands.
        const scheduled = state.pending.length > 0;
        state.pending.push(...prints);
        if (!scheduled) this.enqueue(state, () => this.savePending(exchange, state));
      },
      onGap: (gap) => this.enqueue(state, () => this.saveGap(state, gap)),
      onLive: (symbols, at) => this.enqueue(state, () => this.resumeFrom(exchange, state, symbols, at)),
      onState: (stats) => {
        // `stats` is the stream's live object: compare with the state last seen, not with itself.
        const changed = state.lastState !== stats.state;
        state.lastState = stats.state;
        state.stats = stats;
        if (stats.state === 'live' && this.now() - state.coverageWrittenAt >= COVERAGE_WRITE_MS) void this.writeCoverage(exchange, state, false);
        if (changed) this.notifyAll(state);
      },
    });
    ex = state;
    this.exchanges.set(exchange, ex);
    return ex;
  }

  private enqueue(ex: ExchangeState, write: () => Promise<void>): void {
    ex.writes = ex.writes.then(write).catch((error: unknown) => {
      ex.error = error instanceof StoreFullError ? error.message : `could not store prints: ${String(error)}`;
      this.notifyAll(ex);
    });
  }

  private async savePending(exchange: ExchangeId, ex: ExchangeState): Promise<void> {
    const prints = ex.pending;
    ex.pending = [];
    const added = await (await this.store()).putPrints(prints);
    ex.error = null;
    for (const print of added) ex.symbols.get(print.symbol)?.recent.push(print);
    for (const symbol of new Set(added.map((p) => p.symbol))) {
      const state = ex.symbols.get(symbol);
      if (state) this.notify(ex, state);
    }
    if (this.now() - ex.coverageWrittenAt >= COVERAGE_WRITE_MS) await this.writeCoverage(exchange, ex, false);
  }

  private async saveGap(ex: ExchangeState, gap: PrintGap): Promise<void> {
    await (await this.store()).putGap(gap);
    for (const symbol of gap.symbols) {
      const state = ex.symbols.get(symbol);
      if (!state) continue;
      state.gaps.push(gap);
      this.notify(ex, state);
    }
  }

  /**
   * Symbols covered when a previous worker stopped and subscribed again now: the time between
   * is a gap. Consumed once, so only the first resubscription after a restart records it.
   */
  private async resumeFrom(exchange: ExchangeId, ex: ExchangeState, symbols: string[], at: number): Promise<void> {
    const previous = await ex.previous;
    if (!previous) return;
    const resumed = symbols.filter((s) => previous.symbols.includes(s));
    ex.previous = Promise.resolve({ symbols: previous.symbols.filter((s) => !resumed.includes(s)), at: previous.at });
    if (resumed.length === 0 || at <= previous.at) return;
    await this.saveGap(ex, { exchange, symbols: resumed, from: previous.at, to: at, reason: 'LiqLens\'s service worker was stopped' });
  }

  /** Which symbols are covered, as of now. `released` writes at once (a symbol left on purpose). */
  private async writeCoverage(exchange: ExchangeId, ex: ExchangeState, released: boolean): Promise<void> {
    if (!released && ex.stats?.state !== 'live') return;
    ex.coverageWrittenAt = this.now();
    const symbols = ex.stats?.state === 'live' ? [...ex.symbols.keys()] : [];
    try {
      await (await this.store()).setMeta(coverageKey(exchange), { symbols, at: this.now() } satisfies Coverage);
    } catch {
      // Coverage is a best effort: without it a restart's gap is not recorded, and nothing else is lost.
    }
  }

  private async loadRecent(exchange: ExchangeId, symbol: string, state: SymbolState): Promise<void> {
    try {
      const store = await this.store();
      const since = this.now() - SUMMARY_WINDOW_MS;
      const [prints, gaps] = await Promise.all([store.prints(exchange, symbol, this.now() - BUBBLE_WINDOW_MS), store.gaps(exchange, since)]);
      const known = new Set(state.recent.map((p) => p.id));
      state.recent = [...prints.filter((p) => !known.has(p.id)), ...state.recent].sort((a, b) => a.time - b.time);
      state.gaps = [...gaps.filter((g) => g.symbols.includes(symbol)), ...state.gaps];
    } catch {
      // An unreadable store leaves the summary to the live prints.
    }
  }

  private notifyAll(ex: ExchangeState): void {
    for (const state of ex.symbols.values()) this.notify(ex, state);
  }

  private notify(ex: ExchangeState, state: SymbolState): void {
    if (state.listeners.size === 0) return;
    const summary = this.summary(ex, state);
    for (const listener of state.listeners) listener(summary);
  }

  private summary(ex: ExchangeState, state: SymbolState): PrintSummary {
    const now = this.now();
    const since = now - SUMMARY_WINDOW_MS;
    const firstKept = state.recent.findIndex((p) => p.time >= now - BUBBLE_WINDOW_MS);
    state.recent = firstKept < 0 ? [] : state.recent.slice(firstKept);
    state.gaps = state.gaps.filter((g) => g.to >= since);
    const lastHour = state.recent.filter((p) => p.time >= since);
    const last = state.recent.at(-1);
    // A past connection error matters only while the stream is not live.
    const error = ex.error ?? (ex.stats && ex.stats.state !== 'live' ? ex.stats.lastError : null);
    return {
      stream: ex.stats?.state ?? 'connecting',
      lastHour: lastHour.length,
      lastHourNotional: lastHour.reduce((sum, p) => sum + p.notional, 0),
      recent: state.recent.slice(-MAX_BUBBLES).map((p) => ({ time: p.time, price: p.price, side: p.side, notional: p.notional })),
      lastPrint: last ? { time: last.time, side: last.side, price: last.price, notional: last.notional } : null,
      gapsLastHour: state.gaps.length,
      // The stream sends at most one print per symbol per interval: cascades are undercounted.
      throttled: exchange(ex.exchange).throttledPrints,
      ...(error ? { error } : {}),
    };
  }
}

function coverageKey(exchange: ExchangeId): string {
  return `printCoverage:${exchange}`;
}
