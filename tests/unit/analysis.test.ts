/**
 * The analysis path from the background's side: FeedAnalyser → comlink → (a JSON port, as
 * Chrome's runtime ports are) → AnalysisService with the real SMC engine, on real candles.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expose, wrap, type Remote } from 'comlink';
import { describe, expect, it } from 'vitest';
import type { AnalysisApi, AnalysisSummary } from '../../src/analysis/api';
import { runHeatmap } from '../../src/core/heatmap';
import { AnalysisService } from '../../src/analysis/analysisService';
import { portEndpoint, type MessagePortLike } from '../../src/analysis/portEndpoint';
import { FeedAnalyser } from '../../src/background/feedAnalyser';
import { parseCandleCsv } from '../../src/core/candles';
import { runSmc } from '../../src/core/smc';

const candles = parseCandleCsv(gunzipSync(readFileSync('data/bybit-linear/BTCUSDT_15m.csv.gz')).toString()).rows.slice(0, 2_000);

/** Two ends of a runtime-port-like channel that, like Chrome's, carries JSON only. */
function jsonPortPair(): [MessagePortLike, MessagePortLike] {
  const listeners: [Set<(m: unknown) => void>, Set<(m: unknown) => void>] = [new Set(), new Set()];
  const end = (self: 0 | 1): MessagePortLike => ({
    postMessage: (message) => {
      const copy: unknown = JSON.parse(JSON.stringify(message));
      setTimeout(() => listeners[1 - self]!.forEach((l) => l(copy)), 0);
    },
    onMessage: { addListener: (l) => listeners[self].add(l), removeListener: (l) => listeners[self].delete(l) },
  });
  return [end(0), end(1)];
}

function connect(service: AnalysisService): Remote<AnalysisApi> {
  const [workerSide, backgroundSide] = jsonPortPair();
  expose(service, portEndpoint(workerSide));
  return wrap<AnalysisApi>(portEndpoint(backgroundSide));
}

function expectMatchesBatch(summary: AnalysisSummary | null, closedCount: number): void {
  const batch = runSmc(candles.slice(0, closedCount));
  expect(summary).toMatchObject({
    bars: closedCount,
    lastTime: candles[closedCount - 1]!.time,
    counts: {
      swings: batch.swings.length,
      breaks: batch.breaks.length,
      orderBlocks: batch.orderBlocks.length,
      fvgs: batch.fvgs.length,
      equalLevels: batch.equalLevels.length,
      sweeps: batch.sweeps.length,
    },
    trend: batch.trend,
  });
  // The heatmap beside it: the largest cluster each side, as a batch run of the model finds them.
  const heatmap = runHeatmap('volume', candles.slice(0, closedCount)).clusters();
  const largest = (side: 'long' | 'short') => {
    const c = heatmap.find((x) => x.side === side);
    return c ? { price: c.price, distancePct: c.distancePct, share: c.share, ageMs: c.ageMs } : null;
  };
  expect(summary?.heatmap).toEqual({ estimator: 'volume', clusters: heatmap.length, long: largest('long'), short: largest('short') });
}

describe('FeedAnalyser over comlink and a JSON port', () => {
  it('sends history once, then only newly closed candles, and agrees with a batch run', async () => {
    const service = new AnalysisService();
    const remote = connect(service);
    const analyser = new FeedAnalyser(async () => remote);
    expectMatchesBatch(await analyser.update('bybit:BTCUSDT:15m', candles.slice(0, 1_500)), 1_500);
    // Polls that bring no new closed candle, then a few that do, one or several at a time.
    expectMatchesBatch(await analyser.update('bybit:BTCUSDT:15m', candles.slice(0, 1_500)), 1_500);
    expectMatchesBatch(await analyser.update('bybit:BTCUSDT:15m', candles.slice(1, 1_501)), 1_501);
    expectMatchesBatch(await analyser.update('bybit:BTCUSDT:15m', candles.slice(10, 1_510)), 1_510);
  });

  it('sends the whole history again when the Worker lost its state', async () => {
    const remote = connect(new AnalysisService());
    const analyser = new FeedAnalyser(async () => remote);
    await analyser.update('k', candles.slice(0, 1_000));
    await remote.drop('k'); // as if the offscreen document had restarted
    expectMatchesBatch(await analyser.update('k', candles.slice(0, 1_001)), 1_001);
  });
});

describe('AnalysisService', () => {
  it('asks for history it does not have, and never counts a repeated candle twice', () => {
    const service = new AnalysisService();
    expect(service.sync('k', 123, candles.slice(0, 5))).toEqual({ needsHistory: true });
    service.sync('k', null, candles.slice(0, 600));
    const again = service.sync('k', candles[599]!.time, candles.slice(590, 610));
    expect(again).toMatchObject({ bars: 610, lastTime: candles[609]!.time });
  });
});
