/**
 * One suite over every registered exchange (src/exchanges, in the registry's order): what a new
 * exchange must do to be read by LiqLens and served by its tools, checked against the real
 * parts. Nothing here names an exchange: adding one to the registry adds its run here.
 * - REST: the replay serves its formats and its REST side (ccxt client, `klines`, open interest,
 *   margin tiers) reads them back as the recorded candles.
 * - Stream: over a real socket its subscribe request is acknowledged as its parser reads replies,
 *   and its keep-alive answered; the frames its replay sends of recorded prints are read back by
 *   the extension's parser as those prints.
 * - Pages: its futures page's address parses to its perpetual, its hosts are in the manifest's
 *   matches, and the demo site serves a trade page there whose chart reads its candles.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TIMEFRAME_MS } from '../../src/core/timeframes';
import type { LiquidationPrint } from '../../src/core/types';
import { API_HOST_PERMISSIONS, CONTENT_SCRIPT_MATCHES, EXCHANGES, exchangeOfHost, parseLiquidationFrame } from '../../src/exchanges';
import { EXCHANGE_REST } from '../../src/exchanges/rest';
import { createExchange } from '../../src/market/ccxtCandleSource';
import { MarketHistory } from '../../src/market/history';
import { streamUrl } from '../../src/market/liquidationStream';
import { parseTradePageUrl } from '../../src/site/pageUrl';
import { demoResponse } from '../../tools/demo/site';
import { loadCatalog, type ReplayMarket } from '../../tools/replay/catalog';
import { REPLAY_EXCHANGES } from '../../tools/replay/exchanges';
import { startReplayServer, type ReplayServer } from '../../tools/replay/server';
import { REPO_ROOT } from '../../tools/repoRoot';

const START = Date.UTC(2026, 10, 25, 12);
let server: ReplayServer;
const catalog = loadCatalog();
/** Recorded real prints (Binance BTCUSDT's forceOrder stream), relabelled to each exchange to test its frames. */
const RECORDED = catalog.find((m) => m.prints.length > 0)!.prints.slice(0, 40);

beforeAll(async () => {
  server = await startReplayServer({ port: 0, speed: 1, wallNow: () => START });
});
afterAll(() => server.close());

function marketOf(id: string): ReplayMarket {
  const market = catalog.find((m) => m.exchange === id);
  if (!market) throw new Error(`the replay serves no market of ${id}`);
  return market;
}

async function socketTo(url: string): Promise<{ socket: WebSocket; next: () => Promise<string> }> {
  const socket = new WebSocket(url);
  const queue: string[] = [];
  const waiting: ((text: string) => void)[] = [];
  socket.on('message', (data) => {
    const text = String(data);
    const take = waiting.shift();
    if (take) take(text);
    else queue.push(text);
  });
  await new Promise((done, fail) => {
    socket.once('open', done);
    socket.once('error', fail);
  });
  const next = () =>
    queue.length > 0
      ? Promise.resolve(queue.shift()!)
      : new Promise<string>((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`no frame from ${url} within 3 s`)), 3_000);
          waiting.push((text) => {
            clearTimeout(timer);
            done(text);
          });
        });
  return { socket, next };
}

describe.each(EXCHANGES.map((e) => [e.name, e] as const))('%s conforms', (_name, ex) => {
  it('is served by the replay: a market of its own, its REST paths, its stream', () => {
    expect(REPLAY_EXCHANGES[ex.id].id).toBe(ex.id);
    expect(marketOf(ex.id).candles.length).toBeGreaterThan(100);
    expect(EXCHANGE_REST[ex.id]).toBeDefined();
  });

  it('REST: ccxt loads its perpetuals from the replay, and its REST side reads back exactly the served candles', async () => {
    const market = marketOf(ex.id);
    const client = createExchange(ex.id, { kind: 'replay', url: server.url });
    const history = new MarketHistory(ex.id, client, { now: () => server.clock.now(), backoffBaseMs: 1 });
    await history.perpetual(market.symbol);
    const timeframe = TIMEFRAME_MS['15m'] >= TIMEFRAME_MS[market.baseTimeframe] ? '15m' : market.baseTimeframe;
    const to = server.clock.now();
    const candles = await history.candles(market.symbol, timeframe, to - 50 * TIMEFRAME_MS[timeframe], to);
    const served = server.views[ex.id].get(market.symbol)!.candles(timeframe, { start: to - 50 * TIMEFRAME_MS[timeframe], end: to, limit: 1_000 });
    expect(candles.length).toBeGreaterThan(40);
    expect(candles.map((c) => [c.time, c.open, c.high, c.low, c.close])).toEqual(served.slice(0, candles.length).map((c) => [c.time, c.open, c.high, c.low, c.close]));
    const { tiers } = await history.marginTiers(market.symbol);
    expect(tiers.length).toBeGreaterThan(0);
    expect(EXCHANGE_REST[ex.id].budget.limitPerMinute).toBeGreaterThan(0);
  });

  it('stream: its subscribe request is acknowledged over a real socket as its parser reads replies, and its keep-alive answered', async () => {
    const symbol = marketOf(ex.id).symbol;
    const { socket, next } = await socketTo(streamUrl(ex.id, server.url));
    try {
      const request = ex.stream.request('subscribe', [symbol], 7);
      if (request) {
        socket.send(request.message);
        const reply = parseLiquidationFrame(ex.id, await next(), new Set([symbol]));
        expect(reply).toMatchObject({ kind: 'control', ok: true, id: request.id });
      }
      socket.send(ex.stream.keepAlive(8));
      expect(parseLiquidationFrame(ex.id, await next(), new Set([symbol]))).toMatchObject({ kind: 'control', ok: true });
      expect(server.streamClients()[ex.id]).toBe(1);
    } finally {
      socket.close();
    }
  });

  it('stream: the frames its replay sends of recorded prints are read by the extension\'s parser as those prints', () => {
    const symbol = marketOf(ex.id).symbol;
    const prints: LiquidationPrint[] = RECORDED.map((p) => ({ ...p, exchange: ex.id, symbol }));
    const replay = REPLAY_EXCHANGES[ex.id].stream;
    const client = { connId: 'conformance', topics: new Set<string>(), combined: false };
    const request = ex.stream.request('subscribe', [symbol], 1);
    if (request) replay.answer(client, request.message, server.views[ex.id]);
    const frames = replay.frames(prints, client, START);
    expect(frames.length).toBeGreaterThan(0);
    const read = frames.flatMap((f) => {
      const frame = parseLiquidationFrame(ex.id, JSON.stringify(f.message), new Set([symbol]));
      expect(frame.kind).toBe('prints');
      return frame.kind === 'prints' ? frame.prints : [];
    });
    expect(read.map((p) => [p.symbol, p.side, p.time])).toEqual(prints.map((p) => [p.symbol, p.side, p.time]));
    for (const [i, p] of read.entries()) {
      expect(p.quantity).toBeCloseTo(prints[i]!.quantity, 6);
      expect(p.price).toBeGreaterThan(0);
    }
  });

  it('pages: its futures page parses to its perpetual, its hosts are in the manifest, and the demo site serves that page', async () => {
    const url = ex.futuresPageUrl('BTCUSDT');
    expect(parseTradePageUrl(url)).toMatchObject({ exchange: ex.id, market: 'futures', symbol: 'BTCUSDT' });
    for (const host of ex.siteHosts) {
      expect(exchangeOfHost(host)).toBe(ex.id);
      expect(CONTENT_SCRIPT_MATCHES).toContain(`https://${host}/*`);
    }
    for (const host of ex.apiHosts) expect(API_HOST_PERMISSIONS).toContain(`https://${host}/*`);
    const page = await demoResponse(new URL(url), { replayUrl: server.url });
    expect(page.status).toBe(200);
    expect(page.body).toContain(`a local page laid out like ${ex.name}'s`);
    expect(page.body).toMatch(/<script type="module" src="\/__liqlens_demo\/page\/\w+\.js">/);
    // Its chart frame reads its candles through its own reader (tools/demo/page/<id>Bars.ts), found by id.
    expect(existsSync(resolve(REPO_ROOT, `tools/demo/page/${ex.id}Bars.ts`))).toBe(true);
    const frameScript = await demoResponse(new URL(`https://${ex.siteHosts[0]}/__liqlens_demo/page/${ex.id}Bars.js`), { replayUrl: server.url });
    expect(frameScript).toMatchObject({ status: 200, contentType: 'text/javascript' });
    expect(frameScript.body).toContain('export async function bars');
  });
});
