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

/**
 * A series asked again with nothing new is answered from its last summary, but re-analysed at
 * least this often: prints scored (skill, late prints) change its summary between candles too.
 */
export const RESYNC_MS = 60_000;

interface Sent {
  lastTime: number;
  printsFrom: number;
  /** The forming candle and bands source last sent, and the generation of the other series then. */
  open: string;
  bandsSource: SyncExtras['bandsSource'];
  generation: number;
  at: number;
  /** The last summary, without its events (they happened once): what a poll that brought nothing gets. */
  quiet: AnalysisSummary;
}

export class FeedAnalyser {
  private readonly sent = new Map<string, Sent>();
  /**
   * Counts the syncs that brought a series something new (a closed candle, a changed forming
   * one): another series' summary reads them (the aggregate, confirmations), so it is asked again.
   */
  private generation = 0;

  constructor(
    private readonly api: () => Promise<Remote<AnalysisApi>>,
    /** Whose model the bands of a feed show now (a setting; read on every update, so a change shows on the next). */
    private readonly bandsSource: (id: string) => SyncExtras['bandsSource'] = () => undefined,
    /** The heatmap model's parameters (a setting), read and sent when a series starts. */
    private readonly model: () => Promise<SyncExtras['model']> = async () => undefined,
    private readonly now: () => number = Date.now,
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
    const bandsSource = this.bandsSource(id);
    const openKey = open ? JSON.stringify(open) : '';
    // Nothing new here nor in any other series, and asked recently: the Worker would answer the same.
    if (known && newest.time === known.lastTime && openKey === known.open && bandsSource === known.bandsSource && known.generation === this.generation && this.now() - known.at < RESYNC_MS) {
      return known.quiet;
    }
    const remote = await this.api();
    const send = async (after: number | null, candles: Candle[], printsFrom: number) => {
      const model = after === null ? await this.model().catch(() => undefined) : undefined;
      return remote.sync(id, after, candles, {
        ...(inputs ? await inputs(candles, printsFrom) : {}),
        ...(bandsSource ? { bandsSource } : {}),
        ...(open ? { openCandle: open } : {}),
        ...(model ? { model } : {}),
        // The last summary is held here: the Worker may answer "unchanged" instead of sending it again.
        ...(after !== null && known ? { heldSummary: true } : {}),
      });
    };
    const printsFrom = known?.printsFrom ?? Number.NEGATIVE_INFINITY;
    let result = await send(known?.lastTime ?? null, known ? closed.filter((c) => c.time > known.lastTime) : [...closed], printsFrom);
    if ('needsHistory' in result) result = await send(null, [...closed], Number.NEGATIVE_INFINITY);
    if ('needsHistory' in result) return null; // cannot happen for a fresh start; stay silent rather than loop
    if (!known || result.lastTime !== known.lastTime || openKey !== known.open) this.generation++;
    // The very object held, so that the status and the tab see nothing new (no hash, no repaint).
    const summary = 'unchanged' in result ? known!.quiet : result;
    // Prints are asked for again from the newest candle on: those of the open candle wait in the Worker.
    this.sent.set(id, { lastTime: result.lastTime, printsFrom: result.lastTime, open: openKey, bandsSource, generation: this.generation, at: this.now(), quiet: 'unchanged' in result ? known!.quiet : { ...result, events: [] } });
    return summary;
  }

  drop(id: string): void {
    this.sent.delete(id);
    void this.api()
      .then((remote) => remote.drop(id))
      .catch(() => {}); // the Worker is gone anyway; nothing to free
  }
}
