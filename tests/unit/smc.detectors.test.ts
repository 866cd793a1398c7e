/** Each detector on small hand-made sequences, where the right answer can be checked by eye. */
import { describe, expect, it } from 'vitest';
import { runSmc, SmcEngine } from '../../src/core/smc';
import { bars } from './smcFixtures';

const settings = { swingLength: 2, internalLength: 1, equalLength: 1, atrLength: 3 };

describe('pivots', () => {
  it('confirms a pivot only n bars later, and of equal highs takes the earliest', () => {
    const candles = bars([[10, 9], [11, 10], [13, 12], [12, 11], [13, 11.5], [11, 10], [10, 9]]);
    const engine = new SmcEngine({ ...settings, internalLength: 2 });
    const confirmedAt: Record<number, string[]> = {};
    candles.forEach((c, j) => {
      confirmedAt[j] = engine.append(c).flatMap((e) => (e.kind === 'created' && e.object.type === 'swing' && e.object.scope === 'swing' ? [`${e.object.kind}@${e.object.anchorIndex}`] : []));
    });
    // Bar 2 (13) ties bar 4 (13): bar 2 is the pivot, known at bar 4; bar 4 is not one.
    expect(confirmedAt[4]).toEqual(['high@2']);
    expect(Object.values(confirmedAt).flat()).toEqual(['high@2']);
  });

  it('needs the full left window: no pivot in the first n bars', () => {
    const snapshot = runSmc(bars([[20, 19], [12, 11], [11, 10], [12, 11], [13, 12]]), settings);
    expect(snapshot.swings.filter((s) => s.scope === 'swing' && s.anchorIndex < 2)).toEqual([]);
  });
});

describe('structure and order blocks', () => {
  // A high at bar 2, a pull-back to bar 4 (the lowest candle), then a close above the high at bar 6.
  const candles = bars([[10, 9], [11, 10], [14, 13], [12, 11], [11, 9.5], [12, 10.5], [15, 13, 14.8], [16, 14], [13, 8, 8.5]]);

  it('breaks the last unbroken pivot on a close beyond it: BOS with no prior trend, then CHoCH against it', () => {
    const s = runSmc(candles, settings);
    const swingBreaks = s.breaks.filter((b) => b.scope === 'swing');
    expect(swingBreaks[0]).toMatchObject({ kind: 'BOS', dir: 1, level: 14, pivotIndex: 2, confirmIndex: 6 });
    expect(s.swings.find((w) => w.scope === 'swing' && w.kind === 'high' && w.anchorIndex === 2)!.changes).toEqual([{ type: 'broken', index: 6, time: candles[6]!.time }]);
    expect(s.trend.swing).not.toBe(0);
  });

  it('takes the extreme opposite candle between the pivot and the break as the order block, mitigated by a close through it', () => {
    const s = runSmc(candles, settings);
    const ob = s.orderBlocks.find((o) => o.scope === 'swing' && o.dir === 1)!;
    expect(ob).toMatchObject({ anchorIndex: 4, top: 11, bottom: 9.5, confirmIndex: 6 });
    // Bar 8 closes at 8.5, below the block: mitigated, and it turns into a breaker at once.
    expect(ob.changes.map((c) => [c.type, c.index])).toEqual([['mitigated', 8], ['breaker', 8]]);
  });

  it('skips high-volatility candles as order-block candidates', () => {
    const wild = bars([[10, 9], [11, 10], [14, 13], [12, 11], [12, 2], [12, 10.5], [15, 13, 14.8]]);
    const ob = runSmc(wild, { ...settings, atrLength: 50 }).orderBlocks.find((o) => o.scope === 'swing');
    expect(ob?.anchorIndex).not.toBe(4);
  });
});

describe('fair value gaps', () => {
  it('finds a bullish gap at the middle candle, confirmed by the third, then mitigated and filled', () => {
    const candles = bars([[10, 9], [13, 10.5], [15, 12], [14, 11.5], [13, 9.5]]);
    const [gap] = runSmc(candles, settings).fvgs;
    expect(gap).toMatchObject({ dir: 1, anchorIndex: 1, confirmIndex: 2, top: 12, bottom: 10 });
    expect(gap!.changes.map((c) => [c.type, c.index])).toEqual([['mitigated', 3], ['filled', 4]]);
  });

  it('joins consecutive gaps when asked, as an extension of the first', () => {
    const candles = bars([[10, 9], [12, 10.5], [14, 11], [16, 13], [17, 15]]);
    expect(runSmc(candles, settings).fvgs.map((g) => g.anchorIndex)).toEqual([1, 2, 3]);
    const joined = runSmc(candles, { ...settings, fvgJoinConsecutive: true }).fvgs;
    expect(joined).toHaveLength(1);
    expect(joined[0]!.changes.filter((c) => c.type === 'extended').map((c) => [c.index, c.bottom, c.top])).toEqual([[3, 10, 13], [4, 10, 15]]);
  });

  it('with the auto threshold, drops gaps smaller than the mean body', () => {
    const candles = bars([[10, 9, 9.1], [10.2, 9.5, 10.1], [10.4, 10.01, 10.3]]);
    expect(runSmc(candles, settings).fvgs).toHaveLength(1);
    expect(runSmc(candles, { ...settings, fvgThreshold: 'auto' }).fvgs).toHaveLength(0);
  });
});

describe('equal highs and sweeps', () => {
  it('marks equal highs within the ATR tolerance, and a wick above them that closes back below as a sweep', () => {
    const candles = bars([[10, 9], [12, 10], [10, 9], [12.01, 10], [10, 9], [12.5, 10.5, 11], [11, 10]]);
    const s = runSmc(candles, { ...settings, equalTolerance: 0.5 });
    expect(s.equalLevels[0]).toMatchObject({ kind: 'EQH', indices: [1, 3], confirmIndex: 4 });
    const sweep = s.sweeps.find((w) => w.source === 'EQH')!;
    expect(sweep).toMatchObject({ dir: -1, level: 12.01, anchorIndex: 5 });
    expect(sweep.displacement).toBeGreaterThan(0);
    expect(s.equalLevels[0]!.changes.map((c) => c.type)).toEqual(['swept']);
  });

  it('sweeps an external level handed in, and a close beyond it is no sweep', () => {
    const engine = new SmcEngine(settings);
    bars([[10, 9], [10.5, 9.5]]).forEach((c) => engine.append(c));
    engine.addExternalLevel({ id: 'cluster-a', price: 11 });
    engine.addExternalLevel({ id: 'cluster-b', price: 12 });
    engine.append({ time: 3 * 60_000, open: 10, high: 11.5, low: 9.8, close: 10.2, volume: 1 });
    engine.append({ time: 4 * 60_000, open: 10, high: 12.5, low: 9.8, close: 12.3, volume: 1 });
    expect(engine.snapshot().sweeps.map((s) => [s.externalId, s.sourceId, s.anchorIndex])).toEqual([['cluster-a', null, 2]]);
  });
});

describe('engine contract', () => {
  it('refuses a candle that is not after the previous one, or has broken prices', () => {
    const engine = new SmcEngine();
    engine.append({ time: 2, open: 1, high: 2, low: 1, close: 1.5, volume: 1 });
    expect(() => engine.append({ time: 2, open: 1, high: 2, low: 1, close: 1.5, volume: 1 })).toThrow(/not after/);
    expect(() => engine.append({ time: 3, open: 1, high: 1, low: 2, close: 1.5, volume: 1 })).toThrow(/invalid prices/);
    expect(engine.bars).toBe(1);
  });

  it('stops a batch at its first bad candle with the same error, the candles before it marked as if appended one by one', () => {
    // Hand-made (labelled synthetic): a rise and fall long enough for pivots, breaks and gaps, then a candle out of order.
    const candles = bars([[10, 9], [11, 10], [13, 12], [12, 11], [14, 13], [11, 10], [10, 9], [12, 11], [15, 14], [13, 12]]);
    const bad = { ...candles[4]!, time: candles[8]!.time };
    const batch = new SmcEngine(settings);
    expect(() => batch.appendAll([...candles.slice(0, 9), bad, candles[9]!])).toThrow(/not after/);
    const oneByOne = new SmcEngine(settings);
    candles.slice(0, 9).forEach((c) => oneByOne.append(c));
    expect(() => oneByOne.append(bad)).toThrow(/not after/);
    expect(batch.bars).toBe(9);
    expect(JSON.stringify(batch.snapshot())).toBe(JSON.stringify(oneByOne.snapshot()));
    expect(batch.counts().swings).toBeGreaterThan(0);
    // And both go on alike.
    batch.append(candles[9]!);
    oneByOne.append(candles[9]!);
    expect(JSON.stringify(batch.snapshot())).toBe(JSON.stringify(oneByOne.snapshot()));
  });

  it('previews the open candle as provisional, and leaves the engine as it was', () => {
    const candles = bars([[10, 9], [13, 10.5], [15, 12], [14, 11.5]]);
    const engine = new SmcEngine(settings);
    candles.slice(0, 2).forEach((c) => engine.append(c));
    const before = JSON.stringify(engine.snapshot());
    const events = engine.preview(candles[2]!);
    expect(events.find((e) => e.kind === 'created' && e.object.type === 'fvg')).toMatchObject({ object: { provisional: true, anchorIndex: 1 } });
    expect(JSON.stringify(engine.snapshot())).toBe(before);
    engine.append(candles[2]!);
    expect(engine.snapshot().fvgs[0]).not.toHaveProperty('provisional');
  });
});
