/**
 * Market history over REST through ccxt: candles, open interest, taker volume and
 * maintenance-margin tiers, paged across the exchanges' row limits, de-duplicated and in time
 * order. ccxt's limiter spaces the requests; a 429 backs off and retries; a 418 (Binance's ban)
 * stops that exchange until the ban ends, and says so.
 */
import type { Exchange } from 'ccxt';
import { TIMEFRAME_MS, type Timeframe } from '../core/timeframes';
import type { Candle, ExchangeId, OpenInterestSample } from '../core/types';
import { defaultBinanceTiers, type MarginTier } from '../core/marginTiers';
import { fetchKlines } from './klines';

/** Taker buy and sell volume of one period, in the base coin (Binance's takerlongshortRatio). */
export interface TakerVolume {
  time: number;
  buy: number;
  sell: number;
}

/** The exchange banned this client (HTTP 418): nothing is requested from it until `until`. */
export class ExchangeBannedError extends Error {
  constructor(readonly exchange: ExchangeId, readonly until: number) {
    super(`${exchange === 'binance' ? 'Binance' : 'Bybit'} has banned requests from this address (HTTP 418); LiqLens stops asking it until ${new Date(until).toISOString().slice(11, 19)} UTC`);
    this.name = 'ExchangeBannedError';
  }
}

// Rows per request. Binance allows 1,500 klines; 1,000 keeps the pages ccxt's unified call used.
const PAGE = { binance: { klines: 1000, oi: 500 }, bybit: { klines: 1000, oi: 200 } } as const;
/** Open-interest periods both exchanges serve, with Bybit's names for them. */
const BYBIT_OI_INTERVAL: Partial<Record<Timeframe, string>> = { '5m': '5min', '15m': '15min', '30m': '30min', '1h': '1h', '4h': '4h', '1d': '1d' };
const BAN_MS = 10 * 60_000;
const MAX_RETRIES = 4;

export interface HistoryOptions {
  /** Waits between retries of a 429 (ms); tests shorten it. */
  backoffBaseMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class MarketHistory {
  private bannedUntil = 0;
  private readonly backoffBaseMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests made, for tests and the popup. */
  requests = 0;

  constructor(
    readonly exchange: ExchangeId,
    private readonly client: Exchange,
    options: HistoryOptions = {},
  ) {
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
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
      const rows = await this.call(() => fetchKlines(this.client, this.exchange, symbol, market, timeframe, since, PAGE[this.exchange].klines));
      let newest = -Infinity;
      for (const candle of rows) {
        const t = candle.time;
        if (t < since || t >= to || t + tfMs > this.now()) continue;
        const last = out.at(-1);
        if (last && t === last.time) out[out.length - 1] = candle; // the refetched bar
        else if (!last || t > last.time) out.push(candle);
        newest = Math.max(newest, t);
      }
      // A short page reached the present; a page of nothing newer than its first bar, the end.
      if (rows.length < PAGE[this.exchange].klines || !(newest > since)) break;
      since = newest;
    }
    return out;
  }

  /** The newest `limit` candles as the exchange has them now, oldest first; the last is still forming. */
  async latestCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<Candle[]> {
    const market = await this.perpetual(symbol);
    return this.call(() => fetchKlines(this.client, this.exchange, symbol, market, timeframe, undefined, limit));
  }

  /** Open interest now, in the base coin, with the exchange's time of it. */
  async currentOpenInterest(symbol: string): Promise<OpenInterestSample> {
    const market = await this.perpetual(symbol);
    const oi = await this.call(() => this.client.fetchOpenInterest(market));
    return sample(Number(oi.timestamp), Number(oi.openInterestAmount));
  }

  /** Open interest at `period` boundaries in [from, to], oldest first. */
  async openInterest(symbol: string, period: Timeframe, from: number, to: number): Promise<OpenInterestSample[]> {
    await this.perpetual(symbol);
    const rows = this.exchange === 'binance' ? await this.binanceOpenInterest(symbol, period, from, to) : await this.bybitOpenInterest(symbol, period, from, to);
    return dedupeByTime(rows);
  }

  /** Taker buy/sell volume of the periods opening in [from, to) (Binance only; Bybit publishes no such history). */
  async takerVolume(symbol: string, period: Timeframe, from: number, to: number): Promise<TakerVolume[]> {
    if (this.exchange !== 'binance') return [];
    await this.perpetual(symbol);
    const out: TakerVolume[] = [];
    for (let start = from; start <= to; ) {
      const end = Math.min(to, start + PAGE.binance.oi * TIMEFRAME_MS[period]);
      const rows = (await this.call(() => this.implicit('fapiDataGetTakerlongshortRatio', { symbol, period, startTime: start, endTime: end, limit: PAGE.binance.oi }))) as { buyVol: string; sellVol: string; timestamp: number | string }[];
      for (const r of rows) out.push({ time: Number(r.timestamp), buy: Number(r.buyVol), sell: Number(r.sellVol) });
      start = end + 1;
    }
    return dedupeByTime(out.filter((r) => r.time >= from && r.time < to && Number.isFinite(r.buy) && Number.isFinite(r.sell)));
  }

  /**
   * Maintenance-margin tiers: Bybit's public risk-limit table; for Binance, whose brackets need
   * a signed request, the shipped default table.
   */
  async marginTiers(symbol: string): Promise<{ tiers: readonly MarginTier[]; source: 'exchange' | 'default' }> {
    if (this.exchange === 'binance') return { tiers: defaultBinanceTiers(symbol), source: 'default' };
    await this.perpetual(symbol);
    const result = (await this.call(() => this.implicit('publicGetV5MarketRiskLimit', { category: 'linear', symbol }))) as { result?: { list?: { riskLimitValue: string; maintenanceMargin: string; maxLeverage: string }[] } };
    let floor = 0;
    const tiers: MarginTier[] = [];
    for (const row of (result.result?.list ?? []).slice().sort((a, b) => Number(a.riskLimitValue) - Number(b.riskLimitValue))) {
      const cap = Number(row.riskLimitValue);
      const rate = Number(row.maintenanceMargin);
      const maxLeverage = Number(row.maxLeverage);
      if (!(cap > floor) || !(rate > 0 && rate < 1) || !(maxLeverage >= 1)) continue;
      tiers.push({ maxNotional: cap, maintenanceMarginRate: rate, maxLeverage });
      floor = cap;
    }
    if (tiers.length === 0) throw new Error(`Bybit sent no usable risk-limit tiers for ${symbol}`);
    return { tiers, source: 'exchange' };
  }

  // ── paging per exchange ───────────────────────────────────────────────────────────────────

  private async binanceOpenInterest(symbol: string, period: Timeframe, from: number, to: number): Promise<OpenInterestSample[]> {
    const out: OpenInterestSample[] = [];
    const pageMs = PAGE.binance.oi * TIMEFRAME_MS[period];
    for (let start = from; start <= to; start += pageMs) {
      const end = Math.min(to, start + pageMs - 1);
      const rows = (await this.call(() => this.implicit('fapiDataGetOpenInterestHist', { symbol, period, startTime: start, endTime: end, limit: PAGE.binance.oi }))) as { sumOpenInterest: string; sumOpenInterestValue: string; timestamp: number | string }[];
      for (const r of rows) out.push(sample(Number(r.timestamp), Number(r.sumOpenInterest), r.sumOpenInterestValue === '' ? undefined : Number(r.sumOpenInterestValue)));
    }
    return out;
  }

  /** Bybit pages newest first by an opaque cursor. */
  private async bybitOpenInterest(symbol: string, period: Timeframe, from: number, to: number): Promise<OpenInterestSample[]> {
    const intervalTime = BYBIT_OI_INTERVAL[period];
    if (!intervalTime) throw new Error(`Bybit has no open-interest history at ${period}`);
    const out: OpenInterestSample[] = [];
    let cursor = '';
    for (let page = 0; page < 1_000; page++) {
      const params = { category: 'linear', symbol, intervalTime, startTime: from, endTime: to, limit: PAGE.bybit.oi, ...(cursor ? { cursor } : {}) };
      const response = (await this.call(() => this.implicit('publicGetV5MarketOpenInterest', params))) as { result?: { list?: { openInterest: string; timestamp: string }[]; nextPageCursor?: string } };
      for (const r of response.result?.list ?? []) out.push(sample(Number(r.timestamp), Number(r.openInterest)));
      cursor = response.result?.nextPageCursor ?? '';
      if (!cursor) break;
    }
    return out;
  }

  // ── requests ──────────────────────────────────────────────────────────────────────────────

  private marketsLoaded: Promise<unknown> | undefined;

  /** Checks that `symbol` is a linear perpetual here; returns its ccxt symbol. */
  private async perpetual(symbol: string): Promise<string> {
    this.marketsLoaded ??= this.call(() => this.client.loadMarkets()).catch((error: unknown) => {
      this.marketsLoaded = undefined;
      throw error;
    });
    await this.marketsLoaded;
    const byId = (this.client.markets_by_id?.[symbol] ?? []) as { symbol: string; swap?: boolean; linear?: boolean }[];
    const market = byId.find((m) => m.swap && m.linear);
    if (!market) throw new Error(`${symbol} is not a USDT-margined perpetual on ${this.exchange === 'binance' ? 'Binance' : 'Bybit'}`);
    return market.symbol;
  }

  private implicit(method: string, params: Record<string, unknown>): Promise<unknown> {
    const fn = (this.client as unknown as Record<string, (p: Record<string, unknown>) => Promise<unknown>>)[method];
    if (typeof fn !== 'function') throw new Error(`ccxt has no ${method} on ${this.exchange}`);
    return fn.call(this.client, params);
  }

  /** One request under the ban and the 429 backoff (the candle feed's requests go through here too). */
  async call<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.now() < this.bannedUntil) throw new ExchangeBannedError(this.exchange, this.bannedUntil);
      try {
        this.requests++;
        return await request();
      } catch (error) {
        const status = httpStatus(error);
        if (status === 418) {
          this.bannedUntil = this.now() + BAN_MS;
          throw new ExchangeBannedError(this.exchange, this.bannedUntil);
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

function sample(time: number, openInterest: number, openInterestValue?: number): OpenInterestSample {
  return openInterestValue !== undefined && Number.isFinite(openInterestValue) ? { time, openInterest, openInterestValue } : { time, openInterest };
}

function dedupeByTime<T extends { time: number }>(rows: T[]): T[] {
  const byTime = new Map<number, T>();
  for (const r of rows) if (Number.isFinite(r.time)) byTime.set(r.time, r);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
