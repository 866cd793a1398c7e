/**
 * The request budget: the extension with 5 symbols open on each exchange (one tab each) for 30
 * replayed minutes, every REST request it sends to the replay exchange weighed as the exchange
 * would weigh it, and the stream sockets it holds. Binance USDⓈ-M allows 2,400 request weight a
 * minute per IP; Bybit v5 600 requests per 5 s per IP. The goal is a tenth of each.
 *
 * The replay has two recorded symbols per exchange, so three more per exchange are served as
 * stand-ins: a recorded market's data under another symbol (the requests do not depend on the
 * prices). The extension polls on wall-clock timers, so the rates are per wall-clock minute; what
 * it fetches per replayed candle comes SPEED times as often as live, which only overstates it.
 */
import type { Page } from '@playwright/test';
import { launchExtension, useReplaySource } from '../tools/launchExtension';
import { serveDemoSite } from '../tools/demo/site';
import { loadCatalog, type ReplayMarket } from '../tools/replay/catalog';
import { exchangeOfPath, startReplayServer } from '../tools/replay/server';
import { EXCHANGE_IDS } from '../src/exchanges';
import type { ExchangeId } from '../src/core/types';
import { figure, type FigureSpec } from './summary';
import { inOverlay, until } from '../tests/e2e/shadowReach';

export const REQUEST_FIGURES: readonly FigureSpec[] = [
  { name: 'requests.binance_weight_per_min', unit: 'weight/min', op: '<=', target: 240, timed: false },
  { name: 'requests.bybit_per_5s', unit: 'requests/5s', op: '<=', target: 60, timed: false },
  // One socket per exchange carries every symbol's prints.
  { name: 'requests.ws_connections', unit: 'sockets', op: '<=', target: 2, timed: false },
];

const SPEED = 15;
const REPLAYED_MS = 30 * 60_000;
const STAND_INS = ['SOLUSDT', 'XRPUSDT', 'DOGEUSDT'];
const BINANCE_PER_MIN = 2_400;
const BYBIT_PER_5S = 600;

/** Five markets per exchange: the recorded two, and three stand-ins copied from them. */
function fiveEach(): ReplayMarket[] {
  const recorded = loadCatalog();
  const extra = (['binance', 'bybit'] as const).flatMap((exchange) => {
    const own = recorded.filter((m) => m.exchange === exchange);
    return STAND_INS.map((symbol, i): ReplayMarket => {
      const from = own[i % own.length]!;
      return {
        ...from, symbol, base: symbol.replace(/USDT$/, ''),
        prints: from.prints.map((p) => ({ ...p, symbol, id: `${p.id}:${symbol}` })),
        provenance: [`Stand-in for the request budget bench: ${from.exchange} ${from.symbol}'s data under another symbol.`],
      };
    });
  });
  return [...recorded, ...extra];
}

/**
 * Request weight of a Binance USDⓈ-M REST call, from its documentation: klines by `limit`
 * (default 500), 1 for the other market-data endpoints the extension calls. The /futures/data
 * endpoints have their own limit (1,000 per 5 min); they are counted here at weight 1 as well.
 */
export function binanceWeight(url: URL): number {
  if (url.pathname === '/fapi/v1/klines') {
    const limit = Number(url.searchParams.get('limit') ?? 500);
    return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
  }
  return 1;
}

/** The largest sum of `weight` over any window of `windowMs` starting at a request. */
export function busiestWindow(requests: readonly { at: number; weight: number }[], windowMs: number): number {
  let best = 0;
  let sum = 0;
  let start = 0;
  for (let end = 0; end < requests.length; end++) {
    sum += requests[end]!.weight;
    while (requests[end]!.at - requests[start]!.at >= windowMs) sum -= requests[start++]!.weight;
    best = Math.max(best, sum);
  }
  return best;
}

async function openSymbol(context: Awaited<ReturnType<typeof launchExtension>>['context'], exchange: ExchangeId, symbol: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(exchange === 'binance' ? `https://www.binance.com/en/futures/${symbol}` : `https://www.bybit.com/trade/usdt/${symbol}`);
  if (!(await until(async () => (await inOverlay(page, '.liqlens-badge').getAttribute('data-state')) === 'replay', 60_000))) {
    console.log(`  (${exchange} ${symbol}: the badge did not show replayed data within 60 s; counted anyway)`);
  }
  return page;
}

export async function benchRequests(): Promise<void> {
  console.log(`\n## Request budget: 5 symbols open on each exchange for ${REPLAYED_MS / 60_000} replayed minutes (replay at ${SPEED}×, headless Chromium)`);
  const replay = await startReplayServer({ port: 0, speed: SPEED, catalog: fiveEach() });
  const seen = Object.fromEntries(EXCHANGE_IDS.map((id) => [id, [] as { at: number; weight: number }[]])) as Record<ExchangeId, { at: number; weight: number }[]>;
  const paths: Record<string, number> = {};
  const stop = replay.onRequest(({ origin, url }) => {
    // The extension's own requests only: the demo pages' charts fetch through the test's proxy.
    if (!origin.startsWith('chrome-extension://')) return;
    const exchange = exchangeOfPath(url.pathname);
    if (!exchange) return;
    seen[exchange].push({ at: performance.now(), weight: exchange === 'binance' ? binanceWeight(url) : 1 });
    paths[`${exchange} ${url.pathname}`] = (paths[`${exchange} ${url.pathname}`] ?? 0) + 1;
  });
  const launched = await launchExtension({ headless: true });
  const started = performance.now();
  let held = replay.streamClients();
  try {
    await useReplaySource(launched.serviceWorker, replay.url);
    await serveDemoSite(launched.context, { replayUrl: replay.url });
    for (const exchange of ['binance', 'bybit'] as const) {
      for (const m of replay.catalog.filter((c) => c.exchange === exchange)) await openSymbol(launched.context, exchange, m.symbol);
    }
    const due = started + REPLAYED_MS / SPEED;
    while (performance.now() < due) await new Promise((r) => setTimeout(r, 1_000));
    held = replay.streamClients();
  } finally {
    stop();
    await launched.context.close();
    await replay.close();
  }
  const minutes = (performance.now() - started) / 60_000;
  const binanceTotal = seen.binance.reduce((s, r) => s + r.weight, 0);
  const binanceMinute = busiestWindow(seen.binance, 60_000);
  const bybit5s = busiestWindow(seen.bybit, 5_000);
  console.log(`extension REST requests over ${minutes.toFixed(1)} wall-clock minutes: ${Object.entries(paths).sort().map(([p, n]) => `${p} ×${n}`).join(', ')}`);
  console.log(`Binance: ${seen.binance.length} requests, weight ${binanceTotal} (${(binanceTotal / minutes).toFixed(0)} a minute on average), busiest minute ${binanceMinute} of the ${BINANCE_PER_MIN} allowed (${((100 * binanceMinute) / BINANCE_PER_MIN).toFixed(1)} %)`);
  console.log(`Bybit: ${seen.bybit.length} requests (${(seen.bybit.length / (minutes * 12)).toFixed(1)} per 5 s on average), busiest 5 s ${bybit5s} of the ${BYBIT_PER_5S} allowed (${((100 * bybit5s) / BYBIT_PER_5S).toFixed(1)} %)`);
  console.log(`stream sockets held at the end: Binance ${held.binance}, Bybit ${held.bybit}`);
  figure('requests.binance_weight_per_min', binanceMinute, `busiest 60 s of the run, tabs opening included; ${(binanceTotal / minutes).toFixed(0)} a minute on average; limit ${BINANCE_PER_MIN}`);
  figure('requests.bybit_per_5s', bybit5s, `busiest 5 s of the run, tabs opening included; limit ${BYBIT_PER_5S}`);
  figure('requests.ws_connections', held.binance + held.bybit, `Binance ${held.binance}, Bybit ${held.bybit}, with 5 symbols open on each`);
}
