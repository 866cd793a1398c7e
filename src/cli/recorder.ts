/**
 * Records one symbol's live market data to files the replay exchange's parsers read: closed
 * candles (polled), open interest (polled each minute), liquidation prints (the exchange's
 * stream) and the stream's gaps, appended as they arrive so an interrupted recording keeps
 * what it had. Runs against the real exchanges or any replay of them.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createExchange } from '../market/ccxtCandleSource';
import { amountProblem } from '../core/bounds';
import { TIMEFRAME_MS, type Timeframe } from '../core/timeframes';
import type { ExchangeId } from '../core/types';
import { MarketHistory } from '../market/history';
import { LiquidationStream, streamUrl, type PrintGap, type SocketLike, type StreamStats } from '../market/liquidationStream';
import type { DataSource } from '../settings/dataSource';
import { candleCsvRow, CSV_HEADERS, csvFileName, gapCsvRow, openInterestCsvRow, printCsvRow, type CsvKind } from './recordingCsv';

export interface RecordOptions {
  exchange: ExchangeId;
  symbol: string;
  timeframe: Timeframe;
  minutes: number;
  out: string;
  /** A replay exchange's base URL, or the real exchange where absent. */
  source?: string;
  log?: (line: string) => void;
}

export interface RecordResult {
  candles: number;
  openInterest: number;
  prints: number;
  gaps: number;
  stream: StreamStats;
  files: string[];
}

const CANDLE_POLL_MS = 5_000;
const OI_POLL_MS = 60_000;

export async function record(o: RecordOptions): Promise<RecordResult> {
  const log = o.log ?? (() => {});
  const source: DataSource = o.source ? { kind: 'replay', url: o.source.replace(/\/+$/, '') } : { kind: 'live' };
  const client = createExchange(o.exchange, source);
  // The exchange's candles say which bars have closed (see pollCandles), so no local clock is used.
  const history = new MarketHistory(o.exchange, client, { now: () => Number.POSITIVE_INFINITY });
  mkdirSync(o.out, { recursive: true });
  const file = (kind: CsvKind) => csvFile(join(o.out, csvFileName(kind, o.symbol, o.timeframe)), CSV_HEADERS[kind]);
  const files = { candles: file('candles'), openInterest: file('openInterest'), prints: file('prints'), gaps: file('gaps') };
  const counts = { candles: 0, openInterest: 0, prints: 0, gaps: 0 };
  const startedAt = Date.now();

  // Fails early, in plain words, on an unknown symbol or an unreachable source. The newest bar
  // is still forming: recording starts with it.
  const latest = await history.latestCandles(o.symbol, o.timeframe, 2);
  let lastCandle = (latest.at(-1)?.time ?? Date.now()) - TIMEFRAME_MS[o.timeframe];

  const stream = new LiquidationStream({
    exchange: o.exchange,
    url: streamUrl(o.exchange, source.kind === 'replay' ? source.url : undefined),
    socket: (url) => new WebSocket(url) as unknown as SocketLike,
    onPrints: (prints) => {
      for (const p of prints) files.prints.append(printCsvRow(p));
      counts.prints += prints.length;
    },
    onGap: (gap: PrintGap) => {
      files.gaps.append(gapCsvRow(gap));
      counts.gaps++;
    },
  });
  stream.setSymbols([o.symbol]);

  // A bar is written once the next one has opened: the exchange's clock decides, not ours.
  const pollCandles = async () => {
    const closed = (await history.candles(o.symbol, o.timeframe, lastCandle + 1, Number.MAX_SAFE_INTEGER)).slice(0, -1);
    for (const c of closed) files.candles.append(candleCsvRow(c));
    if (closed.length > 0) lastCandle = closed.at(-1)!.time;
    counts.candles += closed.length;
  };
  let lastOi = 0;
  const pollOpenInterest = async () => {
    const { time, openInterest } = await history.currentOpenInterest(o.symbol);
    if (!(time > lastOi)) return;
    const problem = amountProblem('open interest', openInterest, false);
    if (problem !== null) return log(`open interest sample refused: ${problem}`);
    files.openInterest.append(openInterestCsvRow({ time, openInterest }));
    lastOi = time;
    counts.openInterest++;
  };
  // One poll of a kind at a time: a slow poll is not overtaken by the next (they would write the same bars).
  const guarded = (what: string, poll: () => Promise<void>) => {
    let running: Promise<void> = Promise.resolve();
    return () => (running = running.then(poll).catch((error: unknown) => log(`${what}: ${error instanceof Error ? error.message : String(error)}`)));
  };
  const candlePoll = guarded('candles', pollCandles);
  const oiPoll = guarded('open interest', pollOpenInterest);

  await oiPoll();
  const timers = [setInterval(candlePoll, CANDLE_POLL_MS), setInterval(oiPoll, OI_POLL_MS)];
  await new Promise((resolve) => setTimeout(resolve, o.minutes * 60_000));
  timers.forEach(clearInterval);
  stream.stop();
  await candlePoll();
  await oiPoll();

  const result: RecordResult = { ...counts, stream: { ...stream.stats }, files: Object.values(files).map((f) => f.path) };
  writeFileSync(join(o.out, 'recording.json'), `${JSON.stringify({
    exchange: o.exchange,
    symbol: o.symbol,
    timeframe: o.timeframe,
    source: o.source ?? 'live exchange',
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date().toISOString(),
    ...result,
    note: 'Prints cannot be backfilled: gaps lists the stretches in which the stream was not covering the symbol.',
  }, null, 2)}\n`);
  return result;
}

function csvFile(path: string, header: string) {
  writeFileSync(path, `${header}\n`);
  return {
    path,
    append(line: string) {
      appendFileSync(path, `${line}\n`);
    },
  };
}
