/**
 * The engine's output, byte for byte, on the real recordings: a digest of the JSON of every batch
 * run (several settings), of every event stream of appends and of previews. The digests were
 * taken from the engine before the speed work of issue 23 (main at a94c41b), so a faster engine
 * must mark exactly what the old one did. Change a digest only when the output is meant to
 * change, and say why in the commit.
 */
import { describe, expect, it } from 'vitest';
import type { SmcListName } from '../../src/core/smc/types';
import { batchDigest, GOLDEN_SETTINGS, streamDigest } from './smcGolden';

/**
 * The lists the digests below cover: every list the engine had when they were taken. A detector
 * added since leaves them as they are (smcGolden.ts covers only the lists named); its own output
 * is its test's to pin.
 */
const LISTS: readonly SmcListName[] = ['swings', 'breaks', 'orderBlocks', 'fvgs', 'equalLevels', 'sweeps'];
/** [file, settings] → digest of runSmc's JSON. */
const BATCH: [string, string, string][] = [
  ['data/smc-peer-eurusd/EURUSD_15M.csv.gz', 'defaults', '13171384510e9e5b'],
  ['data/smc-peer-eurusd/EURUSD_15M.csv.gz', 'peer', 'e705c5a4559c5cf5'],
  ['data/smc-peer-eurusd/EURUSD_15M.csv.gz', 'other', '47aeb576403456b4'],
  ['data/bybit-linear/BTCUSDT_5m.csv.gz', 'defaults', '2d50abfb030e7c02'],
  ['data/bybit-linear/BTCUSDT_5m.csv.gz', 'other', '9b5d51084cd3945c'],
  ['data/bybit-linear/ETHUSDT_15m.csv.gz', 'defaults', 'd19221cadb088c7d'],
  ['data/bybit-linear/BTCUSDT_240m.csv.gz', 'defaults', '6c0bf35fe937a62b'],
  ['data/binance-spot/ETHUSDT_5m.csv.gz', 'defaults', '6bdaf0dd545cd96a'],
  ['data/binance-spot/ETHUSDT_5m.csv.gz', 'other', 'c203cc30ee2e8b3f'],
];

/** [file, settings] → digest of every append's events, a preview of each 7th candle and an external level. */
const STREAM: [string, string, string][] = [
  ['data/bybit-linear/ETHUSDT_5m.csv.gz', 'defaults', 'fc126e6eaad6864f'],
  ['data/smc-peer-eurusd/EURUSD_15M.csv.gz', 'other', '22d00bc8fd009734'],
];

describe('the engine marks exactly what it marked before the speed work', () => {
  it.each(BATCH)('runSmc on %s, %s settings', (file, settings, digest) => {
    expect(batchDigest(file, settings, LISTS)).toBe(digest);
  });

  it.each(STREAM)('appends and previews on %s, %s settings', (file, settings, digest) => {
    expect(streamDigest(file, settings, LISTS)).toBe(digest);
  });

  it('covers settings that exist', () => {
    for (const [, settings] of [...BATCH, ...STREAM]) expect(GOLDEN_SETTINGS).toHaveProperty([settings]);
  });
});
