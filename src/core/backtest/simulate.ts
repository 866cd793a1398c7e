/**
 * Fills setups bar by bar on the candles that follow them: a limit order at the entry from the
 * next candle on (cancelled after `entryTimeoutCandles`), then the stop or the target, whichever
 * the candles reach first. Conservative where a candle cannot tell: a candle touching both stop
 * and target is a loss, and so is a fill candle that also touches the stop. One position at a
 * time; fees and slippage in basis points on both fills.
 */
import type { CandleSeries } from '../candles/columns';
import type { Candle } from '../types';
import type { Setup } from '../setups';

export interface SimulationSettings {
  feeBps: number;
  slippageBps: number;
  /** Candles the entry order waits for a fill. */
  entryTimeoutCandles: number;
  /** Candles a position is held at most; then it is closed at that candle's close. */
  maxHoldCandles: number;
}

export const DEFAULT_SIMULATION: Readonly<SimulationSettings> = Object.freeze({ feeBps: 5, slippageBps: 2, entryTimeoutCandles: 12, maxHoldCandles: 288 });

export interface Trade {
  setupId: string;
  kind: Setup['kind'];
  grade: Setup['grade'];
  dir: 1 | -1;
  entryIndex: number;
  entryTime: number;
  entry: number;
  stop: number;
  target: number;
  exitIndex: number;
  exitTime: number;
  exit: number;
  exitReason: 'target' | 'stop' | 'time';
  /** Result in units of the planned risk (entry to stop), after fees and slippage. */
  r: number;
}

export function simulate(candles: CandleSeries, setups: readonly Setup[], settings: Partial<SimulationSettings> = {}): Trade[] {
  const s = { ...DEFAULT_SIMULATION, ...settings };
  const trades: Trade[] = [];
  let freeFrom = 0;
  for (const setup of [...setups].sort((a, b) => a.confirmIndex - b.confirmIndex)) {
    if (setup.confirmIndex < freeFrom) continue; // a position or order is open: one at a time
    const outcome = play(candles, setup, s);
    if (outcome.status === 'closed') {
      trades.push(outcome.trade);
      freeFrom = outcome.trade.exitIndex + 1;
    } else {
      freeFrom = Math.min(candles.length, setup.confirmIndex + s.entryTimeoutCandles + 1);
    }
  }
  return trades;
}

/** Where a setup stands on the candles so far: its order waiting, expired unfilled, the position open, or closed. */
export type Outcome = { status: 'waiting' | 'expired' | 'open' } | { status: 'closed'; trade: Trade };

/** One setup on its own (the live journal: each setup is judged whatever the others did). */
export function resolve(candles: CandleSeries, setup: Setup, settings: Partial<SimulationSettings> = {}): Outcome {
  return play(candles, setup, { ...DEFAULT_SIMULATION, ...settings });
}

function play(candles: CandleSeries, setup: Setup, s: SimulationSettings): Outcome {
  const { dir, entry, stop, target } = setup;
  const risk = Math.abs(entry - stop);
  if (!(risk > 0)) return { status: 'expired' };
  const touches = (c: Candle, price: number) => c.low <= price && price <= c.high;
  const stopHit = (c: Candle) => (dir === 1 ? c.low <= stop : c.high >= stop);
  const targetHit = (c: Candle) => (dir === 1 ? c.high >= target : c.low <= target);
  let fill = -1;
  for (let i = setup.confirmIndex + 1; i <= setup.confirmIndex + s.entryTimeoutCandles && i < candles.length; i++) {
    // A gap through the entry fills at the entry too (a limit order is not filled better).
    const c = candles.at(i)!;
    if (touches(c, entry) || (dir === 1 ? c.high < entry : c.low > entry)) {
      fill = i;
      break;
    }
  }
  if (fill < 0) return { status: setup.confirmIndex + s.entryTimeoutCandles < candles.length ? 'expired' : 'waiting' };
  let exitIndex = -1;
  let exitPrice = 0;
  let reason: Trade['exitReason'] = 'time';
  const last = Math.min(candles.length - 1, fill + s.maxHoldCandles);
  for (let i = fill; i <= last; i++) {
    const c = candles.at(i)!;
    if (stopHit(c)) {
      [exitIndex, exitPrice, reason] = [i, stop, 'stop'];
      break;
    }
    // On the fill candle the order of the moves is unknown: only the stop counts there.
    if (i > fill && targetHit(c)) {
      [exitIndex, exitPrice, reason] = [i, target, 'target'];
      break;
    }
  }
  if (exitIndex < 0) {
    if (last < fill + s.maxHoldCandles) return { status: 'open' }; // the data ends with the trade still open: no result yet
    [exitIndex, exitPrice] = [last, candles.at(last)!.close];
  }
  const slip = s.slippageBps / 10_000;
  const paidIn = entry * (1 + dir * slip);
  const paidOut = exitPrice * (1 - dir * slip);
  const fees = ((paidIn + paidOut) * s.feeBps) / 10_000;
  const trade: Trade = {
    setupId: setup.id,
    kind: setup.kind,
    grade: setup.grade,
    dir,
    entryIndex: fill,
    entryTime: candles.at(fill)!.time,
    entry,
    stop,
    target,
    exitIndex,
    exitTime: candles.at(exitIndex)!.time,
    exit: exitPrice,
    exitReason: reason,
    r: (dir * (paidOut - paidIn) - fees) / risk,
  };
  return { status: 'closed', trade };
}
