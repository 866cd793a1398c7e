/**
 * Faults the replay exchange injects on demand, so tests can prove LiqLens survives them:
 * the exchange going away, dropped sockets, malformed and repeated frames, latency, and
 * HTTP errors such as 429 (rate limited) and 418 (banned).
 */
export interface FaultHooks {
  stopListening(): Promise<void>;
  startListening(): Promise<void>;
  dropSockets(): void;
}

export interface RequestFilter {
  origin?: string;
  pathPrefix?: string;
}

export class Faults {
  /** Added latency, in real milliseconds, for every REST reply and stream frame. */
  delayMs = 0;
  private malformedFrames = 0;
  private repeatedFrames = 0;
  private httpErrors: { status: number; remaining: number; only: RequestFilter } | null = null;
  private isDown = false;

  constructor(private readonly hooks: FaultHooks) {}

  /** The exchange stops answering: the port is closed and every socket cut. */
  async down(): Promise<void> {
    if (this.isDown) return;
    this.isDown = true;
    this.hooks.dropSockets();
    await this.hooks.stopListening();
  }

  async up(): Promise<void> {
    if (!this.isDown) return;
    await this.hooks.startListening();
    this.isDown = false;
  }

  get down_(): boolean {
    return this.isDown;
  }

  /** Cuts every open WebSocket without a close handshake, as a network drop does. */
  dropConnections(): void {
    this.hooks.dropSockets();
  }

  /** The next `count` stream frames sent are replaced by malformed text. */
  malformNext(count = 1): void {
    this.malformedFrames += count;
  }

  /** The next `count` stream frames are each sent twice. */
  repeatNext(count = 1): void {
    this.repeatedFrames += count;
  }

  /**
   * The next `count` REST requests answer with this HTTP status (429, 418, 500…); only those
   * matching `only` where given: an Origin header (the extension's, not a demo page's), a path
   * prefix (`/fapi` for Binance, `/v5` for Bybit).
   */
  failRequests(status: number, count = 1, only: RequestFilter = {}): void {
    this.httpErrors = { status, remaining: count, only };
  }

  /** Consumed by the server for each REST request. */
  takeHttpError(origin?: string, path = ''): number | null {
    if (!this.httpErrors || this.httpErrors.remaining <= 0) return null;
    const { only } = this.httpErrors;
    if (only.origin !== undefined && only.origin !== origin) return null;
    if (only.pathPrefix !== undefined && !path.startsWith(only.pathPrefix)) return null;
    this.httpErrors.remaining -= 1;
    return this.httpErrors.status;
  }

  /** Consumed by the stream hub for each frame: what to send instead of / besides it. */
  takeFrameFault(): 'malformed' | 'repeat' | null {
    if (this.malformedFrames > 0) {
      this.malformedFrames -= 1;
      return 'malformed';
    }
    if (this.repeatedFrames > 0) {
      this.repeatedFrames -= 1;
      return 'repeat';
    }
    return null;
  }
}
