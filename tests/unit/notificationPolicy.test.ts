import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../../src/analysis/api';
import { admit, describeEvent, EMPTY_LOG, LOG_RETENTION_MS, record, type NotificationSpec } from '../../src/background/notificationPolicy';
import { DEFAULT_NOTIFICATION_RULES } from '../../src/settings/notificationRules';

const NOW = Date.UTC(2026, 10, 25, 12, 0);
const feed = { exchange: 'binance', symbol: 'BTCUSDT', candleMs: 5 * 60_000 } as const;
const swept: AnalysisEvent = { kind: 'clusterSwept', side: 'short', price: 97_812.5, notional: 4_200_000, share: 0.3, exchanges: ['binance', 'bybit'], time: NOW - 5 * 60_000 };
const rules = { ...DEFAULT_NOTIFICATION_RULES };

function spec(event: AnalysisEvent = swept, r = rules): NotificationSpec {
  const s = describeEvent(event, feed, r, NOW);
  if ('skip' in s) throw new Error(s.skip);
  return s;
}

describe('which events notify', () => {
  it('names the market, the side, the price and the size of a swept confirmed cluster', () => {
    expect(spec()).toMatchObject({
      title: 'Binance BTCUSDT: short liquidation cluster swept',
      message: "Price reached the shorts' cluster at 97,812.5 ($4.2M, on 2 exchanges).",
      exchange: 'binance',
      symbol: 'BTCUSDT',
    });
  });

  it.each([
    ['the kind is off', swept, { ...rules, clusterSwept: false }, 'cluster sweeps are turned off'],
    ['one exchange only, confirmed-only on', { ...swept, exchanges: ['binance'] }, rules, 'not confirmed by another exchange'],
    ['under the minimum size', swept, { ...rules, minClusterNotional: 5e6 }, 'smaller than the minimum cluster size'],
    ['history from a resync', { ...swept, time: NOW - 3 * 5 * 60_000 }, rules, 'not news: the candle is older than two candles'],
    ['magnets off', { kind: 'magnetReached', side: 'long', price: 90_000, openedTime: NOW - 3_600_000, time: NOW }, { ...rules, magnetReached: false }, 'magnet zones are turned off'],
  ] as const)('skips when %s', (_, event, r, reason) => {
    expect(describeEvent(event as AnalysisEvent, feed, r, NOW)).toEqual({ skip: reason });
  });

  it('lets unconfirmed clusters through when confirmed-only is off, sized as a share where the model has no notional', () => {
    const s = spec({ ...swept, exchanges: ['binance'], notional: null }, { ...rules, confirmedOnly: false, minClusterNotional: 1e9 });
    expect(s.message).toBe("Price reached the shorts' cluster at 97,812.5 (30% of the modelled shorts).");
  });
});

describe('once only', () => {
  it('never sends the same event twice, keeps a cluster quiet for the cooldown, and honours a mute', () => {
    const first = spec();
    expect(admit(first, EMPTY_LOG, {}, rules, NOW)).toBe(true);
    const log = record(EMPTY_LOG, first, NOW);
    expect(admit(first, log, {}, rules, NOW + 1)).toEqual({ skip: 'already sent' });
    // The same cluster a candle later (a new event id, the same cooldown key).
    const again = spec({ ...swept, time: swept.time + 5 * 60_000, price: 97_850 });
    expect(again.id).not.toBe(first.id);
    expect(again.cooldownKey).toBe(first.cooldownKey);
    expect(admit(again, log, {}, rules, NOW + 10 * 60_000)).toEqual({ skip: 'cooldown' });
    expect(admit(again, log, {}, rules, NOW + 61 * 60_000)).toBe(true);
    expect(admit(again, EMPTY_LOG, { 'binance:BTCUSDT': NOW + 60_000 }, rules, NOW)).toEqual({ skip: 'symbol muted' });
    expect(admit(again, EMPTY_LOG, { 'binance:BTCUSDT': NOW - 1 }, rules, NOW)).toBe(true);
  });

  it('forgets entries past retention, so the log stays small', () => {
    const old = record(EMPTY_LOG, spec(), NOW - LOG_RETENTION_MS - 1);
    const next = record(old, spec({ ...swept, price: 80_000 }), NOW);
    expect(Object.keys(next.sent)).toHaveLength(1);
  });
});
