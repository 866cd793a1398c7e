/** Bybit v5 linear over ccxt `bybit`: open interest by cursor, the public risk-limit table. */
import { bybit as BybitClient } from 'ccxt';
import type { Timeframe } from '../../core/timeframes';
import type { MarginTier } from '../../core/marginTiers';
import type { OpenInterestSample } from '../../core/types';
import { openInterestSample, type ExchangeRest } from '../shared/restTypes';
import { bybit } from '.';

const PAGES = { klines: 1000, openInterest: 200 };
/** Open-interest periods Bybit serves, by its names for them. */
const OI_INTERVAL: Partial<Record<Timeframe, string>> = { '5m': '5min', '15m': '15min', '30m': '30min', '1h': '1h', '4h': '4h', '1d': '1d' };

export const bybitRest: ExchangeRest = {
  client: (config) => new BybitClient({ ...config, options: { fetchMarkets: { types: ['linear'] } } }),
  pages: PAGES,
  marketId: (symbol) => symbol,
  // Bybit publishes no taker volume, so ccxt's unified OHLCV loses nothing: no `klines` here.
  /** Bybit pages newest first by an opaque cursor. */
  async openInterest(rest, symbol, period, from, to) {
    const intervalTime = OI_INTERVAL[period];
    if (!intervalTime) throw new Error(`${bybit.name} has no open-interest history at ${period}`);
    const out: OpenInterestSample[] = [];
    let cursor = '';
    for (let page = 0; page < 1_000; page++) {
      const params = { category: 'linear', symbol, intervalTime, startTime: from, endTime: to, limit: PAGES.openInterest, ...(cursor ? { cursor } : {}) };
      const response = (await rest.call(() => rest.implicit('publicGetV5MarketOpenInterest', params))) as { result?: { list?: { openInterest: string; timestamp: string }[]; nextPageCursor?: string } };
      for (const r of response.result?.list ?? []) out.push(openInterestSample(Number(r.timestamp), Number(r.openInterest)));
      cursor = response.result?.nextPageCursor ?? '';
      if (!cursor) break;
    }
    return out;
  },
  /** Bybit's public risk-limit table. */
  async marginTiers(rest, symbol) {
    await rest.perpetual(symbol);
    const result = (await rest.call(() => rest.implicit('publicGetV5MarketRiskLimit', { category: 'linear', symbol }))) as { result?: { list?: { riskLimitValue: string; maintenanceMargin: string; maxLeverage: string }[] } };
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
    if (tiers.length === 0) throw new Error(`${bybit.name} sent no usable risk-limit tiers for ${symbol}`);
    return { tiers, source: 'exchange' };
  },
  /** 600 requests in any 5 s (7,200 a minute), each weighing 1. */
  budget: {
    limitPerMinute: 7_200,
    unit: 'requests',
    klinesWeight: () => 1,
    catchUpRows: 1_000,
    // Its open-interest endpoint has 5-minute intervals at the finest.
    currentOpenInterestStepMs: null,
    historyPeriod: '5m',
  },
};
