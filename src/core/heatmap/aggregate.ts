/**
 * Across exchanges: profiles aggregated in proportion to each exchange's open interest, and
 * clusters confirmed where the other exchange shows one of the same side nearby.
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
  /** The other exchange's cluster of the same side within the tolerance, if any. */
  confirmedBy: { exchange: ExchangeId; price: number } | null;
}

/** A cluster counts as confirmed only where the other exchange has one of the same side within `tolerancePct`. */
export function confirmClusters(byExchange: Partial<Record<ExchangeId, readonly Cluster[]>>, tolerancePct = 0.3): ConfirmedCluster[] {
  const entries = Object.entries(byExchange) as [ExchangeId, readonly Cluster[]][];
  return entries.flatMap(([exchange, clusters]) => clusters.map((c) => {
    let confirmedBy: ConfirmedCluster['confirmedBy'] = null;
    for (const [other, theirs] of entries) {
      if (other === exchange) continue;
      const match = theirs.find((t) => t.side === c.side && (Math.abs(t.price - c.price) / c.price) * 100 <= tolerancePct);
      if (match) confirmedBy = { exchange: other, price: match.price };
    }
    return { ...c, exchange, confirmedBy };
  }));
}
