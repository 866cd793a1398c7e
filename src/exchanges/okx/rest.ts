/**
 * OKX v5 USDT swaps over ccxt `okx`: candles through ccxt's unified OHLCV (its volume is
 * `volCcy`, the base coin), open interest per swap from the rubik history endpoint (ccxt's
 * fetchOpenInterestHistory sums every contract of the coin in USD, not this swap), and the
 * public position tiers. Sizes come in contracts: multiplied by the contract value here.
 */
import { okx as OkxClient, type Market } from 'ccxt';
import type { MarginTier } from '../../core/marginTiers';
import type { Timeframe } from '../../core/timeframes';
import type { OpenInterestSample } from '../../core/types';
import { openInterestSample, type ExchangeRest, type RestCalls } from '../shared/restTypes';
import { okx } from '.';
import { contractValue, learnContractValues, okxInstId } from './contracts';

// OKX's history-candles (which ccxt asks for anything older than 1,440 bars) and rubik serve 100
// rows a request; asking for more would end paging at the first short page.
// ccxt asks for a window of `limit` bars from `since` (`before`/`after`): paged by time.
const PAGES = { klines: 100, openInterest: 100, klinesByTime: true };
/** Open-interest periods OKX's rubik endpoint serves, by its names for them. */
const OI_PERIOD: Partial<Record<Timeframe, string>> = { '5m': '5m', '15m': '15m', '30m': '30m', '1h': '1H', '2h': '2H', '4h': '4H', '6h': '6H', '12h': '12H', '1d': '1D' };

/** ccxt's okx loading only SWAP markets, and teaching the stream parser each swap's contract value. */
class OkxSwaps extends OkxClient {
  override async fetchMarkets(params = {}): Promise<Market[]> {
    const markets = await super.fetchMarkets(params);
    learnContractValues(markets as { id?: string; swap?: boolean; linear?: boolean; contractSize?: number }[]);
    return markets;
  }
}

function instId(symbol: string): string {
  const id = okxInstId(symbol);
  if (!id) throw new Error(`${symbol} is not a USDT swap on ${okx.name}`);
  return id;
}

/** Contracts → base coin, once the markets are loaded (perpetual() loads them). */
async function ctVal(rest: RestCalls, symbol: string): Promise<number> {
  await rest.perpetual(symbol);
  const value = contractValue(symbol);
  if (value === undefined) throw new Error(`${okx.name} sent no contract value for ${instId(symbol)}`);
  return value;
}

type OkxReply<T> = { code?: string; msg?: string; data?: T[] };

async function data<T>(rest: RestCalls, method: string, params: Record<string, unknown>): Promise<T[]> {
  const reply = (await rest.call(() => rest.implicit(method, params))) as OkxReply<T>;
  if (reply.code !== undefined && reply.code !== '0') throw new Error(`${okx.name}: ${reply.code} ${String(reply.msg ?? '').slice(0, 200)}`);
  return reply.data ?? [];
}

export const okxRest: ExchangeRest = {
  client: (config) => new OkxSwaps({ ...config, options: { fetchMarkets: { types: ['swap'] } } }),
  pages: PAGES,
  marketId: instId,
  // ccxt's unified OHLCV: OKX publishes no taker split in its candles, so no `klines` here.
  /** ccxt's unified amount is OKX's `oi`, in contracts: `oiCcy` is the base coin. */
  async currentOpenInterest(rest, symbol) {
    const [row] = await data<{ oiCcy: string; oiUsd?: string; ts: string }>(rest, 'publicGetPublicOpenInterest', { instType: 'SWAP', instId: instId(symbol) });
    if (!row) throw new Error(`${okx.name} sent no open interest for ${instId(symbol)}`);
    return openInterestSample(Number(row.ts), Number(row.oiCcy), row.oiUsd ? Number(row.oiUsd) : undefined);
  },
  /** Rubik rows `[ts, oi (contracts), oiCcy (coin), oiUsd]`, newest first, paged back by `end`. */
  async openInterest(rest, symbol, period, from, to) {
    const name = OI_PERIOD[period];
    if (!name) throw new Error(`${okx.name} has no open-interest history at ${period}`);
    const out: OpenInterestSample[] = [];
    let end = to;
    for (let page = 0; page < 1_000 && end >= from; page++) {
      const rows = await data<string[]>(rest, 'publicGetRubikStatContractsOpenInterestHistory', { instId: instId(symbol), period: name, begin: from, end, limit: PAGES.openInterest });
      let oldest = Infinity;
      for (const [ts, , oiCcy, oiUsd] of rows) {
        const time = Number(ts);
        oldest = Math.min(oldest, time);
        if (time >= from && time <= to) out.push(openInterestSample(time, Number(oiCcy), oiUsd ? Number(oiUsd) : undefined));
      }
      if (rows.length < PAGES.openInterest || !(oldest <= end)) break;
      end = oldest - 1;
    }
    return out;
  },
  /**
   * OKX's public position tiers (cross margin). Their bounds are in contracts: converted to USDT
   * notional at the last price, so they are as exact as the tiers' use needs (which tier a
   * position of a given size falls in), and no more.
   */
  async marginTiers(rest, symbol) {
    const value = await ctVal(rest, symbol);
    const family = instId(symbol).replace(/-SWAP$/, '');
    const rows = await data<{ maxSz: string; mmr: string; maxLever: string }>(rest, 'publicGetPublicPositionTiers', { instType: 'SWAP', tdMode: 'cross', instFamily: family });
    const [ticker] = await data<{ last: string }>(rest, 'publicGetMarketTicker', { instId: instId(symbol) });
    const last = Number(ticker?.last);
    if (!(last > 0)) throw new Error(`${okx.name} sent no last price for ${instId(symbol)}`);
    let floor = 0;
    const tiers: MarginTier[] = [];
    for (const row of rows.slice().sort((a, b) => Number(a.maxSz) - Number(b.maxSz))) {
      const cap = Number(row.maxSz) * value * last;
      const rate = Number(row.mmr);
      const maxLeverage = Number(row.maxLever);
      if (!(cap > floor) || !(rate > 0 && rate < 1) || !(maxLeverage >= 1)) continue;
      tiers.push({ maxNotional: cap, maintenanceMarginRate: rate, maxLeverage });
      floor = cap;
    }
    if (tiers.length === 0) throw new Error(`${okx.name} sent no usable position tiers for ${instId(symbol)}`);
    return { tiers, source: 'exchange' };
  },
  /** Per endpoint, open-interest the tightest at 20 requests in 2 s (600 a minute); every request is counted against that, the strictest reading. */
  budget: {
    limitPerMinute: 600,
    unit: 'requests (open-interest endpoint limit)',
    klinesWeight: () => 1,
    catchUpRows: 100,
    currentOpenInterestStepMs: 60_000,
    historyPeriod: '5m',
  },
};
