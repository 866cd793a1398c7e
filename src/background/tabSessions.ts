/**
 * One session per connected tab: what the tab shows, the candle feed and print stream it holds,
 * and forwarding of their status to the tab. The session ends when the tab's port disconnects.
 */
import type { Browser } from 'wxt/browser';
import type { Connection, FeedStatus, PopupResponse, PrintSummary, TabRequest, TabUpdate } from '../messaging/protocol';
import { refusalLog } from '../messaging/schema';
import { checkTabRequest } from '../messaging/validate';
import { EXCHANGE_IDS } from '../exchanges';
import type { TradePage } from '../messaging/validate';
import type { FeedKey } from './candleFeed';
import type { FeedRegistry } from './feedRegistry';
import type { PrintService } from './printService';
import { textHash } from '../core/textHash';

const refusedRequest = refusalLog('request from a tab');

/**
 * A tab gets at most one status message this often (the first at once): a burst of prints, or
 * feeds refreshing one after another, costs the tab one message to check and one repaint.
 */
export const POST_EVERY_MS = 1_000;

type Port = Browser.runtime.Port;

interface Session {
  port: Port;
  page: TradePage | null;
  key: FeedKey | null;
  release: () => void;
}

export class TabSessions {
  private readonly sessions = new Map<Port, Session>();

  /** `ready` resolves once settings are loaded: requests that arrive before wait for it. */
  constructor(
    private readonly feeds: FeedRegistry,
    private readonly prints: PrintService,
    private readonly ready: Promise<unknown>,
  ) {}

  attach(port: Port): void {
    const session: Session = { port, page: null, key: null, release: () => {} };
    this.sessions.set(port, session);
    port.onMessage.addListener((message: unknown) => {
      const request = checkTabRequest(message);
      if (!request.ok) return refusedRequest(request.reason); // content scripts only send well-formed requests
      void this.ready.then(() => {
        if (this.sessions.has(port)) this.handle(session, request.value);
      });
    });
    port.onDisconnect.addListener(() => {
      session.release();
      this.sessions.delete(port);
    });
  }

  /** Whether a tab shows this feed itself (not only as another exchange's companion). */
  shows(key: FeedKey): boolean {
    for (const session of this.sessions.values()) {
      const k = session.key;
      if (k && k.exchange === key.exchange && k.symbol === key.symbol && k.timeframe === key.timeframe) return true;
    }
    return false;
  }

  /** A tab showing this market (the most recently attached), for a notification's click. */
  tabShowing(exchange: FeedKey['exchange'], symbol: string): { tabId: number; windowId: number } | null {
    let found: { tabId: number; windowId: number } | null = null;
    for (const session of this.sessions.values()) {
      const tab = session.port.sender?.tab;
      if (session.key?.exchange === exchange && session.key.symbol === symbol && tab?.id !== undefined && tab.windowId !== undefined) found = { tabId: tab.id, windowId: tab.windowId };
    }
    return found;
  }

  /** The status of the tab's feed, for the popup. */
  statusOfTab(tabId: number): PopupResponse {
    for (const session of this.sessions.values()) {
      const key = session.key;
      if (session.port.sender?.tab?.id !== tabId || !key) continue;
      const connections = EXCHANGE_IDS.map((exchange): Connection => {
        const status = this.feeds.peek({ ...key, exchange });
        return { exchange, candles: status?.state ?? null, stream: this.prints.streamState(exchange), updatedAt: status?.updatedAt ?? null };
      });
      return { status: this.feeds.peek(key), page: session.page, connections };
    }
    return { status: null, page: null };
  }

  /** After the data source changes: every tab re-acquires its feed from the new source. */
  resubscribeAll(): void {
    for (const session of this.sessions.values()) {
      session.release();
      if (session.key) this.watch(session, session.key);
    }
  }

  private handle(session: Session, request: TabRequest): void {
    // The same chart asked for again (the page re-read its timeframe, say): keep the feeds and the
    // stream running rather than dropping and re-opening them, which would cut the stream for nothing.
    const k = session.key;
    if (request.type === 'watch' && k && k.exchange === request.page.exchange && k.symbol === request.page.symbol && k.timeframe === request.timeframe) {
      session.page = request.page;
      return;
    }
    session.release();
    session.release = () => {};
    if (request.type === 'unwatch') {
      session.key = null;
      session.page = null;
      return;
    }
    session.page = request.page;
    this.watch(session, { exchange: request.page.exchange, symbol: request.page.symbol, timeframe: request.timeframe });
  }

  private watch(session: Session, key: FeedKey): void {
    session.key = key;
    const { feed, release } = this.feeds.acquire(key);
    // The same symbol on every other exchange is analysed too: their clusters confirm this one's,
    // and the heatmap aggregates them all. A symbol an exchange lacks just has no data there.
    const companions = EXCHANGE_IDS.filter((id) => id !== key.exchange).map((id) => this.feeds.acquire({ ...key, exchange: id }));
    let status: FeedStatus | null = null;
    let prints: PrintSummary | null = null;
    const poster = new StatusPoster((update) => {
      try {
        session.port.postMessage(update);
      } catch {
        // The port closed between the status and this post; onDisconnect releases the feed.
      }
    });
    const post = () => status && poster.post(status, prints);
    const unsubscribe = feed.onStatus((next) => {
      status = next;
      post();
    });
    const releasePrints = this.prints.acquire(key.exchange, key.symbol, (next) => {
      prints = next;
      post();
    });
    session.release = () => {
      poster.stop();
      unsubscribe();
      release();
      for (const companion of companions) companion.release();
      releasePrints();
    };
  }
}

/**
 * One tab's status messages for one watch: coalesced to one per POST_EVERY_MS, and the heavy parts
 * (the analysis with its layers, the prints with their bubbles) sent only when they differ from
 * what this tab last got: a refresh that brought nothing new sends a few hundred bytes, not the
 * layers again. `keep` names the parts the tab is to keep from its last status (TabUpdateSchema).
 */
export class StatusPoster {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastPostAt = Number.NEGATIVE_INFINITY;
  private next: { status: FeedStatus; prints: PrintSummary | null } | null = null;
  /**
   * What the tab holds of each heavy part: the object last sent and a 53-bit hash of its text (the
   * text itself, hundreds of kB a tab, is not kept; two texts share a hash once in ~10^15 pairs).
   */
  private readonly sent: Record<'analysis' | 'prints', { ref: object; hash: number } | null> = { analysis: null, prints: null };

  constructor(
    private readonly send: (update: TabUpdate) => void,
    private readonly now: () => number = Date.now,
    private readonly everyMs = POST_EVERY_MS,
  ) {}

  post(status: FeedStatus, prints: PrintSummary | null): void {
    this.next = { status, prints };
    if (this.timer !== undefined) return;
    const wait = this.lastPostAt + this.everyMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.next = null;
  }

  private flush(): void {
    this.timer = undefined;
    const next = this.next;
    this.next = null;
    if (!next) return;
    this.lastPostAt = this.now();
    const { analysis, prints: _never, ...rest } = next.status; // a feed's status has no prints: they come beside it
    const status: FeedStatus = rest;
    const keep: ('analysis' | 'prints')[] = [];
    // What makes a part new: computeMicros differs on every sync and the events are the background's
    // (the tab shows neither), so an analysis that differs only in them is not sent again.
    if (this.same('analysis', analysis, (a) => ({ ...a, computeMicros: 0, events: [] }))) keep.push('analysis');
    else if (analysis) status.analysis = analysis;
    if (this.same('prints', next.prints ?? undefined, (p) => p)) keep.push('prints');
    else if (next.prints) status.prints = next.prints;
    this.send(keep.length > 0 ? { type: 'status', status, keep } : { type: 'status', status });
  }

  /** Whether the tab holds this part as it is; if not, it is noted as what the tab will hold. */
  private same<T extends object>(part: 'analysis' | 'prints', value: T | undefined, shown: (value: T) => unknown): boolean {
    const held = this.sent[part];
    if (!value) {
      this.sent[part] = null;
      return false;
    }
    if (held?.ref === value) return true;
    const hash = textHash(JSON.stringify(shown(value)));
    this.sent[part] = { ref: value, hash };
    return held?.hash === hash;
  }
}
