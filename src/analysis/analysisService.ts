/**
 * The Worker side of the analysis: per series, one incremental SMC engine and one heatmap model,
 * fed closed candles only, so that what they report never repaints. Plain TypeScript, so it is
 * tested in Node.
 */
import { HeatmapEngine, PrintScorer, type Cluster } from '../core/heatmap';
import { SmcEngine } from '../core/smc';
import type { Candle, LiquidationPrint } from '../core/types';
import type { AnalysisApi, AnalysisSummary, ClusterSummary, NeedsHistory, SyncExtras } from './api';

interface Series {
  engine: SmcEngine;
  /** The open-interest estimator where the first sync brought open interest, else the volume one. */
  heatmap: HeatmapEngine;
  scorer: PrintScorer;
  /** Prints waiting for the candle they fell in to be the next one appended. */
  pendingPrints: LiquidationPrint[];
  /** Newest print time taken, so a print sent twice is scored once. */
  lastPrintTime: number;
  seenAtLastPrintTime: Set<string>;
  late: number;
  lastTime: number;
  bars: number;
}

export class AnalysisService implements AnalysisApi {
  private readonly series = new Map<string, Series>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  sync(key: string, after: number | null, candles: Candle[], extras: SyncExtras = {}): AnalysisSummary | NeedsHistory {
    const started = this.clock();
    let series = this.series.get(key);
    if (after === null) {
      const hasOpenInterest = extras.openInterest?.some((x) => x !== null) ?? false;
      series = {
        engine: new SmcEngine(),
        heatmap: new HeatmapEngine(hasOpenInterest ? 'oi' : 'volume'),
        scorer: new PrintScorer(),
        pendingPrints: [],
        lastPrintTime: Number.NEGATIVE_INFINITY,
        seenAtLastPrintTime: new Set(),
        late: 0,
        lastTime: Number.NEGATIVE_INFINITY,
        bars: 0,
      };
      this.series.set(key, series);
    } else if (!series || series.lastTime !== after) {
      return { needsHistory: true };
    }
    const candleMs = extras.candleMs ?? (candles.length > 1 ? candles[1]!.time - candles[0]!.time : 60_000);
    this.takePrints(series, extras.prints ?? [], candleMs);
    candles.forEach((candle, i) => {
      if (candle.time <= series.lastTime) return; // already analysed: a repeat never counts twice
      // Prints that came before this candle closed are scored against the model as it was.
      this.scoreBefore(series, candle.time + candleMs);
      series.engine.append(candle);
      series.heatmap.append(candle, extras.openInterest?.[i] ?? undefined);
      series.lastTime = candle.time;
      series.bars++;
    });
    return this.summary(series, started);
  }

  drop(key: string): void {
    this.series.delete(key);
  }

  /** Queues new prints; one whose candle was already analysed cannot be scored without look-ahead. */
  private takePrints(series: Series, prints: readonly LiquidationPrint[], candleMs: number): void {
    const analysedUpTo = series.lastTime + candleMs;
    for (const p of prints) {
      if (p.time < series.lastPrintTime || (p.time === series.lastPrintTime && series.seenAtLastPrintTime.has(p.id))) continue;
      if (p.time > series.lastPrintTime) series.seenAtLastPrintTime.clear();
      series.lastPrintTime = p.time;
      series.seenAtLastPrintTime.add(p.id);
      if (series.bars > 0 && p.time < analysedUpTo) series.late++;
      else series.pendingPrints.push(p);
    }
  }

  private scoreBefore(series: Series, closeTime: number): void {
    let n = 0;
    while (n < series.pendingPrints.length && series.pendingPrints[n]!.time < closeTime) series.scorer.add(series.heatmap, series.pendingPrints[n++]!);
    if (n > 0) series.pendingPrints.splice(0, n);
  }

  private summary(series: Series, started: number): AnalysisSummary {
    const { bars: _bars, ...counts } = series.engine.counts();
    return {
      bars: series.bars,
      lastTime: series.lastTime,
      counts,
      trend: series.engine.trend(),
      heatmap: heatmapSummary(series),
      computeMicros: Math.round((this.clock() - started) * 1000),
    };
  }
}

function heatmapSummary(series: Series): AnalysisSummary['heatmap'] {
  const heatmap = series.heatmap;
  const clusters = heatmap.clusters();
  // The largest cluster of each side (clusters() ranks each side by notional).
  const first = (side: 'long' | 'short'): ClusterSummary | null => {
    const c: Cluster | undefined = clusters.find((x) => x.side === side);
    return c ? { price: c.price, distancePct: c.distancePct, share: c.share, ageMs: c.ageMs } : null;
  };
  // Prints of the candle still open are scored once it closes; those shown are the ones scored.
  const { all } = series.scorer.result();
  return {
    estimator: heatmap.estimator,
    clusters: clusters.length,
    long: first('long'),
    short: first('short'),
    score: { prints: all.prints, hitRate: all.hitRate, chance: all.chance, late: series.late },
  };
}
