/**
 * The liquidation stream client against the replay exchange, over real sockets (`ws`), with the
 * replay's fault injection: a day of recorded Binance BTCUSDT prints through 100 forced
 * disconnects, in Binance's, Bybit's and OKX's wire formats; and 10,000 hostile frames in each.
 * Replay time is driven by hand, so the test decides exactly when prints fall due.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { liquidationPrintId } from '../../src/exchanges/shared/prints';
import type { ExchangeId, LiquidationPrint } from '../../src/core/types';
import { EXCHANGE_IDS, exchange as exchangeDef } from '../../src/exchanges';
import { LiquidationStream, streamUrl, type PrintGap, type SocketLike } from '../../src/market/liquidationStream';
import { loadCatalog, type ReplayMarket } from '../../tools/replay/catalog';
import { REPLAY_EXCHANGES } from '../../tools/replay/exchanges';
import { startReplayServer, type ReplayServer } from '../../tools/replay/server';

const FAST = { tickMs: 5, batchMs: 10 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/**
 * The exchange's own BTCUSDT market where the replay has its prints (Binance's recorded day; OKX's,
 * the replay's conversion of it); otherwise (Bybit's were not recorded) the same real prints sent
 * in the exchange's own format.
 */
function catalogFor(exchange: ExchangeId): ReplayMarket[] {
  const catalog = loadCatalog();
  const own = catalog.find((m) => m.exchange === exchange && m.symbol === 'BTCUSDT' && m.prints.length > 0);
  if (own) return [own];
  const recorded = catalog.find((m) => m.symbol === 'BTCUSDT' && m.prints.length > 0)!;
  const throttled = exchangeDef(exchange).throttledPrints;
  const prints = recorded.prints.map((p) => ({ ...p, exchange, throttled, id: liquidationPrintId({ ...p, exchange }) }));
  return [{ ...recorded, exchange, prints, provenance: [`Test fixture: ${recorded.exchange} BTCUSDT recorded prints, sent in ${exchange}'s wire format.`] }];
}

interface Harness {
  server: ReplayServer;
  stream: LiquidationStream;
  stored: LiquidationPrint[];
  gaps: PrintGap[];
  sent: Map<string, LiquidationPrint>;
  /** Prints written to sockets, counting each copy of a repeated frame. */
  delivered: { count: number };
  advance(ms: number): void;
}

let running: Harness | null = null;
afterEach(async () => {
  running?.stream.stop();
  await running?.server.close();
  running = null;
});

async function start(exchange: ExchangeId): Promise<Harness> {
  const startWall = Date.UTC(2026, 10, 25);
  let wall = startWall;
  const server = await startReplayServer({ port: 0, speed: 1, historyFraction: 0, wallNow: () => wall, catalog: catalogFor(exchange), timing: FAST });
  const sent = new Map<string, LiquidationPrint>();
  const delivered = { count: 0 };
  server.onSent((_kind, prints, copies) => {
    prints.forEach((p) => sent.set(liquidationPrintId(p), p));
    delivered.count += prints.length * copies;
  });
  const stored: LiquidationPrint[] = [];
  const gaps: PrintGap[] = [];
  const stream = new LiquidationStream({
    exchange,
    url: streamUrl(exchange, server.url),
    socket: (url) => new WebSocket(url) as unknown as SocketLike,
    onPrints: (prints) => stored.push(...prints),
    onGap: (gap) => gaps.push(gap),
    now: () => server.clock.now(),
    // gapMarginMs: the production default (2 s), so the gaps tested are the ones LiqLens records.
    backoffBaseMs: 2,
    backoffMaxMs: 20,
  });
  running = { server, stream, stored, gaps, sent, delivered, advance: (ms) => (wall += ms) };
  return running;
}

/** Every print the server wrote to the socket has reached the client. */
const allDelivered = (h: Harness) => () => h.sent.size === new Set(h.stored.map((p) => p.id)).size;

describe.each(EXCHANGE_IDS)('%s liquidation stream through 100 forced disconnects', (exchange) => {
  it('stores every print sent exactly once, and every print it missed lies in a recorded gap', async () => {
    const h = await start(exchange);
    h.stream.setSymbols(['BTCUSDT']);
    await waitFor('the first subscription', () => h.stream.stats.state === 'live');
    const startServed = h.server.clock.now();
    const day = 24 * 3_600_000;
    const step = day / 200;
    let repeats = 0;
    for (let drop = 0; drop < 100; drop++) {
      // Connected: a stretch of replay, some of its frames repeated by the exchange.
      if (drop % 10 === 0) {
        h.server.faults.repeatNext(3);
        repeats += 3;
      }
      h.advance(step);
      await sleep(FAST.batchMs * 2);
      await waitFor('delivery', allDelivered(h));
      // Cut: the next stretch falls due while the client is away or reconnecting.
      h.server.faults.dropConnections();
      h.advance(step);
      await waitFor('the resubscription', () => h.stream.stats.state === 'live' && h.gaps.length === drop + 1);
    }
    await sleep(FAST.batchMs * 2);
    await waitFor('delivery', allDelivered(h));
    const endServed = h.server.clock.now();

    // None doubled: the client passed each print on once, though frames were repeated.
    const ids = h.stored.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Exactly what was sent.
    expect([...h.sent.keys()].sort()).toEqual([...ids].sort());
    expect(h.stream.stats.reconnects).toBe(100);
    expect(h.gaps).toHaveLength(100);
    expect(repeats).toBeGreaterThan(0);
    // Each repeated copy was counted as a duplicate, and only those.
    expect(h.stream.stats.prints).toBe(ids.length);
    expect(h.stream.stats.duplicates).toBe(h.delivered.count - ids.length);
    expect(h.stream.stats.duplicates).toBeGreaterThan(0);
    // With the 2 s margin every gap still closes after it opens (the margin moves only its start).
    expect(h.gaps.every((g) => g.to > g.from)).toBe(true);

    // None lost unseen: every recorded print of the replayed day was stored or lies in a gap.
    const market = h.server.catalog[0]!;
    const offset = h.server.views[exchange].get('BTCUSDT')!.offset;
    const due = market.prints.map((p) => ({ ...p, time: p.time + offset })).filter((p) => p.time > startServed && p.time <= endServed);
    const storedIds = new Set(ids);
    const missed = due.filter((p) => !storedIds.has(liquidationPrintId(p)));
    const unexplained = missed.filter((p) => !h.gaps.some((g) => g.from <= p.time && p.time <= g.to));
    expect(unexplained).toEqual([]);
    expect(missed.length).toBeGreaterThan(0); // the drops did cost prints, and each was accounted for
    expect(h.stored.length + missed.length).toBe(due.length);
    expect(h.stored.every((p) => p.exchange === exchange && p.throttled === exchangeDef(exchange).throttledPrints)).toBe(true);
  }, 60_000);
});

/**
 * `count` frames that are malformed, mistyped or hostile: in the exchange's own shapes (its replay's
 * `hostileFrames`: numbers beyond belief, huge strings, other symbols), then generic ones; one in
 * 500 is giant (over the size limit, or nested 150,000 to 500,000 deep under it).
 */
function hostileFrames(exchange: ExchangeId, count: number): string[] {
  const shaped = REPLAY_EXCHANGES[exchange].hostileFrames(Date.UTC(2026, 10, 25));
  const generic = ['', 'null', '42', '"text"', '[]', '{', '{"e":', '\u0000\u0001', `{"a":"${'€'.repeat(10_000)}"}`];
  const small = [...shaped, ...generic];
  const giant = [
    'x'.repeat(1_100_000), `{"a":"${'€'.repeat(1_100_000)}"}`,
    // Nesting within the size limit, deep enough to break anything that walks it recursively.
    `${'['.repeat(499_999)}${']'.repeat(499_999)}`, `{"o":${'{"o":'.repeat(150_000)}1${'}'.repeat(150_001)}`,
  ];
  return Array.from({ length: count }, (_, i) => (i % 500 === 499 ? giant[(i / 500) % 4 | 0]! : small[i % small.length]!));
}

describe.each(EXCHANGE_IDS)('%s liquidation stream under 10,000 hostile frames', (exchange) => {
  it('counts and drops each one, stores nothing from them, and still takes the next real print', async () => {
    const h = await start(exchange);
    h.stream.setSymbols(['BTCUSDT']);
    await waitFor('the subscription', () => h.stream.stats.state === 'live');
    const before = h.stream.stats.frames;
    const frames = hostileFrames(exchange, 10_000);
    for (const frame of frames) h.server.sendRaw(exchange, frame);
    await waitFor('every hostile frame', () => h.stream.stats.frames >= before + frames.length, 20_000);

    const rejected = Object.values(h.stream.stats.rejected).reduce((a, b) => a + b, 0);
    expect(rejected).toBe(frames.length);
    expect(h.stream.stats.rejected['too large']).toBe(10);
    expect(h.stream.stats.rejected['unknown symbol']).toBeGreaterThan(0);
    expect(h.stream.stats.rejected['out of range']).toBeGreaterThan(0);
    expect(h.stream.stats.rejected['too deep']).toBeGreaterThan(0);
    expect(h.stream.stats.duplicates).toBe(0);
    expect(h.stored).toEqual([]);
    expect(h.stream.stats.state).toBe('live');

    // The stream still works: the replay's next prints arrive and are stored.
    h.advance(6 * 3_600_000);
    await waitFor('a real print after the hostile frames', () => h.stored.length > 0);
    await waitFor('delivery', allDelivered(h));
  }, 60_000);
});

describe('OKX: one subscription carries every symbol', () => {
  it('a symbol added while the channel\'s subscription is in flight is acknowledged by its reply, and its loss is a gap', async () => {
    const h = await start('okx');
    // Replies held back, so the second symbol is asked for while the first request is unanswered.
    h.server.faults.delayMs = 300;
    h.stream.setSymbols(['BTCUSDT']);
    await waitFor('the socket', () => h.server.streamClients().okx === 1);
    await sleep(50); // the socket's open event has reached the client, which has sent its request
    h.stream.setSymbols(['BTCUSDT', 'ETHUSDT']);
    await waitFor('the acknowledgements', () => h.stream.stats.state === 'live');
    h.server.faults.delayMs = 0;
    h.server.faults.dropConnections();
    await waitFor('the resubscription', () => h.gaps.length === 2);
    expect(h.gaps.map((g) => g.symbols[0]).sort()).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(h.gaps.every((g) => g.exchange === 'okx' && g.to > g.from)).toBe(true);
  });
});
