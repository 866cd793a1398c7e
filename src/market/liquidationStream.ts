/**
 * One exchange's live liquidation stream over a direct WebSocket: subscribes to the symbols it
 * is given, keeps the socket alive as the exchange requires, reconnects with backoff and jitter,
 * drops repeated prints, counts every bad frame, and records each stretch of time in which prints
 * could have been missed (a gap) instead of hiding it: the exchanges cannot backfill prints.
 *
 * It runs unchanged in the service worker (the browser's WebSocket) and in Node (the `ws`
 * package), through `SocketFactory`.
 */
import type { RejectReason } from '../exchanges/shared/frames';
import type { LiquidationPrint } from '../core/types';
import { exchange, parseLiquidationFrame, type ExchangeId } from '../exchanges';
import { rebaseUrl } from './ccxtEndpoints';
import type { StreamState } from '../messaging/validate';

/** The part of the WebSocket interface used here; the browser's and `ws`'s both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

/** A stretch of time in which prints of these symbols may have been missed. */
export interface PrintGap {
  exchange: ExchangeId;
  symbols: string[];
  from: number;
  to: number;
  reason: string;
}

/** The state travels to the tab: its words are written once, as a schema, in src/messaging. */
export type { StreamState };

export interface StreamStats {
  state: StreamState;
  /** Frames received, of any kind. */
  frames: number;
  /** Prints passed on (each once). */
  prints: number;
  /** Prints dropped because the same print had already been passed on. */
  duplicates: number;
  /** Frames and entries dropped, by why. */
  rejected: Partial<Record<RejectReason, number>>;
  /** Connections opened after the first. */
  reconnects: number;
  gaps: number;
  lastError: string | null;
}

export interface StreamOptions {
  exchange: ExchangeId;
  /** The stream endpoint: the exchange's (its StreamProtocol.url) or a replay's. */
  url: string;
  socket: SocketFactory;
  onPrints: (prints: LiquidationPrint[]) => void;
  onGap: (gap: PrintGap) => void;
  onState?: (stats: StreamStats) => void;
  /** Symbols the exchange has just acknowledged, and when (gap clock). */
  onLive?: (symbols: string[], at: number) => void;
  /** The clock of gap times (exchange time: the wall clock live, the replay's clock in tests). */
  now?: () => number;
  random?: () => number;
  /**
   * A gap starts this long before the last frame received: a print can reach us later than its
   * exchange time (Binance sends at most one per second per symbol, plus network latency).
   */
  gapMarginMs?: number;
  /** Keep-alive period: Bybit asks for a ping every 20 s, and 30 s of silence ends an MV3 service worker. */
  keepAliveMs?: number;
  /** No frame for this long (keep-alive replies included) means the connection is dead. */
  staleMs?: number;
  /** Reconnect delay: min(max, base × 2^attempt), times a jitter of 0.5–1.5. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How many recent print ids are remembered to drop repeats (the store drops older ones). */
  recentIds?: number;
  /**
   * Subscribe to the exchange's all-market stream where it has one (see StreamProtocol.allMarket):
   * for a recorder of every listed symbol. Prints are still kept only for the symbols set.
   */
  allMarket?: boolean;
}

/** An exchange's public stream endpoint, or its path on a replay exchange at `replayOrigin`. */
export function streamUrl(id: ExchangeId, replayOrigin?: string): string {
  const url = exchange(id).stream.url;
  return replayOrigin === undefined ? url : rebaseUrl(url, replayOrigin);
}

const OPEN = 1;

/** The symbol filter of the all-market stream: every symbol the exchange sends. */
const EVERY_SYMBOL: ReadonlySet<string> = { has: () => true } as unknown as ReadonlySet<string>;

export class LiquidationStream {
  private readonly o: Required<Omit<StreamOptions, 'onState' | 'onLive' | 'allMarket'>> & Pick<StreamOptions, 'onState' | 'onLive' | 'allMarket'>;
  private symbols = new Set<string>();
  /** Symbols the exchange has acknowledged on the current socket. */
  private acknowledged = new Set<string>();
  private socket: SocketLike | null = null;
  private timers: { keepAlive?: ReturnType<typeof setInterval>; stale?: ReturnType<typeof setInterval>; retry?: ReturnType<typeof setTimeout> } = {};
  private attempt = 0;
  private opened = 0;
  /** Gap clock at the last frame received, and wall clock for liveness. */
  private lastFrameAt = 0;
  private lastFrameWall = 0;
  private nextId = 1;
  /** id → symbols of a subscription request in flight. */
  private pending = new Map<string | number, string[]>();
  /** Symbols per open gap: from when they stopped being covered. */
  private uncovered = new Map<string, { from: number; reason: string }>();
  private readonly recent = new Set<string>();
  private readonly stat: StreamStats = { state: 'idle', frames: 0, prints: 0, duplicates: 0, rejected: {}, reconnects: 0, gaps: 0, lastError: null };

  constructor(options: StreamOptions) {
    this.o = {
      now: Date.now,
      random: Math.random,
      gapMarginMs: 2_000,
      keepAliveMs: 20_000,
      staleMs: 60_000,
      backoffBaseMs: 500,
      backoffMaxMs: 30_000,
      recentIds: 5_000,
      ...options,
    };
  }

  get stats(): Readonly<StreamStats> {
    return this.stat;
  }

  get subscribed(): ReadonlySet<string> {
    return this.symbols;
  }

  /** The symbols to stream (exchange ids, e.g. BTCUSDT). Connects when some, disconnects when none. */
  setSymbols(wanted: Iterable<string>): void {
    const next = new Set([...wanted].map((s) => s.toUpperCase()));
    const added = [...next].filter((s) => !this.symbols.has(s));
    const removed = [...this.symbols].filter((s) => !next.has(s));
    this.symbols = next;
    for (const s of removed) {
      this.acknowledged.delete(s);
      this.uncovered.delete(s); // no longer wanted: a gap in it no longer matters
    }
    if (next.size === 0) return this.disconnect();
    const now = this.o.now();
    for (const s of added) this.uncovered.set(s, { from: now, reason: 'subscribing' });
    if (!this.socket) return this.connect();
    if (this.socket.readyState !== OPEN) return; // onopen subscribes to everything wanted
    if (removed.length > 0) this.request('unsubscribe', removed);
    if (added.length > 0) this.request('subscribe', added);
  }

  /** Closes the socket and forgets the symbols. */
  stop(): void {
    this.symbols.clear();
    this.disconnect();
  }

  // ── connection ────────────────────────────────────────────────────────────────────────────

  private connect(): void {
    this.clearTimers();
    this.setState('connecting');
    if (this.opened > 0) this.stat.reconnects++;
    this.opened++;
    let socket: SocketLike;
    try {
      socket = this.o.socket(this.o.url);
    } catch (error) {
      this.stat.lastError = `cannot open ${this.o.url}: ${String(error)}`;
      return this.scheduleReconnect('could not connect');
    }
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.lastFrameAt = this.o.now();
      this.lastFrameWall = Date.now();
      this.request('subscribe', [...this.symbols]);
      this.timers.keepAlive = setInterval(() => this.keepAlive(), this.o.keepAliveMs);
      this.timers.stale = setInterval(() => this.checkStale(), Math.min(this.o.staleMs, this.o.keepAliveMs));
    };
    socket.onmessage = (event) => {
      if (socket === this.socket) this.onFrame(event.data);
    };
    socket.onclose = () => {
      if (socket === this.socket) this.lost('connection closed');
    };
    socket.onerror = () => {
      if (socket === this.socket) this.lost('connection error');
    };
  }

  /** The socket went away: every covered symbol is uncovered from its last sign of life. */
  private lost(reason: string): void {
    const from = (this.lastFrameAt || this.o.now()) - this.o.gapMarginMs;
    for (const s of this.acknowledged) if (!this.uncovered.has(s)) this.uncovered.set(s, { from, reason });
    this.acknowledged.clear();
    this.pending.clear();
    this.detach();
    this.stat.lastError = reason;
    if (this.symbols.size > 0) this.scheduleReconnect(reason);
    else this.setState('idle');
  }

  private scheduleReconnect(reason: string): void {
    this.clearTimers();
    this.setState('waiting to reconnect');
    const delay = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** this.attempt) * (0.5 + this.o.random());
    this.attempt = Math.min(this.attempt + 1, 16);
    this.stat.lastError = reason;
    this.timers.retry = setTimeout(() => this.connect(), delay);
  }

  private disconnect(): void {
    this.clearTimers();
    this.detach();
    this.acknowledged.clear();
    this.pending.clear();
    this.uncovered.clear();
    this.setState('idle');
  }

  private detach(): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    try {
      socket.close(1000, 'done');
    } catch {
      // already closed
    }
  }

  private keepAlive(): void {
    this.send(exchange(this.o.exchange).stream.keepAlive(this.nextId++));
  }

  private checkStale(): void {
    if (this.socket && Date.now() - this.lastFrameWall > this.o.staleMs) this.lost(`no frame for ${Math.round(this.o.staleMs / 1000)} s`);
  }

  // ── protocol ──────────────────────────────────────────────────────────────────────────────

  private request(op: 'subscribe' | 'unsubscribe', symbols: string[]): void {
    if (symbols.length === 0) return;
    const protocol = exchange(this.o.exchange).stream;
    if (this.o.allMarket && protocol.allMarket) {
      // One subscription covers every symbol; a symbol dropped needs no request.
      if (op === 'subscribe') this.sendRequest(op, symbols, protocol.allMarket(op, this.nextId++));
      return;
    }
    const batch = protocol.topicsPerRequest ?? symbols.length;
    for (let i = 0; i < symbols.length; i += batch) {
      const some = symbols.slice(i, i + batch);
      this.sendRequest(op, some, protocol.request(op, some, this.nextId++));
    }
  }

  private sendRequest(op: 'subscribe' | 'unsubscribe', symbols: string[], request: { message: string; id: string | number } | null): void {
    if (!request) return;
    // Exchanges whose one channel carries every symbol reuse one id: a request still in
    // flight then answers for the symbols of both.
    if (op === 'subscribe') this.pending.set(request.id, [...(this.pending.get(request.id) ?? []), ...symbols]);
    this.send(request.message);
  }

  private send(message: string): void {
    if (this.socket?.readyState !== OPEN) return;
    try {
      this.socket.send(message);
    } catch (error) {
      this.lost(`send failed: ${String(error)}`);
    }
  }

  private onFrame(data: unknown): void {
    this.stat.frames++;
    this.lastFrameAt = this.o.now();
    this.lastFrameWall = Date.now();
    // On the all-market stream every listed symbol is wanted, those listed since the last look too.
    const frame = parseLiquidationFrame(this.o.exchange, data, this.o.allMarket && exchange(this.o.exchange).stream.allMarket ? EVERY_SYMBOL : this.symbols);
    if (frame.kind === 'rejected') return this.count(frame.rejection.reason);
    if (frame.kind === 'control') return this.onControl(frame.ok, frame.id, frame.detail);
    for (const r of frame.rejected) this.count(r.reason);
    const fresh = frame.prints.filter((p) => this.remember(p.id));
    this.stat.duplicates += frame.prints.length - fresh.length;
    if (fresh.length === 0) return this.publishState();
    this.stat.prints += fresh.length;
    this.o.onPrints(fresh);
    this.publishState();
  }

  private onControl(ok: boolean, id: string | number | null, detail: string): void {
    const symbols = id !== null ? this.pending.get(id) : undefined;
    if (!symbols) {
      // An error reply that names no request (some exchanges send no id) is still worth showing.
      if (!ok) {
        this.stat.lastError = `the exchange refused a request: ${detail}`;
        this.publishState();
      }
      return; // pong, list of subscriptions, unsubscribe ack
    }
    this.pending.delete(id!);
    if (!ok) {
      this.stat.lastError = `the exchange refused the subscription to ${symbols.join(', ')}: ${detail}`;
      return this.publishState();
    }
    const now = this.o.now();
    const live = symbols.filter((s) => this.symbols.has(s));
    for (const s of live) {
      this.acknowledged.add(s);
      const open = this.uncovered.get(s);
      this.uncovered.delete(s);
      // Subscribing a symbol for the first time is not a gap; losing a live one is.
      if (open && open.reason !== 'subscribing') this.gap(s, open.from, now, open.reason);
    }
    this.attempt = 0;
    if (this.acknowledged.size > 0) this.setState('live');
    if (live.length > 0) this.o.onLive?.(live, now);
  }

  private gap(symbol: string, from: number, to: number, reason: string): void {
    this.stat.gaps++;
    this.o.onGap({ exchange: this.o.exchange, symbols: [symbol], from, to, reason });
  }

  /** True the first time an id is seen (among the last `recentIds`). */
  private remember(id: string): boolean {
    if (this.recent.has(id)) return false;
    this.recent.add(id);
    if (this.recent.size > this.o.recentIds) this.recent.delete(this.recent.values().next().value!);
    return true;
  }

  private count(reason: RejectReason): void {
    this.stat.rejected[reason] = (this.stat.rejected[reason] ?? 0) + 1;
    this.publishState();
  }

  private setState(state: StreamState): void {
    this.stat.state = state;
    this.publishState();
  }

  private publishState(): void {
    this.o.onState?.(this.stat);
  }

  private clearTimers(): void {
    clearInterval(this.timers.keepAlive);
    clearInterval(this.timers.stale);
    clearTimeout(this.timers.retry);
    this.timers = {};
  }
}
