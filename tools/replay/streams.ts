/**
 * The replay's WebSocket streams of liquidation prints: connections, subscriptions, pushes and
 * faults, for every exchange alike. Each exchange's wire protocol (paths, requests, replies,
 * frames, batching) is its `stream` under ./exchanges/<id>/.
 */
import type { WebSocket } from 'ws';
import { EXCHANGE_IDS } from '../../src/core/exchangeIds';
import type { ExchangeId, LiquidationPrint } from '../../src/core/types';
import type { StreamClient } from './exchange';
import { REPLAY_EXCHANGES } from './exchanges';
import type { Faults } from './faults';
import type { MarketView } from './marketView';

export interface HubTiming {
  /** How often (real ms) newly due prints are published. */
  tickMs: number;
  /** Where an exchange batches its pushes (Bybit's every 500 ms), this interval instead of its own; tests shorten it. */
  batchMs?: number;
}

const REAL_TIMING: HubTiming = { tickMs: 100 };

interface Client extends StreamClient {
  socket: WebSocket;
  kind: ExchangeId;
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
  /** Prints due but not yet pushed, and when each exchange last pushed (real ms), for batching exchanges. */
  private readonly pending = new Map<ExchangeId, LiquidationPrint[]>(EXCHANGE_IDS.map((id) => [id, []]));
  private readonly lastPush = new Map<ExchangeId, number>(EXCHANGE_IDS.map((id) => [id, Date.now()]));

  constructor(
    private readonly views: Readonly<Record<ExchangeId, ReadonlyMap<string, MarketView>>>,
    private readonly faults: Faults,
    private readonly now: () => number,
    private readonly timing: HubTiming = REAL_TIMING,
  ) {
    this.lastTick = now();
    this.timer = setInterval(() => this.tick(), timing.tickMs);
  }

  /** Takes a socket upgraded on `url`; returns false where no stream lives at that path. */
  accept(socket: WebSocket, url: URL): boolean {
    for (const kind of EXCHANGE_IDS) {
      const start = REPLAY_EXCHANGES[kind].stream.accept(url);
      if (!start) continue;
      const client: Client = { socket, kind, combined: start.combined, topics: new Set(start.topics), connId: Math.random().toString(36).slice(2, 12) };
      this.clients.add(client);
      this.opened[kind]++;
      socket.on('message', (data) => {
        for (const reply of REPLAY_EXCHANGES[kind].stream.answer(client, String(data), this.views[kind])) this.send(client, reply);
      });
      socket.on('close', () => this.clients.delete(client));
      socket.on('error', () => this.clients.delete(client));
      return true;
    }
    return false;
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

  private tick(): void {
    const now = this.now();
    const after = this.lastTick;
    this.lastTick = now;
    for (const kind of EXCHANGE_IDS) {
      const pending = this.pending.get(kind)!;
      for (const view of this.views[kind].values()) pending.push(...view.printsBetween(after, now));
      const { batchMs } = REPLAY_EXCHANGES[kind].stream;
      if (batchMs !== undefined && Date.now() - this.lastPush.get(kind)! < (this.timing.batchMs ?? batchMs)) continue;
      this.lastPush.set(kind, Date.now());
      if (pending.length === 0) continue;
      this.pending.set(kind, []);
      for (const client of this.clients) {
        if (client.kind !== kind) continue;
        for (const frame of REPLAY_EXCHANGES[kind].stream.frames(pending, client, now)) this.send(client, frame.message, frame.prints);
      }
    }
  }

  private send(client: Client, message: unknown, prints?: readonly LiquidationPrint[]): void {
    if (typeof message === 'string') {
      // A bare-text reply (OKX's pong): sent as it is, outside the frame faults.
      if (client.socket.readyState === client.socket.OPEN) client.socket.send(message);
      return;
    }
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
