/**
 * Candles through ccxt, from the real exchange or from a replay exchange that speaks its
 * wire format. ccxt is imported from its package root (its exports map blocks deep imports;
 * unused exchanges are tree-shaken away).
 */
import { BadSymbol, DDoSProtection, ExchangeNotAvailable, NetworkError, RateLimitExceeded } from 'ccxt';
import type { Exchange } from 'ccxt';
import type { Candle, ExchangeId } from '../core/types';
import type { Timeframe } from '../core/timeframes';
import type { DataSource } from '../settings/dataSource';
import { exchangeName, feedId } from '../exchanges';
import { EXCHANGE_REST } from '../exchanges/rest';
import { rebaseUrlTree } from './ccxtEndpoints';
import { ExchangeBannedError, type MarketHistory } from './history';

/** What a feed needs from an exchange: candles, oldest first. */
export interface CandleSource {
  readonly kind: 'live' | 'replay';
  fetchCandles(symbol: string, timeframe: Timeframe, since: number | undefined, limit: number): Promise<Candle[]>;
  describe(error: unknown): string;
  /** The most candles one request returns (the exchange's page); where unknown, a short answer says nothing of older history. */
  readonly maxRows?: number;
}

export function createExchange(exchange: ExchangeId, source: DataSource): Exchange {
  const client = EXCHANGE_REST[exchange].client({ enableRateLimit: true, timeout: 10_000 });
  if (source.kind === 'replay') {
    // Some exchanges' URLs are `{hostname}` templates, so rebase the templates themselves.
    client.urls['api'] = rebaseUrlTree(client.urls['api'] as never, source.url) as typeof client.urls['api'];
  }
  return client;
}

export class CcxtCandleSource implements CandleSource {
  readonly kind: 'live' | 'replay';
  readonly maxRows: number;
  constructor(
    private readonly exchangeId: ExchangeId,
    /** Candles go through the history client: its markets, its queue, and its 429 backoff and 418 ban. */
    private readonly history: Pick<MarketHistory, 'as' | 'klinesPage'>,
    private readonly source: DataSource,
  ) {
    this.kind = source.kind;
    this.maxRows = history.klinesPage;
  }

  fetchCandles(symbol: string, timeframe: Timeframe, since: number | undefined, limit: number): Promise<Candle[]> {
    // A feed's first candles are what its tab waits for to paint at all: they go first.
    const work = { owner: feedId({ exchange: this.exchangeId, symbol, timeframe }), priority: since === undefined ? 'first' : 'refresh' } as const;
    return this.history.as(work).klines(symbol, timeframe, since, limit);
  }

  describe(error: unknown): string {
    const where = this.source.kind === 'replay' ? `replay exchange at ${this.source.url}` : exchangeName(this.exchangeId);
    if (error instanceof BadSymbol || error instanceof ExchangeBannedError) return error.message;
    if (error instanceof RateLimitExceeded || error instanceof DDoSProtection) return `${where} is rate-limiting requests; retrying`;
    if (error instanceof ExchangeNotAvailable) return `${where} is not available; retrying`;
    if (error instanceof NetworkError) return `${where} is unreachable; retrying`;
    return `${where}: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`;
  }
}
