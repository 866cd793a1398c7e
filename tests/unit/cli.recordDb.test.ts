/**
 * `liqlens record --db` as a user runs it (a child process) against the replay exchange, every
 * exchange and every symbol it serves (5m: the finest timeframe all of them have), through a UTC
 * midnight, with faults: dropped sockets, repeated and malformed frames, REST errors and
 * rate-limit answers, a listing added during the run, and `kill -9` mid-run followed by a
 * restart. What the file holds is compared with what the replay served and sent, row by row:
 * a recorder that loses or repeats a candle or a print fails here. Then `export`, and `heatmap`,
 * `score` and `backtest` reading the file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCandleCsv } from '../../src/core/candles';
import { parseLiquidationCsv } from '../../src/exchanges/liquidationCsv';
import { liquidationPrintId } from '../../src/exchanges/shared/prints';
import type { ExchangeId, LiquidationPrint } from '../../src/core/types';
import { readRecordedDays } from '../../src/cli/dayFolders';
import { RecordingDb } from '../../src/cli/recording/db';
import { findMarket, loadCatalog, type ReplayMarket } from '../../tools/replay/catalog';
import { startReplayServer, type ReplayServer } from '../../tools/replay/server';
import { liqlensProcess } from './cliProcess';

const SPEED = 300;
const DAY = 86_400_000;
let server: ReplayServer;
const dir = mkdtempSync(join(tmpdir(), 'liqlens-recorddb-'));
const db = join(dir, 'market.duckdb');
/** Every print frame the replay wrote, with the wall time it was written. */
const sent: { print: LiquidationPrint; wall: number }[] = [];

const liqlens = liqlensProcess;

function recorder(): ChildProcess & { log: string[] } {
  const child = spawn(process.execPath, ['bin/liqlens.mjs', 'record', '--db', db, '--timeframe', '5m', '--source', server.url], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
  return Object.assign(child, { log });
}

const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const c = await instance.connect();
  try {
    return (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

/** A listing added during the run: synthetic, labelled so: Binance BTCUSDT's recorded data under a new symbol. */
function newListing(): ReplayMarket {
  const btc = findMarket(loadCatalog(), 'binance', 'BTCUSDT')!;
  const prints = btc.prints.map((p) => {
    const q = { ...p, symbol: 'NEWUSDT' };
    return { ...q, id: liquidationPrintId(q) };
  });
  return { ...btc, symbol: 'NEWUSDT', base: 'NEW', prints, provenance: ['Synthetic listing for a test: Binance BTCUSDT recorded data under the symbol NEWUSDT.'] };
}

let killedAt = 0;
let restartedAt = 0;
let runLog = '';

beforeAll(async () => {
  // The served clock starts 150 replay minutes (30 s) before a UTC midnight, and the kill waits for it: the run crosses a day boundary.
  const wall0 = Date.now();
  const midnight = Math.ceil(wall0 / DAY) * DAY;
  const shift = midnight - 150 * 60_000 - wall0;
  server = await startReplayServer({ port: 0, speed: SPEED, wallNow: () => Date.now() + shift });
  server.onSent((_exchange, prints) => prints.forEach((print) => sent.push({ print, wall: Date.now() })));

  let child = recorder();
  // Running: the first rows committed.
  await until('the first rows', () => child.log.join('').includes('symbols; open interest'), 60_000);
  await new Promise((r) => setTimeout(r, 3_000));
  server.faults.malformNext(3);
  server.faults.repeatNext(5);
  server.faults.failRequests(429, 3, { pathPrefix: '/fapi' });
  await new Promise((r) => setTimeout(r, 1_500));
  server.faults.dropConnections();
  server.faults.failRequests(500, 4, { pathPrefix: '/v5' });
  await new Promise((r) => setTimeout(r, 1_500));
  server.list(newListing());
  await new Promise((r) => setTimeout(r, 4_000));
  await until('the replay past midnight', () => server.clock.now() > midnight + 10 * 60_000);
  // kill -9 mid-write, then a restart that must resume, backfill and record the time it was down as a gap.
  killedAt = Date.now();
  child.kill('SIGKILL');
  await exited(child);
  runLog += child.log.join('');
  await new Promise((r) => setTimeout(r, 2_000));
  restartedAt = Date.now();
  child = recorder();
  await until('the restart running', () => child.log.join('').includes('okx: '), 60_000);
  await new Promise((r) => setTimeout(r, 6_000));
  child.kill('SIGINT');
  expect(await exited(child)).toBe(0);
  runLog += child.log.join('');
}, 180_000);
afterAll(() => server.close());

describe('liqlens record --db', () => {
  it('holds every closed candle the replay served, of every exchange and symbol, once, across a midnight and a kill -9', async () => {
    const series = await rows('SELECT exchange, symbol, count(*) AS n, min(time) AS first, max(time) AS last FROM candles GROUP BY 1, 2 ORDER BY 1, 2');
    const served = server.catalog.map((m) => `${m.exchange} ${m.symbol}`).sort();
    expect(series.map((s) => `${s.exchange} ${s.symbol}`).sort()).toEqual(served);
    for (const s of series) {
      const view = server.views[s.exchange as ExchangeId].get(String(s.symbol))!;
      const expected = view.candles('5m', { start: Number(s.first), end: Number(s.last), limit: 100_000 });
      const got = await rows(`SELECT time, open, high, low, close, volume FROM candles WHERE exchange = '${s.exchange}' AND symbol = '${s.symbol}' ORDER BY time`);
      // Volumes are compared as the exchange sends them (OKX in coin); equal rows, none missing, none twice.
      expect(got.map((r) => Number(r.time)), `${s.exchange} ${s.symbol}`).toEqual(expected.map((c) => c.time));
      expect(got.map((r) => [Number(r.open), Number(r.high), Number(r.low), Number(r.close)])).toEqual(expected.map((c) => [c.open, c.high, c.low, c.close]));
    }
    // The recording crosses the UTC midnight the replay was started before, and the restart backfilled the minutes it was down.
    const binance = series.find((s) => s.exchange === 'binance' && s.symbol === 'BTCUSDT')!;
    expect(Math.floor(Number(binance.first) / DAY)).toBeLessThan(Math.floor(Number(binance.last) / DAY));
    expect(Number(binance.n)).toBeGreaterThan(10);
  });

  it('holds every print sent, once, except what a gap covers or the last second before the kill', async () => {
    const stored = await rows('SELECT exchange, symbol, id, time, side, quantity, order_price, fill_price, throttled FROM prints');
    const gaps = await rows('SELECT exchange, symbol, from_ms, to_ms, reason FROM gaps');
    // Content, not ids: a recorder keying a repeated frame differently would store it twice.
    const key = (x: Record<string, unknown> | LiquidationPrint) => { const r = x as Record<string, unknown>; return `${r.exchange} ${r.symbol} ${r.time} ${r.side} ${r.quantity}`; };
    const counts = new Map<string, number>();
    for (const r of stored) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    const sentOnce = new Map<string, { print: LiquidationPrint; wall: number }>();
    for (const s of sent) sentOnce.set(key(s.print), s);
    expect(sentOnce.size).toBeGreaterThan(20);
    for (const [k, n] of counts) {
      expect(n, `stored ${n} times: ${k}`).toBe(1);
      expect(sentOnce.has(k), `stored but never sent: ${k}`).toBe(true);
    }
    const covered = (p: LiquidationPrint) => gaps.some((g) => g.exchange === p.exchange && g.symbol === p.symbol && Number(g.from_ms) <= p.time && p.time <= Number(g.to_ms));
    const missing = [...sentOnce.values()].filter((s) => !counts.has(key(s.print)));
    // The flush is each second; its commit may take a moment more on a loaded machine.
    const lostUncovered = missing.filter((s) => !covered(s.print) && !(s.wall >= killedAt - 1_500 && s.wall <= restartedAt));
    expect(lostUncovered.map((s) => key(s.print))).toEqual([]);
    expect(missing.filter((s) => s.wall < killedAt - 1_500 || s.wall > restartedAt + 15_000).filter((s) => !covered(s.print))).toEqual([]);
    // The time the recorder was down is a recorded gap, per symbol, and so is the dropped socket.
    expect(gaps.some((g) => g.reason === 'recorder not running' && g.exchange === 'binance')).toBe(true);
    expect(gaps.some((g) => g.reason === 'connection closed' || g.reason === 'connection error')).toBe(true);
    // Order price, fill where sent, throttling: Binance's replay sends ap 0 (no fill).
    const binance = stored.find((r) => r.exchange === 'binance')!;
    expect(binance.order_price).toBeGreaterThan(0);
    expect(binance.fill_price).toBeNull();
    expect(binance.throttled).toBe(true);
  });

  it('follows a listing added during the run, and says each open-interest row\'s step', async () => {
    const listed = await rows("SELECT count(*) AS n FROM candles WHERE exchange = 'binance' AND symbol = 'NEWUSDT'");
    expect(Number(listed[0]!.n)).toBeGreaterThan(0);
    expect(runLog).toContain('listing changed: +NEWUSDT');
    const oi = await rows('SELECT exchange, symbol, step_ms, source, count(*) AS n FROM open_interest GROUP BY ALL ORDER BY ALL');
    expect(oi.find((r) => r.exchange === 'binance' && r.symbol === 'BTCUSDT' && r.source === 'current')?.step_ms).toBe(60_000n);
    // The restart filled the stretch it was down from the history endpoint, at its step.
    expect(oi.find((r) => r.exchange === 'binance' && r.symbol === 'BTCUSDT' && r.source === 'history')?.step_ms).toBe(300_000n);
    // Faults were met and survived: malformed frames refused, the rate-limit answers retried.
    expect(runLog).not.toMatch(/internal error/);
  });

  it('exports day folders the parsers read and Parquet with every row, and feeds heatmap, score and backtest', async () => {
    const out = join(dir, 'export');
    const r = await liqlens('export', '--db', db, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    const open = await RecordingDb.open(db, { readOnly: true });
    const totals = await open.totals();
    await open.close();
    expect(summary.parquetRows).toEqual(totals);
    const days = readdirSync(join(out, 'csv', 'binance')).sort();
    expect(days.length).toBe(2); // the midnight
    let candles = 0;
    let prints = 0;
    for (const day of days) {
      const file = readdirSync(join(out, 'csv', 'binance', day)).find((n) => /^BTCUSDT_perp_5m_klines(_with_oi)?\.csv$/.test(n))!;
      const c = parseCandleCsv(readFileSync(join(out, 'csv', 'binance', day, file), 'utf8'));
      expect(c.issues).toEqual([]);
      expect(c.rows.every((x) => new Date(x.time).toISOString().startsWith(day))).toBe(true);
      candles += c.rows.length;
      prints += parseLiquidationCsv(readFileSync(join(out, 'csv', 'binance', day, 'BTCUSDT_liquidations.csv'), 'utf8'), 'binance').rows.length;
    }
    // The day-folder reader of score --days takes the export as it takes recorded days.
    const recorded = await readRecordedDays('test', join(out, 'csv', 'binance'), 'binance', 'BTCUSDT');
    expect(recorded.candles.length).toBe(candles);
    expect(recorded.prints.length).toBe(prints);
    expect(recorded.openInterest?.some((x) => x !== undefined)).toBe(true);
    const stored = await rows("SELECT (SELECT count(*) FROM candles WHERE exchange = 'binance' AND symbol = 'BTCUSDT') AS c, (SELECT count(*) FROM prints WHERE exchange = 'binance' AND symbol = 'BTCUSDT') AS p");
    expect(candles).toBe(Number(stored[0]!.c));
    expect(prints).toBe(Number(stored[0]!.p));
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    const parquet = (await c.runAndReadAll(`SELECT exchange, count(*) AS n FROM read_parquet('${join(out, 'parquet', 'candles')}/**/*.parquet', hive_partitioning = true) GROUP BY 1 ORDER BY 1`)).getRowObjectsJS();
    c.closeSync();
    instance.closeSync();
    expect(parquet.reduce((n, x) => n + Number(x.n), 0)).toBe(totals.candles);

    const heatmap = await liqlens('heatmap', '--db', db, '--exchange', 'binance', '--symbol', 'BTCUSDT');
    expect(heatmap.code).toBe(0);
    expect(JSON.parse(heatmap.stdout).bars).toBe(Number(stored[0]!.c));
    const score = await liqlens('score', '--db', db, '--exchange', 'binance', '--symbol', 'BTCUSDT', '--json');
    expect(score.code).toBe(0);
    expect(JSON.parse(score.stdout).symbol).toBe('BTCUSDT');
    const backtest = await liqlens('backtest', '--db', db, '--exchange', 'binance', '--symbol', 'BTCUSDT', '--setup', 'magnet', '--json');
    expect(backtest.code).toBe(0);
    expect(JSON.parse(backtest.stdout).candles).toBe(Number(stored[0]!.c));
    const missing = await liqlens('score', '--db', db, '--exchange', 'binance');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('liqlens score: --db needs --exchange and --symbol');
  }, 90_000);
});
