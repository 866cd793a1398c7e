/**
 * Magnet zones: price coiled in a tight range with a major liquidation cluster 2–4 % away, which
 * price tends to be drawn to within 24–72 h. Tightness is measured, not eyeballed: the ATR as a
 * share of price is in the lowest `tightPercentile` of its own recent history. A zone lives 72 h
 * and records whether price reached the cluster.
 */
import type { CandleSeries } from '../candles/columns';
import type { Candle } from '../types';
import type { Cluster } from './engine';

export interface MagnetSettings {
  atrLength: number;
  /** Candles of ATR history that "tight" is judged against. */
  compressionLookback: number;
  /** ATR/price at or below this percentile of its history counts as a tight range. */
  tightPercentile: number;
  minDistancePct: number;
  maxDistancePct: number;
  /** A cluster this share of its side or more is major. */
  minShare: number;
  lifetimeMs: number;
}

export const DEFAULT_MAGNET_SETTINGS: Readonly<MagnetSettings> = Object.freeze({
  atrLength: 14,
  compressionLookback: 288,
  tightPercentile: 0.2,
  minDistancePct: 2,
  maxDistancePct: 4,
  minShare: 0.1,
  lifetimeMs: 72 * 3_600_000,
});

export interface MagnetZone {
  id: string;
  side: 'long' | 'short';
  /** The cluster's price: the target. */
  price: number;
  notional: number;
  distancePct: number;
  /** ATR/price at creation, and its percentile in the lookback. */
  compression: number;
  compressionPercentile: number;
  createdIndex: number;
  createdTime: number;
  expiresTime: number;
  reachedIndex: number | null;
  reachedTime: number | null;
}

export class MagnetTracker {
  readonly settings: MagnetSettings;
  private readonly ratios: number[] = [];
  private atr = Number.NaN;
  private prevClose: number | undefined;
  private index = -1;
  private readonly zones: MagnetZone[] = [];

  constructor(settings: Partial<MagnetSettings> = {}) {
    this.settings = { ...DEFAULT_MAGNET_SETTINGS, ...settings };
  }

  /** All zones so far (active, reached or expired), oldest first. */
  all(): readonly MagnetZone[] {
    return this.zones;
  }

  /** Zones neither reached nor expired as of `time`. */
  active(time: number): MagnetZone[] {
    return this.zones.filter((z) => z.reachedIndex === null && time < z.expiresTime);
  }

  /**
   * One closed candle and the clusters after it. Marks zones the candle reached, then opens a
   * zone where the range is tight and a major cluster sits in the distance band (one per side).
   */
  update(candle: Candle, clusters: readonly Cluster[]): MagnetZone[] {
    const index = ++this.index;
    const s = this.settings;
    const tr = this.prevClose === undefined ? candle.high - candle.low : Math.max(candle.high - candle.low, Math.abs(candle.high - this.prevClose), Math.abs(candle.low - this.prevClose));
    this.prevClose = candle.close;
    this.atr = Number.isNaN(this.atr) ? tr : (this.atr * (s.atrLength - 1) + tr) / s.atrLength;
    const ratio = this.atr / candle.close;

    for (const z of this.zones) {
      if (z.reachedIndex !== null || candle.time >= z.expiresTime) continue;
      if (z.side === 'short' ? candle.high >= z.price : candle.low <= z.price) {
        z.reachedIndex = index;
        z.reachedTime = candle.time;
      }
    }

    const history = this.ratios;
    history.push(ratio);
    if (history.length > s.compressionLookback) history.shift();
    if (index < s.atrLength || history.length < Math.min(s.compressionLookback, 50)) return [];
    const below = history.filter((r) => r <= ratio).length;
    const percentile = (below - 1) / Math.max(1, history.length - 1);
    if (percentile > s.tightPercentile) return [];

    const opened: MagnetZone[] = [];
    for (const side of ['long', 'short'] as const) {
      if (this.active(candle.time).some((z) => z.side === side)) continue;
      const major = clusters
        .filter((c) => c.side === side && c.share >= s.minShare && Math.abs(c.distancePct) >= s.minDistancePct && Math.abs(c.distancePct) <= s.maxDistancePct)
        .sort((a, b) => b.notional - a.notional)[0];
      if (!major) continue;
      const zone: MagnetZone = {
        id: `magnet:${side}:${index}`,
        side,
        price: major.price,
        notional: major.notional,
        distancePct: major.distancePct,
        compression: ratio,
        compressionPercentile: percentile,
        createdIndex: index,
        createdTime: candle.time,
        expiresTime: candle.time + s.lifetimeMs,
        reachedIndex: null,
        reachedTime: null,
      };
      this.zones.push(zone);
      opened.push(zone);
    }
    return opened;
  }
}

export interface MagnetOutcomes {
  /** Zones whose 72 h had passed by the last candle. */
  complete: number;
  /** Of those, zones whose cluster price was reached. */
  reached: number;
  /**
   * The baseline: of those, zones whose mirror level (the same distance from the close at
   * creation, on the other side) was reached in the same window. A magnet pulls only if
   * `reached` beats it.
   */
  mirrorReached: number;
}

/** How the zones turned out against their mirror levels, over the candles they were found in. */
export function magnetOutcomes(candles: CandleSeries, zones: readonly MagnetZone[]): MagnetOutcomes {
  const out: MagnetOutcomes = { complete: 0, reached: 0, mirrorReached: 0 };
  const last = candles.at(-1);
  for (const z of zones) {
    if (!last || last.time < z.expiresTime) continue;
    out.complete++;
    if (z.reachedIndex !== null) out.reached++;
    const mirror = candles.at(z.createdIndex)!.close * (1 - z.distancePct / 100);
    for (let j = z.createdIndex + 1; j < candles.length; j++) {
      const c = candles.at(j)!;
      if (c.time >= z.expiresTime) break;
      if (z.side === 'short' ? c.low <= mirror : c.high >= mirror) {
        out.mirrorReached++;
        break;
      }
    }
  }
  return out;
}
