/** What a list of trades amounts to: win rate with its Wilson interval, R statistics, drawdown. */
import type { Trade } from './simulate';

export interface TradeStats {
  trades: number;
  wins: number;
  winRate: number | null;
  /** 95 % Wilson score interval of the win rate. */
  winRate95: [number, number] | null;
  avgR: number | null;
  /** Expected R per trade: the mean R (fees and slippage included). */
  expectancy: number | null;
  /** Gross R won over gross R lost; null without losses. */
  profitFactor: number | null;
  /** Largest fall of the cumulative R from a peak. */
  maxDrawdownR: number;
  longestLosingRun: number;
  totalR: number;
}

/** Wilson score interval for `wins` of `n` at z (1.96: 95 %). */
export function wilson(wins: number, n: number, z = 1.96): [number, number] {
  const p = wins / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function tradeStats(trades: readonly Trade[]): TradeStats {
  const n = trades.length;
  const wins = trades.filter((t) => t.r > 0).length;
  let equity = 0;
  let peak = 0;
  let maxDrawdownR = 0;
  let run = 0;
  let longestLosingRun = 0;
  let won = 0;
  let lost = 0;
  for (const t of trades) {
    equity += t.r;
    peak = Math.max(peak, equity);
    maxDrawdownR = Math.max(maxDrawdownR, peak - equity);
    run = t.r > 0 ? 0 : run + 1;
    longestLosingRun = Math.max(longestLosingRun, run);
    if (t.r > 0) won += t.r;
    else lost -= t.r;
  }
  const mean = n > 0 ? equity / n : null;
  return {
    trades: n,
    wins,
    winRate: n > 0 ? wins / n : null,
    winRate95: n > 0 ? wilson(wins, n) : null,
    avgR: mean,
    expectancy: mean,
    profitFactor: lost > 0 ? won / lost : null,
    maxDrawdownR,
    longestLosingRun,
    totalR: equity,
  };
}
