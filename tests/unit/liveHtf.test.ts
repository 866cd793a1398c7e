/**
 * The higher timeframe live: the Worker's runner takes the 4h candles sent with each sync and gives
 * the setups the same 4h trend the backtest's `--htf` gives them.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisService } from '../../src/analysis/analysisService';
import { HistoryService } from '../../src/background/historyService';
import type { AnalysisEvent, AnalysisSummary } from '../../src/analysis/api';
import { aggregateCandles, parseCandleCsv } from '../../src/core/candles';
import { runSetups, SETUP_KINDS } from '../../src/core/setups';
import { SmcEngine } from '../../src/core/smc';
import { TIMEFRAME_MS } from '../../src/core/timeframes';
import type { Candle } from '../../src/core/types';
import type { MarketHistory } from '../../src/market/history';
import type { MarketStore } from '../../src/store/marketStore';
import { readData } from './dataFiles';

const M5 = TIMEFRAME_MS['5m'];
const H4 = TIMEFRAME_MS['4h'];
const candles = parseCandleCsv(readData('bybit-linear/BTCUSDT_5m.csv.gz')).rows;
const htf = aggregateCandles(candles, M5, H4, { dropIncomplete: true });
const HISTORY = 2_000;
const POLL = 96;

/** The 4h candles closed by `time` (what the background's 4h feed holds as closed then). */
const closedBy = (time: number) => htf.filter((c) => c.time + H4 <= time);

/** The 4h swing trend of a batch SMC run over the 4h candles closed by `time`. */
function batchTrend(time: number): { trend: 1 | -1 | 0; bars: number } {
  const engine = new SmcEngine();
  const closed = closedBy(time);
  for (const c of closed) engine.append(c);
  return { trend: engine.trend().swing, bars: closed.length };
}

describe('the higher timeframe in the Worker', () => {
  it('gives the live setups the 4h trend the backtest takes with --htf, and reports it', () => {
    const service = new AnalysisService(() => 0);
    const key = 'bybit:BTCUSDT:5m';
    const sync = (after: number | null, slice: Candle[]) => {
      const summary = service.sync(key, after, slice, { candleMs: M5, htf: { timeframe: '4h', candles: closedBy(slice.at(-1)!.time + M5) } });
      if (!('events' in summary)) throw new Error('no summary');
      return summary;
    };
    let summary: AnalysisSummary = sync(null, candles.slice(0, HISTORY));
    expect(summary.htf).toEqual({ timeframe: '4h', ...batchTrend(candles[HISTORY - 1]!.time + M5) });
    const events: AnalysisEvent[] = [];
    const trends = new Set<number>();
    for (let from = HISTORY; from < candles.length; from += POLL) {
      summary = sync(candles[from - 1]!.time, candles.slice(from, from + POLL));
      events.push(...summary.events);
      const last = candles[Math.min(from + POLL, candles.length) - 1]!;
      expect(summary.htf).toEqual({ timeframe: '4h', ...batchTrend(last.time + M5) });
      trends.add(summary.htf!.trend);
    }
    // The 4h trend was set (and changed) over these 90 days: the check above followed it.
    expect(trends.size).toBeGreaterThan(1);

    const formed = events.flatMap((e) => (e.kind === 'setupFormed' ? [e.setup] : []));
    const batch = runSetups(candles, M5, new Set(SETUP_KINDS), { exchange: 'bybit', htf }).setups.filter((s) => s.confirmIndex >= HISTORY);
    expect(formed.length).toBeGreaterThan(3);
    expect(formed.map((s) => [s.id, s.entry, s.confluence])).toEqual(batch.map((s) => [s.id, s.entry, s.confluence.slice(0, 8)]));
    // The trend confluence is counted live, and only because the 4h candles were given.
    const agrees = (confluence: readonly string[]) => confluence.includes('higher timeframe trend agrees');
    expect(formed.some((s) => agrees(s.confluence))).toBe(true);
    const without = runSetups(candles, M5, new Set(SETUP_KINDS), { exchange: 'bybit' }).setups;
    expect(without.some((s) => agrees(s.confluence))).toBe(false);
  });

  it('has no higher timeframe where the background sent none', () => {
    const summary = new AnalysisService(() => 0).sync('bybit:BTCUSDT:4h', null, htf.slice(0, 50), { candleMs: H4 });
    expect('htf' in summary && summary.htf).toBeNull();
  });
});

describe('the higher timeframe in the background', () => {
  /** A history whose 4h read fails while `failing` is set; counts reads. */
  function service() {
    const state = { failing: true, reads: 0 };
    const history = {
      as() {
        return history; // one client, whatever the queue's work
      },
      async latestCandles(_symbol: string, timeframe: string, limit: number) {
        state.reads++;
        if (state.failing) throw new Error('429 Too many requests');
        expect(timeframe).toBe('4h');
        return htf.slice(-limit);
      },
    } as unknown as MarketHistory;
    const store = { openInterest: async () => [], prints: async () => [] } as unknown as MarketStore;
    return { state, history: new HistoryService(async () => store, () => history, async () => 7) };
  }
  const key = { exchange: 'bybit' as const, symbol: 'BTCUSDT', timeframe: '5m' as const };
  const last = htf.at(-10)!.time + H4; // with recorded candles after it
  const upTo = (time: number) => candles.filter((c) => c.time + M5 <= time).slice(-10);

  it('after a failed 4h read, waits 15 minutes of market time before asking again, and keeps the series a 4h timeframe meanwhile', async () => {
    const { state, history } = service();
    const first = await history.analysisInputs(key, upTo(last), 0);
    expect(state.reads).toBe(1);
    expect(first.htf).toEqual({ timeframe: '4h', candles: [] });
    // Polls within the retry time: no request.
    for (const minutes of [5, 10]) await history.analysisInputs(key, upTo(last + minutes * 60_000), 0);
    expect(state.reads).toBe(1);
    state.failing = false;
    const later = await history.analysisInputs(key, upTo(last + 20 * 60_000), 0);
    expect(state.reads).toBe(2);
    expect(later.htf?.candles.length).toBeGreaterThan(100);
    // Read: the next request only when the next 4h bar has closed.
    await history.analysisInputs(key, upTo(last + 2 * 3_600_000), 0);
    expect(state.reads).toBe(2);
  });

  it('a failure after a good read keeps the 4h candles already read', async () => {
    const { state, history } = service();
    state.failing = false;
    const good = await history.analysisInputs(key, upTo(last), 0);
    state.failing = true;
    const after = await history.analysisInputs(key, upTo(last + H4 + 5 * 60_000), 0);
    expect(state.reads).toBe(2);
    expect(after.htf?.candles).toEqual(good.htf?.candles);
  });
});
