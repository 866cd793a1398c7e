import { describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../../src/analysis/api';
import { admit, describeEvent, EMPTY_LOG, LOG_RETENTION_MS, record, type FeedRef, type NotificationSpec } from '../../src/background/notificationPolicy';
import { DEFAULT_NOTIFICATION_RULES } from '../../src/settings/notificationRules';
import type { SkillSummary } from '../../src/core/heatmap';

const NOW = Date.UTC(2026, 10, 25, 12, 0);
/** A heatmap that placed the liquidations better than distance alone (its interval above 0), and one that did not. */
const EDGE: SkillSummary = { model: 0.62, raw: 0.6, alpha: 0.5, calibration: null, baseline: 0.56, baselineKind: 'model-distance', edge: 0.06, edgeCi95: [0.02, 0.1], prints: 812, snapshots: 40, days: 3, priceBasis: 'fill' };
const NO_EDGE: SkillSummary = { ...EDGE, model: 0.57, edge: 0.01, edgeCi95: [-0.03, 0.05] };
const feed = { exchange: 'binance', symbol: 'BTCUSDT', candleMs: 5 * 60_000, skill: EDGE, skillLastDay: { ...EDGE, edgeCi95: null, days: 1 } } as const;
const swept: AnalysisEvent = { kind: 'clusterSwept', side: 'short', price: 97_812.5, notional: 4_200_000, share: 0.3, exchanges: ['binance', 'bybit'],
  forecast: { expected: 2_100_000, low80: 400_000, high80: 7_900_000, lr: 2.3 }, realized: 350_000, time: NOW - 5 * 60_000 };
const DOLLARS = 'the map expected about $2.1M of shorts liquidated (80%: $400k–$7.9M); $350k of shorts liquidated there so far in the sweeping candle';
const rules = { ...DEFAULT_NOTIFICATION_RULES };

function spec(event: AnalysisEvent = swept, r = rules, f: FeedRef = feed): NotificationSpec {
  const s = describeEvent(event, f, r, NOW);
  if ('skip' in s) throw new Error(s.skip);
  return s;
}

describe('which events notify', () => {
  it('names the market, the side, the price and the size of a swept confirmed cluster', () => {
    expect(spec()).toMatchObject({
      title: 'Binance BTCUSDT: short liquidation cluster swept',
      message: `Price reached the shorts' cluster at 97,812.5 ($4.2M, on 2 exchanges): ${DOLLARS}.`,
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
    expect(s.message).toBe(`Price reached the shorts' cluster at 97,812.5 (30% of the modelled shorts): ${DOLLARS}.`);
  });

  it('say the level\'s expected dollars as forecast before the sweep and what was realized, or what is missing', () => {
    expect(spec({ ...swept, forecast: null, realized: null }).message)
      .toBe("Price reached the shorts' cluster at 97,812.5 ($4.2M, on 2 exchanges): the map had no dollars for this level; no prints scored to compare.");
    expect(spec({ ...swept, realized: 0 }).message).toMatch(/; \$0 of shorts liquidated there so far in the sweeping candle\.$/);
  });

  it('say the map is no better than distance alone where the record shows no edge, even on a positive last day', () => {
    expect(spec(swept, { ...rules }, { ...feed, skill: NO_EDGE }).message).toBe(`Price reached the shorts' cluster at 97,812.5 ($4.2M, on 2 exchanges): ${DOLLARS}. Heatmap: no better than distance alone (+0.01, −0.03 to 0.05, 812 liquidations).`);
  });

  const magnet: AnalysisEvent = { kind: 'magnetReached', side: 'long', price: 90_000, openedTime: NOW - 3_600_000, time: NOW };

  it('say when the last day\'s edge over distance alone is not positive, in the words the badge uses', () => {
    const day = { ...NO_EDGE, edge: -0.02, edgeCi95: null, days: 1, prints: 140 };
    expect(spec(swept, rules, { ...feed, skillLastDay: day }).message)
      .toBe(`Price reached the shorts' cluster at 97,812.5 ($4.2M, on 2 exchanges): ${DOLLARS}. Heatmap over the last day: not shown better than distance alone yet (−0.02 over 1 day, too few days for an interval; 140 liquidations).`);
    expect(spec(swept, rules, { ...feed, skillLastDay: { ...day, edge: 0, edgeCi95: [-0.03, 0.04], days: 2 } }).message)
      .toMatch(/\. Heatmap over the last day: no better than distance alone \(\+0\.00, −0\.03 to 0\.04, 140 liquidations\)\.$/);
    expect(spec(magnet, rules, { ...feed, skillLastDay: null }).message).toMatch(/ UTC\. Heatmap over the last day: not enough liquidations scored yet\.$/);
    // A positive edge over the last day adds nothing.
    expect(spec(magnet).message).toMatch(/UTC\.$/);
  });

  it('stay quiet by the rule "only while clusters show an edge" where it has not, and notify where it has', () => {
    const onlyWithEdge = { ...rules, onlyWithEdge: true };
    // The rule reads the whole live record, as the badge does: an edge only where its interval is above 0.
    for (const skill of [NO_EDGE, null, { ...EDGE, edgeCi95: null }]) {
      for (const event of [swept, magnet]) {
        expect(describeEvent(event, { ...feed, skill }, onlyWithEdge, NOW)).toEqual({ skip: 'the heatmap shows no edge over distance alone' });
      }
    }
    expect(spec(swept, onlyWithEdge).message).toBe(`Price reached the shorts' cluster at 97,812.5 ($4.2M, on 2 exchanges): ${DOLLARS}.`);
    expect(spec(magnet, onlyWithEdge).title).toBe('Binance BTCUSDT: magnet zone reached');
    // Setups are not cluster notifications: the rule leaves them alone.
    const setup: AnalysisEvent = { kind: 'setupFormed', setup: { id: 'x', kind: 'magnet', dir: 1, entry: 1, stop: 0.9, target: 1.3, confirmTime: NOW, grade: 'B', confluence: [] } };
    expect(spec(setup, onlyWithEdge, { ...feed, skill: NO_EDGE }).title).toMatch(/Magnet trade long/);
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
