/**
 * Desktop notifications for the analysis events (swept clusters, reached magnet zones): the
 * rules in notificationPolicy.ts, the record of what was sent in the store (so a restarted
 * service worker repeats nothing), a button that mutes the symbol for an hour, and a click
 * that focuses the tab showing the market, or opens it.
 */
import { browser } from 'wxt/browser';
import type { AnalysisEvent } from '../analysis/api';
import type { ExchangeId } from '../core/types';
import { exchange, marketId, parseMarketId } from '../exchanges';
import type { MarketStore } from '../store/marketStore';
import { DEFAULT_NOTIFICATION_RULES, notificationMutes, notificationRules } from '../settings/items';
import { admit, describeEvent, EMPTY_LOG, record, type FeedRef, type NotificationLog } from './notificationPolicy';

const LOG_KEY = 'notificationLog';
const MUTE_MS = 3_600_000;

/** Finds the tab that shows a market, if any (the tab sessions know). */
export type TabFinder = (exchange: ExchangeId, symbol: string) => { tabId: number; windowId: number } | null;

export class NotificationService {
  /** One event at a time: the log is read, checked and written without interleaving. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: () => Promise<MarketStore>,
    private readonly findTab: TabFinder,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    browser.notifications.onClicked.addListener((id) => void this.focus(id));
    // The same handler on the worker's global, for the extension's own tools and tests: the page
    // cannot reach a service worker's global, and a headless browser cannot click a notification.
    Object.assign(globalThis, { liqlensNotificationClicked: (id: string) => this.focus(id) });
    browser.notifications.onButtonClicked.addListener((id, button) => {
      if (button === 0) void this.mute(id);
    });
  }

  handle(feed: FeedRef, events: readonly AnalysisEvent[]): Promise<void> {
    for (const event of events) this.queue = this.queue.then(() => this.one(feed, event)).catch((error: unknown) => console.warn('LiqLens: notification not sent', error));
    return this.queue;
  }

  private async one(feed: FeedRef, event: AnalysisEvent): Promise<void> {
    const [stored, mutes, store] = await Promise.all([notificationRules.getValue(), notificationMutes.getValue(), this.store()]);
    // Over the defaults: rules stored before a rule existed lack it.
    const rules = { ...DEFAULT_NOTIFICATION_RULES, ...stored };
    const now = this.now();
    const spec = describeEvent(event, feed, rules, now);
    if ('skip' in spec) return;
    const log = (await store.getMeta<NotificationLog>(LOG_KEY)) ?? EMPTY_LOG;
    if (admit(spec, log, mutes, rules, now) !== true) return;
    // Recorded first: were the worker stopped right after, a repeat is worse than a miss.
    await store.setMeta(LOG_KEY, record(log, spec, now));
    await browser.notifications.create(spec.id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: spec.title,
      message: spec.message,
      buttons: [{ title: `Mute ${spec.symbol} for 1 hour` }],
      priority: 1,
    });
  }

  private async focus(id: string): Promise<void> {
    const market = parseMarketId(id);
    await browser.notifications.clear(id);
    if (!market) return;
    const tab = this.findTab(market.exchange, market.symbol);
    if (tab) {
      await browser.tabs.update(tab.tabId, { active: true });
      await browser.windows.update(tab.windowId, { focused: true });
    } else {
      await browser.tabs.create({ url: exchange(market.exchange).futuresPageUrl(market.symbol) });
    }
  }

  private async mute(id: string): Promise<void> {
    const market = parseMarketId(id);
    if (!market) return;
    const now = this.now();
    const mutes = await notificationMutes.getValue();
    const live = Object.fromEntries(Object.entries(mutes).filter(([, until]) => until > now));
    await notificationMutes.setValue({ ...live, [marketId(market)]: now + MUTE_MS });
    await browser.notifications.clear(id);
  }
}
