/**
 * Candles through ccxt. For Binance, its raw klines endpoint (still ccxt: its implicit API, its
 * limiter), because ccxt's unified OHLCV drops the taker-buy volume that the heatmap splits
 * longs from shorts by. Bybit publishes none, so its unified OHLCV loses nothing.
 */
import type { Exchange } from 'ccxt';
import { parseBinanceKlines } from '../core/candles';
import type { Timeframe } from '../core/timeframes';
import type { Candle, ExchangeId } from '../core/types';

/**
 * Candles from `since` (or the newest, without it), oldest first, as the exchange returns them
 * (the last may be forming). `exchangeSymbol` is the exchange's id (BTCUSDT), `ccxtSymbol` ccxt's.
 */
export async function fetchKlines(
  client: Exchange, exchange: ExchangeId, exchangeSymbol: string, ccxtSymbol: string, timeframe: Timeframe, since: number | undefined, limit: number,
): Promise<Candle[]> {
  if (exchange === 'binance') {
    const raw = (client as unknown as { fapiPublicGetKlines(p: Record<string, unknown>): Promise<unknown> }).fapiPublicGetKlines({
      symbol: exchangeSymbol, interval: timeframe, limit, ...(since !== undefined ? { startTime: since } : {}),
    });
    const { rows, issues } = parseBinanceKlines(await raw);
    if (issues.length > 0) console.warn(`LiqLens: Binance sent ${issues.length} bad kline(s) for ${exchangeSymbol}; first: ${issues[0]!.message}`);
    return rows;
  }
  const rows = await client.fetchOHLCV(ccxtSymbol, timeframe, since, limit);
  return rows.map(([time, open, high, low, close, volume]) => ({ time: Number(time), open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume) }));
}
