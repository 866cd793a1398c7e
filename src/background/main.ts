/**
 * The background's wiring: settings → exchange clients → shared feeds → tab sessions.
 * Listeners are registered synchronously so that a service worker woken by a tab's
 * connection does not miss it.
 */
import { browser } from 'wxt/browser';
import type { ExchangeId } from '../core/types';
import { feedId, parseFeedId } from '../exchanges';
import { PORT_NAME, type PopupResponse } from '../messaging/protocol';
import { TAB_STATUS } from '../messaging/tabStatus';
import { parseDataSource, type DataSource } from '../settings/dataSource';
import { ANALYSIS_PORT } from '../analysis/constants';
import { LiquidationStream, streamUrl, type SocketLike } from '../market/liquidationStream';
import { MarketStore } from '../store/marketStore';
import { backfillDays, dataSource, heatmapSource, modelSettings, retentionDays, type HeatmapSource } from '../settings/items';
import { MarketHistory } from '../market/history';
import { RestQueue } from '../market/restQueue';
import { AnalysisConnection } from './analysisConnection';
import { CcxtCandleSource, createExchange } from '../market/ccxtCandleSource';
import { FeedAnalyser } from './feedAnalyser';
import { NotificationService } from './notificationService';
import { SetupJournal } from './setupJournal';
import { clearStoredData } from './clearData';
import { accepts, ask } from '../messaging/contract';
import { TOGGLE_OVERLAY } from '../messaging/pageMessages';
import { CLEAR_STORED_DATA } from '../messaging/clearStoredData';
import { TIMEFRAME_MS } from '../core/timeframes';
import { FeedRegistry } from './feedRegistry';
import { HistoryService } from './historyService';
import { PrintService } from './printService';
import { TabSessions } from './tabSessions';

export function startBackground(): void {
  let source: DataSource = { kind: 'live' };
  // One ccxt client per exchange (and data source), so its rate limiter sees every request; its
  // queue orders them, a tab's first candles first and the feeds no tab holds last (restQueue.ts).
  type Client = { candles: CcxtCandleSource; history: MarketHistory; queue: RestQueue };
  const clients = new Map<ExchangeId, Client>();
  const clientFor = (exchange: ExchangeId): Client => {
    let client = clients.get(exchange);
    if (!client) {
      const ccxt = createExchange(exchange, source);
      const queue = new RestQueue((owner: string): boolean => feeds.holds(owner));
      const history: MarketHistory = new MarketHistory(exchange, ccxt, { queue });
      client = { candles: new CcxtCandleSource(exchange, history, source), history, queue };
      clients.set(exchange, client);
    }
    return client;
  };
  const store = openStoreOnce();
  const history = new HistoryService(store, (exchange) => clientFor(exchange).history, () => backfillDays.getValue());
  const analysis = new AnalysisConnection();
  // Whose model the bands show: a setting, read on each analysis update (a feed id starts with its exchange).
  let bands: HeatmapSource = 'page';
  void heatmapSource.getValue().then((value) => (bands = value));
  heatmapSource.watch((value) => (bands = value));
  const bandsSourceOf = (id: string) => (bands === 'page' ? (parseFeedId(id)?.exchange ?? 'aggregate') : bands);
  // Sessions are made below; the notifications only need them once a notification is clicked.
  const journal = new SetupJournal(store);
  const notifications = new NotificationService(store, (exchange, symbol) => sessions.tabShowing(exchange, symbol));
  notifications.start();
  // The heatmap model's parameters, read when a series starts; a change restarts every series on its history.
  const analyser = new FeedAnalyser(() => analysis.api(), bandsSourceOf, () => modelSettings.getValue());
  modelSettings.watch(() => analyser.restartAll());
  const feeds = new FeedRegistry(
    (key) => clientFor(key.exchange).candles,
    analyser,
    history,
    // Notifications for the charts a tab shows; a companion feed (another exchange) only confirms.
    (key, summary) => {
      if (!sessions.shows(key)) return;
      void notifications.handle({ exchange: key.exchange, symbol: key.symbol, candleMs: TIMEFRAME_MS[key.timeframe], skill: summary.heatmap.skill, skillLastDay: summary.heatmap.skillLastDay }, summary.events);
      void journal.record(feedId(key), summary.events);
    },
    (key) => clients.get(key.exchange)?.queue.cancel(feedId(key)),
  );

  const applySource = (value: unknown) => {
    const parsed = parseDataSource(value);
    if (parsed.error) console.warn(`LiqLens: ${parsed.error}; using the live exchanges`);
    source = parsed.source;
    clients.clear();
  };
  const ready = dataSource.getValue().then(applySource);
  const prints = new PrintService(store, (exchange, handlers) => new LiquidationStream({
    exchange,
    url: streamUrl(exchange, source.kind === 'replay' ? source.url : undefined),
    socket: (url) => new WebSocket(url) as SocketLike,
    ...handlers,
  }));
  const sessions = new TabSessions(feeds, prints, ready);
  void pruneOldData(store);

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === PORT_NAME) sessions.attach(port);
    // Only our own offscreen document may carry the analysis Worker's messages.
    else if (port.name === ANALYSIS_PORT && !port.sender?.tab && port.sender?.url === browser.runtime.getURL('/offscreen.html')) {
      analysis.attachPort(port);
    }
  });

  dataSource.watch((value) => {
    applySource(value);
    feeds.clear();
    prints.clear();
    sessions.resubscribeAll();
  });

  // The keyboard shortcut: the overlay of the current tab only (the popup's switch is for all tabs).
  browser.commands.onCommand.addListener((command) => {
    if (command !== 'toggle-overlay') return;
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      const id = tab?.id;
      if (id !== undefined) ask(TOGGLE_OVERLAY, { type: 'toggleOverlay' }, (m) => browser.tabs.sendMessage(id, m)).catch(() => {}); // not an exchange tab
    });
  });

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // "Clear stored data" from the options page: an extension page (in a tab, so before the tab
    // check), never a content script, whose sender.url is the web page's.
    if (accepts(CLEAR_STORED_DATA, message) && sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/'))) {
      return store().then(async (s) => {
        const result = await clearStoredData(s);
        history.forgetStored();
        return result;
      });
    }
    // Only our own extension pages (the popup, also when opened in a tab) ask for a tab's status;
    // content scripts use the port (their sender.url is the web page's).
    const ownPage = sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/'));
    const request = ownPage ? accepts(TAB_STATUS, message) : null;
    if (!request) return undefined;
    return ready.then(async (): Promise<PopupResponse> => {
      const response = sessions.statusOfTab(request.tabId);
      const s = response.status;
      // The stored record of this chart's setups (it outlives the worker; the Worker's own resets).
      return s ? { ...response, journal: await journal.summary(feedId(s)).catch(() => []) } : response;
    });
  });
}

/** One store per worker life, opened on first use; a failed open is retried on the next use. */
function openStoreOnce(): () => Promise<MarketStore> {
  let opening: Promise<MarketStore> | undefined;
  return () => {
    opening ??= MarketStore.open().catch((error: unknown) => {
      opening = undefined;
      throw error;
    });
    return opening;
  };
}

/** Retention: drops stored market data older than the setting, once per worker start. */
async function pruneOldData(store: () => Promise<MarketStore>): Promise<void> {
  try {
    const days = await retentionDays.getValue();
    await (await store()).pruneBefore(Date.now() - days * 86_400_000);
  } catch (error) {
    console.warn('LiqLens: could not apply the retention setting', error);
  }
}
