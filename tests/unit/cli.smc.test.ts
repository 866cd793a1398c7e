/** `liqlens smc`, run as a user runs it: a child process on a real file, JSON on stdout. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runSmc } from '../../src/core/smc';
import { realCandles } from './smcFixtures';

function liqlens(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/liqlens.mjs', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('liqlens smc', () => {
  it('prints the contract JSON for a real file, indices being file rows', () => {
    const file = 'data/bybit-linear/ETHUSDT_15m.csv.gz';
    const r = liqlens('smc', file, '--swing-length', '20', '--internal-length', '3');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const candles = realCandles(file);
    const batch = runSmc(candles, { swingLength: 20, internalLength: 3 });
    expect(out.bars).toBe(candles.length);
    // Every list whole (the command writes them as it maps them).
    expect(out.swings).toHaveLength(batch.swings.filter((s) => s.scope === 'swing').length);
    expect(out.internalSwings).toHaveLength(batch.swings.filter((s) => s.scope === 'internal').length);
    expect(out.fvgs).toHaveLength(batch.fvgs.length);
    expect(out.breaks.length + out.internalBreaks.length).toBe(batch.breaks.length);
    expect(out.orderBlocks).toHaveLength(batch.orderBlocks.filter((o) => o.scope === 'swing').length);
    expect(out.equalLevels).toHaveLength(batch.equalLevels.length);
    expect(out.sweeps).toHaveLength(batch.sweeps.length);
    const swing = out.swings[3];
    expect(Object.keys(swing).sort()).toEqual(['confirmIndex', 'index', 'kind', 'price', 'time']);
    expect(swing.confirmIndex - swing.index).toBe(20);
    expect(swing.price).toBe(swing.kind === 'high' ? candles[swing.index]!.high : candles[swing.index]!.low);
    const gap = out.fvgs.find((g: { dir: number }) => g.dir === 1);
    expect(gap.bottom).toBe(candles[gap.index - 1]!.high);
    expect(gap.top).toBe(candles[gap.index + 1]!.low);
    expect(out.breaks[0]).toMatchObject({ kind: expect.stringMatching(/^(BOS|CHoCH)$/), dir: expect.any(Number), level: expect.any(Number) });
    for (const key of ['orderBlocks', 'equalLevels', 'sweeps']) expect(Array.isArray(out[key])).toBe(true);
    expect(out.orderBlocks[0]).toHaveProperty('mitigatedIndex');
  });

  it('keeps file-row indices when it skips a bad row, and says so on stderr', () => {
    const r = liqlens('smc', 'data/binance-usdm/window-2023-11-27/BTCUSDT_5m_derived_from_1m.csv.gz', '--swing-length', '3');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipped 1 bad row\(s\), first at line 256/);
    const out = JSON.parse(r.stdout);
    expect(out.bars).toBe(287);
    // Row 254 (line 256) is the empty bucket: nothing may point at it, and rows after it keep their numbers.
    const indices = [...out.swings, ...out.fvgs].map((o: { index: number }) => o.index);
    expect(indices).not.toContain(254);
    expect(Math.max(...indices)).toBeGreaterThan(254);
  });

  it('fails with one line for an unknown flag, a missing file and a file without candles', () => {
    for (const args of [['smc', 'data/bybit-linear/BTCUSDT_15m.csv.gz', '--bogus'], ['smc', 'no-such-file.csv'], ['smc', 'package.json'], ['smc']]) {
      const r = liqlens(...args);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('liqlens'))).toHaveLength(1);
    }
  });
});
