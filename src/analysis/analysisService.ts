/**
 * The Worker side of the analysis: one incremental SMC engine per series, fed closed candles
 * only, so that what it reports never repaints. Plain TypeScript, so it is tested in Node.
 */
import { SmcEngine } from '../core/smc';
import type { Candle } from '../core/types';
import type { AnalysisApi, AnalysisSummary, NeedsHistory } from './api';

interface Series {
  engine: SmcEngine;
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
      series = { engine: new SmcEngine(), lastTime: Number.NEGATIVE_INFINITY, bars: 0 };
      this.series.set(key, series);
    } else if (!series || series.lastTime !== after) {
      return { needsHistory: true };
    }
    for (const candle of candles) {
      if (candle.time <= series.lastTime) continue; // already analysed: a repeat never counts twice
      series.engine.append(candle);
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
      computeMicros: Math.round((this.clock() - started) * 1000),
    };
  }
}
