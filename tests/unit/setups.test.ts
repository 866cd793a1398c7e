/**
 * The setups and the backtest: a hand-built sequence on which Liquidation Sweep + CHoCH must fire
 * exactly once at the known candle, and variants on which it must not; a backtest with a known
 * answer; and, on the real data, that no setup changes after it is emitted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate, tradeStats, wilson } from '../../src/core/backtest';
import { parseCandleCsv } from '../../src/core/candles';
import { SmcEngine } from '../../src/core/smc';
import { Atr } from '../../src/core/smc/atr';
import { runSetups, SetupRunner, SweepChochDetector, type Setup, type SetupCluster } from '../../src/core/setups';
import type { Candle } from '../../src/core/types';
import { readData } from './dataFiles';

const M = 5 * 60_000;
type Row = [open: number, high: number, low: number, close: number];

/** Flat at 100 with one small high (an internal pivot), a push up to 104.5 through a short cluster at 104, then a drop through the push's internal low at 100.7. */
const FLAT: Row[] = Array.from({ length: 12 }, (_, i): Row => (i === 6 ? [100, 100.5, 99.8, 100.1] : [100, 100.3, 99.7, 100]));
const PUSH: Row[] = [[100, 101, 99.9, 100.9], [100.9, 102, 100.8, 101.9], [101.9, 102.2, 101.0, 101.2], [101.2, 101.5, 100.7, 101.4], [101.4, 102.8, 101.3, 102.7], [102.7, 103.5, 102.5, 103.4]];
const SWEEP: Row = [103.4, 104.5, 103.3, 104.1];
const DROP: Row[] = [[104.1, 104.2, 102.0, 102.2], [102.2, 102.3, 100.2, 100.4]];
const HOLD: Row[] = [[104.1, 104.2, 102.9, 103.0], [103.0, 103.2, 101.2, 101.4], [101.4, 101.9, 101.0, 101.6]];
const SHORTS: SetupCluster = { side: 'short', price: 104, low: 103.8, high: 104.2, share: 0.1, notional: null, exchanges: ['bybit'] };

/** The detector on real SMC engine output (short pivots, so a few candles make structure). */
function detect(rows: Row[], cluster = SHORTS): Setup[] {
  const smc = new SmcEngine({ swingLength: 5, internalLength: 2 });
  const detector = new SweepChochDetector({ pushCandles: 10, windowCandles: 3 });
  const atr = new Atr(14);
  let lastAtr = Number.NaN;
  let prev: number | undefined;
  return rows.flatMap(([open, high, low, close], index) => {
    const candle = { time: index * M, open, high, low, close, volume: 1 };
    const out = detector.step({ index, candle, clustersBefore: [cluster], smc: smc.append(candle), atr: lastAtr });
    lastAtr = atr.update(high, low, prev);
    prev = close;
    return out;
  });
}

describe('Liquidation Sweep + CHoCH on a hand-built sequence', () => {
  it('fires exactly once, on the CHoCH candle, short from the order block with the stop beyond the swept high', () => {
    const setups = detect([...FLAT, ...PUSH, SWEEP, ...DROP]);
    expect(setups).toHaveLength(1);
    const s = setups[0]!;
    expect(s).toMatchObject({ kind: 'sweep-choch', dir: -1, confirmIndex: 20, sweepIndex: 18, sweptExtreme: 104.5, choch: { index: 20, level: 100.7, scope: 'internal' } });
    if (s.kind !== 'sweep-choch') throw new Error('wrong kind');
    expect(s.entry).toBe(s.orderBlock.bottom);
    expect(s.stop).toBeGreaterThan(104.5);
    expect(s.target).toBeCloseTo(s.entry - 2 * (s.stop - s.entry), 9);
    expect(s.pushPct).toBeCloseTo(4.5, 9);
  });

  it('does not fire without a CHoCH in the window', () => {
    expect(detect([...FLAT, ...PUSH, SWEEP, ...HOLD])).toEqual([]);
  });

  it('does not fire when the CHoCH comes too late', () => {
    expect(detect([...FLAT, ...PUSH, SWEEP, ...HOLD, [101.6, 101.7, 100.0, 100.2]])).toEqual([]);
    // The same break inside the window does fire: it is the timing that was refused.
    expect(detect([...FLAT, ...PUSH, SWEEP, ...HOLD.slice(0, 2), [101.4, 101.5, 100.0, 100.2]])).toHaveLength(1);
  });

  it('does not fire when the cluster was not swept, or is outside the 3-5 % band', () => {
    expect(detect([...FLAT, ...PUSH, SWEEP, ...DROP], { ...SHORTS, price: 105, low: 104.8, high: 105.2 })).toEqual([]);
    expect(detect([...FLAT, ...PUSH, SWEEP, ...DROP], { ...SHORTS, price: 102, low: 101.8, high: 102.2 })).toEqual([]);
  });
});

describe('backtest fills', () => {
  const bars = (rows: Row[]): Candle[] => rows.map(([open, high, low, close], i) => ({ time: i * M, open, high, low, close, volume: 1 }));
  const long = (confirmIndex: number): Setup => ({
    kind: 'magnet', id: `s${confirmIndex}`, dir: 1, entry: 100, stop: 99, target: 102, confirmIndex, confirmTime: confirmIndex * M, grade: 'C', confluence: [],
    cluster: { side: 'short', price: 102.5 }, zoneOpenedTime: 0, zoneExpiresTime: 1e12, confirmation: { kind: 'fvg', index: confirmIndex, time: 0 },
  });

  it('fills at the entry, exits at the target, and charges fees and slippage in R', () => {
    const candles = bars([[101, 101.5, 100.5, 101], [100.8, 101, 99.8, 100.2], [100.2, 101, 100.1, 100.9], [100.9, 102.2, 100.8, 102]]);
    expect(simulate(candles, [long(0)], { feeBps: 0, slippageBps: 0 })).toMatchObject([{ entryIndex: 1, exitIndex: 3, exit: 102, exitReason: 'target', r: 2 }]);
    const [t] = simulate(candles, [long(0)], { feeBps: 5, slippageBps: 2 });
    const paidIn = 100 * 1.0002;
    const paidOut = 102 * 0.9998;
    expect(t!.r).toBeCloseTo((paidOut - paidIn - ((paidIn + paidOut) * 5) / 10_000) / 1, 12);
  });

  it('counts a candle that touches both stop and target as a loss, and a stop on the fill candle as a loss', () => {
    const both = bars([[101, 101.5, 100.5, 101], [100.5, 100.8, 99.9, 100.3], [100.3, 102.5, 98.9, 101]]);
    expect(simulate(both, [long(0)], { feeBps: 0, slippageBps: 0 })).toMatchObject([{ exitIndex: 2, exitReason: 'stop', r: -1 }]);
    const fillAndStop = bars([[101, 101.5, 100.5, 101], [100.5, 102.5, 98.5, 101]]);
    expect(simulate(fillAndStop, [long(0)], { feeBps: 0, slippageBps: 0 })).toMatchObject([{ entryIndex: 1, exitIndex: 1, exitReason: 'stop', r: -1 }]);
  });

  it('takes one position at a time and leaves an unfilled order after its timeout', () => {
    const candles = bars([[101, 101.5, 100.5, 101], [100.8, 101, 99.8, 100.2], [100.2, 102.2, 100.1, 102], [102, 103, 101.5, 102.5], [102.5, 103, 102, 102.8]]);
    // The second setup comes while the first is open: skipped. The third never fills within 1 candle.
    const trades = simulate(candles, [long(0), long(1), long(3)], { feeBps: 0, slippageBps: 0, entryTimeoutCandles: 1 });
    expect(trades.map((t) => t.setupId)).toEqual(['s0']);
  });

  it('sums up as expected, with the Wilson interval', () => {
    const r = [2, -1, -1, 2, -1, -1, -1, 2, 2, 2];
    const stats = tradeStats(r.map((x, i) => ({ r: x, entryTime: i } as never)));
    expect(stats).toMatchObject({ trades: 10, wins: 5, winRate: 0.5, avgR: 0.5, profitFactor: 2, maxDrawdownR: 3, longestLosingRun: 3, totalR: 5 });
    const [lo, hi] = wilson(7, 10);
    expect(lo).toBeCloseTo(0.3968, 4);
    expect(hi).toBeCloseTo(0.8922, 4);
  });
});

describe('on the real data', () => {
  const candles = parseCandleCsv(readData('bybit-linear/ETHUSDT_15m.csv.gz')).rows;

  it('never changes a setup after it is emitted, and the batch equals the incremental run', () => {
    const kinds = new Set(['sweep-choch', 'magnet'] as const);
    const runner = new SetupRunner(15 * 60_000, { exchange: 'bybit', kinds });
    const seen: { setup: Setup; json: string }[] = [];
    for (const c of candles) for (const s of runner.append(c).setups) seen.push({ setup: s, json: JSON.stringify(s) });
    expect(seen.length).toBeGreaterThan(5);
    for (const { setup, json } of seen) expect(JSON.stringify(setup)).toBe(json);
    expect(runSetups(candles, 15 * 60_000, kinds, { exchange: 'bybit' }).setups.map((s) => JSON.stringify(s))).toEqual(seen.map((s) => s.json));
    // Nothing is confirmed before its own candle closed.
    expect(seen.every(({ setup }) => setup.confirmTime === candles[setup.confirmIndex]!.time)).toBe(true);
  });
});

describe('liqlens backtest', () => {
  it('prints the contract JSON with rows of the file, and refuses a bad setup name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqlens-bt-'));
    const file = join(dir, 'eth.csv');
    writeFileSync(file, readData('bybit-linear/ETHUSDT_15m.csv.gz'));
    const out = JSON.parse(execFileSync('node', ['bin/liqlens.mjs', 'backtest', '--candles', file, '--setup', 'magnet', '--exchange', 'bybit', '--json'], { encoding: 'utf8' }));
    expect(out.trades.length).toBeGreaterThan(3);
    for (const t of out.trades) {
      expect(Object.keys(t)).toEqual(expect.arrayContaining(['entryIndex', 'dir', 'entry', 'stop', 'exitIndex', 'exit', 'r']));
      expect(t.exitIndex).toBeGreaterThanOrEqual(t.entryIndex);
    }
    expect(out.winRate).toBe(out.trades.filter((t: { r: number }) => t.r > 0).length / out.trades.length);
    expect(out.estimator).toBe('volume');
    expect(() => execFileSync('node', ['bin/liqlens.mjs', 'backtest', '--candles', file, '--setup', 'moon'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/--setup must be sweep-choch or magnet/);
    // The report: one self-contained page, the trades drawn, and the file name escaped.
    const odd = join(dir, 'eth<b>.csv');
    writeFileSync(odd, readData('bybit-linear/ETHUSDT_15m.csv.gz'));
    const report = join(dir, 'report.html');
    execFileSync('node', ['bin/liqlens.mjs', 'backtest', '--candles', odd, '--setup', 'magnet', '--exchange', 'bybit', '--report', report], { encoding: 'utf8' });
    const html = readFileSync(report, 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html.match(/<circle /g)!.length).toBe(out.trades.length);
    expect(html).toContain('eth&#60;b&#62;.csv');
    expect(html).not.toMatch(/<script|<b>|src=|href=/);
  });
});
