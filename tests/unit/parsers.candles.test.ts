import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCandleCsv } from '../../src/core/candles';
import { parseBinanceKlineCsv, parseBinanceKlines } from '../../src/exchanges/binance/klines';
import { parseBybitKlines } from '../../src/exchanges/bybit/klines';
import type { Candle, ParseResult } from '../../src/core/types';

const data = (file: string) => gunzipSync(readFileSync(resolve(import.meta.dirname, '../../data', file))).toString('utf8');
const iso = (ms: number) => new Date(ms).toISOString();
const FIVE_MIN = 300_000;

/** Every step between consecutive rows, counted: a gap-free file has one entry. */
function steps(rows: readonly { time: number }[]): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 1; i < rows.length; i++) {
    const d = rows[i]!.time - rows[i - 1]!.time;
    m.set(d, (m.get(d) ?? 0) + 1);
  }
  return m;
}

describe('real data', () => {
  it.each(['BTCUSDT', 'ETHUSDT'])('Bybit linear %s 5m: 25,920 bars, no issues, no gaps', (symbol) => {
    const { rows, issues } = parseCandleCsv(data(`bybit-linear/${symbol}_5m.csv.gz`));
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(25_920);
    expect(iso(rows[0]!.time)).toBe('2025-04-03T17:05:00.000Z');
    expect(iso(rows.at(-1)!.time)).toBe('2025-07-02T17:00:00.000Z');
    expect(steps(rows)).toEqual(new Map([[FIVE_MIN, 25_919]]));
    expect(rows.every((c) => c.takerBuyVolume === undefined)).toBe(true);
  });

  it('Bybit BTCUSDT 5m: the first row is read exactly', () => {
    expect(parseCandleCsv(data('bybit-linear/BTCUSDT_5m.csv.gz')).rows[0]).toEqual({
      time: Date.parse('2025-04-03T17:05:00Z'), open: 81794.8, high: 81998.1, low: 81785.2, close: 81804.9, volume: 317.956,
    });
  });

  it.each([
    ['15m', 8640, '2025-04-03T17:15:00.000Z', '2025-07-02T17:00:00.000Z'],
    ['60m', 720, '2025-05-30T17:00:00.000Z', '2025-06-29T16:00:00.000Z'],
    ['240m', 180, '2025-05-30T20:00:00.000Z', '2025-06-29T16:00:00.000Z'],
  ])('Bybit linear BTCUSDT %s: %i bars, no issues', (tf, count, first, last) => {
    const { rows, issues } = parseCandleCsv(data(`bybit-linear/BTCUSDT_${tf}.csv.gz`));
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(count);
    expect(iso(rows[0]!.time)).toBe(first);
    expect(iso(rows.at(-1)!.time)).toBe(last);
  });

  describe.each([
    ['parseBinanceKlineCsv', parseBinanceKlineCsv],
    ['parseCandleCsv', parseCandleCsv],
  ] as const)('Binance spot 5m CSV through %s', (_name, parse) => {
    it.each(['BTCUSDT', 'ETHUSDT'])('%s: 9,118 bars, the last 9 without taker-buy volume, one 18 h 40 m gap', (symbol) => {
      const { rows, issues } = parse(data(`binance-spot/${symbol}_5m.csv.gz`));
      expect(issues).toEqual([]);
      expect(rows).toHaveLength(9_118);
      expect(iso(rows[0]!.time)).toBe('2025-08-19T15:10:00.000Z');
      expect(iso(rows.at(-1)!.time)).toBe('2025-09-21T01:30:00.000Z');
      const withoutTaker = rows.flatMap((c, i) => (c.takerBuyVolume === undefined ? [i] : []));
      expect(withoutTaker).toEqual([9109, 9110, 9111, 9112, 9113, 9114, 9115, 9116, 9117]);
      // From the open of 05:25 to the next open, 2025-09-21 00:05.
      const gap = 18 * 3_600_000 + 40 * 60_000;
      expect(steps(rows)).toEqual(new Map([[FIVE_MIN, 9_116], [gap, 1]]));
      const before = rows.findIndex((c, i) => rows[i + 1] && rows[i + 1]!.time - c.time === gap);
      expect(iso(rows[before]!.time)).toBe('2025-09-20T05:25:00.000Z');
      expect(iso(rows[before + 1]!.time)).toBe('2025-09-21T00:05:00.000Z');
    });
  });

  it('Binance spot BTCUSDT: taker-buy volume comes from "Taker buy base asset volume"', () => {
    const { rows } = parseBinanceKlineCsv(data('binance-spot/BTCUSDT_5m.csv.gz'));
    expect(rows[0]).toEqual({
      time: Date.parse('2025-08-19T15:10:00Z'), open: 113782.3, high: 113831.64, low: 113633.69, close: 113652.0,
      volume: 181.00846, takerBuyVolume: 82.13538,
    });
  });

  it('Binance spot rows as REST arrays: parseBinanceKlines agrees with the CSV parser', () => {
    const text = data('binance-spot/BTCUSDT_5m.csv.gz');
    const lines = text.trim().split('\n').slice(1);
    // The REST layout is the CSV's 12 columns, with epoch-ms open times (strings and numbers both occur).
    const api = lines.map((l) => {
      const cells = l.split(',');
      return [Date.parse(`${cells[0]}Z`), ...cells.slice(1)];
    });
    const fromApi = parseBinanceKlines(api);
    expect(fromApi.issues).toEqual([]);
    expect(fromApi.rows).toEqual(parseBinanceKlineCsv(text).rows);
  });

  it('Bybit rows as a newest-first result.list: parseBybitKlines returns them oldest first', () => {
    const csv = parseCandleCsv(data('bybit-linear/ETHUSDT_5m.csv.gz')).rows;
    // Turnover is not in the recording; the parser does not read it.
    const list = csv
      .map((c) => [String(c.time), String(c.open), String(c.high), String(c.low), String(c.close), String(c.volume), ''])
      .reverse();
    const { rows, issues } = parseBybitKlines(list);
    expect(issues).toEqual([]);
    expect(rows).toEqual(csv);
  });

  it('EURUSD 15m (smartmoneyconcepts vectors): every bar, tick volume used since Volume is all zero', () => {
    const { rows, issues } = parseCandleCsv(data('smc-peer-eurusd/EURUSD_15M.csv.gz'));
    expect(issues).toEqual([]);
    // The shared README says 24,423; the file holds 24,424 bars (24,425 lines with the header),
    // as do the row-aligned result files.
    expect(rows).toHaveLength(24_424);
    expect(rows[0]).toEqual({ time: Date.parse('2022-10-10T00:00:00Z'), open: 0.97312, high: 0.97369, low: 0.97312, close: 0.97357, volume: 60 });
    expect(iso(rows.at(-1)!.time)).toBe('2023-10-02T06:45:00.000Z');
    expect(rows.at(-1)!.volume).toBe(105);
  });

  it('window 1m klines: 1,358 bars, no issues, 82 minutes missing in 45 gaps', () => {
    const { rows, issues } = parseCandleCsv(data('binance-usdm/window-2023-11-27/BTCUSDT_perp_1m_klines_with_oi.csv.gz'));
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(1_358);
    expect(rows[0]).toEqual({ time: 1701065700000, open: 37381, high: 37394.7, low: 37380.9, close: 37386.6, volume: 167.66 });
    const gaps = [...steps(rows)].filter(([d]) => d > 60_000);
    expect(gaps.reduce((n, [, count]) => n + count, 0)).toBe(45);
    expect(gaps.reduce((n, [d, count]) => n + (d / 60_000 - 1) * count, 0)).toBe(82);
    expect(Math.max(...gaps.map(([d]) => d / 60_000 - 1))).toBe(7);
  });

  it('window derived 5m: 288 buckets, of which the empty one (no minute present) is reported at its line', () => {
    const { rows, issues } = parseCandleCsv(data('binance-usdm/window-2023-11-27/BTCUSDT_5m_derived_from_1m.csv.gz'));
    expect(rows).toHaveLength(287);
    expect(issues).toEqual([{ line: 256, message: 'open is empty' }]);
    expect(rows.some((c) => c.time === 1701141900000)).toBe(false);
    expect(iso(rows[0]!.time)).toBe('2023-11-27T06:15:00.000Z');
    expect(rows[0]!.volume).toBe(490.022);
  });
});

const HEADER = 'timestamp,open,high,low,close,volume';

function summary(result: ParseResult<Candle>) {
  return { times: result.rows.map((c) => iso(c.time).slice(11, 16)), lines: result.issues.map((i) => i.line) };
}

describe('parseCandleCsv on malformed input', () => {
  const text = [
    HEADER,
    '2025-04-03 17:05:00+00:00,1,2,0.5,1.5,10', // 2 good
    '2025-04-03 17:10:00+00:00,1,2,0.5,1.5,10', // 3 good
    '2025-04-03 17:15:00+00:00,abc,2,0.5,1.5,10', // 4 non-numeric
    '2025-04-03 17:20:00+00:00,1,0.5,2,1,10', // 5 high < low
    '2025-04-03 17:10:00+00:00,1,2,0.5,1.5,10', // 6 duplicate of line 3
    '2025-04-03 17:00:00+00:00,1,2,0.5,1.5,10', // 7 out of order
    '2025-04-03 17:30:00+00:00,1,2,0.5', // 8 wrong arity
    '', // 9 blank
    'yesterday,1,2,0.5,1.5,10', // 10 not a time
    '2025-04-03 17:25:00+00:00,1,2,0.5,1.5,-3', // 11 negative volume
    '2025-04-03 17:35:00+00:00,1,2,0.5,1.5,10', // 12 good
  ].join('\r\n');

  it('reports every bad row at its line and keeps the good ones', () => {
    const result = parseCandleCsv(text);
    expect(summary(result)).toEqual({ times: ['17:05', '17:10', '17:35'], lines: [4, 5, 6, 7, 8, 10, 11] });
    const byLine = Object.fromEntries(result.issues.map((i) => [i.line, i.message]));
    expect(byLine[4]).toBe("open 'abc' is not a number");
    expect(byLine[5]).toBe('high 0.5 is below low 2');
    expect(byLine[6]).toBe('duplicate time 2025-04-03T17:10:00.000Z (already on line 3)');
    expect(byLine[7]).toMatch(/^time 2025-04-03T17:00:00.000Z is before the previous row's 2025-04-03T17:10:00.000Z \(line 3\)/);
    expect(byLine[8]).toBe('4 cells where the header has 6');
    expect(byLine[10]).toBe("time 'yesterday' is not a time");
    expect(byLine[11]).toBe('volume -3 is negative');
  });

  it('a missing column is one issue at line 1 naming it, and no rows', () => {
    const result = parseCandleCsv('timestamp,open,high,close,volume\n2025-04-03 17:05:00,1,2,1.5,10\n');
    expect(result.rows).toEqual([]);
    expect(result.issues).toEqual([{ line: 1, message: 'missing column: low' }]);
    const none = parseCandleCsv('a,b\n1,2');
    expect(none.issues).toHaveLength(1);
    expect(none.issues[0]!.message).toContain('time (one of timestamp, time, date');
    expect(none.issues[0]!.message).toContain('volume (one of volume_btc, volume, vol, tickvol)');
  });

  it('empty text is one issue at line 1', () => {
    for (const empty of ['', '\r\n\n  \n']) {
      expect(parseCandleCsv(empty)).toEqual({ rows: [], issues: [{ line: 1, message: 'no data: the text is empty' }] });
    }
  });

  it('a header alone is no rows and no issues', () => {
    expect(parseCandleCsv(`${HEADER}\n`)).toEqual({ rows: [], issues: [] });
  });

  it('prefers volume_btc, then volume; uses tickvol only where Volume is zero throughout', () => {
    const both = parseCandleCsv('time,open,high,low,close,volume,volume_btc\n1700000000000,1,1,1,1,5,7');
    expect(both.rows[0]!.volume).toBe(7);
    const fx = 'Date,Open,High,Low,Close,Tickvol,Volume\n2022.10.10 00:00:00,1,1,1,1,60,0\n2022.10.10 00:15:00,1,1,1,1,57,0';
    expect(parseCandleCsv(fx)).toMatchObject({ issues: [] });
    expect(parseCandleCsv(fx).rows.map((c) => c.volume)).toEqual([60, 57]);
    const real = parseCandleCsv('Date,Open,High,Low,Close,Tickvol,Volume\n2022.10.10 00:00:00,1,1,1,1,60,0\n2022.10.10 00:15:00,1,1,1,1,57,3');
    expect(real.rows.map((c) => c.volume)).toEqual([0, 3]);
  });
});

describe('parseBinanceKlineCsv', () => {
  const row = (t: number, extra = ',1700000299999,100,10,0.4,40,0') => `${t},1,2,0.5,1.5,1${extra}`;

  it('reads headerless archives (epoch ms and µs), and rows cut after the volume', () => {
    const text = [row(1700000000000), row(1700000300000000), row(1700000600000, ''), row(1700000900000, ',,,,,,')].join('\n');
    const { rows, issues } = parseBinanceKlineCsv(text);
    expect(issues).toEqual([]);
    expect(rows.map((c) => [c.time, c.takerBuyVolume])).toEqual([
      [1700000000000, 0.4], [1700000300000, 0.4], [1700000600000, undefined], [1700000900000, undefined],
    ]);
  });

  it('reports wrong arity, a bad taker-buy cell and bad prices, keeping the good rows', () => {
    const text = [
      'Open time,Open,High,Low,Close,Volume,Close time,Quote asset volume,Number of trades,Taker buy base asset volume,Taker buy quote asset volume,Ignore',
      row(1700000000000),
      `${row(1700000300000)},extra`,
      '1700000600000,1,2,0.5',
      row(1700000900000, ',1700001199999,100,10,x,40,0'),
      '1700001200000,1,2,0.5,3,1',
      row(1700001500000),
    ].join('\n');
    const { rows, issues } = parseBinanceKlineCsv(text);
    expect(rows.map((c) => c.time)).toEqual([1700000000000, 1700001500000]);
    expect(issues).toEqual([
      { line: 3, message: 'expected 6 to 12 cells, got 13' },
      { line: 4, message: 'expected 6 to 12 cells, got 4' },
      { line: 5, message: "taker buy volume 'x' is not a number" },
      { line: 6, message: 'close 3 is outside [low 0.5, high 2]' },
    ]);
  });

  it('empty text is one issue at line 1', () => {
    expect(parseBinanceKlineCsv('')).toEqual({ rows: [], issues: [{ line: 1, message: 'no data: the text is empty' }] });
  });
});

describe('parseBinanceKlines', () => {
  const kline = (t: number | string, o: unknown = '1') => [t, o, '2', '0.5', '1.5', '10', 0, '0', 3, '4', '0', '0'];

  it('reads strings and numbers alike, with taker-buy volume', () => {
    const { rows, issues } = parseBinanceKlines([[1700000000000, 1, 2, 0.5, 1.5, 10, 1700000059999, 15, 3, 4, 6, '0']]);
    expect(issues).toEqual([]);
    expect(rows).toEqual([{ time: 1700000000000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, takerBuyVolume: 4 }]);
  });

  it('reports each bad row at its index + 1 and keeps the good ones', () => {
    const { rows, issues } = parseBinanceKlines([
      kline(1700000000000),
      kline(1700000060000).slice(0, 6),
      kline(1700000120000, 'abc'),
      kline(1700000000000 - 60_000),
      null,
      kline(1700000000000),
      kline(1700000180000, null),
      kline(1700000240000),
    ]);
    expect(rows.map((c) => c.time)).toEqual([1700000000000, 1700000240000]);
    expect(issues.map((i) => i.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(issues[0]!.message).toBe('expected a kline of 12 fields, got 6 fields');
    expect(issues[1]!.message).toBe("open 'abc' is not a number");
    expect(issues[2]!.message).toContain("before the previous row's 2023-11-14T22:13:20.000Z (line 1)");
    expect(issues[3]!.message).toBe('expected a kline of 12 fields, got object');
    expect(issues[4]!.message).toBe('duplicate time 2023-11-14T22:13:20.000Z (already on line 1)');
    expect(issues[5]!.message).toBe('open null is not a number');
  });

  it('a response that is not an array is one issue', () => {
    expect(parseBinanceKlines({ code: -1121, msg: 'Invalid symbol.' })).toEqual({
      rows: [], issues: [{ line: 1, message: 'expected an array of klines' }],
    });
  });
});

describe('parseBybitKlines', () => {
  const k = (minute: number, close = '1.5') => [String(1700000000000 + minute * 60_000), '1', '2', '0.5', close, '10', '15'];

  it('turns the newest-first list oldest first, line = index + 1', () => {
    const { rows, issues } = parseBybitKlines([k(2), k(1), k(0)]);
    expect(issues).toEqual([]);
    expect(rows.map((c) => (c.time - 1700000000000) / 60_000)).toEqual([0, 1, 2]);
    expect(rows[0]).toEqual({ time: 1700000000000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 });
  });

  it('an oldest-first list is reported: only its first row fits the newest-first order', () => {
    const { rows, issues } = parseBybitKlines([k(0), k(1), k(2)]);
    expect(rows.map((c) => c.time)).toEqual([1700000000000]);
    expect(issues.map((i) => i.line)).toEqual([2, 3]);
    expect(issues[0]!.message).toBe(
      "time 2023-11-14T22:14:20.000Z is after the previous row's 2023-11-14T22:13:20.000Z (line 1); rows must be newest first",
    );
  });

  it('reports a misplaced row, a duplicate, a wrong arity and a bad close, keeping the good rows', () => {
    const { rows, issues } = parseBybitKlines([k(5), k(4), k(9), k(4), k(3).slice(0, 6), k(2, '7'), k(1), 'x']);
    expect(rows.map((c) => (c.time - 1700000000000) / 60_000)).toEqual([1, 4, 5]);
    expect(issues.map((i) => i.line)).toEqual([3, 4, 5, 6, 8]);
    expect(issues[1]!.message).toBe('duplicate time 2023-11-14T22:17:20.000Z (already on line 2)');
    expect(issues[2]!.message).toBe('expected a kline of 7 fields, got 6 fields');
    expect(issues[3]!.message).toBe('close 7 is outside [low 0.5, high 2]');
    expect(issues[4]!.message).toBe('expected a kline of 7 fields, got string');
  });

  it('something other than an array is one issue', () => {
    expect(parseBybitKlines(undefined).issues).toEqual([{ line: 1, message: 'expected an array of klines (result.list)' }]);
  });
});
