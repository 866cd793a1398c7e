/**
 * Market history over REST through ccxt: candles, open interest, taker volume and
 * maintenance-margin tiers, paged across the exchanges' row limits, de-duplicated and in time
 * order. ccxt's limiter spaces the requests; a 429 backs off and retries; a 418 (Binance's ban)
 * stops that exchange until the ban ends, and says so.
 */
import { BadSymbol, type Exchange } from 'ccxt';
import { TIMEFRAME_MS, type Timeframe } from '../core/timeframes';
import type { Candle, ExchangeId, OpenInterestSample } from '../core/types';
import type { MarginTier } from '../core/marginTiers';
import { exchangeName } from '../exchanges';
import { EXCHANGE_REST, type ExchangeRest, type RestCalls, type TakerVolume } from '../exchanges/rest';
import { openInterestSample, unifiedKlines } from '../exchanges/shared/restTypes';
import type { RestQueue, RestWork } from './restQueue';

export type { TakerVolume };

/** The exchange banned this client (HTTP 418): nothing is requested from it until `until`. */
export class ExchangeBannedError extends Error {
  constructor(readonly exchange: ExchangeId, readonly until: number) {
    super(`${exchangeName(exchange)} has banned requests from this address (HTTP 418); LiqLens stops asking it until ${new Date(until).toISOString().slice(11, 19)} UTC`);
    this.name = 'ExchangeBannedError';
  }
}

const BAN_MS = 10 * 60_000;
const MAX_RETRIES = 4;

export interface HistoryOptions {
  /** Waits between retries of a 429 (ms); tests shorten it. */
  backoffBaseMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Orders the requests (the extension's: a tab's first candles first; src/market/restQueue.ts); none, in the order made. */
  queue?: RestQueue;
}

/** What every view of one client shares (`as` makes views that differ only in their work). */
interface Shared {
  bannedUntil: number;
  marketsLoaded: Promise<unknown> | undefined;
  requests: number;
}

export class MarketHistory implements RestCalls {
  private readonly shared: Shared = { bannedUntil: 0, marketsLoaded: undefined, requests: 0 };
  /** Whose requests these are, for the queue; the exchange's own (its market list) by default. */
  private readonly work: RestWork = { owner: '', priority: 'first' };
  private readonly queue: RestQueue | undefined;
  private readonly rest: ExchangeRest;
  private readonly backoffBaseMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests made, for tests and the popup. */
  get requests(): number {
    return this.shared.requests;
  }

  constructor(
    readonly exchange: ExchangeId,
    private readonly client: Exchange,
    options: HistoryOptions = {},
  ) {
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.rest = EXCHANGE_REST[exchange];
    this.queue = options.queue;
  }

  /** This client, its requests queued as `work` (a feed's first candles, its refresh, its backfill). */
  as(work: RestWork): MarketHistory {
    return Object.create(this, { work: { value: work } }) as MarketHistory;
  }

  /**
   * Candles with open time in [from, to), oldest first, paged forward until a page comes back
   * short (the present). Each page starts at the previous page's newest bar, which may have been
   * forming when fetched: the refetch replaces it. So only the newest bar can be a forming one;
   * bars not closed by this instance's clock are left out.
   */
  async candles(symbol: string, timeframe: Timeframe, from: number, to: number): Promise<Candle[]> {
    const market = await this.perpetual(symbol);
    const tfMs = TIMEFRAME_MS[timeframe];
    const out: Candle[] = [];
    let since = Math.ceil(from / tfMs) * tfMs;
    while (since < to) {
      const rows = await this.call(() => this.fetchKlines(symbol, market, timeframe, since, this.rest.pages.klines));
      let newest = -Infinity;
      for (const candle of rows) {
        const t = candle.time;
        if (t < since || t >= to || t + tfMs > this.now()) continue;
        const last = out.at(-1);
        if (last && t === last.time) out[out.length - 1] = candle; // the refetched bar
        else if (!last || t > last.time) out.push(candle);
        newest = Math.max(newest, t);
      }
      if (!this.rest.pages.klinesByTime) {
        // Paged by count: a short page reached the present; a page of nothing newer than its first bar, the end.
        if (rows.length < this.rest.pages.klines || !(newest > since)) break;
        since = newest;
        continue;
      }
      // Paged by time window: a short page is the present only where its window reaches now;
      // elsewhere it crossed a gap in the data, and an empty window in the past is skipped. Without
      // a clock of its own (the recorder's is the exchange's, +∞), nothing newer is the present.
      const windowEnd = since + this.rest.pages.klines * tfMs;
      if (rows.length < this.rest.pages.klines && windowEnd > this.now()) break;
      if (newest > since) since = newest;
      else if (Number.isFinite(this.now())) since = windowEnd;
      else break;
    }
    return out;
  }

  /** The most candles one request of the exchange returns. */
  get klinesPage(): number {
    return this.rest.pages.klines;
  }

  /** The newest `limit` candles as the exchange has them now, oldest first; the last is still forming. */
  async latestCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]> {
    return this.klines(symbol, timeframe, undefined, limit);
  }

  /** One request's candles from `since` (or the newest), oldest first, as the exchange returns them (the last may be forming). */
  async klines(symbol: string, timeframe: Timeframe, since: number | undefined, limit: number): Promise<Candle[]> {
    const market = await this.perpetual(symbol);
    return this.call(() => this.fetchKlines(symbol, market, timeframe, since, limit));
  }

  private fetchKlines(symbol: string, ccxtSymbol: string, timeframe: Timeframe, since: number | undefined, limit: number): Promise<Candle[]> {
    return this.rest.klines ? this.rest.klines(this.client, symbol, timeframe, since, limit) : unifiedKlines(this.client, ccxtSymbol, timeframe, since, limit);
  }

  /** Open interest now, in the base coin, with the exchange's time of it. */
  async currentOpenInterest(symbol: string): Promise<OpenInterestSample> {
    const market = await this.perpetual(symbol);
    if (this.rest.currentOpenInterest) return this.rest.currentOpenInterest(this, symbol);
    const oi = await this.call(() => this.client.fetchOpenInterest(market));
    return openInterestSample(Number(oi.timestamp), Number(oi.openInterestAmount));
  }

  /** Open interest at `period` boundaries in [from, to], oldest first. */
  async openInterest(symbol: string, period: Timeframe, from: number, to: number): Promise<OpenInterestSample[]> {
    await this.perpetual(symbol);
    return dedupeByTime(await this.rest.openInterest(this, symbol, period, from, to));
  }

  /** Taker buy/sell volume of the periods opening in [from, to) (where the exchange publishes it; else none). */
  async takerVolume(symbol: string, period: Timeframe, from: number, to: number): Promise<TakerVolume[]> {
    if (!this.rest.takerVolume) return [];
    await this.perpetual(symbol);
    const rows = await this.rest.takerVolume(this, symbol, period, from, to);
    return dedupeByTime(rows.filter((r) => r.time >= from && r.time < to && Number.isFinite(r.buy) && Number.isFinite(r.sell)));
  }

  /** Maintenance-margin tiers: the exchange's public table, or the shipped default where it has none without a signature. */
  async marginTiers(symbol: string): Promise<{ tiers: readonly MarginTier[]; source: 'exchange' | 'default' }> {
    return this.rest.marginTiers(this, symbol);
  }

  // ── requests ──────────────────────────────────────────────────────────────────────────────

  private marketsLoaded: Promise<unknown> | undefined;

  /** Checks that `symbol` is a linear perpetual here; returns its ccxt symbol. */
  async perpetual(symbol: string): Promise<string> {
    const shared = this.shared;
    shared.marketsLoaded ??= this.call(() => this.client.loadMarkets()).catch((error: unknown) => {
      shared.marketsLoaded = undefined;
      throw error;
    });
    await shared.marketsLoaded;
    const byId = (this.client.markets_by_id?.[this.rest.marketId(symbol)] ?? []) as { symbol: string; swap?: boolean; linear?: boolean }[];
    const market = byId.find((m) => m.swap && m.linear);
    if (!market) throw new BadSymbol(`${symbol} is not a USDT-margined perpetual on ${exchangeName(this.exchange)}`);
    return market.symbol;
  }

  implicit(method: string, params: Record<string, unknown>): Promise<unknown> {
    const fn = (this.client as unknown as Record<string, (p: Record<string, unknown>) => Promise<unknown>>)[method];
    if (typeof fn !== 'function') throw new Error(`ccxt has no ${method} on ${this.exchange}`);
    return fn.call(this.client, params);
  }

  /** One request under the ban and the 429 backoff (the candle feed's requests go through here too). */
  async call<T>(request: () => Promise<T>): Promise<T> {
    const shared = this.shared;
    const send = () => {
      if (this.now() < shared.bannedUntil) throw new ExchangeBannedError(this.exchange, shared.bannedUntil);
      shared.requests++;
      return request();
    };
    for (let attempt = 0; ; attempt++) {
      try {
        return await (this.queue ? this.queue.run(this.work, send) : send());
      } catch (error) {
        if (error instanceof ExchangeBannedError) throw error;
        const status = httpStatus(error);
        if (status === 418) {
          shared.bannedUntil = this.now() + BAN_MS;
          throw new ExchangeBannedError(this.exchange, shared.bannedUntil);
        }
        if (status !== 429 || attempt >= MAX_RETRIES) throw error;
        await this.sleep(this.backoffBaseMs * 2 ** attempt * (0.75 + Math.random() * 0.5));
      }
    }
  }
}

/** The HTTP status in a ccxt error (its message carries the status and the body). */
export function httpStatus(error: unknown): number | null {
  const text = error instanceof Error ? error.message : String(error);
  if (/\b418\b|IP banned/i.test(text)) return 418;
  if (/\b429\b|Too many (requests|visits)/i.test(text)) return 429;
  return null;
}

function dedupeByTime<T extends { time: number }>(rows: T[]): T[] {
  const byTime = new Map<number, T>();
  for (const r of rows) if (Number.isFinite(r.time)) byTime.set(r.time, r);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
