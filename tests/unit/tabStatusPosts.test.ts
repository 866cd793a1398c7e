/**
 * The background's status messages to a tab (issue 23): coalesced to one a second, the heavy
 * parts (analysis, prints) sent only when they changed, and the tab completing a status that
 * keeps them from the last one it accepted for the same feed, each part checked when it came.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST_EVERY_MS, StatusPoster } from '../../src/background/tabSessions';
import { withKept } from '../../src/content/tabClient';
import { checkTabUpdate, type AnalysisSummary } from '../../src/messaging/validate';
import type { FeedStatus, PrintSummary, TabUpdate } from '../../src/messaging/protocol';
import { NO_LAYERS } from '../../src/messaging/validateLayers';
import { SMC_KINDS } from '../../src/core/smc/kinds';

// Hand-built (synthetic) status parts: only their identity and content matter here.
const status: FeedStatus = {
  state: 'replay', exchange: 'binance', symbol: 'BTCUSDT', timeframe: '15m',
  candleCount: 500, lastCandleTime: 1_700_000_000_000, lastClose: 37_000, updatedAt: 10_000,
};
const analysis = {
  bars: 499, lastTime: 1_699_999_100_000, computeMicros: 812,
  // Every kind counted (read from their declarations), some found.
  counts: { ...(Object.fromEntries(SMC_KINDS.map((k) => [k.list, 0])) as AnalysisSummary['counts']), swings: 3, breaks: 1, orderBlocks: 1, fvgs: 2 },
  trend: { swing: 1, internal: -1 }, htf: null,
  heatmap: { estimator: 'volume', clusters: 0, long: null, short: null, score: { prints: 0, hitRate: null, chance: null, late: 0 }, skill: null, skillLastDay: null, forecast: null, aggregate: null, magnets: { opened: 0, reached: 0, active: null } },
  layers: NO_LAYERS,
  events: [],
} satisfies AnalysisSummary;
const prints: PrintSummary = {
  stream: 'live', lastHour: 1, lastHourNotional: 41_200, lastPrint: { time: 1_000, side: 'long', price: 37_000, notional: 41_200 },
  gapsLastHour: 0, throttled: true, recent: [{ time: 1_000, side: 'long', price: 37_000, notional: 41_200 }],
};

describe('StatusPoster', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('sends the first status at once, then at most one a second with the newest', () => {
    const sent: TabUpdate[] = [];
    const poster = new StatusPoster((u) => sent.push(u), () => Date.now());
    poster.post({ ...status, updatedAt: 1 }, null);
    expect(sent.map((u) => u.status.updatedAt)).toEqual([1]);
    poster.post({ ...status, updatedAt: 2 }, null);
    poster.post({ ...status, updatedAt: 3 }, null);
    vi.advanceTimersByTime(POST_EVERY_MS - 1);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent.map((u) => u.status.updatedAt)).toEqual([1, 3]);
    poster.post({ ...status, updatedAt: 4 }, null);
    poster.stop();
    vi.advanceTimersByTime(10 * POST_EVERY_MS);
    expect(sent).toHaveLength(2);
  });

  it('sends the analysis and the prints only when they changed, else tells the tab to keep them', () => {
    const sent: TabUpdate[] = [];
    const poster = new StatusPoster((u) => sent.push(u), () => Date.now(), 0);
    poster.post({ ...status, analysis }, prints);
    // The same, as new objects, differing only in what the tab does not show (compute time, events).
    poster.post({ ...status, analysis: { ...analysis, computeMicros: 90, events: [{ kind: 'magnetReached', side: 'long', price: 1, openedTime: 0, time: 0 }] } }, { ...prints });
    // A new print.
    const more = { ...prints, lastHour: 2, recent: [...prints.recent, { time: 2_000, side: 'short' as const, price: 37_100, notional: 9_000 }] };
    poster.post({ ...status, analysis }, more);
    // A new closed candle.
    poster.post({ ...status, analysis: { ...analysis, bars: 500 } }, more);
    expect(sent.map((u) => [u.status.analysis?.bars ?? null, u.status.prints?.lastHour ?? null, u.keep ?? []])).toEqual([
      [499, 1, []],
      [null, null, ['analysis', 'prints']],
      [null, 2, ['analysis']],
      [500, null, ['prints']],
    ]);
    for (const u of sent) expect(checkTabUpdate(JSON.parse(JSON.stringify(u))).ok).toBe(true);
  });
});

describe('withKept', () => {
  const last: FeedStatus = { ...status, analysis, prints };

  it('takes the kept parts from the last status of the same feed', () => {
    const next = withKept({ type: 'status', status: { ...status, updatedAt: 20_000 }, keep: ['analysis', 'prints'] }, last);
    expect(next).toEqual({ ...status, updatedAt: 20_000, analysis, prints });
    expect(withKept({ type: 'status', status, keep: ['prints'] }, last)).toEqual({ ...status, prints });
  });

  it('keeps nothing from another feed, nor where there was no status, and a whole status is taken as it is', () => {
    const other = { ...status, timeframe: '5m' as const };
    expect(withKept({ type: 'status', status: other, keep: ['analysis'] }, last)).toEqual(other);
    expect(withKept({ type: 'status', status: { ...status, symbol: 'ETHUSDT' }, keep: ['analysis'] }, last)).toEqual({ ...status, symbol: 'ETHUSDT' });
    expect(withKept({ type: 'status', status, keep: ['analysis'] }, null)).toEqual(status);
    expect(withKept({ type: 'status', status }, last)).toEqual(status);
  });

  it('is refused with an unknown or repeated part beyond the list\'s bound', () => {
    expect(checkTabUpdate({ type: 'status', status, keep: ['layers'] }).ok).toBe(false);
    expect(checkTabUpdate({ type: 'status', status, keep: ['analysis', 'prints', 'analysis'] }).ok).toBe(false);
  });
});
