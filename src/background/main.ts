/**
 * The background's wiring: settings → exchange clients → shared feeds → tab sessions.
 * Listeners are registered synchronously so that a service worker woken by a tab's
 * connection does not miss it.
 */
import { browser } from 'wxt/browser';
import type { ExchangeId } from '../core/types';
import { PORT_NAME, type PopupResponse } from '../messaging/protocol';
import { parseDataSource, type DataSource } from '../settings/dataSource';
import { dataSource } from '../settings/items';
import { ANALYSIS_PORT } from '../analysis/constants';
import { AnalysisConnection } from './analysisConnection';
import { CcxtCandleSource, createExchange } from './ccxtCandleSource';
import { FeedAnalyser } from './feedAnalyser';
import { FeedRegistry } from './feedRegistry';
import { TabSessions } from './tabSessions';

export function startBackground(): void {
  let source: DataSource = { kind: 'live' };
  const clients = new Map<ExchangeId, CcxtCandleSource>();
  const sourceFor = (exchange: ExchangeId) => {
    let client = clients.get(exchange);
    if (!client) {
      client = new CcxtCandleSource(exchange, createExchange(exchange, source), source);
      clients.set(exchange, client);
    }
    return client;
  };
  const analysis = new AnalysisConnection();
  const feeds = new FeedRegistry((key) => sourceFor(key.exchange), new FeedAnalyser(() => analysis.api()));

  const applySource = (value: unknown) => {
    const parsed = parseDataSource(value);
    if (parsed.error) console.warn(`LiqLens: ${parsed.error}; using the live exchanges`);
    source = parsed.source;
    clients.clear();
  };
  const ready = dataSource.getValue().then(applySource);
  const sessions = new TabSessions(feeds, ready);

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
    sessions.resubscribeAll();
  });

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only our own extension pages (the popup) ask for a tab's status; content scripts use the port.
    if (sender.tab || typeof message !== 'object' || message === null) return undefined;
    const { type, tabId } = message as { type?: unknown; tabId?: unknown };
    if (type !== 'tabStatus' || typeof tabId !== 'number') return undefined;
    return ready.then((): PopupResponse => sessions.statusOfTab(tabId));
  });
}
