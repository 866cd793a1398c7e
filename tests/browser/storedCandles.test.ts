/**
 * The candle store read back, on the browser's own IndexedDB: a second worker life (a fresh
 * history service and feed registry over the same database) paints a chart from its stored
 * candles and asks the exchange only for the gap since the newest; an unsound stored bar or a
 * gap that does not join makes it load the window from the exchange instead. The exchange is a
 * hand-built synthetic 1m series (the cases are the point), serving since/limit as Binance does.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { MarketStore } from '../../src/store/marketStore';
import { HistoryService } from '../../src/background/historyService';
import { FeedRegistry } from '../../src/background/feedRegistry';
import type { CandleSource, FeedKey } from '../../src/background/candleFeed';
import type { MarketHistory } from '../../src/market/history';
import type { Candle } from '../../src/core/types';
import type { FeedStatus } from '../../src/messaging/protocol';

const M = 60_000;
const key: FeedKey = { exchange: 'binance', symbol: 'BTCUSDT', timeframe: '1m' };
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % M);

/** The synthetic exchange: a bar a minute from T0 up to its clock (the newest still forming), and a log of the candle requests made. */
class Exchange {
  clock = T0 + 300 * M + 30_000;
  missing = new Set<number>();
  requests: { by: 'feed' | 'backfill'; since?: number }[] = [];
  bars(): Candle[] {
    const out: Candle[] = [];
    for (let t = T0; t <= this.clock; t += M) {
      if (this.missing.has(t)) continue;
      const p = 100 + ((t / M) % 17);
      out.push({ time: t, open: p, high: p + 2, low: p - 2, close: p + 1, volume: 3 });
    }
    return out;
  }
  source(): CandleSource {
    return {
      kind: 'replay',
      maxRows: 1000,
      fetchCandles: async (_s, _tf, since, limit) => {
        this.requests.push({ by: 'feed', ...(since === undefined ? {} : { since }) });
        const all = this.bars();
        return since === undefined ? all.slice(-limit) : all.filter((c) => c.time >= since).slice(0, limit);
      },
      describe: () => 'synthetic exchange failed',
    };
  }
  history(): MarketHistory {
    const history = {
      // The REST queue's ordering is not what this test is about: every kind of work goes straight out.
      as: () => history,
      candles: async (_s: string, _tf: string, from: number, to: number) => {
        this.requests.push({ by: 'backfill', since: from });
        return this.bars().filter((c) => c.time >= from && c.time < to && c.time + M <= this.clock);
      },
      openInterest: async () => [],
      marginTiers: async () => ({ tiers: [], source: 'default' as const }),
      latestCandles: async () => [],
    } as unknown as MarketHistory;
    return history;
  }
}

let name = '';
let store: MarketStore | undefined;
afterEach(async () => {
  store?.close();
  store = undefined;
  await deleteDB(name);
});

/** One service worker's life: its history service and feeds over the store; shows the chart until its candles are stored. */
async function life(exchange: Exchange) {
  const history = new HistoryService(async () => store!, () => exchange.history(), async () => 1, () => exchange.clock);
  const feeds = new FeedRegistry(() => exchange.source(), undefined, history);
  const statuses: FeedStatus[] = [];
  const { feed, release } = feeds.acquire(key);
  feed.onStatus((s) => statuses.push(s));
  await expect.poll(() => feed.current().lastCandleTime, { timeout: 10_000 }).toBe(exchange.clock - (exchange.clock % M));
  await history.ensure(key);
  // The closed bars reach the store (written beside the feed, not on its path).
  const newestClosed = exchange.clock - (exchange.clock % M) - M;
  await expect.poll(async () => (await store!.getMeta<{ to: number }>(`history:${feedId}`))?.to).toBe(newestClosed);
  release();
  feeds.clear();
  return { statuses, feed };
}
const feedId = 'binance:BTCUSDT:1m';

const fresh = async () => {
  name = `stored-${Math.random().toString(36).slice(2)}`;
  store = await MarketStore.open(name);
};

describe('a feed started over stored candles', () => {
  it('paints from the store first and asks only for the gap since its newest bar; no backfill request', async () => {
    await fresh();
    const exchange = new Exchange();
    const first = await life(exchange);
    expect(exchange.requests[0]).toEqual({ by: 'feed' }); // the window as a whole, the first time
    const firstRequests = exchange.requests.length;

    exchange.clock += 20 * M; // the tab comes back 20 minutes later, on a new worker
    exchange.requests = [];
    const second = await life(exchange);
    const storedNewest = first.feed.current().lastCandleTime! - M;
    // The first thing the tab saw held the stored bars, before any request's answer.
    const painted = second.statuses.find((s) => s.state === 'replay')!;
    expect(painted.lastCandleTime).toBe(storedNewest);
    expect(painted.candleCount).toBe(300);
    // One request, from the newest stored bar; the backfill asks nothing.
    expect(exchange.requests.filter((r) => r.by === 'backfill')).toEqual([]);
    expect(exchange.requests[0]).toEqual({ by: 'feed', since: storedNewest });
    expect(exchange.requests.length).toBeLessThan(firstRequests);
    // And the series it holds is the exchange's, bar for bar.
    const expected = exchange.bars().slice(-second.feed.current().candleCount);
    expect(second.feed.current().candleCount).toBe(321);
    expect(await store!.candles(key, T0, exchange.clock)).toEqual(expected.slice(0, -1));
  });

  it('loads the window from the exchange when a stored bar is unsound', async () => {
    await fresh();
    const exchange = new Exchange();
    await life(exchange);
    const [broken] = await store!.candles(key, T0 + 100 * M, T0 + 100 * M);
    await store!.putCandles(key, [{ ...broken!, high: broken!.low - 1 }]);
    exchange.clock += 5 * M;
    exchange.requests = [];
    const second = await life(exchange);
    expect(exchange.requests[0]).toEqual({ by: 'feed' });
    expect(second.statuses.find((s) => s.state === 'replay')!.lastCandleTime).toBe(exchange.clock - (exchange.clock % M));
    // The load's bars replaced the broken one in the store.
    expect((await store!.candles(key, T0 + 100 * M, T0 + 100 * M))[0]!.high).toBe(broken!.high);
  });

  it('loads the window from the exchange when the gap does not join the stored bars', async () => {
    await fresh();
    const exchange = new Exchange();
    const first = await life(exchange);
    const storedNewest = first.feed.current().lastCandleTime! - M;
    exchange.missing.add(storedNewest); // the exchange no longer has the newest stored bar
    exchange.clock += 5 * M;
    exchange.requests = [];
    await life(exchange);
    expect(exchange.requests.slice(0, 2)).toEqual([{ by: 'feed', since: storedNewest }, { by: 'feed' }]);
  });

  it('loads the window from the exchange when the gap is a window or longer (the stored bars would all scroll out)', async () => {
    await fresh();
    const exchange = new Exchange();
    const first = await life(exchange);
    const storedNewest = first.feed.current().lastCandleTime! - M;
    exchange.clock += 600 * M;
    exchange.requests = [];
    const second = await life(exchange);
    expect(exchange.requests.slice(0, 2)).toEqual([{ by: 'feed', since: storedNewest }, { by: 'feed' }]);
    expect(second.feed.current().candleCount).toBe(500);
  });
});
