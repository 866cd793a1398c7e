/**
 * The Worker's live setups are the backtest's: fed the same candles in polls, it reports as
 * formed exactly the setups the batch runner finds after its first (history) sync, and judges
 * each one's trade exactly as the backtest's fill rules do.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisService } from '../../src/analysis/analysisService';
import type { AnalysisEvent } from '../../src/analysis/api';
import { resolve } from '../../src/core/backtest';
import { parseCandleCsv } from '../../src/core/candles';
import { runSetups, SETUP_KINDS } from '../../src/core/setups';
import { readData } from './dataFiles';
import { applyEvents, summarize } from '../../src/background/setupJournal';

const candles = parseCandleCsv(readData('bybit-linear/ETHUSDT_15m.csv.gz')).rows;
const M15 = 15 * 60_000;
const HISTORY = 2_000;
const POLL = 24;

describe('live setups in the Worker', () => {
  it('form where the batch runner finds them and close as the backtest fills them', () => {
    const service = new AnalysisService(() => 0);
    const key = 'bybit:ETHUSDT:15m';
    const events: AnalysisEvent[] = [];
    let summary = service.sync(key, null, candles.slice(0, HISTORY), { candleMs: M15 });
    if (!('events' in summary)) throw new Error('no summary');
    expect(summary.events.filter((e) => e.kind === 'setupFormed')).toEqual([]); // history is not news
    for (let from = HISTORY; from < candles.length; from += POLL) {
      summary = service.sync(key, candles[from - 1]!.time, candles.slice(from, from + POLL), { candleMs: M15 });
      if (!('events' in summary)) throw new Error('no summary');
      events.push(...summary.events);
    }
    const batch = runSetups(candles, M15, new Set(SETUP_KINDS), { exchange: 'bybit' }).setups.filter((s) => s.confirmIndex >= HISTORY);
    const formed = events.flatMap((e) => (e.kind === 'setupFormed' ? [e.setup] : []));
    expect(batch.length).toBeGreaterThan(3);
    expect(formed.map((s) => [s.id, s.entry, s.stop, s.target])).toEqual(batch.map((s) => [s.id, s.entry, s.stop, s.target]));

    const closed = events.flatMap((e) => (e.kind === 'setupClosed' ? [e] : []));
    expect(closed.length).toBeGreaterThan(0);
    for (const c of closed) {
      const outcome = resolve(candles, batch.find((s) => s.id === c.id)!);
      expect(outcome.status).toBe('closed');
      if (outcome.status === 'closed') expect(c.r).toBeCloseTo(outcome.trade.r, 12);
    }
    // The background's stored journal, fed these events, keeps the same record.
    const journal = summarize(applyEvents([], key, events), key);
    expect(journal.reduce((n, j) => n + j.found, 0)).toBe(batch.length);
    expect(journal.reduce((n, j) => n + j.closed, 0)).toBe(closed.length);
    expect(journal.reduce((n, j) => n + j.wins, 0)).toBe(closed.filter((c) => c.r > 0).length);
  });
});
