/**
 * Keeps the analysis Worker in step with the candle feeds: sends each feed's newly closed
 * candles (only those: the open candle would make the analysis repaint), and the whole history
 * again where the Worker lost it (the offscreen document restarted).
 */
import type { Remote } from 'comlink';
import type { AnalysisApi, AnalysisSummary } from '../analysis/api';
import type { Candle } from '../core/types';

export class FeedAnalyser {
  private readonly sent = new Map<string, { lastTime: number; summary: AnalysisSummary }>();

  constructor(private readonly api: () => Promise<Remote<AnalysisApi>>) {}

  /** `closed`: the feed's closed candles, oldest first. Null where there is nothing to analyse. */
  async update(id: string, closed: readonly Candle[]): Promise<AnalysisSummary | null> {
    const newest = closed.at(-1);
    if (!newest) return null;
    const known = this.sent.get(id);
    if (known && known.lastTime === newest.time) return known.summary;
    const remote = await this.api();
    let result = await remote.sync(id, known?.lastTime ?? null, known ? closed.filter((c) => c.time > known.lastTime) : [...closed]);
    if ('needsHistory' in result) result = await remote.sync(id, null, [...closed]);
    if ('needsHistory' in result) return null; // cannot happen for a fresh start; stay silent rather than loop
    this.sent.set(id, { lastTime: result.lastTime, summary: result });
    return result;
  }

  drop(id: string): void {
    this.sent.delete(id);
    void this.api()
      .then((remote) => remote.drop(id))
      .catch(() => {}); // the Worker is gone anyway; nothing to free
  }
}
