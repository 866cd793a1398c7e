/**
 * HistoryService's backfill as the first analysis waits for it (issue 20): open interest is all
 * that analysis reads of it, so the wait ends once that is stored, not after the candles and
 * margin tiers, which another series' churn can hold up for seconds.
 */
import { expect, it } from 'vitest';
import { HistoryService } from '../../src/background/historyService';
import type { MarketHistory } from '../../src/market/history';
import type { MarketStore } from '../../src/store/marketStore';

it('the open interest is ready as soon as it is stored, while the backfill of the candles still runs', async () => {
  const steps: string[] = [];
  let candlesCome: (() => void) | undefined;
  const history = {
    as: () => history,
    async openInterest() {
      steps.push('open interest fetched');
      return [{ time: 1_000, openInterest: 5 }];
    },
    candles: () => new Promise<never[]>((resolve) => (candlesCome = () => resolve([]))),
    async marginTiers() {
      return { tiers: [], source: 'default' as const };
    },
  } as unknown as MarketHistory;
  const meta = new Map<string, unknown>();
  const store = {
    async putOpenInterest() {
      steps.push('open interest stored');
    },
    async getMeta(key: string) {
      return meta.get(key);
    },
    async setMeta(key: string, value: unknown) {
      meta.set(key, value);
    },
    async putCandles() {
      return 0;
    },
  } as unknown as MarketStore;
  const service = new HistoryService(async () => store, () => history, async () => 3, () => 10 * 86_400_000);
  const key = { exchange: 'binance' as const, symbol: 'BTCUSDT', timeframe: '1m' as const };
  let backfilled = false;
  void service.ensure(key).then(() => (backfilled = true));
  await service.openInterestReady(key);
  expect(steps).toEqual(['open interest fetched', 'open interest stored']);
  await expect.poll(() => candlesCome !== undefined).toBe(true);
  expect(backfilled).toBe(false); // the candles are still coming
  candlesCome!();
  await expect.poll(() => backfilled).toBe(true);
  // Once backfilled, ready at once.
  await service.openInterestReady(key);
});

it('a backfill that fails before the open interest is stored still ends the wait', async () => {
  const history = {
    as: () => history,
    openInterest: () => Promise.reject(new Error('request for binance:BTCUSDT:1m dropped: no tab shows it any more')),
  } as unknown as MarketHistory;
  const store = { getMeta: async () => undefined } as unknown as MarketStore;
  const service = new HistoryService(async () => store, () => history, async () => 3);
  const key = { exchange: 'binance' as const, symbol: 'BTCUSDT', timeframe: '1m' as const };
  await service.openInterestReady(key);
  expect((await service.ensure(key)).error).toContain('dropped');
});
