import { describe, expect, it } from 'vitest';
import type { AnalysisEvent, SetupSummary } from '../../src/analysis/api';
import { applyEvents, MAX_ENTRIES, summarize } from '../../src/background/setupJournal';

const setup = (id: string, kind: SetupSummary['kind'] = 'sweep-choch'): SetupSummary => ({ id, kind, dir: -1, entry: 101, stop: 103, target: 97, confirmTime: 1, grade: 'B', confluence: [] });
const formed = (id: string, kind?: SetupSummary['kind']): AnalysisEvent => ({ kind: 'setupFormed', setup: setup(id, kind) });
const closed = (id: string, r: number): AnalysisEvent => ({ kind: 'setupClosed', id, setupKind: 'sweep-choch', r, exitReason: r > 0 ? 'target' : 'stop', time: 2 });
const FEED = 'binance:BTCUSDT:5m';

describe('the stored setup journal', () => {
  it('adds each setup once, closes it once, and sums up per kind for its feed only', () => {
    let j = applyEvents([], FEED, [formed('a'), formed('b'), formed('m', 'magnet')]);
    j = applyEvents(j, FEED, [formed('a'), closed('a', 1.9), closed('b', -1.05)]);
    j = applyEvents(j, FEED, [closed('a', -1)]); // a repeat cannot rewrite the result
    j = applyEvents(j, 'bybit:BTCUSDT:5m', [formed('a')]);
    expect(summarize(j, FEED)).toEqual([
      { kind: 'sweep-choch', found: 2, closed: 2, wins: 1, avgR: (1.9 - 1.05) / 2 },
      { kind: 'magnet', found: 1, closed: 0, wins: 0, avgR: null },
    ]);
    expect(summarize(j, 'bybit:BTCUSDT:5m')[0]).toMatchObject({ found: 1, closed: 0 });
  });

  it('keeps the newest entries within its ceiling', () => {
    const many = Array.from({ length: MAX_ENTRIES + 5 }, (_, i) => formed(`s${i}`));
    const j = applyEvents([], FEED, many);
    expect(j).toHaveLength(MAX_ENTRIES);
    expect(j.at(-1)!.setup.id).toBe(`s${MAX_ENTRIES + 4}`);
  });
});
