/**
 * Candles through ccxt, from the real exchange or from a replay exchange that speaks its
 * wire format. ccxt is imported from its package root (its exports map blocks deep imports;
 * unused exchanges are tree-shaken away).
 */
import { binanceusdm, bybit, BadSymbol, DDoSProtection, ExchangeNotAvailable, NetworkError, RateLimitExceeded } from 'ccxt';
import type { Exchange } from 'ccxt';
import type { Candle, ExchangeId } from '../core/types';
import type { Timeframe } from '../core/timeframes';
import type { DataSource } from '../settings/dataSource';
import { MARKET_OPTIONS, rebaseUrlTree } from '../market/ccxtEndpoints';
import { ExchangeBannedError, type MarketHistory } from '../market/history';
import { fetchKlines } from '../market/klines';
import type { CandleSource } from './candleFeed';

const EXCHANGE_NAMES: Record<ExchangeId, string> = { binance: 'Binance', bybit: 'Bybit' };

export function createExchange(exchange: ExchangeId, source: DataSource): Exchange {
  const config = { enableRateLimit: true, timeout: 10_000, options: MARKET_OPTIONS[exchange] };
  const client = exchange === 'binance' ? new binanceusdm(config) : new bybit(config);
  if (source.kind === 'replay') {
    // Bybit's URLs are `{hostname}` templates, so rebase the templates themselves.
    client.urls['api'] = rebaseUrlTree(client.urls['api'] as never, source.url) as typeof client.urls['api'];
  }
  return client;
}

export class CcxtCandleSource implements CandleSource {
  readonly kind: 'live' | 'replay';
  private marketsLoaded: Promise<unknown> | undefined;

  constructor(
    private readonly exchangeId: ExchangeId,
    private readonly client: Exchange,
    private readonly source: DataSource,
    /** Shares its 429 backoff and 418 ban with the history requests to the same exchange. */
    private readonly limiter?: Pick<MarketHistory, 'call'>,
  ) {
    this.kind = source.kind;
  }

  async fetchCandles(symbol: string, timeframe: Timeframe, since: number | undefined, limit: number): Promise<Candle[]> {
    const market = await this.perpetual(symbol);
    const fetch = () => fetchKlines(this.client, this.exchangeId, symbol, market, timeframe, since, limit);
    return this.limiter ? this.limiter.call(fetch) : fetch();
  }

  /** The ccxt symbol of the linear USDⓈ-M perpetual whose exchange id is `symbol` (e.g. BTCUSDT → BTC/USDT:USDT). */
  private async perpetual(symbol: string): Promise<string> {
    const load = () => this.client.loadMarkets();
    this.marketsLoaded ??= (this.limiter ? this.limiter.call(load) : load()).catch((error: unknown) => {
      this.marketsLoaded = undefined; // retry on the next fetch rather than caching a failure
      throw error;
    });
    await this.marketsLoaded;
    const byId = (this.client.markets_by_id?.[symbol] ?? []) as { symbol: string; swap?: boolean; linear?: boolean }[];
    const market = byId.find((m) => m.swap && m.linear);
    if (!market) throw new BadSymbol(`${symbol} is not a USDT-margined perpetual on ${EXCHANGE_NAMES[this.exchangeId]}`);
    return market.symbol;
  }

  describe(error: unknown): string {
    const where = this.source.kind === 'replay' ? `replay exchange at ${this.source.url}` : EXCHANGE_NAMES[this.exchangeId];
    if (error instanceof BadSymbol || error instanceof ExchangeBannedError) return error.message;
    if (error instanceof RateLimitExceeded || error instanceof DDoSProtection) return `${where} is rate-limiting requests; retrying`;
    if (error instanceof ExchangeNotAvailable) return `${where} is not available; retrying`;
    if (error instanceof NetworkError) return `${where} is unreachable; retrying`;
    return `${where}: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`;
  }
}
