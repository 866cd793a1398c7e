/**
 * One market as the replay serves it at the current replay time: candles of any timeframe
 * up to "now" (the open bar built only from what is already known), open interest and
 * liquidation prints, all in served (time-shifted) times.
 */
import { TIMEFRAME_MS, type Timeframe } from '../../src/core/timeframes';
import type { Candle, LiquidationPrint, OpenInterestSample } from '../../src/core/types';
import type { ReplayMarket } from './recordings';
import { replayOffset, type ReplayClock } from './clock';

/** A candle as served: `closed` false for the bar still forming at replay time. */
export interface ServedCandle extends Candle {
  closed: boolean;
}

export interface RangeQuery {
  start?: number;
  end?: number;
  limit: number;
}

export class MarketView {
  readonly offset: number;
  private readonly baseMs: number;
  private readonly aggregated = new Map<Timeframe, Candle[]>();

  constructor(
    readonly market: ReplayMarket,
    private readonly clock: ReplayClock,
    historyFraction = 0.7,
  ) {
    const first = market.candles[0]!.time;
    const last = market.candles.at(-1)!.time;
    this.offset = replayOffset(first, last, clock.start, historyFraction);
    this.baseMs = TIMEFRAME_MS[market.baseTimeframe];
  }

  /** Served time now, and the recorded time it corresponds to. */
  now(): number {
    return this.clock.now();
  }

  /** True once replay time has passed the end of the recording (the data then stops). */
  ended(): boolean {
    return this.clock.now() - this.offset > this.market.candles.at(-1)!.time + this.baseMs;
  }

  supports(timeframe: Timeframe): boolean {
    return TIMEFRAME_MS[timeframe] >= this.baseMs && TIMEFRAME_MS[timeframe] % this.baseMs === 0;
  }

  /**
   * Candles of `timeframe` whose open time (served) lies in [start, end], as the exchanges
   * select them: with a start, the first `limit` from it; otherwise the last `limit` up to end
   * (or now). Includes the bar forming now, built from the finest bars already closed plus the
   * open price of the finest bar just opened: the recording has nothing finer.
   */
  candles(timeframe: Timeframe, query: RangeQuery): ServedCandle[] {
    if (!this.supports(timeframe)) return [];
    const now = this.now();
    const end = Math.min(query.end ?? Infinity, now);
    const tfMs = TIMEFRAME_MS[timeframe];
    const all = this.series(timeframe);
    const known = all.filter((c) => c.time + this.offset <= end); // recorded bars are sorted; fine for ≤ 30k rows
    const served: ServedCandle[] = [];
    for (const c of known) {
      const time = c.time + this.offset;
      if (query.start !== undefined && time < query.start) continue;
      if (time + tfMs <= now) served.push({ ...c, time, closed: true });
      else {
        const partial = this.formingBar(timeframe, time, now);
        if (partial) served.push(partial);
      }
    }
    return query.start !== undefined ? served.slice(0, query.limit) : served.slice(-query.limit);
  }

  /** The last open-interest snapshot at or before each served time, in time order. */
  openInterest(query: RangeQuery & { periodMs: number }): OpenInterestSample[] {
    const samples = this.market.openInterest;
    if (samples.length === 0) return [];
    const now = this.now();
    const end = Math.min(query.end ?? now, now);
    const lastBoundary = Math.floor(end / query.periodMs) * query.periodMs;
    const firstBoundary = query.start !== undefined
      ? Math.ceil(query.start / query.periodMs) * query.periodMs
      : lastBoundary - (query.limit - 1) * query.periodMs;
    const out: OpenInterestSample[] = [];
    for (let t = firstBoundary; t <= lastBoundary && out.length < query.limit; t += query.periodMs) {
      const sample = this.latestAtOrBefore(samples, t - this.offset);
      if (!sample || t - this.offset - sample.time > query.periodMs) continue; // outside the recording or in a gap
      const close = this.latestAtOrBefore(this.market.candles, sample.time)?.close;
      out.push({
        time: t,
        openInterest: sample.openInterest,
        openInterestValue: sample.openInterestValue ?? (close !== undefined ? sample.openInterest * close : undefined),
      });
    }
    return out;
  }

  /** The latest open-interest snapshot known now, or undefined. */
  currentOpenInterest(): OpenInterestSample | undefined {
    const sample = this.latestAtOrBefore(this.market.openInterest, this.now() - this.offset);
    return sample && { ...sample, time: sample.time + this.offset };
  }

  /** Prints whose served time lies in (after, upTo], in time order. */
  printsBetween(after: number, upTo: number): LiquidationPrint[] {
    const from = after - this.offset;
    const to = upTo - this.offset;
    return this.market.prints
      .filter((p) => p.time > from && p.time <= to)
      .map((p) => ({ ...p, time: p.time + this.offset }));
  }

  private formingBar(timeframe: Timeframe, openTime: number, now: number): ServedCandle | null {
    const recordedOpen = openTime - this.offset;
    const recordedEnd = recordedOpen + TIMEFRAME_MS[timeframe];
    const recordedNow = now - this.offset;
    const parts = this.market.candles.filter((c) => c.time >= recordedOpen && c.time < recordedEnd && c.time <= recordedNow);
    if (parts.length === 0) return null;
    const closedParts = parts.filter((c) => c.time + this.baseMs <= recordedNow);
    const opening = parts.at(-1)!;
    const justOpened = closedParts.length < parts.length ? { ...opening, high: opening.open, low: opening.open, close: opening.open, volume: 0, takerBuyVolume: undefined } : null;
    const bar = merge([...closedParts, ...(justOpened ? [justOpened] : [])], openTime);
    return { ...bar, closed: false };
  }

  /** The recorded series at `timeframe`, aggregated from the base bars on served boundaries. */
  private series(timeframe: Timeframe): Candle[] {
    if (timeframe === this.market.baseTimeframe) return this.market.candles;
    let cached = this.aggregated.get(timeframe);
    if (!cached) {
      const tfMs = TIMEFRAME_MS[timeframe];
      const buckets = new Map<number, Candle[]>();
      for (const c of this.market.candles) {
        const bucket = Math.floor((c.time + this.offset) / tfMs) * tfMs - this.offset;
        const list = buckets.get(bucket);
        if (list) list.push(c);
        else buckets.set(bucket, [c]);
      }
      cached = [...buckets].map(([time, parts]) => merge(parts, time));
      this.aggregated.set(timeframe, cached);
    }
    return cached;
  }

  private latestAtOrBefore<T extends { time: number }>(rows: readonly T[], time: number): T | undefined {
    let lo = 0;
    let hi = rows.length - 1;
    let found: T | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]!.time <= time) {
        found = rows[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

function merge(parts: readonly Candle[], time: number): Candle {
  const taker = parts.every((c) => c.takerBuyVolume !== undefined)
    ? parts.reduce((sum, c) => sum + c.takerBuyVolume!, 0)
    : undefined;
  return {
    time,
    open: parts[0]!.open,
    high: Math.max(...parts.map((c) => c.high)),
    low: Math.min(...parts.map((c) => c.low)),
    close: parts.at(-1)!.close,
    volume: parts.reduce((sum, c) => sum + c.volume, 0),
    ...(taker !== undefined ? { takerBuyVolume: taker } : {}),
  };
}
