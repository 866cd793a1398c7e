/** Candles for the SMC tests: the real recordings in data/, and small hand-made sequences for edge cases. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseCandleCsv } from '../../src/core/candles';
import type { Candle } from '../../src/core/types';

export function realCandles(file: string): Candle[] {
  const { rows, issues } = parseCandleCsv(gunzipSync(readFileSync(file)).toString('utf8'));
  if (issues.length > 0) throw new Error(`${file}: ${issues[0]!.message}`);
  return rows;
}

export function readCsvRows(file: string): string[][] {
  return gunzipSync(readFileSync(file)).toString('utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
}

/** Candles from [high, low] pairs (open/close inside), one minute apart. */
export function bars(pairs: [number, number, number?][]): Candle[] {
  return pairs.map(([high, low, close], i) => {
    const c = close ?? (high + low) / 2;
    return { time: 60_000 * (i + 1), open: (high + low) / 2, high, low, close: c, volume: 1 };
  });
}
