/** `liqlens score --days`: recorded day folders read as one series, run as a user runs it (real Bybit days). */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecordedDays } from '../../src/cli/dayFolders';

function liqlens(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/liqlens.mjs', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Three shipped Bybit days with a missing one between them: 02-21, (02-22 not recorded), 02-23, 02-24. */
function threeDays(): string {
  const dir = mkdtempSync(join(tmpdir(), 'liqlens-days-'));
  for (const day of ['2024-02-21', '2024-02-23', '2024-02-24']) cpSync(`data/bybit-linear-liq/${day}`, join(dir, day), { recursive: true });
  return dir;
}

describe('recorded day folders', () => {
  it('merge into one series whose coverage skips the day not recorded and starts and ends at prints', async () => {
    const dir = threeDays();
    try {
      const d = await readRecordedDays('score', dir, 'bybit');
      expect(d.symbol).toBe('BTCUSDT');
      expect(d.days.map((x) => x.name)).toEqual(['2024-02-21', '2024-02-23', '2024-02-24']);
      // 02-21's candles plus 02-23's three days before it and its own: every 5m bar once, in order.
      expect(d.candles.every((c, i) => i === 0 || c.time - d.candles[i - 1]!.time === 300_000)).toBe(true);
      expect(d.coverage).toHaveLength(2);
      const [first, second] = d.coverage;
      expect(first![0]).toBe(d.prints[0]!.time);
      expect(first![1]).toBeLessThanOrEqual(Date.UTC(2024, 1, 22));
      expect(second![0]).toBeGreaterThanOrEqual(Date.UTC(2024, 1, 23));
      expect(second![1]).toBe(d.prints.at(-1)!.time + 1);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('are scored per day and pooled, with skill and calibration in --json', () => {
    const dir = threeDays();
    try {
      const r = liqlens('score', '--days', dir, '--exchange', 'bybit', '--json');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.symbol).toBe('BTCUSDT');
      expect(out.skill.days).toBeGreaterThanOrEqual(2);
      expect(out.skill.edgeCi95).not.toBeNull();
      expect(out.calibration.levels).toBeGreaterThan(100);
      expect(out.calibration.coverage80).toBeGreaterThan(0);
      // A snapshot on the day not recorded is still scored on the levels it reached once recording resumed.
      expect(out.perDay.map((d: { day: string }) => d.day)).toContain('2024-02-23');
      const table = liqlens('score', '--days', dir, '--exchange', 'bybit');
      expect(table.stdout).toContain('calibration: the 80 % intervals held');
      expect(table.stdout).toMatch(/^2024-02-23 /m);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('refuses a folder without prints, or --days mixed with --candles, in one line', () => {
    for (const args of [['score', '--days', 'data/bybit-linear'], ['score', '--days', 'data/bybit-linear-liq', '--candles', 'x.csv'], ['score', '--days', 'nope']]) {
      const r = liqlens(...args);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
