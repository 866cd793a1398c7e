/** Binance USDⓈ-M over ccxt `binanceusdm`: raw klines (taker volume), open interest and taker volume history. */
import { binanceusdm } from 'ccxt';
import { parseBinanceKlines } from './klines';
import { TIMEFRAME_MS } from '../../core/timeframes';
import type { OpenInterestSample } from '../../core/types';
import { openInterestSample, type ExchangeRest, type TakerVolume } from '../shared/restTypes';
import { binance } from '.';

// Binance allows 1,500 klines; 1,000 keeps the pages ccxt's unified call used.
const PAGES = { klines: 1000, openInterest: 500 };

export const binanceRest: ExchangeRest = {
  client: (config) => new binanceusdm({ ...config, options: { fetchMarkets: { types: ['linear'] } } }),
  pages: PAGES,
  marketId: (symbol) => symbol,
  /**
   * Its raw klines endpoint (still ccxt: its implicit API, its limiter), because ccxt's unified
   * OHLCV drops the taker-buy volume that the heatmap splits longs from shorts by.
   */
  async klines(client, symbol, timeframe, since, limit) {
    const raw = (client as unknown as { fapiPublicGetKlines(p: Record<string, unknown>): Promise<unknown> }).fapiPublicGetKlines({
      symbol, interval: timeframe, limit, ...(since !== undefined ? { startTime: since } : {}),
    });
    const { rows, issues } = parseBinanceKlines(await raw);
    if (issues.length > 0) console.warn(`LiqLens: ${binance.name} sent ${issues.length} bad kline(s) for ${symbol}; first: ${issues[0]!.message}`);
    return rows;
  },
  async openInterest(rest, symbol, period, from, to) {
    const out: OpenInterestSample[] = [];
    const pageMs = PAGES.openInterest * TIMEFRAME_MS[period];
    for (let start = from; start <= to; start += pageMs) {
      const end = Math.min(to, start + pageMs - 1);
      const rows = (await rest.call(() => rest.implicit('fapiDataGetOpenInterestHist', { symbol, period, startTime: start, endTime: end, limit: PAGES.openInterest }))) as { sumOpenInterest: string; sumOpenInterestValue: string; timestamp: number | string }[];
      for (const r of rows) out.push(openInterestSample(Number(r.timestamp), Number(r.sumOpenInterest), r.sumOpenInterestValue === '' ? undefined : Number(r.sumOpenInterestValue)));
    }
    return out;
  },
  async takerVolume(rest, symbol, period, from, to) {
    const out: TakerVolume[] = [];
    for (let start = from; start <= to; ) {
      const end = Math.min(to, start + PAGES.openInterest * TIMEFRAME_MS[period]);
      const rows = (await rest.call(() => rest.implicit('fapiDataGetTakerlongshortRatio', { symbol, period, startTime: start, endTime: end, limit: PAGES.openInterest }))) as { buyVol: string; sellVol: string; timestamp: number | string }[];
      for (const r of rows) out.push({ time: Number(r.timestamp), buy: Number(r.buyVol), sell: Number(r.sellVol) });
      start = end + 1;
    }
    return out;
  },
  /** Binance's brackets need a signed request: the shipped default table. */
  marginTiers: async (_rest, symbol) => ({ tiers: binance.defaultTiers!(symbol), source: 'default' }),
  /** 2,400 request weight a minute; klines weigh 1 below 100 rows, 2 below 500, 5 up to 1,000; openInterest, openInterestHist and exchangeInfo 1. */
  budget: {
    limitPerMinute: 2_400,
    unit: 'request weight',
    klinesWeight: (rows) => (rows < 100 ? 1 : rows < 500 ? 2 : rows <= 1_000 ? 5 : 10),
    catchUpRows: 499,
    currentOpenInterestStepMs: 60_000,
    historyPeriod: '5m',
  },
};
