/**
 * The recorder's soak: `liqlens record --db` (a child process, as a user runs it) records every
 * exchange and symbol the replay serves, 5m candles, for a simulated week at replay speed
 * (7 days in SOAK_REAL_MS), from the start of each recording (historyFraction 0). Reports rows,
 * bytes on disk per print and per candle (each table copied alone into a fresh file with its key,
 * less an empty file), the child's resident memory over the run (it should stay flat), and the
 * REST use against each exchange's budget as the recorder's own hourly lines state it.
 *
 * What the replay holds bounds the week: prints exist for Binance BTCUSDT's 48 recorded hours
 * (and OKX's copy of them); Bybit has no prints nor open interest; candles run the whole week.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { RecordingDb, TABLES } from '../src/cli/recording/db';
import { startReplayServer } from '../tools/replay/server';
import { REPO_ROOT } from '../tools/repoRoot';
import { figure, type FigureSpec } from './summary';

const WEEK = 7 * 86_400_000;
const SOAK_REAL_MS = 6 * 60_000;

/**
 * Sizes: a month of every USDT perpetual of the three exchanges (some 1,300 series, 1m) in one
 * file of under 8 GB of candles (56 M rows): 128 bytes a candle; prints, far fewer, 300 bytes.
 */
export const RECORDER_FIGURES: readonly FigureSpec[] = [
  { name: 'record.soak_bytes_per_print', unit: 'B', op: '<=', target: 300, timed: false },
  { name: 'record.soak_bytes_per_candle', unit: 'B', op: '<=', target: 128, timed: false },
  // Flat: what the process holds at the end over what it held a quarter of the way in.
  { name: 'record.soak_memory_growth', unit: 'MB', op: '<=', target: 20, timed: false },
  { name: 'record.soak_rows', unit: 'rows', op: '>=', target: 1, timed: false },
];

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Bytes a table's rows take alone in a DuckDB file with its key, over an empty such file. */
async function tableBytes(source: string, dir: string, table: string): Promise<number> {
  const empty = join(dir, `empty-${table}.duckdb`);
  const alone = join(dir, `alone-${table}.duckdb`);
  await (await RecordingDb.open(empty)).close();
  await (await RecordingDb.open(alone)).close();
  const instance = await DuckDBInstance.create(alone);
  const c = await instance.connect();
  await c.run(`ATTACH '${source}' AS src (READ_ONLY)`);
  await c.run(`INSERT INTO ${table} SELECT * FROM src.${table}`);
  await c.run('DETACH src');
  await c.run('CHECKPOINT');
  c.closeSync();
  instance.closeSync();
  return statSync(alone).size - statSync(empty).size;
}

export async function benchRecorder(): Promise<void> {
  const speed = WEEK / SOAK_REAL_MS;
  const server = await startReplayServer({ port: 0, speed, historyFraction: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'liqlens-soak-'));
  const db = join(dir, 'soak.duckdb');
  try {
    console.log(`\n## Recorder soak: a simulated week at ×${speed.toFixed(0)} (${SOAK_REAL_MS / 60_000} min), every exchange and symbol of the replay, 5m candles`);
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'bin/liqlens.mjs'), 'record', '--db', db, '--timeframe', '5m', '--source', server.url], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    const samples: { at: number; mb: number }[] = [];
    const started = Date.now();
    const timer = setInterval(() => {
      const mb = rssMb(child.pid!);
      if (mb !== null) samples.push({ at: Date.now() - started, mb });
    }, 5_000);
    await new Promise((r) => setTimeout(r, SOAK_REAL_MS));
    clearInterval(timer);
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGINT');
    const code = await exited;
    if (code !== 0) throw new Error(`liqlens record exited ${code}: ${log.trim().split('\n').slice(-3).join(' | ')}`);

    const open = await RecordingDb.open(db, { readOnly: true });
    const totals = await open.totals();
    const bytes = await open.bytes();
    const perDay = await open.rowsPerDay();
    await open.close();
    const rows = TABLES.reduce((n, t) => n + totals[t], 0);
    console.log(`rows: ${TABLES.map((t) => `${totals[t].toLocaleString('en-US')} ${t}`).join(', ')}; file ${(bytes / 1e6).toFixed(1)} MB`);
    const days = [...new Set(perDay.map((r) => r.day))];
    for (const d of days) console.log(`  ${d}: ${perDay.filter((r) => r.day === d).map((r) => `${r.rows} ${r.table}`).join(', ')}`);
    const perPrint = (await tableBytes(db, dir, 'prints')) / Math.max(1, totals.prints);
    const perCandle = (await tableBytes(db, dir, 'candles')) / Math.max(1, totals.candles);
    console.log(`bytes per print ${perPrint.toFixed(1)}, per candle ${perCandle.toFixed(1)} (each table alone in a file with its key, less an empty file)`);

    const quarter = samples.find((s) => s.at >= SOAK_REAL_MS / 4) ?? samples[0]!;
    const last = samples.at(-1)!;
    const peak = Math.max(...samples.map((s) => s.mb));
    console.log(`recorder RSS: ${samples.map((s) => s.mb.toFixed(0)).join(' ')} MB (every 5 s real = ${((5_000 * speed) / 3_600_000).toFixed(1)} h simulated)`);
    // The recorder's own budget lines, the last of each exchange.
    for (const id of ['binance', 'bybit', 'okx']) {
      const line = [...log.matchAll(new RegExp(`^liqlens record: {3}${id}: .*$`, 'gm'))].at(-1)?.[0];
      if (line) console.log(line.replace('liqlens record:   ', 'last hourly line: '));
    }
    figure('record.soak_rows', rows, `${totals.candles} candles, ${totals.open_interest} open interest, ${totals.prints} prints, ${totals.gaps} gaps in a simulated week`);
    figure('record.soak_bytes_per_print', perPrint, `${totals.prints} prints`);
    figure('record.soak_bytes_per_candle', perCandle, `${totals.candles} candles`);
    figure('record.soak_memory_growth', last.mb - quarter.mb, `RSS ${quarter.mb.toFixed(0)} MB a quarter in, ${last.mb.toFixed(0)} MB at the end, ${peak.toFixed(0)} MB peak`);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
