/**
 * Runs the setups over candles exactly as the extension's Worker does: one SMC engine and one
 * heatmap model, appended one closed candle at a time, the detectors seeing only what those
 * engines said up to that candle. The Worker's analysis of a series is this runner; the
 * backtest drives the same runner over a file.
 */
import type { CandleSeries } from '../candles/columns';
import type { Candle, ExchangeId, LiquidationPrint } from '../types';
import { EXCHANGE_IDS } from '../exchangeIds';
import { HeatmapEngine, MagnetTracker, type Cluster, type Estimator, type HeatmapParams } from '../heatmap';
import { SmcEngine, type Direction, type SmcEvent } from '../smc';
import { Atr } from '../smc/atr';
import { MagnetTradeDetector } from './magnetTrade';
import type { MagnetTradeSettings, SweepChochSettings } from './settings';
import { SweepChochDetector } from './sweepChoch';
import type { Setup, SetupCluster } from './types';

export type SetupKind = Setup['kind'];
export const SETUP_KINDS: readonly SetupKind[] = ['sweep-choch', 'magnet'];

export interface RunnerOptions {
  exchange?: ExchangeId;
  estimator?: Estimator;
  /** The heatmap model's parameters (the options page's), over the defaults. */
  heatmapParams?: Partial<HeatmapParams>;
  kinds?: ReadonlySet<SetupKind>;
  /** A higher timeframe's candles, for the trend confluence (each taken once it has closed). */
  htf?: readonly Candle[];
  /** The higher timeframe's candle length, ms, where its candles arrive later (live: `addHtf`); else read from `htf`'s spacing. */
  htfMs?: number;
  /** The other exchanges confirming a cluster (the Worker compares with their series). */
  confirmedBy?: (cluster: Cluster) => ExchangeId[];
  sweepChoch?: Partial<SweepChochSettings>;
  magnet?: Partial<MagnetTradeSettings>;
}

/** What a candle brings besides its prices. */
export interface CandleExtras {
  /** Open interest (base coin) at the candle's close, for the open-interest model. */
  openInterest?: number;
  /** Realized liquidations within the candle, USDT, by the side liquidated. */
  printed?: { long: number; short: number };
}

export interface RunnerStep {
  smc: readonly SmcEvent[];
  setups: Setup[];
}

export class SetupRunner {
  readonly smc = new SmcEngine();
  readonly heatmap: HeatmapEngine;
  readonly magnets = new MagnetTracker();
  private readonly atr = new Atr(14);
  private readonly kinds: ReadonlySet<SetupKind>;
  private readonly sweep: SweepChochDetector;
  private readonly magnet: MagnetTradeDetector;
  private readonly htf: SmcEngine | null;
  /** The higher timeframe's candles held, oldest first; the engine has taken the first `htfNext`. */
  private readonly htfCandles: Candle[];
  private htfNext = 0;
  private readonly htfMs: number;
  private index = -1;
  private clusters: SetupCluster[] = [];
  private lastAtr = Number.NaN;
  private prevClose: number | undefined;
  /** Open time of the last candle appended. */
  private lastTime: number | undefined;

  constructor(private readonly candleMs: number, private readonly options: RunnerOptions = {}) {
    this.heatmap = new HeatmapEngine(options.estimator ?? 'volume', options.heatmapParams);
    this.kinds = options.kinds ?? new Set(SETUP_KINDS);
    this.sweep = new SweepChochDetector(options.sweepChoch);
    this.magnet = new MagnetTradeDetector(options.magnet);
    const htf = options.htf ?? [];
    this.htfCandles = htf.slice();
    this.htfMs = options.htfMs ?? (htf.length > 1 ? htf[1]!.time - htf[0]!.time : 0);
    this.htf = this.htfMs > 0 ? new SmcEngine() : null;
  }

  /**
   * More higher-timeframe candles, as they close live (oldest first; those not after the newest
   * held are ignored). Each is taken when a candle of this timeframe closes after it, as in a batch run.
   */
  addHtf(candles: readonly Candle[]): void {
    if (!this.htf) throw new Error('SetupRunner: no higher timeframe (give htfMs)');
    for (const c of candles) if (c.time > (this.htfCandles.at(-1)?.time ?? Number.NEGATIVE_INFINITY)) this.htfCandles.push(c);
    // Those that closed before the last candle did are taken now, so the trend reported is current.
    if (this.lastTime !== undefined) this.htfTrend(this.lastTime + this.candleMs);
  }

  /** The higher timeframe's swing trend as of the last candle, and how many of its candles made it; null without one. */
  htfState(): { trend: Direction | 0; bars: number } | null {
    return this.htf ? { trend: this.htf.trend().swing, bars: this.htfNext } : null;
  }

  /** The model's clusters after the last candle, as the detectors see them. */
  currentClusters(): readonly SetupCluster[] {
    return this.clusters;
  }

  /** One closed candle: the SMC engine's events for it and the setups it completed. */
  append(candle: Candle, extras: CandleExtras = {}): RunnerStep {
    const index = ++this.index;
    const smc = this.smc.append(candle);
    const activeZones = this.magnets.active(candle.time);
    const step = { index, candle, clustersBefore: this.clusters, smc, atr: this.lastAtr, htfTrend: this.htfTrend(candle.time + this.candleMs), printed: extras.printed };
    const setups: Setup[] = [];
    if (this.kinds.has('sweep-choch')) setups.push(...this.sweep.step(step));
    if (this.kinds.has('magnet')) setups.push(...this.magnet.step(step, activeZones));
    // Then the model takes the candle, ready for the next one.
    this.heatmap.append(candle, extras.openInterest);
    const clusters = this.heatmap.clusters();
    this.magnets.update(candle, clusters);
    const exchange = this.options.exchange ?? EXCHANGE_IDS[0]!;
    this.clusters = clusters.map((c) => {
      const others = this.options.confirmedBy?.(c) ?? [];
      return {
        side: c.side, price: c.price, low: c.low, high: c.high, share: c.share,
        notional: this.heatmap.estimator === 'oi' ? c.notional : null, exchanges: [exchange, ...others],
      };
    });
    this.lastAtr = this.atr.update(candle.high, candle.low, this.prevClose);
    this.prevClose = candle.close;
    this.lastTime = candle.time;
    return { smc, setups };
  }

  /** The higher timeframe's swing trend from its candles closed by `until`. */
  private htfTrend(until: number): Direction | 0 | undefined {
    if (!this.htf) return undefined;
    const htf = this.htfCandles;
    while (this.htfNext < htf.length && htf[this.htfNext]!.time + this.htfMs <= until) this.htf.append(htf[this.htfNext++]!);
    return this.htf.trend().swing;
  }
}

/** Realized liquidations of each candle in turn (called in time order), from prints in time order. */
function printedCursor(prints: readonly LiquidationPrint[], candleMs: number): (c: Candle) => { long: number; short: number } {
  let k = 0;
  return (c) => {
    const sum = { long: 0, short: 0 };
    while (k < prints.length && prints[k]!.time < c.time) k++;
    for (let i = k; i < prints.length && prints[i]!.time < c.time + candleMs; i++) sum[prints[i]!.side] += prints[i]!.notional;
    return sum;
  };
}

/** Every setup of the given kinds over the candles (the backtest's input). */
export function runSetups(
  candles: CandleSeries,
  candleMs: number,
  kinds: ReadonlySet<SetupKind>,
  options: RunnerOptions & { openInterest?: readonly (number | undefined)[]; prints?: readonly LiquidationPrint[] } = {},
): { setups: Setup[]; estimator: Estimator } {
  const estimator = options.estimator ?? (options.openInterest?.some((x) => x !== undefined) ? 'oi' : 'volume');
  const runner = new SetupRunner(candleMs, { ...options, kinds, estimator });
  const printed = options.prints ? printedCursor(options.prints, candleMs) : undefined;
  const setups: Setup[] = [];
  for (let i = 0; i < candles.length; i++) {
    const c = candles.at(i)!;
    setups.push(...runner.append(c, { openInterest: options.openInterest?.[i], printed: printed?.(c) }).setups);
  }
  return { setups, estimator };
}
