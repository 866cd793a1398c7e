import { describe, expect, it, vi } from 'vitest';
import { CandleFeed, type CandleSource } from '../../src/background/candleFeed';
import { mergeCandles } from '../../src/background/candleWindow';
import { FEED_LINGER_MS, FeedRegistry } from '../../src/background/feedRegistry';
import type { Candle } from '../../src/core/types';

const bar = (time: number, close = 100): Candle => ({ time, open: 100, high: 101, low: 99, close, volume: 1 });

describe('mergeCandles', () => {
  it('appends new bars and replaces the open bar of the same time', () => {
    const held = [bar(1), bar(2), bar(3, 100)];
    const merged = mergeCandles(held, [bar(3, 105), bar(4)]);
    expect(merged.map((c) => c.time)).toEqual([1, 2, 3, 4]);
    expect(merged[2]!.close).toBe(105);
  });

  it('drops duplicates and out-of-order bars inside a fetched page', () => {
    const merged = mergeCandles([bar(1)], [bar(2), bar(2, 110), bar(1), bar(3)]);
    expect(merged.map((c) => [c.time, c.close])).toEqual([[1, 100], [2, 110], [3, 100]]);
  });

  it('lets an overlapping backfill replace the held tail, keeping order', () => {
    const merged = mergeCandles([bar(1), bar(2), bar(3)], [bar(2, 120), bar(3, 130)]);
    expect(merged.map((c) => c.close)).toEqual([100, 120, 130]);
  });

  it('keeps what it held when nothing new came', () => {
    expect(mergeCandles([bar(1)], [])).toEqual([bar(1)]);
  });
});

/** A candle source that serves a fixed series and counts its calls, to observe sharing. */
class CountingSource implements CandleSource {
  readonly kind = 'replay' as const;
  calls = 0;
  fail = false;
  async fetchCandles(): Promise<Candle[]> {
    this.calls++;
    if (this.fail) throw new Error('down');
    return [bar(60_000), bar(120_000)];
  }
  describe(): string {
    return 'replay exchange is unreachable; retrying';
  }
}

describe('FeedRegistry', () => {
  it('shares one feed between holders of the same key and stops it a while after the last one leaves', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const source = new CountingSource();
    const registry = new FeedRegistry(() => source);
    const key = { exchange: 'binance' as const, symbol: 'BTCUSDT', timeframe: '1m' as const };
    const a = registry.acquire(key);
    const b = registry.acquire(key);
    expect(a.feed).toBe(b.feed);
    expect(registry.snapshot()).toEqual([{ id: 'binance:BTCUSDT:1m', holders: 2 }]);
    a.release();
    a.release(); // releasing twice must not drop the other holder
    expect(registry.snapshot()).toEqual([{ id: 'binance:BTCUSDT:1m', holders: 1 }]);
    b.release();
    expect(registry.snapshot()).toEqual([{ id: 'binance:BTCUSDT:1m', holders: 0 }]);
    vi.advanceTimersByTime(FEED_LINGER_MS);
    expect(registry.snapshot()).toEqual([]);
    expect(registry.peek(key)).toBeNull();
    vi.useRealTimers();
  });

  it('tells the REST queue which feeds a tab holds, and when one stops (its waiting requests are then for nobody)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const stopped: string[] = [];
    const registry = new FeedRegistry(() => new CountingSource(), undefined, undefined, undefined, (k) => stopped.push(`${k.exchange}:${k.symbol}:${k.timeframe}`));
    const key = { exchange: 'okx' as const, symbol: 'BTCUSDT', timeframe: '1m' as const };
    const held = registry.acquire(key);
    expect(registry.holds('okx:BTCUSDT:1m')).toBe(true);
    held.release();
    expect(registry.holds('okx:BTCUSDT:1m')).toBe(false); // lingering: held by nobody
    expect(stopped).toEqual([]);
    vi.advanceTimersByTime(FEED_LINGER_MS);
    expect(stopped).toEqual(['okx:BTCUSDT:1m']);
    vi.useRealTimers();
  });

  it('a tab flipping between intervals 200 times gets the same feeds back: no fresh backfill each time (issue 20)', async () => {
    const source = new CountingSource();
    const registry = new FeedRegistry(() => source);
    const key = (timeframe: '15m' | '1h') => ({ exchange: 'binance' as const, symbol: 'BTCUSDT', timeframe });
    const other = registry.acquire({ exchange: 'bybit', symbol: 'ETHUSDT', timeframe: '5m' });
    let held = registry.acquire(key('15m'));
    for (let i = 0; i < 200; i++) {
      held.release();
      held = registry.acquire(key(i % 2 === 0 ? '1h' : '15m'));
      await Promise.resolve();
    }
    await expect.poll(() => other.feed.current().state).toBe('replay');
    // Three feeds ever started (each backfills once), not 201.
    expect(registry.snapshot().map((e) => e.id).sort()).toEqual(['binance:BTCUSDT:15m', 'binance:BTCUSDT:1h', 'bybit:ETHUSDT:5m']);
    expect(source.calls).toBeLessThanOrEqual(6);
    held.release();
    other.release();
    registry.clear();
  });

  it('reports data, then "no data" with the reason when the source fails', async () => {
    const source = new CountingSource();
    const feed = new CandleFeed({ exchange: 'bybit', symbol: 'ETHUSDT', timeframe: '5m' }, source, () => 1_000);
    const states: string[] = [];
    feed.onStatus((s) => states.push(s.state));
    feed.start();
    await expect.poll(() => feed.current().state).toBe('replay');
    expect(feed.current()).toMatchObject({ candleCount: 2, lastCandleTime: 120_000, updatedAt: 1_000 });
    feed.stop();

    source.fail = true;
    const failing = new CandleFeed({ exchange: 'bybit', symbol: 'ETHUSDT', timeframe: '5m' }, source);
    failing.start();
    await expect.poll(() => failing.current().state).toBe('no data');
    expect(failing.current().error).toContain('unreachable');
    failing.stop();
    expect(states).toEqual(['loading', 'replay']);
  });
});

describe('CandleFeed polling the forming candle', () => {
  /** A 15m series whose forming bar opened at `open`; counts requests and when they came. */
  const at: number[] = [];
  const source = (open: number): CandleSource => ({
    kind: 'replay',
    fetchCandles: async () => {
      at.push(Date.now());
      return [bar(open - 900_000), bar(open)];
    },
    describe: () => 'down',
  });
  const polls = async (open: number, start: number, ms: number) => {
    at.length = 0;
    vi.useFakeTimers({ now: start, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const feed = new CandleFeed({ exchange: 'binance', symbol: 'BTCUSDT', timeframe: '15m' }, source(open));
    feed.start();
    await vi.advanceTimersByTimeAsync(ms);
    feed.stop();
    vi.useRealTimers();
    return at.map((t) => t - start);
  };

  it('every 15 s mid-candle, and a second after the close where the close comes sooner', async () => {
    // The forming bar closes 20 s after the start: polls at 0 and 15 s, then 1 s after the close (21 s), then every 15 s.
    expect(await polls(0, 900_000 - 20_000, 50_000)).toEqual([0, 15_000, 21_000, 36_000]);
  });

  it('keeps the plain interval where the clock disagrees with the exchange (a replay: the close already past)', async () => {
    expect(await polls(0, 5_000_000, 46_000)).toEqual([0, 15_000, 30_000, 45_000]);
  });
});
