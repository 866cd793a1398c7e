/**
 * The replay exchange: serves recorded real market data on loopback, in each registered
 * exchange's wire formats (its folder under ./exchanges/), so that ccxt and the extension talk to
 * it exactly as they talk to the exchanges (pointed at it through the "data source" setting).
 * See tools/replay/README.md.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { EXCHANGE_IDS, type ExchangeId } from '../../src/core/exchangeIds';
import { loadCatalog, type ReplayMarket } from './catalog';
import { exchangeOfPath, REPLAY_EXCHANGES } from './exchanges';
import { ReplayClock } from './clock';
import { Faults } from './faults';
import type { JsonReply } from './http';
import { MarketView } from './marketView';
import { StreamHub, type HubTiming } from './streams';

export interface ReplayOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Replay time runs this many times faster than real time. */
  speed: number;
  /** How far into each recording the replay starts (0..1, default 0.7): the rest is replayed forward. */
  historyFraction?: number;
  /**
   * Start the served clock at the first instant from the wall clock of this phase (ms into a 4 h
   * step, so at most 4 h ahead), so that every recording's cursor falls on the same recorded
   * minute on every run.
   * Unset, the served clock starts at the wall clock and the cursor wanders with the time of day.
   */
  phaseMs?: number;
  /** Start with the clock held (ReplayClock.hold): replay time stands still until `clock.release()`. */
  held?: boolean;
  /** Wall clock, for tests. */
  wallNow?: () => number;
  /** What to serve instead of the shipped catalog (tests that need other combinations of the recordings). */
  catalog?: ReplayMarket[];
  /** Publishing cadence of the streams (real ms); tests shorten it. */
  timing?: HubTiming;
}

export interface ReplayServer {
  /** http://127.0.0.1:PORT: the REST base and, as ws://, the stream base. */
  url: string;
  port: number;
  clock: ReplayClock;
  faults: Faults;
  views: Record<ExchangeId, ReadonlyMap<string, MarketView>>;
  catalog: readonly ReplayMarket[];
  /** Every print frame written to a socket, as it is written. Returns the unsubscribe. */
  onSent: StreamHub['onSent'];
  /** Sends raw text to every stream client of an exchange, e.g. hostile frames. */
  sendRaw: StreamHub['sendRaw'];
  /** Every REST request as it arrives (the request budget bench weighs them). Returns the unsubscribe. */
  onRequest(listener: (request: { origin: string; url: URL }) => void): () => void;
  /** Stream clients connected now, by exchange. */
  streamClients(): Record<ExchangeId, number>;
  /** A market listed from now on (a listing added while clients run): served by REST and the streams alike. */
  list(market: ReplayMarket): void;
  close(): Promise<void>;
}

export async function startReplayServer(options: ReplayOptions): Promise<ReplayServer> {
  const host = options.host ?? '127.0.0.1';
  const wallNow = options.wallNow ?? Date.now;
  const clock = new ReplayClock(options.speed, wallNow(), wallNow, options.phaseMs, options.held);
  const catalog = [...(options.catalog ?? loadCatalog())];
  const viewsOf = (exchange: ExchangeId) =>
    new Map(catalog.filter((m) => m.exchange === exchange).map((m) => [m.symbol, new MarketView(m, clock, options.historyFraction)]));
  const views = Object.fromEntries(EXCHANGE_IDS.map((id) => [id, viewsOf(id)])) as Record<ExchangeId, Map<string, MarketView>>;

  const sockets = new Set<Socket>();
  const http = createServer((req, res) => void handle(req, res));
  const wss = new WebSocketServer({ noServer: true });
  const faults: Faults = new Faults({
    dropSockets: () => {
      hub.dropAll();
      for (const s of sockets) s.destroy();
    },
    stopListening: () => new Promise((done) => http.close(() => done())),
    startListening: () => listen(port),
  });
  const hub = new StreamHub(views, faults, () => clock.now(), options.timing);

  http.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!hub.accept(ws, url)) ws.close(1008, 'no stream at this path');
    });
  });

  const requests: Record<string, number> = {};
  const requestListeners = new Set<(request: { origin: string; url: URL }) => void>();
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const origin = req.headers.origin ?? 'no origin';
    requests[origin] = (requests[origin] ?? 0) + 1;
    for (const listener of requestListeners) listener({ origin, url });
    if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
    const reply = route(url, req.headers.origin);
    res.writeHead(reply.status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(reply.body));
  }

  function route(url: URL, origin: string | undefined): JsonReply {
    const status = faults.takeHttpError(origin, url.pathname);
    if (status !== null) return httpFault(url, status);
    if (url.pathname === '/__replay/status') return { status: 200, body: describe() };
    const id = exchangeOfPath(url.pathname);
    const reply = id ? REPLAY_EXCHANGES[id].rest.serve(url, views[id]) : undefined;
    return reply ?? { status: 404, body: { code: -1, msg: `no such endpoint on the replay exchange: ${url.pathname}` } };
  }

  function describe() {
    return {
      speed: clock.speed,
      now: Math.round(clock.now()),
      /** REST requests so far, this one included, by the Origin that sent them (the extension's, a page's). */
      requests,
      streams: hub.subscriptions(),
      streamsOpened: { ...hub.opened },
      markets: EXCHANGE_IDS.flatMap((id) => [...views[id].values()]).map((v) => ({
        exchange: v.market.exchange,
        symbol: v.market.symbol,
        baseTimeframe: v.market.baseTimeframe,
        offsetMs: v.offset,
        ended: v.ended(),
        provenance: v.market.provenance,
      })),
    };
  }

  function listen(onPort: number): Promise<void> {
    return new Promise((resolve, reject) => {
      http.once('error', reject);
      http.listen(onPort, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  }

  await listen(options.port);
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    url: `http://${host}:${port}`,
    port,
    clock,
    faults,
    views,
    catalog,
    onSent: (listener) => hub.onSent(listener),
    sendRaw: (exchange, text) => hub.sendRaw(exchange, text),
    onRequest: (listener) => {
      requestListeners.add(listener);
      return () => requestListeners.delete(listener);
    },
    list: (market) => {
      views[market.exchange].set(market.symbol, new MarketView(market, clock, options.historyFraction));
      catalog.push(market);
    },
    streamClients: () => {
      const held = Object.fromEntries(EXCHANGE_IDS.map((id) => [id, 0])) as Record<ExchangeId, number>;
      for (const s of hub.subscriptions()) held[s.exchange]++;
      return held;
    },
    close: async () => {
      hub.close();
      for (const s of sockets) s.destroy();
      wss.close();
      await new Promise<void>((done) => (http.listening ? http.close(() => done()) : done()));
    },
  };
}

export { exchangeOfPath };

/** An injected HTTP error, with the body each exchange sends with it. */
function httpFault(url: URL, status: number): JsonReply {
  const id = exchangeOfPath(url.pathname);
  return id ? REPLAY_EXCHANGES[id].rest.fault(status) : { status, body: { msg: `injected HTTP ${status}` } };
}
