/**
 * Recorded days as one series: a folder of day folders (or one day folder) holding a symbol's
 * candles (`<SYMBOL>_perp_*klines*.csv[.gz]`, any length, any number of files: the day's own and
 * the days before it) and its liquidation prints (`<SYMBOL>_*liquidations.csv[.gz]`), open
 * interest where a candle file carries an `open_interest` column. Candles of every file are merged
 * by time (the same bar in two files counts once); each day's prints cover its own span only.
 *
 * Coverage: a day folder says the stream was recorded over its day's candles, except at the edge of
 * a run of days (the first day, the last, and any day beside a missing one), where the recording
 * is taken to start at the first print and end at the last: a day the recorder missed is not a
 * quiet day, and neither is the part of a day before it started.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Candle, ExchangeId, LiquidationPrint } from '../core/types';
import { CliError } from './args';
import { readCandles, readOpenInterestFor, readPrints } from './heatmapInputs';

export interface RecordedDays {
  symbol: string;
  /** Every candle of every file, in order, once each. */
  candles: Candle[];
  /** Open interest at each candle's close where a file carries it, else undefined. */
  openInterest?: (number | undefined)[];
  prints: LiquidationPrint[];
  /** The spans the print stream was recorded over ([from, to) ms), in order. */
  coverage: [number, number][];
  /** Each day folder: its name and recorded span. */
  days: { name: string; from: number; to: number; prints: number }[];
}

const CANDLES = (symbol: string) => new RegExp(`^${symbol}_perp_.*klines.*\\.csv(\\.gz)?$`, 'i');
const PRINTS = (symbol: string) => new RegExp(`^${symbol}_.*liquidations\\.csv(\\.gz)?$`, 'i');
const WITH_OI = /_with_oi\./i;

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** The day folders under `dir` in name order; `dir` itself where none of its folders holds prints. */
async function dayFolders(dir: string, symbol: string): Promise<string[]> {
  if (!(await isDir(dir))) throw new CliError(`${dir}: not a folder (--days takes a folder of day folders, or one day folder)`);
  const names = await readdir(dir);
  const out: string[] = [];
  for (const name of names.sort()) {
    const path = join(dir, name);
    if (!(await stat(path)).isDirectory()) continue;
    if ((await readdir(path)).some((n) => PRINTS(symbol).test(n))) out.push(path);
  }
  if (out.length === 0 && names.some((n) => PRINTS(symbol).test(n))) return [dir];
  if (out.length === 0) throw new CliError(`${dir}: no day folder with ${symbol} liquidation prints (${symbol}_…liquidations.csv[.gz])`);
  return out;
}

/** The symbol of the first prints file found, where --symbol was not given. */
async function guessSymbol(dir: string): Promise<string> {
  const find = async (path: string): Promise<string | null> => {
    for (const name of (await readdir(path)).sort()) {
      const m = /^([A-Z0-9]+)_.*liquidations\.csv(\.gz)?$/i.exec(name);
      if (m) return m[1]!.toUpperCase();
      const sub = join(path, name);
      if ((await stat(sub)).isDirectory()) {
        const found = await find(sub);
        if (found) return found;
      }
    }
    return null;
  };
  if (!(await isDir(dir))) throw new CliError(`${dir}: not a folder (--days takes a folder of day folders, or one day folder)`);
  const symbol = await find(dir);
  if (!symbol) throw new CliError(`${dir}: no liquidation prints file (<SYMBOL>_…liquidations.csv[.gz]) in it or its folders`);
  return symbol;
}

export async function readRecordedDays(command: string, dir: string, exchange: ExchangeId, symbolFlag?: string): Promise<RecordedDays> {
  const symbol = symbolFlag?.toUpperCase() ?? (await guessSymbol(dir));
  const folders = await dayFolders(dir, symbol);
  const byTime = new Map<number, Candle>();
  const oiByTime = new Map<number, number>();
  const prints: LiquidationPrint[] = [];
  const days: RecordedDays['days'] = [];
  for (const folder of folders) {
    const names = (await readdir(folder)).sort();
    let own: Candle[] = [];
    for (const name of names.filter((n) => CANDLES(symbol).test(n))) {
      const file = join(folder, name);
      const candles = await readCandles(command, file);
      for (const c of candles) byTime.set(c.time, c);
      // The day's own candles are those of the file that is not the days before it.
      if (!/prev/i.test(name)) own = candles;
      if (WITH_OI.test(name)) {
        const step = candles.length > 1 ? candles[1]!.time - candles[0]!.time : 60_000;
        const oi = await readOpenInterestFor(command, file, candles, step);
        candles.forEach((c, i) => { if (oi[i] !== undefined) oiByTime.set(c.time, oi[i]!); });
      }
    }
    const dayPrints = (await Promise.all(names.filter((n) => PRINTS(symbol).test(n)).map((n) => readPrints(command, join(folder, n), exchange)))).flat();
    if (own.length === 0) throw new CliError(`${folder}: no ${symbol} candle file of the day (${symbol}_perp_…klines.csv[.gz])`);
    const step = own.length > 1 ? own[1]!.time - own[0]!.time : 60_000;
    days.push({ name: basename(folder), from: own[0]!.time, to: own[own.length - 1]!.time + step, prints: dayPrints.length });
    prints.push(...dayPrints);
  }
  const candles = [...byTime.values()].sort((a, b) => a.time - b.time);
  prints.sort((a, b) => a.time - b.time);
  return {
    symbol,
    candles,
    ...(oiByTime.size > 0 ? { openInterest: candles.map((c) => oiByTime.get(c.time)) } : {}),
    prints,
    coverage: coverageOf(days, prints),
    days,
  };
}

/** Each run of adjoining days is one span, cut at its first and last print where the run starts or ends. */
function coverageOf(days: RecordedDays['days'], prints: readonly LiquidationPrint[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const day of [...days].sort((a, b) => a.from - b.from)) {
    const last = spans[spans.length - 1];
    if (last && day.from <= last[1]) last[1] = Math.max(last[1], day.to);
    else spans.push([day.from, day.to]);
  }
  return spans.map(([from, to]) => {
    const inside = prints.filter((p) => p.time >= from && p.time < to);
    if (inside.length === 0) return [from, from];
    return [Math.max(from, inside[0]!.time), Math.min(to, inside[inside.length - 1]!.time + 1)];
  });
}
