/**
 * Across exchanges: profiles aggregated in proportion to each exchange's open interest, and
 * clusters confirmed by every other exchange that shows one of the same side nearby.
 */
import type { ExchangeId } from '../types';
import type { Cluster, ProfileBucket } from './engine';

export interface ExchangeProfile {
  exchange: ExchangeId;
  profile: readonly ProfileBucket[];
  /** The exchange's open interest in USDT: its weight in the aggregate. */
  openInterestValue: number;
}

/**
 * Each exchange's profile is normalised to its own total, then weighted by its open interest, so
 * an estimator's scale (notional or relative) does not decide the mix. Prices are bucket middles
 * of the same grid, so equal prices are the same bucket.
 */
export function aggregateProfiles(inputs: readonly ExchangeProfile[]): ProfileBucket[] {
  const byPrice = new Map<number, ProfileBucket>();
  for (const { profile, openInterestValue } of inputs) {
    const total = profile.reduce((sum, b) => sum + b.long + b.short, 0);
    if (!(total > 0) || !(openInterestValue > 0)) continue;
    const k = openInterestValue / total;
    for (const b of profile) {
      const row = byPrice.get(b.price) ?? { price: b.price, long: 0, short: 0 };
      row.long += b.long * k;
      row.short += b.short * k;
      byPrice.set(b.price, row);
    }
  }
  return [...byPrice.values()].sort((a, b) => a.price - b.price);
}

export interface ConfirmedCluster extends Cluster {
  exchange: ExchangeId;
  /** Each other exchange with a cluster of the same side within the tolerance, and its price: N of them confirm it. */
  confirmedBy: { exchange: ExchangeId; price: number }[];
}

/** Two exchanges' clusters this close (percent of price) are the same cluster. */
export const CONFIRM_TOLERANCE_PCT = 0.3;

/** Whether `theirs` is a cluster of `c`'s side within `tolerancePct` of its price. */
export function sameCluster(c: Pick<Cluster, 'side' | 'price'>, theirs: Pick<Cluster, 'side' | 'price'>, tolerancePct = CONFIRM_TOLERANCE_PCT): boolean {
  return theirs.side === c.side && (Math.abs(theirs.price - c.price) / c.price) * 100 <= tolerancePct;
}

/** Every exchange's clusters, each with the other exchanges that show one of the same side within `tolerancePct`. */
export function confirmClusters(byExchange: Partial<Record<ExchangeId, readonly Cluster[]>>, tolerancePct = CONFIRM_TOLERANCE_PCT): ConfirmedCluster[] {
  const entries = Object.entries(byExchange) as [ExchangeId, readonly Cluster[]][];
  return entries.flatMap(([exchange, clusters]) => clusters.map((c) => {
    const confirmedBy: ConfirmedCluster['confirmedBy'] = [];
    for (const [other, theirs] of entries) {
      if (other === exchange) continue;
      const match = theirs.find((t) => sameCluster(c, t, tolerancePct));
      if (match) confirmedBy.push({ exchange: other, price: match.price });
    }
    return { ...c, exchange, confirmedBy };
  }));
}

/**
 * Density peaks of a profile (e.g. an aggregate): per side, a price holding the most within
 * ±`radiusPct` and at least `minShare` of its side, summed over that window; largest first.
 * No ages: the aggregated sources' differ.
 */
export function profileClusters(profile: readonly ProfileBucket[], price: number, { radiusPct = 0.3, minShare = 0.02, limit = 10 } = {}): Omit<Cluster, 'ageMs'>[] {
  const out: Omit<Cluster, 'ageMs'>[] = [];
  for (const side of ['long', 'short'] as const) {
    const rows = profile.filter((b) => b[side] > 0).sort((a, b) => a.price - b.price);
    const total = rows.reduce((sum, b) => sum + b[side], 0);
    if (!(total > 0)) continue;
    const found: Omit<Cluster, 'ageMs'>[] = [];
    rows.forEach((peak, i) => {
      const near = (b: ProfileBucket) => (Math.abs(b.price - peak.price) / peak.price) * 100 <= radiusPct;
      let sum = 0;
      let isPeak = true;
      for (let j = i - 1; j >= 0 && near(rows[j]!); j--) {
        if (rows[j]![side] > peak[side]) isPeak = false;
        sum += rows[j]![side];
      }
      for (let j = i + 1; j < rows.length && near(rows[j]!); j++) {
        if (rows[j]![side] >= peak[side]) isPeak = false;
        sum += rows[j]![side];
      }
      sum += peak[side];
      if (isPeak && sum / total >= minShare) found.push({
        side, price: peak.price, notional: sum, distancePct: ((peak.price - price) / price) * 100, share: sum / total,
        low: peak.price * (1 - radiusPct / 100), high: peak.price * (1 + radiusPct / 100),
      });
    });
    out.push(...found.sort((a, b) => b.notional - a.notional).slice(0, limit));
  }
  return out;
}
