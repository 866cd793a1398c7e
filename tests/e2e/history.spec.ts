/**
 * History in the browser's own IndexedDB: showing a chart backfills its candles (the chosen
 * number of days, only what the store lacks), open interest and margin tiers; closed candles
 * keep landing; a second visit adds no duplicate, and a chart reopened on a new worker starts from
 * the stored candles (fewer candle requests).
 */
import { MAX_POLL_MS } from '../../src/background/candleFeed';
import type { BrowserContext } from '@playwright/test';
import { badge, expect, test } from './fixtures';

interface Stored {
  /** Open times of the series' candles, in key order. */
  candleTimes: number[];
  openInterest: number;
  tiers: { source: string; tiers: unknown[] } | undefined;
  /** The span the store holds every bar of (the history service's coverage record). */
  coverage: { from: number; to: number } | undefined;
}

/** Runs in the service worker: what the store holds for one series, straight from IndexedDB. */
async function stored(context: BrowserContext, exchange: string, symbol: string, timeframe: string): Promise<Stored> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(({ exchange, symbol, timeframe }) => new Promise<Stored>((resolve, reject) => {
    const open = indexedDB.open('liqlens-market');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['candles', 'openInterest', 'meta']);
      const candles = tx.objectStore('candles').getAllKeys(IDBKeyRange.bound([exchange, symbol, timeframe, 0], [exchange, symbol, timeframe, Number.MAX_SAFE_INTEGER]));
      const oi = tx.objectStore('openInterest').count(IDBKeyRange.bound([exchange, symbol, 0], [exchange, symbol, Number.MAX_SAFE_INTEGER]));
      const tiers = tx.objectStore('meta').get(`tiers:${exchange}:${symbol}`);
      const coverage = tx.objectStore('meta').get(`history:${exchange}:${symbol}:${timeframe}`);
      tx.oncomplete = () => {
        db.close();
        resolve({ candleTimes: (candles.result as [string, string, string, number][]).map((k) => k[3]), openInterest: oi.result, tiers: tiers.result as Stored['tiers'], coverage: coverage.result as Stored['coverage'] });
      };
      tx.onerror = () => reject(tx.error);
    };
  }), { exchange, symbol, timeframe });
}

test('showing Binance BTCUSDT backfills its candles, open interest and the default tiers into IndexedDB', async ({ extension, replay }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect.poll(() => badge(page).getAttribute('data-state')).toBe('replay');
  const timeframe = (await badge(page).locator('.timeframe').innerText())!.split(' ')[0]!;

  // The replay holds about 17 h of this market before "now"; the default backfill asks for 3 days.
  const view = replay.views.binance.get('BTCUSDT')!;
  await expect.poll(async () => (await stored(extension.context, 'binance', 'BTCUSDT', timeframe)).openInterest, { timeout: 15_000 }).toBeGreaterThan(100);
  const first = await stored(extension.context, 'binance', 'BTCUSDT', timeframe);
  // Every closed bar the exchange has, back to the start of its history (within the 3 days), once each.
  const newest = first.candleTimes.at(-1)!;
  const served = view.candles(timeframe as '15m', { start: newest - 3 * 86_400_000, end: newest, limit: 100_000 }).filter((c) => c.closed);
  expect(served.length).toBeGreaterThan(50);
  expect(first.candleTimes).toEqual(served.map((c) => c.time));
  // The tiers are the backfill's last write: they may land after the candles and open interest.
  await expect.poll(async () => (await stored(extension.context, 'binance', 'BTCUSDT', timeframe)).tiers?.source, { timeout: 15_000 }).toBe('default');

  // Closed candles keep landing, and a second tab's visit doubles nothing. At 60× a 15m bar
  // closes every 15 s and the feed polls a 15m chart every 15 s: up to 30 s apart.
  await expect.poll(async () => (await stored(extension.context, 'binance', 'BTCUSDT', timeframe)).candleTimes.at(-1)!, { timeout: 40_000 }).toBeGreaterThan(first.candleTimes.at(-1)!);
  const second = await extension.context.newPage();
  await second.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect.poll(() => badge(second).getAttribute('data-state')).toBe('replay');
  const after = await stored(extension.context, 'binance', 'BTCUSDT', timeframe);
  expect(new Set(after.candleTimes).size).toBe(after.candleTimes.length);
  expect(after.candleTimes.slice(0, first.candleTimes.length)).toEqual(first.candleTimes);
});

test('Bybit tiers come from its public risk-limit endpoint', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.bybit.com/trade/usdt/ETHUSDT');
  await expect.poll(() => badge(page).getAttribute('data-state')).toBe('replay');
  await expect.poll(async () => (await stored(extension.context, 'bybit', 'ETHUSDT', '5m')).tiers?.source, { timeout: 15_000 }).toBe('exchange');
});

test('a 418 from Binance stops requests to it and the badge says until when', async ({ extension, replay }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect.poll(() => badge(page).getAttribute('data-state')).toBe('replay');
  // Binance's requests from the extension only: the Bybit companion feed keeps polling meanwhile.
  const origin = `chrome-extension://${extension.extensionId}`;
  let toBinance = 0;
  const stop = replay.onRequest(({ origin: from, url }) => {
    if (from === origin && /^\/(fapi|futures)\//.test(url.pathname)) toBinance++;
  });
  replay.faults.failRequests(418, 1, { origin, pathPrefix: '/fapi/' });
  // The feed's next request goes within one poll of the forming candle (MAX_POLL_MS), and its status a second later.
  await expect.poll(() => badge(page).getAttribute('data-state'), { timeout: MAX_POLL_MS + 5_000 }).toBe('no data');
  await expect.poll(() => badge(page).locator('.detail').textContent()).toMatch(/^Binance has banned requests from this address \(HTTP 418\); LiqLens stops asking it until \d\d:\d\d:\d\d UTC$/);
  // Nothing more is asked of Binance while the ban lasts, though the feed keeps its schedule. (A
  // request already on its way when the ban was read may still arrive: the count starts after a beat.)
  expect(toBinance).toBeGreaterThan(0);
  await page.waitForTimeout(1_000);
  const during = toBinance;
  await page.waitForTimeout(5_000);
  stop();
  expect(toBinance).toBe(during);
  await expect.poll(() => badge(page).getAttribute('data-state')).toBe('no data');
});

test('after the exchange was unreachable, the open interest missed meanwhile is backfilled', async ({ extension, replay }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect.poll(() => badge(page).getAttribute('data-state')).toBe('replay');
  const newestOi = async () => {
    const worker = extension.context.serviceWorkers()[0]!;
    return worker.evaluate(() => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('liqlens-market');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const keys = open.result.transaction('openInterest').objectStore('openInterest').getAllKeys();
        keys.onsuccess = () => {
          open.result.close();
          resolve(Math.max(0, ...(keys.result as [string, string, number][]).filter((k) => k[1] === 'BTCUSDT').map((k) => k[2])));
        };
      };
    }));
  };
  await expect.poll(newestOi, { timeout: 15_000 }).toBeGreaterThan(0);
  const before = await newestOi();

  await replay.faults.down();
  await expect.poll(() => badge(page).getAttribute('data-state'), { timeout: 20_000 }).toBe('no data');
  await page.waitForTimeout(6_000); // over 5 replay minutes at 60×: at least one 5m open-interest sample missed
  await replay.faults.up();
  await expect.poll(() => badge(page).getAttribute('data-state'), { timeout: 20_000 }).toBe('replay');
  await expect.poll(newestOi, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 300_000);
});

test('a chart reopened on a new service worker paints from the stored candles and asks the exchange for fewer', async ({ extension, replay }) => {
  const origin = `chrome-extension://${extension.extensionId}`;
  const candlePaths = new Set(['/fapi/v1/klines', '/v5/market/kline', '/api/v5/market/candles', '/api/v5/market/history-candles']);
  let requests: string[] = [];
  const stop = replay.onRequest(({ origin: from, url }) => {
    if (from === origin && candlePaths.has(url.pathname)) requests.push(`${url.pathname}?${url.searchParams}`);
  });
  // A visit: the chart painted (SMC counted its bars) and its history backfilled (open interest stored).
  // `atLeast`: a reopened chart paints its stored closed bars first (the newest stored bar counts as
  // open until the gap's refetch replaces it), so its count is read once the gap has come in.
  const visit = async (atLeast = 1) => {
    requests = [];
    const page = await extension.context.newPage();
    await page.goto('https://www.binance.com/en/futures/BTCUSDT');
    const barsShown = async () => Number(/^SMC (\d+) bars/.exec((await badge(page).locator('.structure').textContent()) ?? '')?.[1] ?? 0);
    await expect.poll(barsShown, { timeout: 20_000 }).toBeGreaterThanOrEqual(atLeast);
    const bars = await barsShown();
    // Backfilled: open interest stored, and the store covers every bar the chart showed (a reopened chart paints from them).
    const bar = 15 * 60_000;
    await expect.poll(async () => {
      const { openInterest, coverage } = await stored(extension.context, 'binance', 'BTCUSDT', '15m');
      return openInterest > 0 && coverage !== undefined && (coverage.to - coverage.from) / bar + 1 >= bars;
    }, { timeout: 15_000 }).toBe(true);
    const made = requests.slice();
    await page.close();
    return { made, bars };
  };
  const first = await visit();

  // The browser stops the worker (as chrome://serviceworker-internals does); the tab is reopened on a fresh one.
  const internals = await extension.context.newPage();
  await internals.goto('chrome://serviceworker-internals/');
  await expect(internals.locator('body')).toContainText('Running Status: RUNNING');
  const thread = /Renderer thread ID: (\d+)/.exec(await internals.locator('body').innerText())![1]!;
  await internals.getByText('Stop', { exact: true }).first().click();
  await expect(internals.locator('body')).not.toContainText(`Renderer thread ID: ${thread}`);
  await internals.close();
  const second = await visit(first.bars); // no fewer bars than before: visit's poll fails otherwise
  stop();

  console.log(`candle requests: first visit ${first.made.length}, second visit ${second.made.length}\n  first: ${first.made.join('\n         ')}\n  second: ${second.made.join('\n          ')}`);
  // The chart's own series (Binance 15m) was asked for less, and only from a stored bar on (startTime),
  // never as a whole window. The other exchanges' series are logged, not judged: how far their
  // backfills got before the first visit closed is a matter of timing.
  const chart = (r: string) => r.startsWith('/fapi/v1/klines') && r.includes('interval=15m');
  expect(second.made.filter(chart).length).toBeLessThan(first.made.filter(chart).length);
  expect(second.made.filter(chart).length).toBeGreaterThan(0);
  expect(second.made.filter(chart).every((r) => r.includes('startTime='))).toBe(true);
});
