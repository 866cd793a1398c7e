/**
 * The live journal, kept in the store: every setup a shown chart produced and how its trade
 * ended, so the record survives the service worker and the Worker restarting. The rules are
 * pure (applyEvents, summarize); SetupJournal reads and writes the store one event batch at a time.
 */
import type { AnalysisEvent, JournalSummary, SetupSummary } from '../analysis/api';
import type { MarketStore } from '../store/marketStore';

export interface StoredSetup {
  /** `exchange:symbol:timeframe`, the feed it formed on. */
  feed: string;
  setup: SetupSummary;
  closed: boolean;
  r: number | null;
}

const KEY = 'setupJournal';
/** Entries kept, newest last: about a year of a few setups a day. */
export const MAX_ENTRIES = 2_000;

/** The journal with a feed's events applied: setups formed are added once, closed ones get their R. */
export function applyEvents(entries: readonly StoredSetup[], feed: string, events: readonly AnalysisEvent[]): StoredSetup[] {
  const out = entries.slice();
  for (const e of events) {
    if (e.kind === 'setupFormed' && !out.some((x) => x.feed === feed && x.setup.id === e.setup.id)) out.push({ feed, setup: e.setup, closed: false, r: null });
    if (e.kind === 'setupClosed') {
      const i = out.findIndex((x) => x.feed === feed && x.setup.id === e.id);
      if (i >= 0 && !out[i]!.closed) out[i] = { ...out[i]!, closed: true, r: e.r };
    }
  }
  return out.slice(-MAX_ENTRIES);
}

/** Per setup kind, the record of one feed. */
export function summarize(entries: readonly StoredSetup[], feed: string): JournalSummary[] {
  return (['sweep-choch', 'magnet'] as const).map((kind) => {
    const mine = entries.filter((e) => e.feed === feed && e.setup.kind === kind);
    const closed = mine.filter((e) => e.closed && e.r !== null);
    return {
      kind,
      found: mine.length,
      closed: closed.length,
      wins: closed.filter((e) => e.r! > 0).length,
      avgR: closed.length > 0 ? closed.reduce((sum, e) => sum + e.r!, 0) / closed.length : null,
    };
  });
}

export class SetupJournal {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly store: () => Promise<MarketStore>) {}

  record(feed: string, events: readonly AnalysisEvent[]): Promise<void> {
    if (!events.some((e) => e.kind === 'setupFormed' || e.kind === 'setupClosed')) return this.queue;
    this.queue = this.queue
      .then(async () => {
        const store = await this.store();
        await store.setMeta(KEY, applyEvents((await store.getMeta<StoredSetup[]>(KEY)) ?? [], feed, events));
      })
      .catch((error: unknown) => console.warn('LiqLens: setup journal not updated', error));
    return this.queue;
  }

  async summary(feed: string): Promise<JournalSummary[]> {
    await this.queue;
    const store = await this.store();
    return summarize((await store.getMeta<StoredSetup[]>(KEY)) ?? [], feed);
  }
}
