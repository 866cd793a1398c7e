/**
 * Every command on bad input, run as a user runs it: rows with impossible prices are refused and
 * counted by reason, files left with too few good rows say what was refused, gzip bombs and
 * corrupt files are named as such, uneven spacing is reported, and no stack trace is printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { maxInputBytes } from '../../src/cli/files';

const dir = mkdtempSync(join(tmpdir(), 'liqlens-bad-'));
const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

function liqlens(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/liqlens.mjs', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** `n` sound 1m candles drifting up, as CSV rows (no header). */
function goodRows(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => {
    const k = from + i;
    const base = 100 + Math.sin(k / 3) * 5 + k * 0.01;
    return `${T0 + k * MIN},${base},${base + 2},${base - 2},${base + 0.5},${10 + (k % 7)}`;
  });
}
const HEADER = 'time,open,high,low,close,volume';
/** One bad row per reason, at minutes 1000.. (after the good rows, in time order). */
const BAD = [
  `${T0 + 1000 * MIN},0,0,0,0,1`, // zero price
  `${T0 + 1001 * MIN},-95,-90,-100,-95,1`, // negative prices
  `${T0 + 1002 * MIN},100,90,110,100,1`, // high below low
  `${T0 + 1003 * MIN},1e300,1e300,1e300,1e300,1`, // absurd magnitude
  `${T0 + 1004 * MIN},NaN,1,1,1,1`, // not a number
  `${T0 + 1005 * MIN},1e-320,1e-320,1e-320,1e-320,1`, // subnormal
];
const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at |Error:|node:internal/m);

const PRINTS_HEADER = 'Symbol,Side,Order Type,Time,Quantity,Price';
const prints = file('prints.csv', [PRINTS_HEADER, ...Array.from({ length: 20 }, (_, i) => `BTCUSDT,${i % 2 ? 'BUY' : 'SELL'},LIMIT,${T0 + (i * 10 + 5) * MIN},0.5,${100 + (i % 5)}`),
  `BTCUSDT,SELL,LIMIT,${T0 + 500 * MIN},1e300,1e300`, `BTCUSDT,SELL,LIMIT,${T0 + 501 * MIN},1,-3`, `BTCUSDT,SELL,LIMIT,${T0 + 502 * MIN},-0,100`].join('\n'));
const mixed = file('mixed.csv', [HEADER, ...goodRows(300), ...BAD].join('\n'));
const onlyBad = file('bad.csv', [HEADER, ...BAD].join('\n'));

describe('rows with impossible prices, in every command that reads candles', () => {
  const commands: [string, string[]][] = [
    ['smc', ['smc', mixed, '--swing-length', '5']],
    ['heatmap', ['heatmap', mixed]],
    ['score', ['score', '--candles', mixed, '--prints', prints, '--json']],
    ['backtest', ['backtest', '--candles', mixed, '--setup', 'magnet', '--json']],
  ];
  it.each(commands)('%s refuses and counts them, says why in one line, and runs on the good rows', (_name, args) => {
    const r = liqlens(...args);
    expect(r.code).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.includes('mixed.csv: skipped'));
    expect(line).toContain(`skipped 6 bad row(s), first at line 302: open 0 is not positive; by reason: `);
    for (const reason of ['2 × open is not positive', '1 × high is below low', '2 × open is out of range', '1 × open is not a number']) expect(line).toContain(reason);
    noStack(r.stderr);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it('a file with no good candle says how many rows were refused and for what, in one line', () => {
    for (const args of [['smc', onlyBad], ['heatmap', onlyBad], ['score', '--candles', onlyBad, '--prints', prints], ['backtest', '--candles', onlyBad, '--setup', 'magnet']]) {
      const r = liqlens(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('bad.csv: no candles: refused 6 bad row(s), first at line 2: open 0 is not positive; by reason: 2 × open is not positive');
    }
  });

  it('backtest with a single good candle says it needs two, and what the others were refused for', () => {
    const one = file('one.csv', [HEADER, ...goodRows(1), ...BAD].join('\n'));
    const r = liqlens('backtest', '--candles', one, '--setup', 'sweep-choch');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^liqlens backtest: .*one\.csv: only 1 good candles, 2 needed: refused 6 bad row\(s\), first at line 3: .*by reason: .*1 × high is below low/);
  });

  it('prints with impossible numbers are refused and counted too', () => {
    const r = liqlens('score', '--candles', mixed, '--prints', prints);
    expect(r.code).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.includes('prints.csv: skipped'))!;
    expect(line).toContain('skipped 3 bad row(s), first at line 22: price 1e+300 is out of range (1e-12 to 1e9)');
    expect(line).toContain('1 × price is not positive');
    expect(line).toContain('1 × quantity is not positive');
  });

  it('open interest with impossible numbers is refused and counted', () => {
    const oi = file('oi.csv', ['timestamp,sumOpenInterest', `${T0},5000`, `${T0 + 5 * MIN},1e300`, `${T0 + 10 * MIN},-4`, `${T0 + 15 * MIN},5100`].join('\n'));
    const r = liqlens('heatmap', mixed, '--oi', oi);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('oi.csv: skipped 2 bad row(s), first at line 3: open interest 1e+300 is out of range (above 1e15); by reason: 1 × open interest is out of range, 1 × open interest is negative');
  });
});

describe('files that are not what they claim', () => {
  it('a gzip bomb is stopped at the cap, and called too large, not invalid', () => {
    // One row repeated compresses about 1000:1: a small file that inflates past the cap, which the
    // test lowers to 4 MB (LIQLENS_MAX_INPUT_MB) so as not to inflate the default 256 MB.
    const row = Buffer.from(`${T0},1,1,1,1,1\n`);
    const body = Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.alloc(5 * 1024 * 1024, row)]);
    const bomb = file('bomb.csv.gz', gzipSync(body, { level: 9 }));
    expect(statSync(bomb).size).toBeLessThan(50_000);
    const r = spawnSync(process.execPath, ['bin/liqlens.mjs', 'smc', bomb], { encoding: 'utf8', env: { ...process.env, LIQLENS_MAX_INPUT_MB: '4' } });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`liqlens smc: ${bomb}: too large: it inflates to more than 4 MB of text, the most liqlens reads from one file (LIQLENS_MAX_INPUT_MB sets it)`);
    expect(maxInputBytes({})).toBe(256 * 1024 * 1024);
    // Without line endings it is refused sooner, at its first megabyte, for what it is.
    const zeros = file('zeros.csv.gz', gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 }));
    const z = liqlens('heatmap', zeros);
    expect(z.code).toBe(2);
    expect(z.stderr.trim()).toBe(`liqlens heatmap: ${zeros}: line 1 is longer than 1 MB: not a CSV file`);
  });

  it('a corrupt gzip file, a binary file, a directory and an empty file each get one line and no stack trace', () => {
    const good = gzipSync([HEADER, ...goodRows(50)].join('\n'));
    const corrupt = file('corrupt.csv.gz', Buffer.concat([good.subarray(0, 40), Buffer.from('garbage that is not deflate data at all')]));
    const binary = file('binary.csv', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)));
    const folder = join(dir, 'folder.csv');
    mkdirSync(folder, { recursive: true });
    const empty = file('empty.csv', '');
    const cases: [string, RegExp][] = [
      [corrupt, /corrupt\.csv\.gz: not a valid gzip file/],
      [binary, /binary\.csv: no candles \(line 1: missing columns/],
      [folder, /cannot read .*folder\.csv: EISDIR/],
      [empty, /empty\.csv: no candles \(line 1: no data: the text is empty\)/],
    ];
    for (const [path, message] of cases) {
      for (const args of [['smc', path], ['heatmap', path], ['backtest', '--candles', path, '--setup', 'magnet']]) {
        const r = liqlens(...args);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(message);
        noStack(r.stderr);
      }
    }
  });

  it('uneven candle spacing is reported with where it first happens', () => {
    const rows = [...goodRows(100), ...goodRows(100, 160), ...goodRows(1, 1_000_000)];
    const uneven = file('uneven.csv', [HEADER, ...rows].join('\n'));
    const r = liqlens('smc', uneven, '--swing-length', '5');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('uneven.csv: uneven spacing: 2 of 200 steps are not the usual 1 min (first: 61 min from 2026-01-01T01:39:00.000Z to 2026-01-01T02:40:00.000Z)');
    const two = file('two.csv', [HEADER, ...goodRows(1), ...goodRows(1, 104_271_668)].join('\n'));
    const b = liqlens('backtest', '--candles', two, '--setup', 'magnet');
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('2 candles of 104271668 min');
    expect(b.stderr).not.toContain('uneven'); // two candles have one step: nothing to compare it with
  });
});
