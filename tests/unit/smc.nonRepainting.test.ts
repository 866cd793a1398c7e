/**
 * Never repainting, on the full real recordings: candles fed one at a time, every object must
 * stay exactly as first emitted (only appending state changes), must depend on nothing after its
 * confirming candle, and the incremental state must equal a batch run over the same prefix.
 */
import { describe, expect, it } from 'vitest';
import { runSmc, SmcEngine, type SmcObject, type SmcSnapshot } from '../../src/core/smc';
import { SMC_KINDS } from '../../src/core/smc/kinds';
import { realCandles } from './smcFixtures';

const FILES = ['BTCUSDT_5m', 'ETHUSDT_5m', 'BTCUSDT_15m', 'ETHUSDT_15m'].map((name) => `data/bybit-linear/${name}.csv.gz`);
const CHECKPOINTS = 25;

function objects(s: SmcSnapshot): SmcObject[] {
  return SMC_KINDS.flatMap((k): SmcObject[] => s[k.list]);
}

const fields = ({ changes: _changes, ...rest }: SmcObject) => JSON.stringify(rest);

describe.each(FILES)('%s', (file) => {
  it('never rewrites an emitted object, and agrees with batch runs at every checkpoint', () => {
    const candles = realCandles(file);
    const engine = new SmcEngine();
    const firstSeen = new Map<number, { fields: string; changes: string[] }>();
    let rewrites = 0;
    let created = 0;
    let changed = 0;
    const step = Math.floor(candles.length / CHECKPOINTS);

    candles.forEach((candle, j) => {
      for (const event of engine.append(candle)) {
        if (event.kind === 'created') {
          if (firstSeen.has(event.object.id)) rewrites++; // the same object emitted twice
          firstSeen.set(event.object.id, { fields: fields(event.object), changes: [] });
          created++;
        } else {
          const seen = firstSeen.get(event.id);
          if (!seen) rewrites++; // a change to something never emitted
          else seen.changes.push(JSON.stringify(event.change));
          changed++;
          if (event.change.index !== j) rewrites++; // a change dated to another candle
        }
      }
      if ((j + 1) % step !== 0 && j !== candles.length - 1) return;
      // Checkpoint: everything ever emitted is still there, unchanged, with exactly its changes so far.
      const now = engine.snapshot();
      const all = objects(now);
      expect(all.length).toBe(firstSeen.size);
      for (const o of all) {
        const seen = firstSeen.get(o.id)!;
        if (fields(o) !== seen.fields || JSON.stringify(o.changes.map((c) => JSON.stringify(c))) !== JSON.stringify(seen.changes)) rewrites++;
        if (o.confirmIndex > j || o.anchorIndex > o.confirmIndex) rewrites++;
      }
      expect(runSmc(candles.slice(0, j + 1))).toEqual(now);
    });

    console.log(`${file}: ${candles.length} candles, ${created} objects, ${changed} state changes, ${rewrites} rewrites`);
    expect(created).toBeGreaterThan(1_000);
    expect(rewrites).toBe(0);
    // Ids number the objects in emission order, so a restarted batch over the same candles names them alike.
    expect([...firstSeen.keys()]).toEqual(Array.from({ length: created }, (_, i) => i));
  });

  it('uses nothing after the confirming candle: a prefix run holds exactly the full run\'s objects confirmed by then', () => {
    const candles = realCandles(file);
    const full = objects(runSmc(candles));
    for (const cut of [1_000, Math.floor(candles.length / 2), candles.length - 7]) {
      const prefix = objects(runSmc(candles.slice(0, cut)));
      const expected = full
        .filter((o) => o.confirmIndex < cut)
        .map((o) => ({ ...o, changes: o.changes.filter((c) => c.index < cut) }));
      expect(prefix.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
      const byId = new Map(expected.map((o) => [o.id, o]));
      for (const o of prefix) expect(o).toEqual(byId.get(o.id));
    }
  });
});

describe('preview', () => {
  it('leaves the engine exactly as it was, at every step of a real series', () => {
    const candles = realCandles(FILES[2]!).slice(0, 3_000);
    const engine = new SmcEngine();
    let provisional = 0;
    candles.forEach((candle, j) => {
      if (j % 10 === 0 && j > 0) {
        const before = engine.snapshot();
        const events = engine.preview(candle);
        provisional += events.length;
        for (const e of events) expect(e.kind === 'created' ? e.object.provisional : e.change.provisional).toBe(true);
        expect(engine.snapshot()).toEqual(before);
      }
      engine.append(candle);
    });
    expect(provisional).toBeGreaterThan(0);
  });
});
