/**
 * The command line's peak memory on a long file, per byte of input: the commands read CSV as a
 * stream, and a target of 3 × the input holds for what they add to the process, not for Node's
 * own footprint. Each command is measured twice in a child process, on the long file and on its
 * first 1,000 rows; the figure is the difference of the two peaks (the child's maxRSS) over the
 * long file's size.
 *
 * The long file: the shipped Binance spot BTCUSDT 5m file (9,118 real rows) repeated until it
 * reaches 50 MB, about 369,000 rows, each copy's times moved on so that the bars run on evenly
 * at 5 min. Prices and volumes are real; their sequence repeats every 32 days.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REPO_ROOT } from '../tools/repoRoot';
import { figure, type FigureSpec } from './summary';

const COMMANDS: Record<string, (file: string) => string[]> = {
  smc: (file) => ['smc', file],
  heatmap: (file) => ['heatmap', file],
  backtest: (file) => ['backtest', '--candles', file, '--setup', 'sweep-choch'],
};

export const CLI_MEMORY_FIGURES: readonly FigureSpec[] = Object.keys(COMMANDS).map((name) => ({
  name: `cli.${name}_memory`, unit: '× input', op: '<=', target: 3, timed: false,
}));

const TARGET_BYTES = 50_000_000;
const FIVE_MINUTES = 300_000;

/** The long file's text, and the short one's (header and its first 1,000 rows). */
function buildInputs(): { long: string; short: string } {
  const text = gunzipSync(readFileSync(resolve(REPO_ROOT, 'data/binance-spot/BTCUSDT_5m.csv.gz'))).toString('utf8');
  const [header, ...rows] = text.trim().split('\n');
  const start = Date.parse(`${rows[0]!.split(',')[0]!.replace(' ', 'T')}Z`);
  const lines = [header!];
  let bytes = header!.length + 1;
  for (let n = 0; bytes < TARGET_BYTES; n++) {
    const cells = rows[n % rows.length]!.split(',');
    const open = start + n * FIVE_MINUTES;
    cells[0] = new Date(open).toISOString().slice(0, 19).replace('T', ' ');
    cells[6] = `${open + FIVE_MINUTES - 1}.0`;
    const line = cells.join(',');
    lines.push(line);
    bytes += line.length + 1;
  }
  return { long: `${lines.join('\n')}\n`, short: `${lines.slice(0, 1_001).join('\n')}\n` };
}

/** The child's peak resident memory in bytes, from a preload that reports it on exit. */
function peakRss(preload: string, args: string[]): number {
  const run = spawnSync(process.execPath, ['-r', preload, resolve(REPO_ROOT, 'bin/liqlens.mjs'), ...args], {
    cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const peak = /^LIQLENS_PEAK_RSS_KB (\d+)$/m.exec(run.stderr);
  if (run.status !== 0 || !peak) throw new Error(`liqlens ${args[0]} exited ${run.status}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return Number(peak[1]) * 1024;
}

export function benchCliMemory(): void {
  const dir = mkdtempSync(join(tmpdir(), 'liqlens-cli-memory-'));
  try {
    const { long, short } = buildInputs();
    const longFile = join(dir, 'long.csv');
    const shortFile = join(dir, 'short.csv');
    writeFileSync(longFile, long);
    writeFileSync(shortFile, short);
    const preload = join(dir, 'peak.cjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write(`\\nLIQLENS_PEAK_RSS_KB ${process.resourceUsage().maxRSS}\\n`));\n");
    const rows = long.split('\n').length - 2;
    console.log(`\n## CLI memory: ${(long.length / 1e6).toFixed(1)} MB, ${rows.toLocaleString('en-US')} 5m rows (shipped spot BTCUSDT 5m repeated), Node ${process.version}`);
    for (const [name, args] of Object.entries(COMMANDS)) {
      const big = peakRss(preload, args(longFile));
      const small = peakRss(preload, args(shortFile));
      const ratio = (big - small) / long.length;
      console.log(`liqlens ${name}: peak ${(big / 1e6).toFixed(0)} MB on the long file, ${(small / 1e6).toFixed(0)} MB on its first 1,000 rows: ${ratio.toFixed(2)} × the input`);
      figure(`cli.${name}_memory`, ratio, `peak RSS ${(big / 1e6).toFixed(0)} MB − ${(small / 1e6).toFixed(0)} MB on 1,000 rows, over a ${(long.length / 1e6).toFixed(0)} MB file`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
