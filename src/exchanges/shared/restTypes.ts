/**
 * An exchange's REST specifics over its ccxt client: the client, page sizes, and the history
 * endpoints ccxt has no unified call for (reached through ccxt's implicit API, under its limiter).
 * Background and Node only: this side imports ccxt, which the pages never load.
 */
import type { Exchange } from 'ccxt';
import type { MarginTier } from '../../core/marginTiers';
import type { Timeframe } from '../../core/timeframes';
import type { Candle, OpenInterestSample } from '../../core/types';

/** Taker buy and sell volume of one period, in the base coin (Binance's takerlongshortRatio). */
export interface TakerVolume {
  time: number;
  buy: number;
  sell: number;
}

/** How an exchange's REST module makes requests: under MarketHistory's ban and 429 backoff. */
export interface RestCalls {
  call<T>(request: () => Promise<T>): Promise<T>;
  /** Checks that LiqLens's `symbol` is a USDT-margined perpetual there (markets loaded once); its ccxt symbol. */
  perpetual(symbol: string): Promise<string>;
  /** A ccxt implicit-API method by name, e.g. `fapiDataGetOpenInterestHist`. */
  implicit(method: string, params: Record<string, unknown>): Promise<unknown>;
}

/** The exchange's published REST limit, as the recorder spends it (src/cli/recording/budget.ts). */
export interface BudgetDef {
  /** The exchange's published limit per minute, in its unit. */
  limitPerMinute: number;
  unit: string;
  /** What a klines request of `rows` weighs. */
  klinesWeight(rows: number): number;
  /** Rows per catch-up page of klines (the most rows per unit of weight). */
  catchUpRows: number;
  /** The finest open-interest step its "now" endpoint gives (ms), or null where only the history endpoint's period exists. */
  currentOpenInterestStepMs: number | null;
  /** The history endpoint's finest period. */
  historyPeriod: '5m';
}

export interface ExchangeRest {
  /** A ccxt client loading only USDT-margined perpetuals, which is all LiqLens reads. */
  client(config: { enableRateLimit: boolean; timeout?: number }): Exchange;
  /**
   * Rows per request; `klinesByTime` where a candle request names a time window rather than a
   * start and a count (OKX), so a short page may be a gap in the data, not the present.
   */
  pages: { klines: number; openInterest: number; klinesByTime?: boolean };
  /** The exchange's market id of LiqLens's symbol (BTCUSDT), as ccxt's `markets_by_id` keys it. */
  marketId(symbol: string): string;
  /** Candles from `since` (or the newest), oldest first; omitted: ccxt's unified fetchOHLCV. Symbols here are LiqLens's (BTCUSDT). */
  klines?(client: Exchange, symbol: string, timeframe: Timeframe, since: number | undefined, limit: number): Promise<Candle[]>;
  /** Open interest now (base coin); omitted where ccxt's unified `openInterestAmount` is already in the base coin. */
  currentOpenInterest?(rest: RestCalls, symbol: string): Promise<OpenInterestSample>;
  /** Open interest (base coin) at `period` boundaries in [from, to]. */
  openInterest(rest: RestCalls, symbol: string, period: Timeframe, from: number, to: number): Promise<OpenInterestSample[]>;
  /** Taker buy/sell volume; omitted where the exchange publishes no such history. */
  takerVolume?(rest: RestCalls, symbol: string, period: Timeframe, from: number, to: number): Promise<TakerVolume[]>;
  marginTiers(rest: RestCalls, symbol: string): Promise<{ tiers: readonly MarginTier[]; source: 'exchange' | 'default' }>;
  /** Its published per-IP limit, for the recorder's budget. */
  budget: BudgetDef;
}

export function openInterestSample(time: number, openInterest: number, openInterestValue?: number): OpenInterestSample {
  return openInterestValue !== undefined && Number.isFinite(openInterestValue) ? { time, openInterest, openInterestValue } : { time, openInterest };
}

/** ccxt's unified OHLCV rows as candles. */
export async function unifiedKlines(client: Exchange, ccxtSymbol: string, timeframe: Timeframe, since: number | undefined, limit: number): Promise<Candle[]> {
  const rows = await client.fetchOHLCV(ccxtSymbol, timeframe, since, limit);
  return rows.map(([time, open, high, low, close, volume]) => ({ time: Number(time), open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume) }));
}
