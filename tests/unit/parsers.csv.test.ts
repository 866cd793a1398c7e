import { describe, expect, it } from 'vitest';
import {
  checkCandle, collectInOrder, findColumn, parseNumberCell, parseNumberValue, parseTimeCell, splitCsvLines,
} from '../../src/core/candles';
import type { Candle } from '../../src/core/types';

const at = (iso: string) => Date.parse(iso);

describe('splitCsvLines', () => {
  it('numbers lines from 1, skips blank ones, trims cells and handles \\r\\n, \\r and a BOM', () => {
    const text = '\uFEFFa, b ,c\r\n\r\n 1,2 ,3\n   \n4,,6\r7,8,9\n';
    expect(splitCsvLines(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 3, cells: ['1', '2', '3'] },
      { line: 5, cells: ['4', '', '6'] },
      { line: 6, cells: ['7', '8', '9'] },
    ]);
  });

  it('keeps trailing empty cells, so a short row is told apart from a row of empties', () => {
    expect(splitCsvLines('1,2,,,')[0]!.cells).toEqual(['1', '2', '', '', '']);
  });

  it('gives nothing for empty or blank text', () => {
    expect(splitCsvLines('')).toEqual([]);
    expect(splitCsvLines('\n \r\n')).toEqual([]);
  });
});

describe('parseTimeCell', () => {
  it.each([
    ['1755616499999.0', 1755616499999],
    ['1755616499999', 1755616499999],
    ['1755616500', 1755616500000],
    ['1700000000.5', 1700000000500],
    ['1755616499999000', 1755616499999],
    ['2025-04-03 17:05:00+00:00', at('2025-04-03T17:05:00Z')],
    ['2025-08-19 15:10:00', at('2025-08-19T15:10:00Z')],
    ['2025-04-03T17:05:00Z', at('2025-04-03T17:05:00Z')],
    ['2025-04-03T17:05:00.250Z', at('2025-04-03T17:05:00.250Z')],
    ['2025-04-03T19:05:00+02:00', at('2025-04-03T17:05:00Z')],
    ['2025-04-03T12:05:00-0500', at('2025-04-03T17:05:00Z')],
    ['2025-04-03 17:05', at('2025-04-03T17:05:00Z')],
    ['2025-04-03', at('2025-04-03T00:00:00Z')],
    ['2022.10.10 00:15:00', at('2022-10-10T00:15:00Z')],
    ['  2024-02-29 23:59:59  ', at('2024-02-29T23:59:59Z')],
  ])('%s → %s', (text, expected) => {
    expect(parseTimeCell(text)).toBe(expected);
  });

  it.each([
    '', 'Open time', 'abc', '60', '17000000000', '-1700000000000', '2025-02-30 00:00:00', '2023-02-29',
    '2025-13-01 00:00:00', '2025-04-03 24:00:00', '2025-04-03 17:60:00', '2025-04-03T17:05:00+00:00x', '2025-04.03 17:05:00',
  ])('%j is not a time', (text) => {
    expect(parseTimeCell(text)).toBeNull();
  });
});

describe('parseNumberCell / parseNumberValue', () => {
  it('reads decimals and refuses what Number() would quietly accept', () => {
    expect(parseNumberCell('37561.95')).toBe(37561.95);
    expect(parseNumberCell(' -0.5 ')).toBe(-0.5);
    expect(parseNumberCell('1e3')).toBe(1000);
    expect(parseNumberCell('.5')).toBe(0.5);
    for (const bad of ['', ' ', 'abc', '0x10', 'Infinity', 'NaN', '1,5', '1.2.3']) expect(parseNumberCell(bad)).toBeNull();
  });

  it('takes finite JSON numbers and numeric strings only', () => {
    expect(parseNumberValue(3)).toBe(3);
    expect(parseNumberValue('3.5')).toBe(3.5);
    for (const bad of [NaN, Infinity, null, undefined, true, {}, [1]]) expect(parseNumberValue(bad)).toBeNull();
  });
});

describe('findColumn', () => {
  it('matches case-insensitively, spaces and underscores alike, in order of preference', () => {
    const header = ['Open time', 'Open', 'Volume', 'volume_btc'];
    expect(findColumn(header, ['open_time'])).toBe(0);
    expect(findColumn(header, ['OPEN'])).toBe(1);
    expect(findColumn(header, ['volume_btc', 'volume'])).toBe(3);
    expect(findColumn(header, ['close'])).toBe(-1);
  });
});

describe('checkCandle', () => {
  const good: Candle = { time: 0, open: 10, high: 12, low: 9, close: 11, volume: 5 };

  it('accepts a sound candle, including a flat one with zero volume', () => {
    expect(checkCandle(good)).toBeNull();
    expect(checkCandle({ time: 0, open: 1, high: 1, low: 1, close: 1, volume: 0, takerBuyVolume: 0 })).toBeNull();
  });

  it.each([
    [{ high: NaN }, /high is not a finite number/],
    [{ volume: Infinity }, /volume is not a finite number/],
    [{ takerBuyVolume: NaN }, /takerBuyVolume is not a finite number/],
    [{ volume: -1 }, /volume -1 is negative/],
    [{ takerBuyVolume: -1 }, /taker buy volume -1 is negative/],
    [{ high: 8 }, /high 8 is below low 9/],
    [{ open: 13 }, /open 13 is outside/],
    [{ open: 8.5 }, /open 8.5 is outside/],
    [{ close: 12.5 }, /close 12.5 is outside/],
  ] as [Partial<Candle>, RegExp][])('%j is refused', (change, message) => {
    expect(checkCandle({ ...good, ...change })).toMatch(message);
  });
});

describe('collectInOrder', () => {
  const row = (time: number, id = '') => ({ time, id });

  it('keeps rows moving forward and reports duplicates and steps back, naming the previous time and line', () => {
    const c = collectInOrder<{ time: number }>();
    c.add(2, row(60_000));
    c.add(3, row(120_000));
    c.add(4, row(120_000));
    c.add(5, row(0));
    c.reject(6, 'unreadable');
    c.add(7, row(180_000));
    const { rows, issues } = c.result();
    expect(rows.map((r) => r.time)).toEqual([60_000, 120_000, 180_000]);
    expect(issues.map((i) => i.line)).toEqual([4, 5, 6]);
    expect(issues[0]!.message).toBe('duplicate time 1970-01-01T00:02:00.000Z (already on line 3)');
    expect(issues[1]!.message).toContain("before the previous row's 1970-01-01T00:02:00.000Z (line 3)");
  });

  it('newest-first input comes out oldest first, and a row breaking that order is reported', () => {
    const c = collectInOrder<{ time: number }>({ order: 'newest-first' });
    [3, 2, 5, 1].forEach((t, i) => c.add(i + 1, row(t)));
    const { rows, issues } = c.result();
    expect(rows.map((r) => r.time)).toEqual([1, 2, 3]);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.line).toBe(3);
    expect(issues[0]!.message).toContain('newest first');
  });

  it('with equal times allowed, only rows of the same identity are duplicates', () => {
    const c = collectInOrder<{ time: number; id: string }>({ allowEqualTimes: true, identity: (r) => r.id });
    c.add(1, row(5, 'a'));
    c.add(2, row(5, 'b'));
    c.add(3, row(5, 'a'));
    c.add(4, row(6, 'a'));
    c.add(5, row(4, 'z'));
    const { rows, issues } = c.result();
    expect(rows.map((r) => `${r.time}${r.id}`)).toEqual(['5a', '5b', '6a']);
    expect(issues.map((i) => [i.line, i.message.split(' (')[0]])).toEqual([
      [3, 'duplicate of line 1'],
      [5, 'time 1970-01-01T00:00:00.004Z is before the previous row\'s 1970-01-01T00:00:00.006Z'],
    ]);
  });
});
