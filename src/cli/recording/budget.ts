/**
 * Each exchange's REST budget for the recorder, all symbols together, and the use measured
 * against it. The recorder takes half of each exchange's published per-IP limit (its REST side's
 * `budget`), so a trader's own tools on the same address keep the other half.
 * Time is the exchange's clock (the replay's, at its speed, in tests), so the budget scales with it.
 */
import type { ExchangeId } from '../../core/types';
import { EXCHANGE_REST, type BudgetDef } from '../../exchanges/rest';

export type { BudgetDef };

/** Each exchange's published limits are its REST side's (`budget` in src/exchanges/<id>/rest.ts). */
export function budgetDef(exchange: ExchangeId): BudgetDef {
  return EXCHANGE_REST[exchange].budget;
}

/** The share of each limit the recorder allows itself. */
export const BUDGET_SHARE = 0.5;

/**
 * A token bucket over the exchange's clock: `share × limit` a minute, with at most ten seconds'
 * worth in a burst; and the weight spent in each minute, for the hourly report and the bench.
 */
export class RestBudget {
  readonly perMinute: number;
  private tokens: number;
  private last: number;
  /** Weight spent per exchange minute (minute start → weight), the last 24 h kept. */
  private readonly spent = new Map<number, number>();
  total = 0;

  constructor(
    readonly exchange: ExchangeId,
    private readonly now: () => number,
    share = BUDGET_SHARE,
  ) {
    this.perMinute = budgetDef(exchange).limitPerMinute * share;
    this.tokens = this.perMinute / 6;
    this.last = now();
  }

  /** Waits until `weight` fits in the budget, then spends it. */
  async take(weight: number): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(this.perMinute / 6, this.tokens + ((now - this.last) * this.perMinute) / 60_000);
      this.last = now;
      if (this.tokens >= weight) break;
      const waitMs = ((weight - this.tokens) * 60_000) / this.perMinute;
      await new Promise((r) => setTimeout(r, Math.min(1_000, Math.max(5, waitMs))));
    }
    this.tokens -= weight;
    this.total += weight;
    const minute = Math.floor(this.now() / 60_000) * 60_000;
    this.spent.set(minute, (this.spent.get(minute) ?? 0) + weight);
    if (this.spent.size > 1_440) this.spent.delete(this.spent.keys().next().value!);
  }

  /** Use over the complete minutes in [from, to): mean and most per minute. */
  use(from: number, to: number): { meanPerMinute: number; maxPerMinute: number; minutes: number } {
    const first = Math.ceil(from / 60_000) * 60_000;
    const end = Math.floor(to / 60_000) * 60_000;
    let sum = 0;
    let max = 0;
    let minutes = 0;
    for (let m = first; m < end; m += 60_000) {
      const w = this.spent.get(m) ?? 0;
      sum += w;
      max = Math.max(max, w);
      minutes++;
    }
    return { meanPerMinute: minutes > 0 ? sum / minutes : 0, maxPerMinute: max, minutes };
  }
}
