/**
 * Agreement with the peer: the test vectors of the Python package smartmoneyconcepts 0.0.27
 * (EURUSD 15m, swing length 5), on the objects whose definitions match. A sanity check, not a
 * target: where the rules differ, LiqLens's causal rules win. See docs/smc-peer-comparison.md.
 */
import { describe, expect, it } from 'vitest';
import { runSmc } from '../../src/core/smc';
import { readCsvRows, realCandles } from './smcFixtures';

const candles = realCandles('data/smc-peer-eurusd/EURUSD_15M.csv.gz');
const ours = runSmc(candles, { swingLength: 5 });

describe('peer comparison (smartmoneyconcepts 0.0.27, EURUSD 15m)', () => {
  it('finds every peer fair value gap, with the same bounds and mitigation candle', () => {
    const peer = readCsvRows('data/smc-peer-eurusd/fvg_result_data.csv.gz')
      .map((r, index) => ({ index, dir: Number(r[0]), top: Number(r[1]), bottom: Number(r[2]), mitigated: Number(r[3]) }))
      .filter((p) => p.dir === 1 || p.dir === -1);
    const byAnchor = new Map(ours.fvgs.map((g) => [g.anchorIndex, g]));
    let same = 0;
    for (const p of peer) {
      const g = byAnchor.get(p.index);
      const mitigated = g?.changes.find((c) => c.type === 'mitigated')?.index ?? 0; // the peer writes 0 for "not yet"
      if (g && g.dir === p.dir && g.top === p.top && g.bottom === p.bottom && mitigated === p.mitigated) same++;
    }
    // The only extra gaps: the peer also requires the middle candle's body to point the gap's way.
    const extra = ours.fvgs.filter((g) => !peer.some((p) => p.index === g.anchorIndex));
    const againstBody = extra.filter((g) => Math.sign(candles[g.anchorIndex]!.close - candles[g.anchorIndex]!.open) !== g.dir);
    console.log(`FVG: peer ${peer.length}, ours ${ours.fvgs.length}, identical ${same}, ours only ${extra.length} (all against the middle body: ${againstBody.length === extra.length})`);
    expect(peer.length).toBe(5_020);
    expect(same).toBe(peer.length);
    expect(againstBody).toEqual(extra);
  });

  it('places swings where the peer does, once its rule for consecutive same-type swings is applied', () => {
    const peer = new Map<number, number>();
    readCsvRows('data/smc-peer-eurusd/swing_highs_lows_result_data.csv.gz').forEach((r, i) => r[0] && peer.set(i, Number(r[0])));
    // The peer keeps one swing per run of same-type swings: the higher high or the lower low.
    const kept: { index: number; dir: number; price: number }[] = [];
    for (const s of ours.swings.filter((w) => w.scope === 'swing')) {
      const x = { index: s.anchorIndex, dir: s.kind === 'high' ? 1 : -1, price: s.price };
      const last = kept.at(-1);
      if (last?.dir !== x.dir) kept.push(x);
      else if (x.dir === 1 ? x.price > last.price : x.price < last.price) kept[kept.length - 1] = x;
    }
    const same = kept.filter((x) => peer.get(x.index) === x.dir).length;
    console.log(`swings: peer ${peer.size}, ours ${kept.length}, same position and type ${same} (${((100 * same) / kept.length).toFixed(1)}% of ours)`);
    expect(same / kept.length).toBeGreaterThan(0.99);
    // The peer finds more: its window is 10 bars (i-4..i+5), one fewer than the rule's 2n+1.
    expect(peer.size).toBeGreaterThan(kept.length);
  });
});
