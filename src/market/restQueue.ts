/**
 * The order in which one exchange's REST requests go out (issue 20: one tab's churn never starves
 * another's). ccxt's limiter spaces requests to the exchange's weight budget but serves them first
 * come, first served: a tab clicking through intervals queued every passing interval's backfill
 * (tens of pages on three exchanges) ahead of a newly opened tab's first candles. Here requests
 * wait in classes and only a few at a time are handed to ccxt, so its own queue stays short:
 *  - a feed's first candles (what a tab needs to paint at all), then its refreshes, then backfill;
 *  - within a class, work of feeds a tab holds before work of feeds no tab holds any more (they
 *    linger a while in case the chart comes back); among those, feed by feed in turn, so one
 *    feed's forty pages do not hold up another's one;
 *  - backfill of a feed no tab holds when its turn comes is dropped, not sent: the chart moved on
 *    (a tab that comes back starts it again, HistoryService retries a failed backfill); a
 *    stopped feed's waiting requests are all dropped.
 * The budget is ccxt's limiter's, below: this changes the order only, never the rate.
 */

export type RestPriority = 'first' | 'refresh' | 'backfill';

/** Whose request it is (a feed's id, '' for the exchange's own such as its market list) and why. */
export interface RestWork {
  owner: string;
  priority: RestPriority;
}

const CLASSES: readonly RestPriority[] = ['first', 'refresh', 'backfill'];

/** A request dropped because the feed it was for stopped. */
export class RestCancelledError extends Error {
  constructor(owner: string) {
    super(`request for ${owner} dropped: no tab shows it any more`);
    this.name = 'RestCancelledError';
  }
}

interface Waiting {
  work: RestWork;
  start: () => void;
  cancel: (error: Error) => void;
}

export class RestQueue {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  /** Per owner, the count of requests started: the owner served least goes next among equals. */
  private readonly turns = new Map<string, number>();
  private served = 0;

  constructor(
    /** Whether a tab holds the feed `owner` names (work of an unheld one waits for everything else). */
    private readonly held: (owner: string) => boolean = () => true,
    /** Requests handed to ccxt at once: enough to keep its limiter busy, few enough that its FIFO stays short. */
    private readonly concurrency = 2,
  ) {}

  run<T>(work: RestWork, request: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        work,
        start: () => {
          this.running++;
          void Promise.resolve().then(request).then(resolve, reject).finally(() => {
            this.running--;
            this.next();
          });
        },
        cancel: reject,
      });
      this.next();
    });
  }

  /** Drops every waiting request of `owner` (its feed stopped); those already sent complete. */
  cancel(owner: string): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const w = this.waiting[i]!;
      if (w.work.owner !== owner) continue;
      this.waiting.splice(i, 1);
      w.cancel(new RestCancelledError(owner));
    }
    this.turns.delete(owner);
  }

  /** Requests waiting (not yet handed to ccxt), for tests. */
  get length(): number {
    return this.waiting.length;
  }

  private next(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const chosen = this.waiting.splice(this.pick(), 1)[0]!;
      const { owner, priority } = chosen.work;
      if (priority === 'backfill' && !this.isHeld(owner)) {
        chosen.cancel(new RestCancelledError(owner));
        continue;
      }
      this.turns.set(owner, ++this.served);
      chosen.start();
    }
  }

  private isHeld(owner: string): boolean {
    return owner === '' || this.held(owner);
  }

  /** The index of the request to send next: lowest rank, then the owner served longest ago, then the oldest. */
  private pick(): number {
    let best = 0;
    let bestRank = Infinity;
    let bestTurn = Infinity;
    const heldOf = new Map<string, boolean>();
    for (let i = 0; i < this.waiting.length; i++) {
      const { owner, priority } = this.waiting[i]!.work;
      let held = heldOf.get(owner);
      if (held === undefined) heldOf.set(owner, (held = this.isHeld(owner)));
      const rank = CLASSES.indexOf(priority) * 2 + (held ? 0 : 1);
      const turn = this.turns.get(owner) ?? 0;
      if (rank < bestRank || (rank === bestRank && turn < bestTurn)) {
        best = i;
        bestRank = rank;
        bestTurn = turn;
      }
    }
    return best;
  }
}
