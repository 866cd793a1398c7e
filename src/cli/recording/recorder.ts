/**
 * The long-running recorder: every chosen exchange and symbol into one RecordingDb, until stopped.
 *
 * Per exchange: the listing (every linear USDT perpetual where `symbols` is 'all', reloaded
 * every `listingMs` so new listings are followed), one liquidation stream (the live
 * extension's client, src/market/liquidationStream.ts: reconnects with backoff, drops repeats,
 * records gaps; the all-market stream or topics in batches), and REST rounds under the
 * exchange's budget (./budget.ts): closed candles from the last stored one onwards (so a restart
 * backfills what it missed), open interest each minute where the budget allows it for every
 * symbol, else at the history endpoint's step (each row says which). Rows are flushed every
 * second; an hourly line gives disk use, rows per day, gaps and REST use.
 */
import type { Exchange } from 'ccxt';
import WebSocket from 'ws';
import { amountProblem } from '../../core/bounds';
import { TIMEFRAME_MS, type Timeframe } from '../../core/timeframes';
import type { ExchangeId, OpenInterestSample } from '../../core/types';
import { EXCHANGE_REST } from '../../exchanges/rest';
import { rebaseUrlTree } from '../../market/ccxtEndpoints';
import { MarketHistory } from '../../market/history';
import { LiquidationStream, streamUrl, type SocketLike } from '../../market/liquidationStream';
import { budgetDef, RestBudget } from './budget';
import type { RecordingDb } from './db';

export interface RecorderTiming {
  /** Rows are committed this often: at most this much is lost to `kill -9`. */
  flushMs: number;
  /** How often each symbol's closed candles are fetched (exchange time). */
  candlePollMs: number;
  /** Listings reloaded (exchange time). */
  listingMs: number;
  /** The report line (exchange time). */
  reportMs: number;
}

export const REAL_TIMING: RecorderTiming = { flushMs: 1_000, candlePollMs: 60_000, listingMs: 10 * 60_000, reportMs: 3_600_000 };

export interface RecorderOptions {
  db: RecordingDb;
  exchanges: readonly ExchangeId[];
  /** 'all': every linear USDT perpetual listed, followed as listings change. */
  symbols: 'all' | readonly string[];
  timeframe: Timeframe;
  /** A replay exchange's base URL, or the real exchanges where absent. */
  source?: string;
  /** The exchanges' clock (the wall clock live; the replay's in tests). */
  now?: () => number;
  /** Real milliseconds between timer ticks, for a replay faster than real time (timing ÷ speed). */
  timing?: Partial<RecorderTiming>;
  /** Stream reconnect backoff (tests shorten it). */
  backoffBaseMs?: number;
  log?: (line: string) => void;
}

/** What one exchange's recorder is doing. */
export interface ExchangeState {
  exchange: ExchangeId;
  symbols: string[];
  /** 'current' each minute for every symbol, or the history endpoint's step. */
  openInterestMode: 'current' | 'history';
  openInterestStepMs: number;
  budget: RestBudget;
  restErrors: number;
  stream: LiquidationStream;
}

export class Recorder {
  private readonly timing: RecorderTiming;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private readonly states: ExchangeState[] = [];
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly rounds = new Map<ExchangeId, Promise<void>>();
  private stopped = false;
  private reportFrom = 0;

  constructor(private readonly o: RecorderOptions) {
    this.timing = { ...REAL_TIMING, ...o.timing };
    this.now = o.now ?? Date.now;
    this.log = o.log ?? (() => {});
  }

  get exchanges(): readonly ExchangeState[] {
    return this.states;
  }

  /** Lists the markets, subscribes, backfills; resolves once every exchange's first round is done. */
  async start(): Promise<void> {
    this.reportFrom = this.now();
    for (const id of this.o.exchanges) this.states.push(await this.open(id));
    await Promise.all(this.states.map((s) => this.round(s)));
    this.timers.push(setInterval(() => void this.flush(), this.timing.flushMs));
    this.timers.push(setInterval(() => this.states.forEach((s) => void this.round(s)), this.timing.candlePollMs));
    this.timers.push(setInterval(() => this.states.forEach((s) => void this.relist(s)), this.timing.listingMs));
    this.timers.push(setInterval(() => void this.report(), this.timing.reportMs));
  }

  /** Stops the streams and timers, finishes the round under way, and commits what is waiting. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearInterval);
    for (const s of this.states) s.stream.stop();
    await Promise.all(this.rounds.values());
    await this.flush();
  }

  private history = new Map<ExchangeId, { client: Exchange; history: MarketHistory }>();

  private async open(id: ExchangeId): Promise<ExchangeState> {
    // The recorder's own budget spaces the requests (ccxt's limiter knows nothing of a replay's speed).
    const client = EXCHANGE_REST[id].client({ enableRateLimit: false, timeout: 10_000 });
    if (this.o.source) client.urls['api'] = rebaseUrlTree(client.urls['api'] as never, this.o.source) as typeof client.urls['api'];
    // The exchange's candles say which bars have closed, so no local clock decides (see candles()).
    const history = new MarketHistory(id, client, { now: () => Number.POSITIVE_INFINITY, backoffBaseMs: 200 });
    this.history.set(id, { client, history });
    const budget = new RestBudget(id, this.now);
    await budget.take(1);
    const symbols = await this.listing(id, true);
    const coverage = await this.o.db.coverage(id);
    const stream = new LiquidationStream({
      exchange: id,
      url: streamUrl(id, this.o.source),
      socket: (url) => new WebSocket(url) as unknown as SocketLike,
      now: this.now,
      allMarket: this.o.symbols === 'all',
      ...(this.o.backoffBaseMs !== undefined ? { backoffBaseMs: this.o.backoffBaseMs, backoffMaxMs: this.o.backoffBaseMs * 20 } : {}),
      // The all-market stream carries every margin asset: USDT perpetuals are what is recorded.
      onPrints: (prints) => this.o.db.addPrints(this.o.symbols === 'all' ? prints.filter((p) => p.symbol.endsWith('USDT')) : prints),
      onGap: (gap) => {
        for (const symbol of gap.symbols) this.o.db.addGap({ exchange: id, symbol, from: gap.from, to: gap.to, reason: gap.reason });
        this.log(`${id}: print gap ${gap.symbols.join(',')} ${iso(gap.from)} → ${iso(gap.to)} (${gap.reason})`);
      },
      onLive: (live, at) => {
        // A previous run covered these up to a point: what lies between is a gap the exchange never resends.
        for (const symbol of live) {
          const until = coverage.get(symbol);
          coverage.delete(symbol);
          if (until !== undefined && until < at) this.o.db.addGap({ exchange: id, symbol, from: until, to: at, reason: 'recorder not running' });
        }
      },
    });
    stream.setSymbols(symbols);
    const state: ExchangeState = { exchange: id, symbols, budget, restErrors: 0, stream, ...this.openInterestPlan(id, symbols.length) };
    this.log(`${id}: ${symbols.length} symbols; open interest ${state.openInterestMode === 'current' ? 'each minute' : `every ${state.openInterestStepMs / 60_000} min (history endpoint)`}; REST budget ${budget.perMinute} ${budgetDef(id).unit}/min`);
    return state;
  }

  /** Each minute for every symbol where a round (klines + open interest) fits the budget, else the history step. */
  private openInterestPlan(id: ExchangeId, symbols: number): Pick<ExchangeState, 'openInterestMode' | 'openInterestStepMs'> {
    const def = budgetDef(id);
    const perMinute = symbols * 2; // a round a minute: one small klines page and one sample per symbol
    const fits = def.currentOpenInterestStepMs !== null && perMinute <= def.limitPerMinute * 0.5 * 0.8;
    return fits ? { openInterestMode: 'current', openInterestStepMs: def.currentOpenInterestStepMs! } : { openInterestMode: 'history', openInterestStepMs: TIMEFRAME_MS[def.historyPeriod] };
  }

  /** Every linear USDT perpetual listed (for 'all'), or the chosen symbols that are listed. */
  private async listing(id: ExchangeId, first: boolean): Promise<string[]> {
    const { client, history } = this.history.get(id)!;
    await history.call(() => client.loadMarkets(!first));
    const listed = new Set(
      Object.values(client.markets ?? {})
        .filter((m) => m && m.swap && m.linear && m.quote === 'USDT' && m.settle === 'USDT' && m.active !== false)
        .map((m) => `${m!.base}${m!.quote}`.toUpperCase()),
    );
    if (this.o.symbols === 'all') return [...listed].sort();
    const missing = this.o.symbols.filter((s) => !listed.has(s));
    if (first && missing.length === this.o.symbols.length) throw new Error(`${missing.join(', ')} ${missing.length === 1 ? 'is not a USDT-margined perpetual' : 'are not USDT-margined perpetuals'} on ${id}`);
    if (missing.length > 0 && first) this.log(`${id}: not listed, left out: ${missing.join(', ')}`);
    return this.o.symbols.filter((s) => listed.has(s));
  }

  private async relist(s: ExchangeState): Promise<void> {
    if (this.stopped) return;
    try {
      await s.budget.take(1);
      const symbols = await this.listing(s.exchange, false);
      const added = symbols.filter((x) => !s.symbols.includes(x));
      const removed = s.symbols.filter((x) => !symbols.includes(x));
      if (added.length === 0 && removed.length === 0) return;
      s.symbols = symbols;
      s.stream.setSymbols(symbols);
      Object.assign(s, this.openInterestPlan(s.exchange, symbols.length));
      this.log(`${s.exchange}: listing changed: ${added.length ? `+${added.join(',')}` : ''}${removed.length ? ` -${removed.join(',')}` : ''}`);
    } catch (error) {
      s.restErrors++;
      this.log(`${s.exchange}: listing: ${message(error)}`);
    }
  }

  /** One pass over every symbol: closed candles, and open interest where due. One at a time per exchange. */
  private round(s: ExchangeState): Promise<void> {
    const previous = this.rounds.get(s.exchange);
    if (previous) return previous; // still busy: this tick is skipped, the next resumes where it ends
    const run = (async () => {
      for (const symbol of [...s.symbols]) {
        if (this.stopped) return;
        await this.step(s, `${symbol} candles`, () => this.candles(s, symbol));
        if (this.stopped) return;
        await this.step(s, `${symbol} open interest`, () => this.openInterest(s, symbol));
      }
    })().finally(() => this.rounds.delete(s.exchange));
    this.rounds.set(s.exchange, run);
    return run;
  }

  private async step(s: ExchangeState, what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      // A REST error or a rate-limit answer that outlasted MarketHistory's retries: the next round resumes from the file.
      s.restErrors++;
      // Once per report period for each kind of failure: a symbol failing every minute is one line an hour.
      const said = `${s.exchange}: ${what}: ${message(error)}`;
      if (!this.said.has(said)) this.log(said);
      this.said.add(said);
    }
  }

  private readonly said = new Set<string>();

  /** Closed candles from the newest stored one on; the newest bar of each answer may be forming and waits. */
  private async candles(s: ExchangeState, symbol: string): Promise<void> {
    const { history } = this.history.get(s.exchange)!;
    const tf = this.o.timeframe;
    const tfMs = TIMEFRAME_MS[tf];
    const key = `${s.exchange} ${symbol}`;
    // The cursor lives here (rows wait up to a second for their commit); the file sets it at start.
    if (!this.lastCandle.has(key)) this.lastCandle.set(key, await this.o.db.lastCandleTime(s.exchange, symbol, tf));
    const stored = this.lastCandle.get(key)!;
    let since: number | undefined = stored === null ? undefined : stored + tfMs;
    // A small page weighs least; a full one means there is more to catch up, in big pages.
    let rows = stored === null ? 2 : 10;
    for (;;) {
      await s.budget.take(budgetDef(s.exchange).klinesWeight(rows));
      const page = await history.klines(symbol, tf, since, rows);
      const closed = page.filter((c) => since === undefined || c.time >= since).slice(0, -1);
      this.o.db.addCandles(s.exchange, symbol, tf, closed);
      if (closed.length > 0) this.lastCandle.set(key, closed.at(-1)!.time);
      if (closed.length === 0 || page.length < rows) return;
      since = closed.at(-1)!.time + tfMs;
      rows = budgetDef(s.exchange).catchUpRows;
    }
  }

  /** Newest candle and open-interest time per `exchange symbol`, written or waiting. */
  private readonly lastCandle = new Map<string, number | null>();
  private readonly lastOi = new Map<string, number | null>();

  private async openInterest(s: ExchangeState, symbol: string): Promise<void> {
    const key = `${s.exchange} ${symbol}`;
    if (!this.lastOi.has(key)) this.lastOi.set(key, await this.o.db.lastOpenInterestTime(s.exchange, symbol));
    const add = (samples: OpenInterestSample[], stepMs: number, source: 'current' | 'history') => {
      const fresh = samples.filter((x) => x.time > (this.lastOi.get(key) ?? -Infinity) && amountProblem('open interest', x.openInterest, false) === null);
      this.o.db.addOpenInterest(s.exchange, symbol, fresh, stepMs, source);
      if (fresh.length > 0) this.lastOi.set(key, Math.max(...fresh.map((x) => x.time)));
    };
    const { history } = this.history.get(s.exchange)!;
    const last = this.lastOi.get(key)!;
    const now = this.now();
    const step = TIMEFRAME_MS[budgetDef(s.exchange).historyPeriod];
    // After a stop (or on the history plan), the history endpoint fills the time since the last sample.
    if (last !== null && (s.openInterestMode === 'history' || now - last > 2 * 60_000)) {
      if (now - last >= step) {
        await s.budget.take(1);
        add(await history.openInterest(symbol, budgetDef(s.exchange).historyPeriod, last + 1, now), step, 'history');
      }
      if (s.openInterestMode === 'history') return;
    }
    if (s.openInterestMode === 'history') {
      if (last === null) {
        await s.budget.take(1);
        add(await history.openInterest(symbol, budgetDef(s.exchange).historyPeriod, now - 2 * step, now), step, 'history');
      }
      return;
    }
    await s.budget.take(1);
    add([await history.currentOpenInterest(symbol)], s.openInterestStepMs, 'current');
  }

  private async flush(): Promise<void> {
    const now = this.now();
    for (const s of this.states) if (s.stream.stats.state === 'live') this.o.db.covered(s.exchange, s.stream.subscribed, now);
    try {
      await this.o.db.flush();
    } catch (error) {
      this.log(`writing to ${this.o.db.path} failed: ${message(error)}`);
    }
  }

  /** The hourly line: disk use, rows per day (today and yesterday), gaps and REST use. */
  async report(): Promise<string> {
    const now = this.now();
    const day = 86_400_000;
    const perDay = await this.o.db.rowsPerDay(Math.floor(now / day) * day - day);
    const bytes = await this.o.db.bytes();
    const days = [...new Set(perDay.map((r) => r.day))];
    const lines = [
      `${iso(now)}: ${(bytes / 1e6).toFixed(1)} MB on disk`,
      ...days.map((d) => `  ${d}: ${perDay.filter((r) => r.day === d).map((r) => `${r.rows} ${r.table}`).join(', ')}`),
      ...this.states.map((s) => {
        const use = s.budget.use(this.reportFrom, now);
        return `  ${s.exchange}: ${s.symbols.length} symbols, stream ${s.stream.stats.state}, ${s.stream.stats.gaps} gaps, ${s.stream.stats.reconnects} reconnects, REST ${use.meanPerMinute.toFixed(0)}/min mean, ${use.maxPerMinute}/min most of ${s.budget.perMinute} budget (${s.restErrors} errors)`;
      }),
    ];
    this.reportFrom = now;
    this.said.clear();
    for (const line of lines) this.log(line);
    return lines.join('\n');
  }
}

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : String(error);
}
