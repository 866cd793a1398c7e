/** `liqlens heatmap` and `liqlens score`, run as a user runs them, on the recorded Binance day. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseCandleCsv, parseLiquidationCsv, parseOpenInterestCsv } from '../../src/core/candles';
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
    for (const args of [['heatmap', KLINES, '--leverage', '5'], ['heatmap', 'nope.csv'], ['heatmap', KLINES, '--exchange', 'kraken'], ['heatmap', KLINES, '--oi', PRINTS]]) {
      const r = liqlens(...args);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('liqlens score', () => {
  it('prints the hit rate with its counts, the same as the scorer in process', () => {
    const r = liqlens('score', '--candles', KLINES, '--oi', KLINES, '--prints', PRINTS, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const prints = parseLiquidationCsv(readData(`${W}/BTCUSDT_forceOrder_liquidations.csv.gz`), 'binance').rows;
    expect(out).toEqual({ ...scoreHeatmap('oi', candles, prints, oi), exchange: 'binance' });
    const table = liqlens('score', '--candles', KLINES, '--oi', KLINES, '--prints', PRINTS);
    expect(table.stdout).toMatch(/^all\s+\d+\s+\d+\s+[\d.]+\s+[\d.]+%\s+[\d.]+%$/m);
  });

  it('needs its files', () => {
    const r = liqlens('score', '--candles', KLINES);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: liqlens score');
  });
});
