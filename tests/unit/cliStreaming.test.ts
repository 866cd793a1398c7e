/**
 * Reading and writing long files without holding them: candles handed on as parsed, held as
 * columns where a command needs them again, spacing counted as they come, and JSON written in
 * pieces that add up to exactly what JSON.stringify gives.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CandleColumns, candleCsvParser, collectInOrder, candleSpacing, parseCandleCsv, parseLines, SpacingTally } from '../../src/core/candles';
import type { Candle } from '../../src/core/types';
import { writeJson } from '../../src/cli/output';
import { readData } from './dataFiles';

const FILE = 'bybit-linear/ETHUSDT_15m.csv.gz';

describe('CandleColumns', () => {
  it('gives back every candle as pushed, taker-buy volume only where it had one', () => {
    const columns = new CandleColumns();
    const candles: Candle[] = parseCandleCsv(readData(FILE)).rows;
    candles.forEach((c, i) => columns.push(i % 3 === 0 ? { ...c, takerBuyVolume: c.volume / 2 } : c));
    expect(columns.length).toBe(candles.length);
    expect(candles.length).toBeGreaterThan(2_048); // it has grown past its first capacity
    expect(columns.at(5)).toEqual(candles[5]);
    expect(columns.at(6)).toEqual({ ...candles[6], takerBuyVolume: candles[6]!.volume / 2 });
    expect(Object.keys(columns.at(5)!)).not.toContain('takerBuyVolume');
    expect(columns.at(-1)).toEqual(candles.at(-1));
    expect(columns.at(candles.length)).toBeUndefined();
    expect(columns.at(-candles.length - 1)).toBeUndefined();
    expect([...columns].map((c) => c.close)).toEqual(candles.map((c) => c.close));
  });
});

describe('SpacingTally', () => {
  it('finds the usual step and the first step that differs, with the time before it', () => {
    const minute = 60_000;
    const times = [0, 1, 2, 4, 5, 6, 8, 9].map((m) => 1_700_000_000_000 + m * minute);
    const tally = new SpacingTally();
    times.forEach((t) => tally.add(t));
    expect(tally.result()).toEqual({ stepMs: minute, uneven: 2, first: { index: 2, time: times[2], ms: 2 * minute } });
    expect(candleSpacing(times.map((time) => ({ time, open: 1, high: 1, low: 1, close: 1, volume: 1 })))).toEqual(tally.result());
    const one = new SpacingTally();
    one.add(times[0]!);
    expect(one.result()).toEqual({ stepMs: 0, uneven: 0 });
    expect(new SpacingTally().result()).toEqual({ stepMs: 0, uneven: 0 });
  });
});

describe('candleCsvParser handing candles on', () => {
  const handedOn = (text: string) => {
    const kept: Candle[] = [];
    const result = parseLines(candleCsvParser((c) => kept.push(c)), text);
    return { kept, result };
  };

  it('hands on, in order, exactly the rows it would have kept, and holds none', () => {
    const text = readData(FILE).replace(/\n([^\n]*)\n/, '\n$1\nnot,a,row\n'); // one bad row among the real ones
    const held = parseCandleCsv(text);
    const { kept, result } = handedOn(text);
    expect(held.issues).toHaveLength(1);
    expect(kept).toEqual(held.rows);
    expect(result).toEqual({ rows: [], issues: held.issues });
  });

  it('hands on only oldest-first rows: newest-first ones are reversed at the end, so they are held', () => {
    expect(() => collectInOrder({ order: 'newest-first', keep: () => undefined })).toThrow(/oldest first/);
  });

  it('holds a MetaTrader export until the end, then hands on its tick volumes where Volume is zero throughout', () => {
    const fx = 'Date,Open,High,Low,Close,Tickvol,Volume\n2022.10.10 00:00:00,1,1,1,1,60,0\n2022.10.10 00:15:00,1,1,1,1,x,0\n2022.10.10 00:30:00,1,1,1,1,57,0';
    const kept: Candle[] = [];
    const parser = candleCsvParser((c) => kept.push(c));
    fx.split('\n').forEach((line, i) => parser.push(line, i + 1));
    expect(kept).toEqual([]); // nothing before the end: the volume column may yet turn out real
    const result = parser.result();
    expect(kept.map((c) => c.volume)).toEqual([60, 57]);
    expect(result.rows).toEqual([]);
    expect(result.issues).toEqual(parseCandleCsv(fx).issues);
    expect(result.issues[0]!.message).toMatch(/^tick volume/);
  });
});

describe('writeJson', () => {
  /** A sink that says "wait" after every write, as a slow pipe does. */
  function slowSink(): { sink: Writable; text: () => string } {
    const parts: string[] = [];
    const sink = new Writable({
      highWaterMark: 1,
      write(chunk, _encoding, done) {
        parts.push(String(chunk));
        setTimeout(done, 0);
      },
    });
    return { sink, text: () => parts.join('') };
  }

  it('writes what JSON.stringify writes, lists element by element, through backpressure', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ index: i, price: i / 7, kind: i % 2 ? 'high' : 'low' }));
    const value = {
      bars: 3, nothing: undefined, none: null, text: 'a "quoted" \u2028 line', nested: { a: [1, { b: undefined }], c: undefined },
      empty: [], holes: [undefined, () => 1, 2], many, zones: undefined, trend: { swing: 1, internal: -1 },
    };
    const { sink, text } = slowSink();
    await writeJson({ ...value, many: (function* () { yield* many; })() }, sink);
    expect(text()).toBe(`${JSON.stringify(value)}\n`);
    expect(text().length).toBeGreaterThan(64 * 1024 * 2); // long enough to have been written in several pieces
  });
});
