/** Larger bars from smaller ones: how every timeframe above the recorded one is served. */
import type { Candle } from '../types';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
// 1970-01-01 was a Thursday; exchanges open weekly bars on Monday 00:00 UTC, 4 days later.
const WEEK_OFFSET = 4 * DAY;

export interface AggregateOptions {
  /**
   * Leave out buckets with fewer source bars than fit in them (toMs / fromMs): the partial first
   * and last buckets, and buckets with a gap. Default false: every bucket that has a bar is kept.
   */
  dropIncomplete?: boolean;
}

/** Where the bucket of length `toMs` holding `time` opens: epoch-aligned, weeks on Mondays. */
export function bucketStart(time: number, toMs: number): number {
  const offset = toMs % WEEK === 0 ? WEEK_OFFSET : 0;
  return Math.floor((time - offset) / toMs) * toMs + offset;
}

/**
 * Candles of length `fromMs` (oldest first, as the parsers return them) bucketed into candles of
 * length `toMs`: open of the first, highest high, lowest low, close of the last, summed volume.
 * Taker-buy volume is summed only where every bar of the bucket has it (a partial sum would pass
 * for a full one). Throws on a `toMs` that is not a whole multiple of `fromMs`, or unordered input:
 * both are mistakes of the caller, not of the data.
 */
export function aggregateCandles(candles: readonly Candle[], fromMs: number, toMs: number, options: AggregateOptions = {}): Candle[] {
  if (!(fromMs > 0) || !(toMs >= fromMs) || toMs % fromMs !== 0) {
    throw new RangeError(`cannot aggregate bars of ${fromMs} ms into bars of ${toMs} ms`);
  }
  const perBucket = toMs / fromMs;
  const out: Candle[] = [];
  let current: Candle | undefined;
  let count = 0;
  let allTaker = true;
  let previousTime = -Infinity;

  const flush = () => {
    if (current === undefined) return;
    if (!allTaker) delete current.takerBuyVolume;
    if (!options.dropIncomplete || count === perBucket) out.push(current);
  };

  for (const c of candles) {
    if (!(c.time > previousTime)) throw new RangeError(`candles out of order at ${c.time} (after ${previousTime})`);
    previousTime = c.time;
    const start = bucketStart(c.time, toMs);
    if (current === undefined || current.time !== start) {
      flush();
      current = { time: start, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume, takerBuyVolume: c.takerBuyVolume ?? 0 };
      count = 1;
      allTaker = c.takerBuyVolume !== undefined;
      continue;
    }
    current.high = Math.max(current.high, c.high);
    current.low = Math.min(current.low, c.low);
    current.close = c.close;
    current.volume += c.volume;
    if (c.takerBuyVolume === undefined) allTaker = false;
    else current.takerBuyVolume = (current.takerBuyVolume ?? 0) + c.takerBuyVolume;
    count += 1;
  }
  flush();
  return out;
}
