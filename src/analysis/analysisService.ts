/**
 * The Worker side of the analysis: per series, one incremental SMC engine and one heatmap model,
 * fed closed candles only, so that what they report never repaints. Plain TypeScript, so it is
 * tested in Node.
 */
import { HeatmapEngine, type Cluster } from '../core/heatmap';
import { SmcEngine } from '../core/smc';
import type { Candle } from '../core/types';
import type { AnalysisApi, AnalysisSummary, ClusterSummary, NeedsHistory } from './api';

interface Series {
  engine: SmcEngine;
  /** Candles only reach the Worker: the volume estimator (open interest is a later input). */
  heatmap: HeatmapEngine;
  lastTime: number;
  bars: number;
}

export class AnalysisService implements AnalysisApi {
  private readonly series = new Map<string, Series>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  sync(key: string, after: number | null, candles: Candle[]): AnalysisSummary | NeedsHistory {
    const started = this.clock();
    let series = this.series.get(key);
    if (after === null) {
      series = { engine: new SmcEngine(), heatmap: new HeatmapEngine('volume'), lastTime: Number.NEGATIVE_INFINITY, bars: 0 };
      this.series.set(key, series);
    } else if (!series || series.lastTime !== after) {
      return { needsHistory: true };
    }
    for (const candle of candles) {
      if (candle.time <= series.lastTime) continue; // already analysed: a repeat never counts twice
      series.engine.append(candle);
      series.heatmap.append(candle);
      series.lastTime = candle.time;
      series.bars++;
    }
    return this.summary(series, started);
  }

  drop(key: string): void {
    this.series.delete(key);
  }

  private summary(series: Series, started: number): AnalysisSummary {
    const { bars: _bars, ...counts } = series.engine.counts();
    return {
      bars: series.bars,
      lastTime: series.lastTime,
      counts,
      trend: series.engine.trend(),
      heatmap: heatmapSummary(series.heatmap),
      computeMicros: Math.round((this.clock() - started) * 1000),
    };
  }
}

function heatmapSummary(heatmap: HeatmapEngine): AnalysisSummary['heatmap'] {
  const clusters = heatmap.clusters();
  // The largest cluster of each side (clusters() ranks each side by notional).
  const first = (side: 'long' | 'short'): ClusterSummary | null => {
    const c: Cluster | undefined = clusters.find((x) => x.side === side);
    return c ? { price: c.price, distancePct: c.distancePct, share: c.share, ageMs: c.ageMs } : null;
  };
  return { estimator: heatmap.estimator, clusters: clusters.length, long: first('long'), short: first('short') };
}
