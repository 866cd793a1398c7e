/**
 * The replay exchange, spoken to by real ccxt clients and real WebSocket clients exactly as
 * they would speak to Binance and Bybit. Replay time is driven by a controllable wall clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadSymbol, DDoSProtection, RateLimitExceeded, type Exchange } from 'ccxt';
import WebSocket from 'ws';
import { EXCHANGE_IDS, type ExchangeId } from '../../src/exchanges';
import { EXCHANGE_REST } from '../../src/exchanges/rest';
import { rebaseUrlTree } from '../../src/market/ccxtEndpoints';
import { startReplayServer, type ReplayServer } from '../../tools/replay/server';

const START = Date.UTC(2026, 10, 24, 12, 0, 0);
let wall = START;
let server: ReplayServer;

function client(kind: ExchangeId): Exchange {
  const exchange = EXCHANGE_REST[kind].client({ enableRateLimit: true });
  exchange.urls['api'] = rebaseUrlTree(exchange.urls['api'] as never, server.url) as typeof exchange.urls['api'];
  return exchange;
}

function frames(socket: WebSocket): unknown[] {
  const received: unknown[] = [];
  socket.on('message', (data) => {
    const text = String(data);
    try {
      received.push(JSON.parse(text));
    } catch {
      received.push({ malformed: text });
    }
  });
  return received;
}

async function open(path: string): Promise<WebSocket> {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}${path}`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return socket;
}

async function until(check: () => boolean, what: string, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  server = await startReplayServer({ port: 0, speed: 1, wallNow: () => wall });
});
afterAll(() => server.close());

describe('REST through ccxt', () => {
  it('serves Binance klines time-shifted so the newest bar is the one forming now', async () => {
    const candles = await client('binance').fetchOHLCV('BTC/USDT:USDT', '5m', undefined, 100);
    expect(candles).toHaveLength(100);
    const last = candles.at(-1)!;
    expect(START - Number(last[0])).toBeGreaterThanOrEqual(0);
    expect(START - Number(last[0])).toBeLessThan(5 * 60_000);
    for (let i = 1; i < candles.length; i++) expect(Number(candles[i]![0]) - Number(candles[i - 1]![0])).toBeGreaterThanOrEqual(300_000);
    // Prices are the recorded BTC of late November 2023.
    expect(Number(last[4])).toBeGreaterThan(35_000);
    expect(Number(last[4])).toBeLessThan(39_000);
  });

  it('never serves a bar from after replay time, and reveals it once time passes', async () => {
    const binance = client('binance');
    const before = await binance.fetchOHLCV('BTC/USDT:USDT', '1m', undefined, 5);
    wall += 3 * 60_000;
    const after = await binance.fetchOHLCV('BTC/USDT:USDT', '1m', undefined, 5);
    expect(Number(after.at(-1)![0])).toBeGreaterThan(Number(before.at(-1)![0]));
    expect(Number(after.at(-1)![0])).toBeLessThanOrEqual(wall);
  });

  it('pages Binance klines forward from a start time', async () => {
    const binance = client('binance');
    const latest = await binance.fetchOHLCV('BTC/USDT:USDT', '15m', undefined, 20);
    const since = Number(latest[0]![0]);
    const page = await binance.fetchOHLCV('BTC/USDT:USDT', '15m', since, 5);
    expect(page.map((c) => c[0])).toEqual(latest.slice(0, 5).map((c) => c[0]));
  });

  it('serves Bybit klines (newest first on the wire) that ccxt returns oldest first', async () => {
    const candles = await client('bybit').fetchOHLCV('ETH/USDT:USDT', '15m', undefined, 50);
    expect(candles).toHaveLength(50);
    expect(Number(candles[1]![0]) - Number(candles[0]![0])).toBe(15 * 60_000);
    expect(Number(candles.at(-1)![0])).toBeLessThanOrEqual(wall);
  });

  it('answers an unknown symbol the way the exchange does', async () => {
    await expect(client('binance').fetchOHLCV('DOGE/USDT:USDT', '5m')).rejects.toBeInstanceOf(BadSymbol);
    const res = await fetch(`${server.url}/fapi/v1/klines?symbol=NOSUCHUSDT&interval=5m`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    const bybitRes = await (await fetch(`${server.url}/v5/market/kline?category=linear&symbol=NOSUCHUSDT&interval=5`)).json();
    expect(bybitRes).toMatchObject({ retCode: 10001, retMsg: 'Not supported symbols' });
  });

  it('serves Binance open-interest history on period boundaries from the recorded snapshots', async () => {
    const history = await client('binance').fetchOpenInterestHistory('BTC/USDT:USDT', '5m', undefined, 12);
    expect(history.length).toBeGreaterThan(0);
    for (const h of history) {
      expect(Number(h.timestamp) % 300_000).toBe(0);
      expect(Number(h.openInterestAmount)).toBeGreaterThan(70_000); // BTC, as recorded
      expect(Number(h.timestamp)).toBeLessThanOrEqual(wall);
    }
  });

  it('turns a 429 fault into ccxt\'s RateLimitExceeded', async () => {
    server.faults.failRequests(429, 1);
    await expect(client('bybit').fetchOHLCV('BTC/USDT:USDT', '5m', undefined, 5)).rejects.toBeInstanceOf(RateLimitExceeded);
  });

  it('turns Binance 429 and 418 faults into ccxt\'s DDoSProtection, status in the message', async () => {
    // ccxt maps Binance's HTTP 429 and 418 to DDoSProtection (RateLimitExceeded's parent). The
    // faults hit the klines request only: loading markets sends several requests at once, and one
    // still in flight after the first rejection would otherwise take the next fault (seen under load).
    const klines = { pathPrefix: '/fapi/v1/klines' };
    server.faults.failRequests(429, 1, klines);
    await expect(client('binance').fetchOHLCV('BTC/USDT:USDT', '5m', undefined, 5)).rejects.toThrow(DDoSProtection);
    server.faults.failRequests(418, 1, klines);
    const ban = client('binance').fetchOHLCV('BTC/USDT:USDT', '5m', undefined, 5);
    await expect(ban).rejects.toThrow(DDoSProtection);
    await expect(ban).rejects.toThrow(/418/);
  });

  it('explains what is recorded and what is derived', async () => {
    const status = (await (await fetch(`${server.url}/__replay/status`)).json()) as { markets: { exchange: string; provenance: string[] }[] };
    expect(status.markets).toHaveLength(server.catalog.length);
    expect(new Set(status.markets.map((m) => m.exchange))).toEqual(new Set(EXCHANGE_IDS));
    for (const m of status.markets) expect(m.provenance.join(' ')).toMatch(/Recorded|Stand-in/);
  });

  it('serves OKX from Binance\'s recordings converted, and says so', async () => {
    const status = (await (await fetch(`${server.url}/__replay/status`)).json()) as { markets: { exchange: string; provenance: string[] }[] };
    const okx = status.markets.filter((m) => m.exchange === 'okx');
    expect(okx).toHaveLength(2);
    for (const m of okx) expect(m.provenance[0]).toMatch(/^Converted, not recorded: OKX (BTC|ETH)-USDT-SWAP is Binance's (BTC|ETH)USDT data/);
  });

  it('OKX through ccxt okx: SWAP instruments with their contract values, candles newest first on the wire in contracts and base coin, the same prices as Binance\'s', async () => {
    const okx = client('okx');
    const markets = await okx.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    expect(markets['BTC/USDT:USDT']).toMatchObject({ id: 'BTC-USDT-SWAP', swap: true, linear: true, contractSize: 0.01 });
    expect(markets['ETH/USDT:USDT']!.contractSize).toBe(0.1);
    const [okxBars, binanceBars] = await Promise.all([okx.fetchOHLCV('BTC/USDT:USDT', '15m', undefined, 20), client('binance').fetchOHLCV('BTC/USDT:USDT', '15m', undefined, 20)]);
    expect(okxBars.map((c) => c.slice(0, 5))).toEqual(binanceBars.map((c) => c.slice(0, 5)));
    const wire = (await (await fetch(`${server.url}/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1H&limit=3`)).json()) as { code: string; data: string[][] };
    expect(wire.code).toBe('0');
    expect(Number(wire.data[0]![0])).toBeGreaterThan(Number(wire.data[1]![0])); // newest first
    expect(Number(wire.data[1]![5])).toBeCloseTo(Number(wire.data[1]![6]) / 0.01, 6); // contracts = coin / ctVal
    expect(wire.data[0]![8]).toBe('0'); // the bar forming now is not confirmed
    expect(wire.data[1]![8]).toBe('1');
  });

  it('OKX answers an unknown instrument and an unknown path in its envelope, and a 429 as ccxt\'s RateLimitExceeded', async () => {
    expect(await (await fetch(`${server.url}/api/v5/market/candles?instId=NOPE-USDT-SWAP&bar=5m`)).json()).toMatchObject({ code: '51001', data: [] });
    expect(await (await fetch(`${server.url}/api/v5/rubik/stat/contracts/long-short-account-ratio-contract?instId=BTC-USDT-SWAP`)).json()).toMatchObject({ code: '50014' });
    await client('okx').loadMarkets();
    server.faults.failRequests(429, 1, { pathPrefix: '/api/v5/market/' });
    await expect(client('okx').fetchOHLCV('BTC/USDT:USDT', '5m', undefined, 5)).rejects.toBeInstanceOf(RateLimitExceeded);
  });
});

describe('liquidation streams', () => {
  it('pushes Binance forceOrder prints as replay time passes them, in the wire format', async () => {
    const socket = await open('/market/ws/btcusdt@forceOrder');
    const received = frames(socket);
    const view = server.views.binance.get('BTCUSDT')!;
    const next = view.market.prints.find((p) => p.time + view.offset > wall)!;
    wall = next.time + view.offset + 1;
    await until(() => received.length > 0, 'a forceOrder frame');
    expect(received[0]).toMatchObject({
      e: 'forceOrder',
      o: { s: 'BTCUSDT', S: next.side === 'long' ? 'SELL' : 'BUY', T: next.time + view.offset },
    });
    socket.close();
  });

  it('answers Binance SUBSCRIBE and LIST_SUBSCRIPTIONS', async () => {
    const socket = await open('/market/ws');
    const received = frames(socket);
    socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['!forceOrder@arr'], id: 7 }));
    socket.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 8 }));
    await until(() => received.length >= 2, 'two replies');
    expect(received.slice(0, 2)).toEqual([{ result: null, id: 7 }, { result: ['!forceOrder@arr'], id: 8 }]);
    socket.close();
  });

  it('answers Bybit subscribe and ping, and refuses an unknown topic', async () => {
    const socket = await open('/v5/public/linear');
    const received = frames(socket);
    socket.send(JSON.stringify({ op: 'subscribe', args: ['allLiquidation.BTCUSDT'], req_id: 'a' }));
    socket.send(JSON.stringify({ op: 'ping', req_id: 'b' }));
    socket.send(JSON.stringify({ op: 'subscribe', args: ['allLiquidation.NOSUCHUSDT'], req_id: 'c' }));
    await until(() => received.length >= 3, 'three replies');
    expect(received[0]).toMatchObject({ success: true, op: 'subscribe', req_id: 'a' });
    expect(received[1]).toMatchObject({ success: true, ret_msg: 'pong', op: 'ping', req_id: 'b' });
    expect(received[2]).toMatchObject({ success: false, op: 'subscribe', req_id: 'c' });
    socket.close();
  });

  it('answers OKX subscribe per arg, the bare-text ping, and refuses an unknown channel; pushes liquidation-orders in contracts at bkPx', async () => {
    const socket = await open('/ws/v5/public');
    const received = frames(socket);
    const arg = { channel: 'liquidation-orders', instType: 'SWAP' };
    socket.send(JSON.stringify({ op: 'subscribe', args: [arg] }));
    socket.send('ping');
    socket.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'nosuch', instType: 'SWAP' }] }));
    await until(() => received.length >= 3, 'three replies');
    expect(received[0]).toMatchObject({ event: 'subscribe', arg });
    expect(received[1]).toEqual({ malformed: 'pong' });
    expect(received[2]).toMatchObject({ event: 'error', code: '60018' });
    const view = server.views.okx.get('BTCUSDT')!;
    const next = view.market.prints.find((p) => p.time + view.offset > wall)!;
    wall = next.time + view.offset + 1;
    await until(() => received.length >= 4, 'a liquidation-orders push');
    expect(received[3]).toEqual({
      arg,
      data: [{ instId: 'BTC-USDT-SWAP', instFamily: 'BTC-USDT', instType: 'SWAP', uly: 'BTC-USDT', details: [{ bkLoss: '0', bkPx: String(next.price), ccy: '', posSide: next.side, side: next.side === 'long' ? 'sell' : 'buy', sz: String(Number((next.quantity / 0.01).toPrecision(12))), ts: String(next.time + view.offset) }] }],
    });
    socket.close();
  });

  it('injects malformed and repeated frames, and drops connections, on demand', async () => {
    const socket = await open('/market/ws');
    const received = frames(socket);
    server.faults.malformNext(1);
    socket.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 1 }));
    await until(() => received.length >= 2, 'malformed then real frame');
    expect(received[0]).toHaveProperty('malformed');
    expect(received[1]).toEqual({ result: [], id: 1 });
    server.faults.repeatNext(1);
    socket.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 2 }));
    await until(() => received.length >= 4, 'a repeated frame');
    expect(received[2]).toEqual(received[3]);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    server.faults.dropConnections();
    await closed;
  });

  it('goes down and comes back on the same port', async () => {
    await server.faults.down();
    await expect(fetch(`${server.url}/fapi/v1/ping`)).rejects.toThrow();
    await server.faults.up();
    expect((await fetch(`${server.url}/fapi/v1/ping`)).status).toBe(200);
  });
});
