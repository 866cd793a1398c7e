/** The setups' parameters, with defaults and the checks an options page or a flag needs. */
export interface SweepChochSettings {
  /** The cluster's distance from price where the push began, percent (the setup's "typically 3-5 %"). */
  minDistancePct: number;
  maxDistancePct: number;
  /** Candles over which the push is measured: the cluster's distance is taken from the close this many candles before the sweep. */
  pushCandles: number;
  /** The sweeping candle's range, in ATRs, at least. */
  minDisplacementAtr: number;
  /** A dense cluster: at least this share of its side of the model. */
  minShare: number;
  /** Candles after the sweep within which the CHoCH must close (3 on 5m ≈ 15 minutes). */
  windowCandles: number;
  /** Beyond the swept extreme, in ATRs. */
  stopBufferAtr: number;
  /** A stop closer than this many ATRs is noise (fees alone would eat the R): no setup. */
  minRiskAtr: number;
  /** Target as a multiple of the risk; 'cluster' takes the nearest opposite cluster instead, where one lies beyond 1 R. */
  target: number | 'cluster';
}

export const DEFAULT_SWEEP_CHOCH: Readonly<SweepChochSettings> = Object.freeze({
  minDistancePct: 3,
  maxDistancePct: 5,
  pushCandles: 48,
  minDisplacementAtr: 1,
  minShare: 0.02,
  windowCandles: 3,
  stopBufferAtr: 0.1,
  minRiskAtr: 0.5,
  target: 2,
});

export interface MagnetTradeSettings {
  /** Exit at this share of the way from entry to the cluster (out before the crowd's stops). */
  exitFraction: number;
  /** Beyond the confirming structure, in ATRs. */
  stopBufferAtr: number;
  /** A stop closer than this many ATRs is noise: no setup. */
  minRiskAtr: number;
}

export const DEFAULT_MAGNET_TRADE: Readonly<MagnetTradeSettings> = Object.freeze({ exitFraction: 0.8, stopBufferAtr: 0.5, minRiskAtr: 0.5 });

export function resolveSweepChoch(partial: Partial<SweepChochSettings> = {}): SweepChochSettings {
  const s = { ...DEFAULT_SWEEP_CHOCH, ...partial };
  if (!(s.minDistancePct >= 0 && s.maxDistancePct > s.minDistancePct)) throw new RangeError(`setup: distance band ${s.minDistancePct}-${s.maxDistancePct} % is empty`);
  if (!(Number.isInteger(s.pushCandles) && s.pushCandles >= 1)) throw new RangeError('setup: pushCandles must be a whole number ≥ 1');
  if (!(Number.isInteger(s.windowCandles) && s.windowCandles >= 1)) throw new RangeError('setup: windowCandles must be a whole number ≥ 1');
  if (!(s.minDisplacementAtr >= 0) || !(s.stopBufferAtr >= 0) || !(s.minRiskAtr >= 0) || !(s.minShare >= 0 && s.minShare <= 1)) throw new RangeError('setup: displacement, stop buffer and share must be ≥ 0 (share ≤ 1)');
  if (s.target !== 'cluster' && !(s.target > 0)) throw new RangeError('setup: target must be a positive R multiple or "cluster"');
  return s;
}
