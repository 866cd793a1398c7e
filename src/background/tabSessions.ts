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

const refusedRequest = refusalLog('request from a tab');

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
    const post = () => {
      if (!status) return;
      const update: TabUpdate = { type: 'status', status: prints ? { ...status, prints } : status };
      try {
        session.port.postMessage(update);
      } catch {
        // The port closed between the status and this post; onDisconnect releases the feed.
      }
    };
    const unsubscribe = feed.onStatus((next) => {
      status = next;
      post();
    });
    const releasePrints = this.prints.acquire(key.exchange, key.symbol, (next) => {
      prints = next;
      post();
    });
    session.release = () => {
      unsubscribe();
      release();
      for (const companion of companions) companion.release();
      releasePrints();
    };
  }
}
