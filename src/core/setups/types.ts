/**
 * Trade setups as the detectors emit them: each on the closed candle that completes it, with
 * every input and time that made it, and never changed afterwards (the outcome is the
 * backtest's or the journal's business, not the setup's).
 */
import type { ExchangeId } from '../types';
import type { Direction, Scope } from '../smc';

export interface SetupCluster {
  side: 'long' | 'short';
  price: number;
  low: number;
  high: number;
  share: number;
  /** USDT where the model is in notional (open interest), else null. */
  notional: number | null;
  /** The exchanges whose models show it: more than one means confirmed. */
  exchanges: ExchangeId[];
}

interface SetupBase {
  id: string;
  /** Trade direction: 1 long, -1 short. */
  dir: Direction;
  entry: number;
  stop: number;
  /** The first target (targetR × risk, or the nearest opposite cluster). */
  target: number;
  /** The candle that completed the setup (the order can be placed from the next one). */
  confirmIndex: number;
  confirmTime: number;
  grade: 'A' | 'B' | 'C';
  /** Why it graded so: the confluences found, in words. */
  confluence: string[];
}

/** A dense cluster swept by a displacement push, then a CHoCH the other way: trade back from its order block. */
export interface SweepChochSetup extends SetupBase {
  kind: 'sweep-choch';
  cluster: SetupCluster;
  /** The candle that traded into the cluster, and the push's extreme. */
  sweepIndex: number;
  sweepTime: number;
  sweptExtreme: number;
  /** The push from its start to the extreme, percent, and the sweeping candle's range in ATRs. */
  pushPct: number;
  displacement: number;
  choch: { index: number; time: number; level: number; scope: Scope };
  orderBlock: { top: number; bottom: number; anchorTime: number };
}

/** A magnet zone (tight range, major cluster 2-4 % away): toward the cluster on an SMC confirmation, out before it. */
export interface MagnetSetup extends SetupBase {
  kind: 'magnet';
  cluster: { side: 'long' | 'short'; price: number };
  zoneOpenedTime: number;
  zoneExpiresTime: number;
  /** What confirmed the direction: an order block, an FVG or a sweep, and where. */
  confirmation: { kind: 'orderBlock' | 'fvg' | 'sweep'; index: number; time: number };
}

export type Setup = SweepChochSetup | MagnetSetup;
