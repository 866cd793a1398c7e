import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseOpenInterestCsv } from '../../src/core/candles';
import { liquidationPrintId, positionSideFromBybit, positionSideFromOrderSide } from '../../src/exchanges/shared/prints';
import { parseLiquidationCsv, parseOrderSide } from '../../src/exchanges/liquidationCsv';
import type { LiquidationPrint } from '../../src/core/types';

const data = (file: string) => gunzipSync(readFileSync(resolve(import.meta.dirname, '../../data', file))).toString('utf8');
const iso = (ms: number) => new Date(ms).toISOString();
const WINDOW = 'binance-usdm/window-2023-11-27';

describe('parseOpenInterestCsv on real data', () => {
  it('Binance openInterestHist 5m: 541 samples, no gaps, value ÷ amount a BTC price', () => {
    const { rows, issues } = parseOpenInterestCsv(data('binance-usdm/BTCUSDT_open_interest_5m_2024-05.csv.gz'));
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(541);
    expect(rows[0]).toEqual({ time: 1715252400000, openInterest: 71346.129, openInterestValue: 4336802989.7166 });
    expect(iso(rows[0]!.time)).toBe('2024-05-09T11:00:00.000Z');
    expect(iso(rows.at(-1)!.time)).toBe('2024-05-11T08:00:00.000Z');
    expect(rows.every((s, i) => i === 0 || s.time - rows[i - 1]!.time === 300_000)).toBe(true);
    const prices = rows.map((s) => s.openInterestValue! / s.openInterest);
    expect(Math.min(...prices)).toBeCloseTo(60304.0, 1);
    expect(Math.max(...prices)).toBeCloseTo(63428.4, 1);
  });

  it('window 1m klines with OI: one sample per bar, in BTC, no quote value', () => {
    const { rows, issues } = parseOpenInterestCsv(data(`${WINDOW}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`));
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(1_358);
    expect(rows[0]).toEqual({ time: 1701065700000, openInterest: 79649.5 });
    expect(rows.at(-1)).toEqual({ time: 1701152040000, openInterest: 78885.255 });
  });

  it('window derived 5m: 287 samples, the empty bucket reported at its line', () => {
    const { rows, issues } = parseOpenInterestCsv(data(`${WINDOW}/BTCUSDT_5m_derived_from_1m.csv.gz`));
    expect(issues).toEqual([{ line: 256, message: 'open interest is empty' }]);
    expect(rows).toHaveLength(287);
    expect(rows[0]).toEqual({ time: 1701065700000, openInterest: 79618.317, openInterestValue: 2975885872.68 });
    // The bucket's OI is the last 1m snapshot in it: the same number as the 1m file's.
    const oneMinute = parseOpenInterestCsv(data(`${WINDOW}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`)).rows;
    expect(oneMinute.find((s) => s.time === 1701065940000)?.openInterest).toBe(79618.317);
  });
});

describe('parseOpenInterestCsv on malformed input', () => {
  it('reports bad rows at their lines and keeps the good ones', () => {
    const text = [
      'timestamp,sumOpenInterest,sumOpenInterestValue',
      '1715252400000,100,6000000', // 2
      '1715252700000,abc,6000000', // 3
      '1715252700000,-1,6000000', // 4
      '1715253000000,101,', // 5 good, no value
      '1715253000000,102,6100000', // 6 duplicate
      '1715252400000,99,6100000', // 7 out of order
      '1715253300000,103', // 8 arity
      '1715253600000,104,x', // 9
      '1715253900000,105,6300000', // 10
    ].join('\n');
    const { rows, issues } = parseOpenInterestCsv(text);
    expect(rows).toEqual([
      { time: 1715252400000, openInterest: 100, openInterestValue: 6000000 },
      { time: 1715253000000, openInterest: 101 },
      { time: 1715253900000, openInterest: 105, openInterestValue: 6300000 },
    ]);
    expect(issues.map((i) => [i.line, i.message.split(' (')[0]])).toEqual([
      [3, "open interest 'abc' is not a number"],
      [4, 'open interest -1 is negative'],
      [6, 'duplicate time 2024-05-09T11:10:00.000Z'],
      [7, "time 2024-05-09T11:00:00.000Z is before the previous row's 2024-05-09T11:10:00.000Z"],
      [8, '2 cells where the header has 3'],
      [9, "open interest value 'x' is not a number"],
    ]);
  });

  it('missing column and empty text are one issue at line 1', () => {
    const missing = parseOpenInterestCsv('timestamp,sumOpenInterestValue\n1715252400000,6000000');
    expect(missing.rows).toEqual([]);
    expect(missing.issues).toHaveLength(1);
    expect(missing.issues[0]!.line).toBe(1);
    expect(missing.issues[0]!.message).toMatch(/^missing column: openInterest \(one of sumOpenInterest, /);
    expect(parseOpenInterestCsv('')).toEqual({ rows: [], issues: [{ line: 1, message: 'no data: the text is empty' }] });
  });
});

describe('liquidation sides and ids', () => {
  it('an order side is the opposite of the position liquidated', () => {
    expect(positionSideFromOrderSide('SELL')).toBe('long');
    expect(positionSideFromOrderSide('Sell')).toBe('long');
    expect(positionSideFromOrderSide('BUY')).toBe('short');
    expect(positionSideFromOrderSide('Buy')).toBe('short');
  });

  it("Bybit's allLiquidation S is the position side: Buy is a long liquidated", () => {
    expect(positionSideFromBybit('Buy')).toBe('long');
    expect(positionSideFromBybit('Sell')).toBe('short');
  });

  it('parseOrderSide reads BUY / SELL in any case only', () => {
    expect(parseOrderSide(' buy ')).toBe('BUY');
    expect(parseOrderSide('Sell')).toBe('SELL');
    expect(parseOrderSide('LONG')).toBeNull();
  });

  it('ids are stable across number spellings and differ on every field', () => {
    const key = { exchange: 'binance', symbol: 'BTCUSDT', side: 'long', time: 1700845614456, price: '37561.950', quantity: '0.020' } as const;
    expect(liquidationPrintId(key)).toBe('binance:BTCUSDT:1700845614456:long:37561.95:0.02');
    expect(liquidationPrintId({ ...key, price: 37561.95, quantity: 0.02 })).toBe(liquidationPrintId(key));
    const variants = [
      { exchange: 'bybit' }, { symbol: 'ETHUSDT' }, { side: 'short' }, { time: 1700845614457 }, { price: 37561.96 }, { quantity: 0.021 },
    ] as const;
    const ids = new Set([liquidationPrintId(key), ...variants.map((v) => liquidationPrintId({ ...key, ...v }))]);
    expect(ids.size).toBe(7);
  });
});

function sideTotals(rows: readonly LiquidationPrint[]) {
  const count = { long: 0, short: 0 };
  for (const p of rows) count[p.side] += 1;
  return count;
}

describe('parseLiquidationCsv on real data', () => {
  it('BTC 2023-11: 336 prints; the first, an order BUY, closed a short', () => {
    const { rows, issues } = parseLiquidationCsv(data('binance-usdm/BTCUSDT_liquidations_2023-11.csv.gz'), 'binance');
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(336);
    expect(rows[0]).toEqual({
      id: 'binance:BTCUSDT:1700845614456:short:37561.95:0.02',
      exchange: 'binance', symbol: 'BTCUSDT', side: 'short', price: 37561.95, priceBasis: 'order', quantity: 0.02,
      notional: 37561.95 * 0.02, time: 1700845614456, throttled: true,
    });
    expect(rows.at(-1)!.side).toBe('long'); // SELL
    expect(sideTotals(rows)).toEqual({ long: 154, short: 182 });
    expect(iso(rows[0]!.time)).toBe('2023-11-24T17:06:54.456Z');
  });

  it('a recording with the fill price (Average Price) places each print at its fill, keeping the order price', () => {
    const text = 'Symbol,Side,Order Type,Time,Quantity,Price,Average Price\nBTCUSDT,SELL,LIMIT,1700845614456,0.02,37400,37550.5\nBTCUSDT,BUY,LIMIT,1700845615000,0.01,37700,\nBTCUSDT,BUY,LIMIT,1700845616000,0.01,37700,-3\n';
    const { rows, issues } = parseLiquidationCsv(text, 'binance');
    expect(rows.map((r) => [r.side, r.price, r.priceBasis, r.orderPrice])).toEqual([['long', 37550.5, 'fill', 37400], ['short', 37700, 'order', undefined]]);
    expect(issues).toEqual([{ line: 4, message: 'average price -3 is not positive' }]);
  });

  it('ETH 2023-11: 271 prints, no issues', () => {
    const { rows, issues } = parseLiquidationCsv(data('binance-usdm/ETHUSDT_liquidations_2023-11.csv.gz'), 'binance');
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(271);
    expect(sideTotals(rows)).toEqual({ long: 159, short: 112 });
  });

  it('window 2023-11-27: 1,261 prints, none an exact duplicate, none sharing a millisecond', () => {
    const { rows, issues } = parseLiquidationCsv(data(`${WINDOW}/BTCUSDT_forceOrder_liquidations.csv.gz`), 'binance');
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(1_261);
    expect(new Set(rows.map((p) => p.id)).size).toBe(1_261);
    expect(new Set(rows.map((p) => p.time)).size).toBe(1_261);
    expect(sideTotals(rows)).toEqual({ long: 832, short: 429 });
    const notional = (side: string) => rows.filter((p) => p.side === side).reduce((s, p) => s + p.notional, 0);
    expect(notional('long')).toBeCloseTo(4546115.60134, 2);
    expect(notional('short')).toBeCloseTo(1831255.97225, 2);
  });
});

describe('parseLiquidationCsv on malformed input', () => {
  const HEADER = 'Symbol,Side,Order Type,Time,Quantity,Price';

  it('keeps prints sharing a millisecond, reports exact duplicates and every other bad row', () => {
    const text = [
      HEADER,
      'BTCUSDT,BUY,LIMIT,1700845614456,0.020,37561.95', // 2
      'BTCUSDT,SELL,LIMIT,1700845614456,0.020,37561.95', // 3 same ms, other side: kept
      'BTCUSDT,BUY,LIMIT,1700845614456,0.02,37561.950', // 4 exact duplicate of 2
      'BTCUSDT,LONG,LIMIT,1700845614500,0.1,37000', // 5 bad side
      'BTCUSDT,SELL,LIMIT,1700845614000,0.1,37000', // 6 out of order
      'BTCUSDT,SELL,LIMIT,1700845615000,0,37000', // 7 zero quantity
      'BTCUSDT,SELL,LIMIT,1700845615000,0.1', // 8 arity
      'BTCUSDT,SELL,LIMIT,1700845615000,0.1,abc', // 9 price
      'BTCUSDT,SELL,LIMIT,1700845616000,0.5,37000', // 10
    ].join('\r\n');
    const { rows, issues } = parseLiquidationCsv(text, 'bybit');
    expect(rows.map((p) => [p.time, p.side, p.quantity])).toEqual([
      [1700845614456, 'short', 0.02], [1700845614456, 'long', 0.02], [1700845616000, 'long', 0.5],
    ]);
    expect(rows.every((p) => !p.throttled && p.exchange === 'bybit')).toBe(true);
    expect(issues).toEqual([
      { line: 4, message: 'duplicate of line 2 (bybit:BTCUSDT:1700845614456:short:37561.95:0.02)' },
      { line: 5, message: "side 'LONG' is not BUY or SELL" },
      {
        line: 6,
        message: "time 2023-11-24T17:06:54.000Z is before the previous row's 2023-11-24T17:06:54.456Z (line 3); rows must be oldest first",
      },
      { line: 7, message: 'quantity 0 is not positive' },
      { line: 8, message: '5 cells where the header has 6' },
      { line: 9, message: "price 'abc' is not a number" },
    ]);
  });

  it('missing column and empty text are one issue at line 1', () => {
    const missing = parseLiquidationCsv('Symbol,Side,Time,Quantity\nBTCUSDT,BUY,1700845614456,0.02', 'binance');
    expect(missing).toEqual({ rows: [], issues: [{ line: 1, message: 'missing column: price' }] });
    expect(parseLiquidationCsv('', 'binance')).toEqual({ rows: [], issues: [{ line: 1, message: 'no data: the text is empty' }] });
  });
});
