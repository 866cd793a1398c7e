/**
 * The replay's WebSocket streams of liquidation prints, in the exchanges' wire formats:
 * - Binance USDⓈ-M under `/market`: raw `/market/ws/<stream>[/<stream>…]`, `/market/ws` with
 *   `SUBSCRIBE` / `UNSUBSCRIBE` / `LIST_SUBSCRIPTIONS`, combined `/market/stream?streams=a/b`;
 *   streams `<symbol>@forceOrder` and `!forceOrder@arr`.
 * - Bybit v5 `/v5/public/linear`: `subscribe` / `unsubscribe` / `ping` ops, topic
 *   `allLiquidation.<SYMBOL>`, pushed in batches every 500 ms.
 * - OKX v5 `/ws/v5/public`: `subscribe` / `unsubscribe` ops on `{channel: "liquidation-orders",
 *   instType: "SWAP"}`, the bare text `ping` answered by `pong`; pushes of every swap's prints
 *   (sizes in contracts, at the bankruptcy price `bkPx`), from Binance's recordings converted.
 */
import type { WebSocket } from 'ws';
import { EXCHANGE_IDS } from '../../src/exchanges';
import { contractValue, okxInstId } from '../../src/exchanges/okx/contracts';
import type { ExchangeId, LiquidationPrint } from '../../src/core/types';
import { decimal } from './http';
import type { Faults } from './faults';
import type { MarketView } from './marketView';

export interface HubTiming {
  /** How often (real ms) newly due prints are published. */
  tickMs: number;
  /** Bybit batches its allLiquidation pushes: every 500 ms on the real exchange. */
  bybitPushMs: number;
}

const REAL_TIMING: HubTiming = { tickMs: 100, bybitPushMs: 500 };

interface Client {
  socket: WebSocket;
  kind: ExchangeId;
  combined: boolean;
  topics: Set<string>;
  connId: string;
}

/** Told of every print frame actually written to a socket (tests compare it with what the client stored). */
/** `copies`: how many times the frame carrying `prints` was written (2 where a fault repeated it). */
export type SentListener = (exchange: ExchangeId, prints: readonly LiquidationPrint[], copies: number) => void;

export class StreamHub {
  private readonly clients = new Set<Client>();
  private readonly sentListeners = new Set<SentListener>();
  /** Stream connections accepted so far, per exchange (a client that reconnects for nothing shows here). */
  readonly opened = Object.fromEntries(EXCHANGE_IDS.map((id) => [id, 0])) as Record<ExchangeId, number>;
  private readonly timer: NodeJS.Timeout;
  private lastTick: number;
  private lastBybitPush: number;
  private pendingBybit: LiquidationPrint[] = [];

  private readonly binance: ReadonlyMap<string, MarketView>;
  private readonly bybit: ReadonlyMap<string, MarketView>;
  private readonly okx: ReadonlyMap<string, MarketView>;

  constructor(
    views: Readonly<Record<ExchangeId, ReadonlyMap<string, MarketView>>>,
    private readonly faults: Faults,
    private readonly now: () => number,
    private readonly timing: HubTiming = REAL_TIMING,
  ) {
    ({ binance: this.binance, bybit: this.bybit, okx: this.okx } = views);
    this.lastTick = now();
    this.lastBybitPush = Date.now();
    this.timer = setInterval(() => this.tick(), timing.tickMs);
  }

  /** Takes a socket upgraded on `url`; returns false where no stream lives at that path. */
  accept(socket: WebSocket, url: URL): boolean {
    const connId = Math.random().toString(36).slice(2, 12);
    let client: Client;
    if (url.pathname === '/ws/v5/public') {
      client = { socket, kind: 'okx', combined: false, topics: new Set(), connId };
    } else if (url.pathname === '/v5/public/linear') {
      client = { socket, kind: 'bybit', combined: false, topics: new Set(), connId };
    } else if (url.pathname === '/market/stream') {
      const streams = (url.searchParams.get('streams') ?? '').split('/').filter(Boolean);
      client = { socket, kind: 'binance', combined: true, topics: new Set(streams), connId };
    } else if (url.pathname === '/market/ws' || url.pathname.startsWith('/market/ws/')) {
      const streams = url.pathname.slice('/market/ws'.length).split('/').filter(Boolean);
      client = { socket, kind: 'binance', combined: false, topics: new Set(streams), connId };
    } else return false;
    this.clients.add(client);
    this.opened[client.kind]++;
    socket.on('message', (data) => this.onMessage(client, String(data)));
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => this.clients.delete(client));
    return true;
  }

  onSent(listener: SentListener): () => void {
    this.sentListeners.add(listener);
    return () => this.sentListeners.delete(listener);
  }

  /** Clients and their topics, for the status endpoint and tests (subscriptions following tabs). */
  subscriptions(): { exchange: ExchangeId; topics: string[] }[] {
    return [...this.clients].map((c) => ({ exchange: c.kind, topics: [...c.topics].sort() }));
  }

  /** Sends raw text, as it is, to every client of one exchange (hostile-frame tests). */
  sendRaw(exchange: ExchangeId, text: string): void {
    for (const client of this.clients) if (client.kind === exchange && client.socket.readyState === client.socket.OPEN) client.socket.send(text);
  }

  /** Cuts every socket at once, without a close frame. */
  dropAll(): void {
    for (const client of this.clients) client.socket.terminate();
    this.clients.clear();
  }

  close(): void {
    clearInterval(this.timer);
    this.dropAll();
  }

  private onMessage(client: Client, text: string): void {
    if (client.kind === 'okx' && text === 'ping') return this.sendText(client, 'pong');
    let message: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      message = parsed as Record<string, unknown>;
    } catch {
      if (client.kind === 'binance') this.send(client, { error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' } });
      else if (client.kind === 'okx') this.send(client, { event: 'error', code: '60012', msg: `Invalid request: ${text.slice(0, 100)}`, connId: client.connId });
      else this.send(client, { success: false, ret_msg: 'error:invalid message', conn_id: client.connId, op: '' });
      return;
    }
    if (client.kind === 'binance') this.onBinanceRequest(client, message);
    else if (client.kind === 'okx') this.onOkxRequest(client, message);
    else this.onBybitRequest(client, message);
  }

  /** OKX acknowledges each `arg` of a request on its own; one unknown channel fails the request. */
  private onOkxRequest(client: Client, m: Record<string, unknown>): void {
    const args = Array.isArray(m.args) ? m.args : [];
    const topic = (a: unknown) => (typeof a === 'object' && a !== null ? `${String((a as Record<string, unknown>).channel)}:${String((a as Record<string, unknown>).instType)}` : '');
    if ((m.op !== 'subscribe' && m.op !== 'unsubscribe') || args.length === 0) {
      return this.send(client, { event: 'error', code: '60012', msg: `Invalid request: ${JSON.stringify(m).slice(0, 100)}`, connId: client.connId });
    }
    const unknown = args.find((a) => topic(a) !== 'liquidation-orders:SWAP');
    if (unknown !== undefined) return this.send(client, { event: 'error', code: '60018', msg: `Wrong URL or channel:${JSON.stringify(unknown).slice(0, 80)} doesn't exist.`, connId: client.connId });
    for (const a of args) {
      if (m.op === 'subscribe') client.topics.add(topic(a));
      else client.topics.delete(topic(a));
      this.send(client, { event: m.op, arg: a, connId: client.connId });
    }
  }

  private onBinanceRequest(client: Client, m: Record<string, unknown>): void {
    const params = Array.isArray(m.params) ? m.params.filter((p): p is string => typeof p === 'string') : [];
    switch (m.method) {
      case 'SUBSCRIBE':
        params.forEach((p) => client.topics.add(p));
        return this.send(client, { result: null, id: m.id ?? null });
      case 'UNSUBSCRIBE':
        params.forEach((p) => client.topics.delete(p));
        return this.send(client, { result: null, id: m.id ?? null });
      case 'LIST_SUBSCRIPTIONS':
        return this.send(client, { result: [...client.topics], id: m.id ?? null });
      default:
        return this.send(client, { error: { code: 2, msg: `Invalid request: unknown variant \`${String(m.method)}\`` }, id: m.id ?? null });
    }
  }

  private onBybitRequest(client: Client, m: Record<string, unknown>): void {
    const reply = (success: boolean, retMsg: string) =>
      this.send(client, { success, ret_msg: retMsg, conn_id: client.connId, ...(m.req_id !== undefined ? { req_id: m.req_id } : {}), op: m.op });
    const args = Array.isArray(m.args) ? m.args.filter((a): a is string => typeof a === 'string') : [];
    switch (m.op) {
      case 'ping':
        return reply(true, 'pong');
      case 'subscribe': {
        const unknown = args.find((a) => !this.isBybitTopic(a));
        if (unknown) return reply(false, `error:handler not found,topic:${unknown}`);
        args.forEach((a) => client.topics.add(a));
        return reply(true, '');
      }
      case 'unsubscribe':
        args.forEach((a) => client.topics.delete(a));
        return reply(true, '');
      default:
        return reply(false, `error:unknown op ${String(m.op)}`);
    }
  }

  private isBybitTopic(topic: string): boolean {
    const match = /^allLiquidation\.([A-Z0-9]+)$/.exec(topic);
    return match !== null && this.bybit.has(match[1]!);
  }

  private tick(): void {
    const now = this.now();
    const after = this.lastTick;
    this.lastTick = now;
    for (const view of this.binance.values()) {
      for (const print of view.printsBetween(after, now)) this.publishBinance(print);
    }
    for (const view of this.okx.values()) {
      for (const print of view.printsBetween(after, now)) this.publishOkx(print);
    }
    for (const view of this.bybit.values()) this.pendingBybit.push(...view.printsBetween(after, now));
    if (Date.now() - this.lastBybitPush >= this.timing.bybitPushMs) {
      this.lastBybitPush = Date.now();
      this.flushBybit(now);
    }
  }

  private publishBinance(p: LiquidationPrint): void {
    const event = {
      e: 'forceOrder',
      E: p.time,
      o: {
        s: p.symbol,
        S: p.side === 'long' ? 'SELL' : 'BUY', // the order side closes the position: opposite
        o: 'LIMIT',
        f: 'IOC',
        q: decimal(p.quantity),
        p: decimal(p.price),
        // Not recorded: "0", as for an order without a fill, so a client takes `p` for what it is,
        // the order price (LiqLens maps it back to its trigger), not a fill near the market.
        ap: '0',
        X: 'FILLED',
        l: decimal(p.quantity),
        z: decimal(p.quantity),
        T: p.time,
      },
    };
    const own = `${p.symbol.toLowerCase()}@forceOrder`;
    for (const client of this.clients) {
      if (client.kind !== 'binance') continue;
      for (const stream of [own, '!forceOrder@arr']) {
        if (!client.topics.has(stream)) continue;
        this.send(client, client.combined ? { stream, data: event } : event, [p]);
      }
    }
  }

  /** One push per print, as OKX sends them: sizes in contracts, the price as the bankruptcy price. */
  private publishOkx(p: LiquidationPrint): void {
    const instId = okxInstId(p.symbol)!;
    const family = instId.replace(/-SWAP$/, '');
    const message = {
      arg: { channel: 'liquidation-orders', instType: 'SWAP' },
      data: [{
        instId, instFamily: family, instType: 'SWAP', uly: family,
        details: [{ bkLoss: '0', bkPx: decimal(p.price), ccy: '', posSide: p.side, side: p.side === 'long' ? 'sell' : 'buy', sz: decimal(p.quantity / contractValue(p.symbol)!), ts: String(p.time) }],
      }],
    };
    for (const client of this.clients) if (client.kind === 'okx' && client.topics.has('liquidation-orders:SWAP')) this.send(client, message, [p]);
  }

  private flushBybit(now: number): void {
    const bySymbol = new Map<string, LiquidationPrint[]>();
    for (const p of this.pendingBybit) bySymbol.set(p.symbol, [...(bySymbol.get(p.symbol) ?? []), p]);
    this.pendingBybit = [];
    for (const [symbol, prints] of bySymbol) {
      const topic = `allLiquidation.${symbol}`;
      const message = {
        topic,
        type: 'snapshot',
        ts: Math.round(now),
        data: prints.map((p) => ({ T: p.time, s: p.symbol, S: p.side === 'long' ? 'Buy' : 'Sell', v: decimal(p.quantity), p: decimal(p.price) })),
      };
      for (const client of this.clients) if (client.kind === 'bybit' && client.topics.has(topic)) this.send(client, message, prints);
    }
  }

  private sendText(client: Client, text: string): void {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(text);
  }

  private send(client: Client, message: unknown, prints?: readonly LiquidationPrint[]): void {
    const fault = this.faults.takeFrameFault();
    const text = fault === 'malformed' ? '{"e":"forceOrder","E":' : JSON.stringify(message);
    const times = fault === 'repeat' ? 2 : 1;
    const deliver = () => {
      if (client.socket.readyState !== client.socket.OPEN) return;
      for (let i = 0; i < times; i++) client.socket.send(text);
      // After a malformed frame the real one still follows: only the bad one is extra.
      if (fault === 'malformed') this.send(client, message, prints);
      else if (prints) for (const listener of this.sentListeners) listener(client.kind, prints, times);
    };
    if (this.faults.delayMs > 0) setTimeout(deliver, this.faults.delayMs);
    else deliver();
  }
}
