/**
 * REST history through real ccxt clients against the replay exchange: paged backfill of
 * candles and open interest (Binance by time, Bybit by cursor), taker volume, margin tiers,
 * overlapping backfills merged without duplicates, 429 backoff and the 418 ban.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from 'ccxt';
import { mergeCandles } from '../../src/background/candleWindow';
import { DEFAULT_BINANCE_TIERS, maintenanceMarginRate } from '../../src/core/marginTiers';
import type { ExchangeId } from '../../src/core/types';
import { EXCHANGE_REST } from '../../src/exchanges/rest';
import { rebaseUrlTree } from '../../src/market/ccxtEndpoints';
import { ExchangeBannedError, httpStatus, MarketHistory } from '../../src/market/history';
import { loadCatalog } from '../../tools/replay/catalog';
import { startReplayServer, type ReplayServer } from '../../tools/replay/server';

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 25, 12);
let server: ReplayServer;

function history(exchange: ExchangeId, options = {}): MarketHistory {
  const client: Exchange = EXCHANGE_REST[exchange].client({ enableRateLimit: false });
  client.urls['api'] = rebaseUrlTree(client.urls['api'] as never, server.url) as typeof client.urls['api'];
  return new MarketHistory(exchange, client, { now: () => server.clock.now(), backoffBaseMs: 1, ...options });
}

beforeAll(async () => {
  // Bybit's open interest was not recorded: the Bybit BTCUSDT market here serves Binance's
  // recorded day (candles and open interest) in Bybit's format, to page it by Bybit's cursor.
  const catalog = loadCatalog();
  const binanceBtc = catalog.find((m) => m.exchange === 'binance' && m.symbol === 'BTCUSDT')!;
  const markets = [...catalog.filter((m) => !(m.exchange === 'bybit' && m.symbol === 'BTCUSDT')), { ...binanceBtc, exchange: 'bybit' as const, provenance: ['Test fixture: Binance BTCUSDT served as Bybit.'] }];
  server = await startReplayServer({ port: 0, speed: 1, historyFraction: 1, wallNow: () => START, catalog: markets });
});
afterAll(() => server.close());

describe('candle backfill', () => {
  it('pages 30 days of Bybit ETH 5m bars (9 pages of 1,000) into exactly the recorded bars, oldest first', async () => {
    const h = history('bybit');
    const view = server.views.bybit.get('ETHUSDT')!;
    const to = Math.floor(view.now() / 300_000) * 300_000;
    const from = to - 30 * DAY;
    const candles = await h.candles('ETHUSDT', '5m', from, to);
    const recorded = view.market.candles.map((c) => ({ ...c, time: c.time + view.offset })).filter((c) => c.time >= from && c.time < to);
    expect(candles.length).toBe(30 * 288);
    expect(candles).toEqual(recorded.map(({ time, open, high, low, close, volume }) => ({ time, open, high, low, close, volume })));
    expect(h.requests).toBeGreaterThanOrEqual(9);
  });

  it('an overlapping second backfill merges into the first without a duplicate bar', async () => {
    const h = history('binance');
    const view = server.views.binance.get('ETHUSDT')!;
    const to = Math.floor(view.now() / 300_000) * 300_000;
    const first = await h.candles('ETHUSDT', '5m', to - 10 * DAY, to - 4 * DAY);
    const second = await h.candles('ETHUSDT', '5m', to - 6 * DAY, to);
    const merged = mergeCandles(first, second);
    const times = merged.map((c) => c.time);
    expect(new Set(times).size).toBe(times.length);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const recorded = view.market.candles.filter((c) => c.time + view.offset >= to - 10 * DAY && c.time + view.offset < to);
    expect(merged.length).toBe(recorded.length); // the recording's own gap is absent, not filled
  });

  it('keeps Binance\'s taker-buy volume, which ccxt\'s unified OHLCV drops (the heatmap splits sides by it)', async () => {
    const view = server.views.binance.get('ETHUSDT')!;
    const to = Math.floor(view.now() / 300_000) * 300_000 - 4 * DAY;
    const candles = await history('binance').candles('ETHUSDT', '5m', to - DAY, to);
    const recorded = new Map(view.market.candles.map((c) => [c.time + view.offset, c.takerBuyVolume]));
    expect(candles.length).toBe(288);
    expect(candles.every((c) => c.takerBuyVolume !== undefined && c.takerBuyVolume === recorded.get(c.time))).toBe(true);
  });

  it('an unknown symbol fails with a clear message', async () => {
    await expect(history('binance').candles('NOPEUSDT', '5m', START - DAY, START)).rejects.toThrow('NOPEUSDT is not a USDT-margined perpetual on Binance');
  });
});

describe('open interest history', () => {
  it('Binance: pages the recorded day at 5m by time, 500 rows a page', async () => {
    const h = history('binance');
    const view = server.views.binance.get('BTCUSDT')!;
    const to = view.now();
    const samples = await h.openInterest('BTCUSDT', '5m', to - DAY, to);
    expect(samples.length).toBeGreaterThan(250);
    expect(samples.every((s, i) => i === 0 || s.time > samples[i - 1]!.time)).toBe(true);
    expect(samples.every((s) => s.time % 300_000 === 0 && s.openInterest > 0 && s.openInterestValue! > 0)).toBe(true);
  });

  it('Bybit: follows the cursor through every page, newest first on the wire, oldest first out', async () => {
    const binance = await history('binance').openInterest('BTCUSDT', '5m', server.clock.now() - DAY, server.clock.now());
    const h = history('bybit');
    const samples = await h.openInterest('BTCUSDT', '5m', server.clock.now() - DAY, server.clock.now());
    expect(h.requests).toBeGreaterThanOrEqual(2 + 1); // markets, then at least two pages of 200
    expect(samples.map((s) => [s.time, s.openInterest])).toEqual(binance.map((s) => [s.time, s.openInterest]));
  });
});

describe('OKX (served from Binance\'s recordings converted to OKX\'s format)', () => {
  it('candles through ccxt okx: 100-row pages of history-candles, newest first on the wire, in base coin, equal to the recorded Binance bars', async () => {
    const h = history('okx');
    const view = server.views.okx.get('BTCUSDT')!;
    const to = Math.floor(view.now() / 300_000) * 300_000;
    const from = to - DAY;
    const candles = await h.candles('BTCUSDT', '5m', from, to);
    const binance = await history('binance').candles('BTCUSDT', '5m', from, to);
    expect(candles.length).toBeGreaterThan(250);
    expect(h.requests).toBeGreaterThanOrEqual(3); // markets, then pages of 100
    expect(candles.map(({ time, open, high, low, close, volume }) => [time, open, high, low, close, Number(volume.toPrecision(9))]))
      .toEqual(binance.map(({ time, open, high, low, close, volume }) => [time, open, high, low, close, Number(volume.toPrecision(9))]));
  });

  it('open interest per swap in the base coin (rubik history, 100 rows a page; the current oiCcy, not contracts)', async () => {
    const binance = await history('binance').openInterest('BTCUSDT', '5m', server.clock.now() - DAY, server.clock.now());
    const h = history('okx');
    const samples = await h.openInterest('BTCUSDT', '5m', server.clock.now() - DAY, server.clock.now());
    expect(h.requests).toBeGreaterThanOrEqual(1 + 3); // markets, then at least three pages of 100
    expect(samples.map((s) => [s.time, s.openInterest])).toEqual(binance.map((s) => [s.time, s.openInterest]));
    const now = await h.currentOpenInterest('BTCUSDT');
    expect(now.openInterest).toBe(server.views.okx.get('BTCUSDT')!.currentOpenInterest()!.openInterest);
    await expect(h.openInterest('BTCUSDT', '1m', server.clock.now() - DAY, server.clock.now())).rejects.toThrow('OKX has no open-interest history at 1m');
  });

  it('tiers from the public position-tiers endpoint, bounds in contracts turned into USDT at the last price', async () => {
    const { tiers, source } = await history('okx').marginTiers('BTCUSDT');
    expect(source).toBe('exchange');
    expect(tiers.map((t) => t.maintenanceMarginRate)).toEqual([0.004, 0.006, 0.01, 0.015, 0.02, 0.03]);
    const [last] = server.views.okx.get('BTCUSDT')!.candles('1m', { limit: 1 });
    expect(tiers[0]!.maxNotional).toBeCloseTo(10_000 * 0.01 * last!.close, 6);
  });

  it('an unknown symbol fails with a clear message', async () => {
    await expect(history('okx').candles('NOPEUSDT', '5m', START - DAY, START)).rejects.toThrow('NOPEUSDT is not a USDT-margined perpetual on OKX');
  });
});

describe('taker volume and margin tiers', () => {
  it('Binance taker buy/sell volume per period, where the recording has it', async () => {
    const view = server.views.binance.get('ETHUSDT')!;
    // Two days before the recording's last day (which has an 18 h gap).
    const rows = await history('binance').takerVolume('ETHUSDT', '1h', view.now() - 4 * DAY, view.now() - 2 * DAY);
    expect(rows.length).toBe(48);
    expect(rows.every((r) => r.buy >= 0 && r.sell >= 0 && r.time % 3_600_000 === 0)).toBe(true);
  });

  it('Bybit tiers come from its public risk-limit endpoint; Binance uses the shipped default', async () => {
    const bybitTiers = await history('bybit').marginTiers('ETHUSDT');
    expect(bybitTiers.source).toBe('exchange');
    expect(bybitTiers.tiers.map((t) => t.maintenanceMarginRate)).toEqual([0.005, 0.01, 0.015, 0.02, 0.03, 0.05]);
    expect(await history('binance').marginTiers('BTCUSDT')).toEqual({ tiers: DEFAULT_BINANCE_TIERS, source: 'default' });
    expect(maintenanceMarginRate(DEFAULT_BINANCE_TIERS, 1_000_000)).toBe(0.0065);
  });
});

describe('rate limits', () => {
  it('a 429 backs off and the request then succeeds', async () => {
    const h = history('binance');
    const view = server.views.binance.get('ETHUSDT')!;
    await h.candles('ETHUSDT', '1h', view.now() - DAY, view.now()); // markets loaded
    const before = h.requests;
    server.faults.failRequests(429, 2);
    const candles = await h.candles('ETHUSDT', '1h', view.now() - 4 * DAY, view.now() - 2 * DAY);
    expect(candles.length).toBe(48);
    expect(h.requests).toBe(before + 3); // two refused, one answered
  });

  it('a 418 stops that exchange, says until when, and sends nothing more to it', async () => {
    const h = history('binance');
    const view = server.views.binance.get('ETHUSDT')!;
    await h.candles('ETHUSDT', '1h', view.now() - DAY, view.now());
    server.faults.failRequests(418, 1);
    await expect(h.candles('ETHUSDT', '1h', view.now() - DAY, view.now())).rejects.toThrow(ExchangeBannedError);
    const before = h.requests;
    await expect(h.openInterest('ETHUSDT', '5m', view.now() - DAY, view.now())).rejects.toThrow(/Binance has banned requests from this address \(HTTP 418\); LiqLens stops asking it until \d\d:\d\d:\d\d UTC/);
    expect(h.requests).toBe(before);
  });

  it('reads the status from ccxt errors', () => {
    expect(httpStatus(new Error('binanceusdm GET https://x 429 Too Many Requests {"code":-1003}'))).toBe(429);
    expect(httpStatus(new Error('binanceusdm {"code":-1003,"msg":"Way too many requests; IP banned."}'))).toBe(418);
    expect(httpStatus(new Error('bybit GET https://x 500'))).toBeNull();
  });
});
