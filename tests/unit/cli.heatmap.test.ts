/** `liqlens heatmap` and `liqlens score`, run as a user runs them, on the recorded Binance day. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCandleCsv, parseOpenInterestCsv } from '../../src/core/candles';
import { parseLiquidationCsv } from '../../src/exchanges/liquidationCsv';
import { runHeatmap, scoreHeatmap } from '../../src/core/heatmap';
import { readData } from './dataFiles';

const W = 'binance-usdm/window-2023-11-27';
const KLINES = `data/${W}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`;
const PRINTS = `data/${W}/BTCUSDT_forceOrder_liquidations.csv.gz`;

function liqlens(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/liqlens.mjs', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const candles = parseCandleCsv(readData(`${W}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`)).rows;
const oiByTime = new Map(parseOpenInterestCsv(readData(`${W}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`)).rows.map((r) => [r.time, r.openInterest]));
const oi = candles.map((c) => oiByTime.get(c.time));

describe('liqlens heatmap', () => {
  it('prints the contract JSON: the oi estimator with --oi, its profile and clusters', () => {
    const r = liqlens('heatmap', KLINES, '--oi', KLINES);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const engine = runHeatmap('oi', candles, oi);
    expect(out.estimator).toBe('oi');
    expect(out.buckets).toEqual(engine.profile());
    expect(Object.keys(out.buckets[0]).sort()).toEqual(['long', 'price', 'short']);
    expect(out.clusters.length).toBeGreaterThan(0);
    for (const c of out.clusters) {
      expect(c).toMatchObject({ price: expect.any(Number), side: expect.stringMatching(/^(long|short)$/), notional: expect.any(Number), distancePct: expect.any(Number) });
      expect(Math.sign(c.distancePct)).toBe(c.side === 'long' ? -1 : 1);
    }
  });

  it('uses the volume estimator without open interest, and refuses bad input in one line', () => {
    const eth = JSON.parse(liqlens('heatmap', 'data/bybit-linear/ETHUSDT_15m.csv.gz', '--exchange', 'bybit').stdout);
    expect(eth.estimator).toBe('volume');
    expect(eth.magnets.zones).toBeGreaterThanOrEqual(eth.magnets.complete);
    expect(eth.magnets.complete).toBeGreaterThanOrEqual(Math.max(eth.magnets.reached, eth.magnets.mirrorReached));
    for (const args of [['heatmap', KLINES, '--leverage', '5'], ['heatmap', 'nope.csv'], ['heatmap', KLINES, '--exchange', 'mtgox'], ['heatmap', KLINES, '--oi', PRINTS]]) {
      const r = liqlens(...args);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('liqlens score', () => {
  const prints = parseLiquidationCsv(readData(`${W}/BTCUSDT_forceOrder_liquidations.csv.gz`), 'binance').rows;

  it('carries the skill object beside the hit rate, each print at its trigger price', () => {
    const r = liqlens('score', '--candles', KLINES, '--oi', KLINES, '--prints', PRINTS, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out.skill).sort()).toEqual(['alpha', 'baseline', 'baselineKind', 'days', 'edge', 'edgeCi95', 'model', 'priceBasis', 'prints', 'raw', 'snapshots'].sort());
    // One day: the map has no law of its own yet, so every forecast is the exchange's prior.
    expect(out.calibration.levels).toBeGreaterThan(100);
    expect(out.calibration.priorLevels).toBe(out.calibration.levels);
    expect(out.perDay.length).toBeGreaterThan(0);
    expect(out.skill.priceBasis).toBe('order-to-trigger');
    expect(out.skill.edge).toBeCloseTo(out.skill.model - out.skill.baseline, 12);
    expect(['model-distance', 'market-distance']).toContain(out.skill.baselineKind);
    expect(out.skill.days).toBe(1);
    expect(out.skill.edgeCi95).toBeNull(); // one day: no interval is claimed
    // The secondary hit rate scores the same prints mapped to their trigger prices (first tier, 0.4 %).
    const atTrigger = prints.map((p) => ({ ...p, price: p.side === 'long' ? p.price / 0.996 : p.price / 1.004 }));
    const { estimator, long, short, all, unscored } = scoreHeatmap('oi', candles, atTrigger, oi);
    expect(out).toMatchObject({ exchange: 'binance', symbol: 'BTCUSDT', estimator, long, short, all, unscored });
    const table = liqlens('score', '--candles', KLINES, '--oi', KLINES, '--prints', PRINTS);
    expect(table.stdout).toMatch(/^all\s+\d+\s+\d+\s+[\d.]+\s+[\d.]+%\s+[\d.]+%$/m);
    expect(table.stdout).toMatch(/model-distance baseline|market-distance baseline/);
    expect(table.stdout).toContain('NOT shown to be better than distance from price alone');
  });

  it('reads consecutive days as one concatenated file, and --score-from scores only what follows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liqlens-score-'));
    const day2 = 'binance-usdm/window-2023-11-28';
    const klines = join(dir, 'klines.csv');
    const both = join(dir, 'prints.csv');
    writeFileSync(klines, readData(`${W}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`) + readData(`${day2}/BTCUSDT_perp_1m_klines_with_oi.csv.gz`));
    writeFileSync(both, readData(`${W}/BTCUSDT_forceOrder_liquidations.csv.gz`) + readData(`${day2}/BTCUSDT_forceOrder_liquidations.csv.gz`));
    const whole = liqlens('score', '--candles', klines, '--oi', klines, '--prints', both, '--json');
    // The second header is a seam, not a refused row (the recording's gaps are reported as such).
    expect(whole.stderr).toMatch(/uneven spacing/);
    expect(whole.stderr).not.toMatch(/refused|skipped|header/i);
    const from = liqlens('score', '--candles', klines, '--oi', klines, '--prints', both, '--score-from', '2023-11-28T06:15Z', '--json');
    const a = JSON.parse(whole.stdout);
    const b = JSON.parse(from.stdout);
    expect(a.skill.days).toBe(2);
    expect(a.skill.edgeCi95).toHaveLength(2);
    expect(b.skill.days).toBe(1);
    expect(b.skill.snapshots).toBeLessThan(a.skill.snapshots);
    expect(b.all.prints).toBeLessThan(a.all.prints);
    const bad = liqlens('score', '--candles', klines, '--prints', both, '--score-from', 'yesterday');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('needs its files', () => {
    const r = liqlens('score', '--candles', KLINES);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: liqlens score');
  });
});
