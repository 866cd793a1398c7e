/**
 * Runs the setups over candles exactly as the extension's Worker does: the same SMC engine and
 * heatmap model, appended one closed candle at a time, the detectors seeing only what those
 * engines said up to that candle. Used by the backtest; the Worker runs the same steps live.
 */
import type { Candle, ExchangeId, LiquidationPrint } from '../types';
import { HeatmapEngine, MagnetTracker } from '../heatmap';
import { SmcEngine, type Direction } from '../smc';
import { Atr } from '../smc/atr';
import { MagnetTradeDetector } from './magnetTrade';
import type { MagnetTradeSettings, SweepChochSettings } from './settings';
import { SweepChochDetector } from './sweepChoch';
import type { Setup, SetupCluster } from './types';

export type SetupKind = Setup['kind'];

export interface RunnerOptions {
  exchange?: ExchangeId;
  /** Open interest at each candle's close (base coin): the open-interest model; else the volume one. */
  openInterest?: readonly (number | undefined)[];
  /** A higher timeframe's candles, for the trend confluence (each taken once it has closed). */
  htf?: readonly Candle[];
  /** Realized liquidations, for the "liquidated on the sweep" confluence. */
  prints?: readonly LiquidationPrint[];
  sweepChoch?: Partial<SweepChochSettings>;
  magnet?: Partial<MagnetTradeSettings>;
}

export class SetupRunner {
  readonly smc = new SmcEngine();
  readonly heatmap: HeatmapEngine;
  private readonly magnets = new MagnetTracker();
  private readonly atr = new Atr(14);
  private readonly sweep: SweepChochDetector;
  private readonly magnet: MagnetTradeDetector;
  private readonly htf: SmcEngine | null;
  private htfNext = 0;
  private readonly htfMs: number;
  private printNext = 0;
  private index = -1;
  private clusters: SetupCluster[] = [];
  private lastAtr = Number.NaN;
  private prevClose: number | undefined;

  constructor(private readonly candleMs: number, private readonly options: RunnerOptions = {}) {
    this.heatmap = new HeatmapEngine(options.openInterest?.some((x) => x !== undefined) ? 'oi' : 'volume');
    this.sweep = new SweepChochDetector(options.sweepChoch);
    this.magnet = new MagnetTradeDetector(options.magnet);
    const htf = options.htf ?? [];
    this.htf = htf.length > 1 ? new SmcEngine() : null;
    this.htfMs = htf.length > 1 ? htf[1]!.time - htf[0]!.time : 0;
  }

  /** One closed candle; returns the setups it completed, of the kinds asked for. */
  append(candle: Candle, kinds: ReadonlySet<SetupKind>): Setup[] {
    const index = ++this.index;
    const smc = this.smc.append(candle);
    const activeZones = this.magnets.active(candle.time);
    const step = {
      index,
      candle,
      clustersBefore: this.clusters,
      smc,
      atr: this.lastAtr,
      htfTrend: this.htfTrend(candle.time + this.candleMs),
      printed: this.printed(candle.time, candle.time + this.candleMs),
    };
    const setups: Setup[] = [];
    if (kinds.has('sweep-choch')) setups.push(...this.sweep.step(step));
    if (kinds.has('magnet')) setups.push(...this.magnet.step(step, activeZones));
    // Then the model takes the candle, ready for the next one.
    this.heatmap.append(candle, this.options.openInterest?.[index]);
    const clusters = this.heatmap.clusters();
    this.magnets.update(candle, clusters);
    const exchange = this.options.exchange ?? 'binance';
    this.clusters = clusters.map((c) => ({
      side: c.side, price: c.price, low: c.low, high: c.high, share: c.share,
      notional: this.heatmap.estimator === 'oi' ? c.notional : null, exchanges: [exchange],
    }));
    this.lastAtr = this.atr.update(candle.high, candle.low, this.prevClose);
    this.prevClose = candle.close;
    return setups;
  }

  /** The higher timeframe's swing trend from its candles closed by `until`. */
  private htfTrend(until: number): Direction | 0 | undefined {
    if (!this.htf) return undefined;
    const htf = this.options.htf!;
    while (this.htfNext < htf.length && htf[this.htfNext]!.time + this.htfMs <= until) this.htf.append(htf[this.htfNext++]!);
    return this.htf.trend().swing;
  }

  private printed(from: number, to: number): { long: number; short: number } | undefined {
    const prints = this.options.prints;
    if (!prints) return undefined;
    const sum = { long: 0, short: 0 };
    while (this.printNext < prints.length && prints[this.printNext]!.time < from) this.printNext++;
    for (let i = this.printNext; i < prints.length && prints[i]!.time < to; i++) sum[prints[i]!.side] += prints[i]!.notional;
    return sum;
  }
}

/** Every setup of the given kinds over the candles. */
export function runSetups(candles: readonly Candle[], candleMs: number, kinds: ReadonlySet<SetupKind>, options: RunnerOptions = {}): { setups: Setup[]; estimator: HeatmapEngine['estimator'] } {
  const runner = new SetupRunner(candleMs, options);
  const setups = candles.flatMap((c) => runner.append(c, kinds));
  return { setups, estimator: runner.heatmap.estimator };
}
