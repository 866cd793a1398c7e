/**
 * Which analysis events become desktop notifications, and their words. Pure, so the rules are
 * tested in Node: a kind the trader turned off, a symbol muted, a cluster under the minimum, an
 * event that is not news any more, one already sent, or a cluster still in its cooldown is
 * skipped with the reason.
 */
import type { AnalysisEvent } from '../analysis/api';
import type { ExchangeId } from '../core/types';
import { exchangeName, marketId } from '../exchanges';
import type { NotificationRules } from '../settings/notificationRules';
import type { SkillSummary } from '../core/heatmap';
import { formatPercent, formatPrice, formatUsd } from '../wording/format';
import { showsEdge, skillText, sweptDollarsText } from '../wording/heatmap';

export interface FeedRef {
  exchange: ExchangeId;
  symbol: string;
  candleMs: number;
  /** The chart's heatmap skill over distance alone as of these events (null: none scored yet): all of it, and the last day's. */
  skill?: SkillSummary | null;
  skillLastDay?: SkillSummary | null;
}

export interface NotificationSpec {
  /** Stable for the same event, so a restarted worker recognises what it already sent. */
  id: string;
  /** The same cluster (side and price) on the same market: its cooldown is shared. */
  cooldownKey: string;
  exchange: ExchangeId;
  symbol: string;
  title: string;
  message: string;
}

/** What was sent (by id) and when each cooldown key last fired, epoch ms. Kept in the store. */
export interface NotificationLog {
  sent: Record<string, number>;
  cooldown: Record<string, number>;
}

export const EMPTY_LOG: NotificationLog = { sent: {}, cooldown: {} };
/** An event older than this many candles is history (a resync), not news. */
const FRESH_CANDLES = 2;
/** Log entries older than this are dropped. */
export const LOG_RETENTION_MS = 7 * 86_400_000;

function size(notional: number | null, share: number, side: 'long' | 'short'): string {
  return notional === null ? `${formatPercent(share)} of the modelled ${side}s` : formatUsd(notional);
}

/** The notification an event would make, before the log and mutes are consulted; or why none. */
export function describeEvent(event: AnalysisEvent, feed: FeedRef, rules: NotificationRules, now: number): NotificationSpec | { skip: string } {
  if (event.kind === 'setupClosed') return { skip: 'a closed setup goes to the journal, not to a notification' };
  const time = event.kind === 'setupFormed' ? event.setup.confirmTime : event.time;
  if (time < now - FRESH_CANDLES * feed.candleMs) return { skip: 'not news: the candle is older than two candles' };
  const market = `${exchangeName(feed.exchange)} ${feed.symbol}`;
  // Clusters are keyed by side and price to 0.1 %: the same cluster seen from two timeframes notifies once.
  const level = (p: number) => Math.round(Math.log(p) / Math.log(1.001));
  // Clusters and magnet zones come from the heatmap: by the rule, they stay quiet while it shows no
  // edge over distance alone (the badge's "better than distance alone"); and they say when the last day's edge is not positive.
  const edge = showsEdge(feed.skill ?? null);
  const lastDay = feed.skillLastDay ?? null;
  // Where the whole record shows no edge but the last day is positive, the record says so.
  const caution = lastDay !== null && lastDay.edge > 0 ? (edge ? '' : ` Heatmap: ${skillText(feed.skill ?? null)}.`) : ` Heatmap over the last day: ${skillText(lastDay)}.`;
  if (event.kind === 'clusterSwept') {
    if (!rules.clusterSwept) return { skip: 'cluster sweeps are turned off' };
    const confirmed = event.exchanges.length > 1;
    if (rules.confirmedOnly && !confirmed) return { skip: 'not confirmed by another exchange' };
    if (rules.onlyWithEdge && !edge) return { skip: 'the heatmap shows no edge over distance alone' };
    if (event.notional !== null && event.notional < rules.minClusterNotional) return { skip: 'smaller than the minimum cluster size' };
    const key = `${marketId(feed)}:cluster:${event.side}:${level(event.price)}`;
    return {
      id: `${key}:${event.time}`,
      cooldownKey: key,
      exchange: feed.exchange,
      symbol: feed.symbol,
      title: `${market}: ${event.side === 'long' ? 'long' : 'short'} liquidation cluster swept`,
      message: `Price reached the ${event.side}s' cluster at ${formatPrice(event.price)} (${size(event.notional, event.share, event.side)}${confirmed ? `, on ${event.exchanges.length} exchanges` : ''}): ${sweptDollarsText(event.side, event.forecast, event.realized)}.${caution}`,
    };
  }
  if (event.kind === 'setupFormed') {
    if (!rules.setupFormed) return { skip: 'setups are turned off' };
    const st = event.setup;
    const name = st.kind === 'sweep-choch' ? 'Liquidation Sweep + CHoCH' : 'Magnet trade';
    const key = `${marketId(feed)}:setup:${st.kind}:${st.dir}`;
    return {
      id: `${key}:${st.confirmTime}`,
      cooldownKey: `${key}:${st.confirmTime}`,
      exchange: feed.exchange,
      symbol: feed.symbol,
      title: `${market}: ${name} ${st.dir === 1 ? 'long' : 'short'} (grade ${st.grade})`,
      message: `Entry ${formatPrice(st.entry)}, stop ${formatPrice(st.stop)}, target ${formatPrice(st.target)}.${st.confluence.length > 0 ? ` ${st.confluence.slice(0, 3).join('; ')}.` : ''}`,
    };
  }
  if (!rules.magnetReached) return { skip: 'magnet zones are turned off' };
  if (rules.onlyWithEdge && !edge) return { skip: 'the heatmap shows no edge over distance alone' };
  const key = `${marketId(feed)}:magnet:${event.side}:${level(event.price)}`;
  return {
    id: `${key}:${event.openedTime}`,
    cooldownKey: key,
    exchange: feed.exchange,
    symbol: feed.symbol,
    title: `${market}: magnet zone reached`,
    message: `Price reached the ${event.side}s' cluster at ${formatPrice(event.price)}, the magnet since ${new Date(event.openedTime).toISOString().slice(11, 16)} UTC.${caution}`,
  };
}

/** Whether to send now, given what was sent, the cooldown and the mutes; or why not. */
export function admit(spec: NotificationSpec, log: NotificationLog, mutes: Record<string, number>, rules: NotificationRules, now: number): true | { skip: string } {
  if (log.sent[spec.id] !== undefined) return { skip: 'already sent' };
  if ((mutes[marketId(spec)] ?? 0) > now) return { skip: 'symbol muted' };
  const last = log.cooldown[spec.cooldownKey];
  if (last !== undefined && now - last < rules.cooldownMinutes * 60_000) return { skip: 'cooldown' };
  return true;
}

/** The log with `spec` recorded at `now`, and entries past retention dropped. */
export function record(log: NotificationLog, spec: NotificationSpec, now: number): NotificationLog {
  const keep = (entries: Record<string, number>) => Object.fromEntries(Object.entries(entries).filter(([, t]) => now - t < LOG_RETENTION_MS));
  return { sent: { ...keep(log.sent), [spec.id]: now }, cooldown: { ...keep(log.cooldown), [spec.cooldownKey]: now } };
}
