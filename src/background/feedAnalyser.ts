/**
 * Keeps the analysis Worker in step with the candle feeds: sends each feed's newly closed
 * candles (only those: the open candle would make the analysis repaint), and the whole history
 * again where the Worker lost it (the offscreen document restarted).
 */
import type { Remote } from 'comlink';
import type { AnalysisApi, AnalysisSummary, SyncExtras } from '../analysis/api';
import type { Candle } from '../core/types';

/** Open interest for the candles about to be sent, and the prints after a time (inclusive: the Worker drops repeats). */
export type AnalysisInputs = (candles: readonly Candle[], printsFrom: number) => Promise<SyncExtras>;

export class FeedAnalyser {
  private readonly sent = new Map<string, { lastTime: number; printsFrom: number }>();

  constructor(
    private readonly api: () => Promise<Remote<AnalysisApi>>,
    /** Whose model the bands of a feed show now (a setting; read on every update, so a change shows on the next). */
    private readonly bandsSource: (id: string) => SyncExtras['bandsSource'] = () => undefined,
    /** The heatmap model's parameters (a setting), read and sent when a series starts. */
    private readonly model: () => Promise<SyncExtras['model']> = async () => undefined,
  ) {}

  /** The model's parameters changed: every series starts over with the next update, on its whole history. */
  restartAll(): void {
    this.sent.clear();
  }

  /** `closed`: the feed's closed candles, oldest first. Null where there is nothing to analyse. */
  async update(id: string, closed: readonly Candle[], inputs?: AnalysisInputs, open: Candle | null = null): Promise<AnalysisSummary | null> {
    const newest = closed.at(-1);
    if (!newest) return null;
    const known = this.sent.get(id);
    // Even without a new candle the summary is asked for again: the other exchange's analysis
    // (aggregate, confirmations) and the prints scored may have moved on. It is cheap.
    const remote = await this.api();
    const bandsSource = this.bandsSource(id);
    const send = async (after: number | null, candles: Candle[], printsFrom: number) => {
      const model = after === null ? await this.model().catch(() => undefined) : undefined;
      return remote.sync(id, after, candles, {
        ...(inputs ? await inputs(candles, printsFrom) : {}),
        ...(bandsSource ? { bandsSource } : {}),
        ...(open ? { openCandle: open } : {}),
        ...(model ? { model } : {}),
      });
    };
    const printsFrom = known?.printsFrom ?? Number.NEGATIVE_INFINITY;
    let result = await send(known?.lastTime ?? null, known ? closed.filter((c) => c.time > known.lastTime) : [...closed], printsFrom);
    if ('needsHistory' in result) result = await send(null, [...closed], Number.NEGATIVE_INFINITY);
    if ('needsHistory' in result) return null; // cannot happen for a fresh start; stay silent rather than loop
    // Prints are asked for again from the newest candle on: those of the open candle wait in the Worker.
    this.sent.set(id, { lastTime: result.lastTime, printsFrom: result.lastTime });
    return result;
  }

  drop(id: string): void {
    this.sent.delete(id);
    void this.api()
      .then((remote) => remote.drop(id))
      .catch(() => {}); // the Worker is gone anyway; nothing to free
  }
}
