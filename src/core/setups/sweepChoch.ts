/**
 * Liquidation Sweep + CHoCH, incrementally: a dense cluster some 3-5 % from where a push began
 * is traded into by a displacement candle; within a few candles a CHoCH closes the other way;
 * the order block that made the CHoCH is the entry, the stop goes beyond the swept extreme.
 * Fed one closed candle at a time with what the extension's engines said about it, so it sees
 * nothing the live chart would not, and a setup, once emitted, never changes.
 */
import type { Candle } from '../types';
import type { Direction, OrderBlock, SmcEvent, StructureBreak } from '../smc';
import { resolveSweepChoch, type SweepChochSettings } from './settings';
import type { SetupCluster, SweepChochSetup } from './types';

/** What the engines said about one closed candle. */
export interface SetupStep {
  index: number;
  candle: Candle;
  /** The clusters as they stood before this candle (the model after the previous one). */
  clustersBefore: readonly SetupCluster[];
  /** The SMC engine's events of this candle. */
  smc: readonly SmcEvent[];
  /** ATR as of the previous candle (the sweeping candle is measured against it). */
  atr: number;
  /** Trend of a higher timeframe's swing structure as of this candle, where one is given. */
  htfTrend?: Direction | 0;
  /** Realized liquidations in this candle, USDT, by the side liquidated, where prints exist. */
  printed?: { long: number; short: number };
}

interface Pending {
  cluster: SetupCluster;
  tradeDir: Direction;
  sweepIndex: number;
  sweepTime: number;
  extreme: number;
  pushPct: number;
  displacement: number;
  /** The last candle on which the CHoCH may close. */
  deadline: number;
  printed: number;
  fvgInPush: boolean;
}

export class SweepChochDetector {
  readonly settings: SweepChochSettings;
  private readonly closes: number[] = [];
  private pending: Pending[] = [];
  /** Confirm indices of recent FVGs by direction, for the "FVG inside the push" confluence. */
  private readonly fvgs: { dir: Direction; index: number }[] = [];
  private htfTrend: Direction | 0 = 0;

  constructor(settings: Partial<SweepChochSettings> = {}) {
    this.settings = resolveSweepChoch(settings);
  }

  /** One closed candle; returns the setups it completed (usually none). */
  step(s: SetupStep): SweepChochSetup[] {
    const { candle, index } = s;
    if (s.htfTrend !== undefined) this.htfTrend = s.htfTrend;
    for (const e of s.smc) if (e.kind === 'created' && e.object.type === 'fvg') this.fvgs.push({ dir: e.object.dir, index });
    while (this.fvgs.length > 0 && this.fvgs[0]!.index < index - this.settings.pushCandles) this.fvgs.shift();
    // The push may go on after the sweep: the stop goes beyond its furthest point.
    for (const p of this.pending) p.extreme = p.tradeDir === -1 ? Math.max(p.extreme, candle.high) : Math.min(p.extreme, candle.low);
    this.findSweeps(s);
    const out = this.findChoch(s);
    this.pending = this.pending.filter((p) => index < p.deadline);
    this.closes.push(candle.close);
    if (this.closes.length > this.settings.pushCandles) this.closes.shift();
    return out;
  }

  private findSweeps(s: SetupStep): void {
    const { candle, index } = s;
    const st = this.settings;
    const start = this.closes.length === st.pushCandles ? this.closes[0]! : undefined;
    if (start === undefined || !(s.atr > 0)) return;
    const displacement = (candle.high - candle.low) / s.atr;
    if (displacement < st.minDisplacementAtr) return;
    for (const c of s.clustersBefore) {
      if (c.share < st.minShare) continue;
      // A short cluster above the push's start, traded into from below; a long one below, from above.
      const into = c.side === 'short' ? candle.high >= c.low && c.price > start : candle.low <= c.high && c.price < start;
      const distance = (Math.abs(c.price - start) / start) * 100;
      if (!into || distance < st.minDistancePct || distance > st.maxDistancePct) continue;
      const tradeDir: Direction = c.side === 'short' ? -1 : 1;
      // One sweep per side waits at a time: the densest.
      const rival = this.pending.find((p) => p.tradeDir === tradeDir);
      if (rival && rival.cluster.share >= c.share) continue;
      if (rival) this.pending = this.pending.filter((p) => p !== rival);
      this.pending.push({
        cluster: c,
        tradeDir,
        sweepIndex: index,
        sweepTime: candle.time,
        extreme: tradeDir === -1 ? candle.high : candle.low,
        pushPct: (((tradeDir === -1 ? candle.high : candle.low) - start) / start) * 100,
        displacement,
        deadline: index + st.windowCandles,
        printed: s.printed ? s.printed[c.side] : 0,
        // The push's own FVGs point its way: up for a push into shorts.
        fvgInPush: this.fvgs.some((f) => f.dir === -tradeDir),
      });
    }
  }

  private findChoch(s: SetupStep): SweepChochSetup[] {
    const out: SweepChochSetup[] = [];
    for (const e of s.smc) {
      if (e.kind !== 'created' || e.object.type !== 'break' || e.object.kind !== 'CHoCH') continue;
      const brk: StructureBreak = e.object;
      const p = this.pending.find((x) => x.tradeDir === brk.dir && s.index <= x.deadline);
      if (!p) continue;
      const ob = s.smc.find((x): x is { kind: 'created'; object: OrderBlock } => x.kind === 'created' && x.object.type === 'orderBlock' && x.object.breakId === brk.id)?.object;
      if (!ob) continue;
      const setup = this.build(s, p, brk, ob);
      this.pending = this.pending.filter((x) => x !== p);
      if (setup) out.push(setup);
    }
    return out;
  }

  private build(s: SetupStep, p: Pending, brk: StructureBreak, ob: OrderBlock): SweepChochSetup | null {
    const st = this.settings;
    const dir = p.tradeDir;
    const entry = dir === -1 ? ob.bottom : ob.top;
    const buffer = st.stopBufferAtr * s.atr;
    const stop = dir === -1 ? Math.max(p.extreme, p.cluster.high) + buffer : Math.min(p.extreme, p.cluster.low) - buffer;
    const risk = (stop - entry) * -dir;
    if (!(risk > 0)) return null; // the order block lies beyond the stop: no trade
    if (risk < st.minRiskAtr * s.atr) return null;
    const target = this.target(s, dir, entry, risk);
    const confluence: string[] = [];
    if (p.cluster.exchanges.length > 1) confluence.push(`cluster confirmed by ${p.cluster.exchanges.length} exchanges`);
    if (p.cluster.share >= 2 * st.minShare) confluence.push(`dense cluster (${Math.round(p.cluster.share * 100)}% of its side)`);
    if (p.displacement >= 2) confluence.push(`displacement ${p.displacement.toFixed(1)} ATR`);
    if (p.fvgInPush) confluence.push('FVG inside the push');
    if (p.printed > 0) confluence.push(`$${Math.round(p.printed).toLocaleString('en-US')} liquidated on the sweep`);
    if (this.htfTrend === dir) confluence.push('higher timeframe trend agrees');
    if (brk.scope === 'swing') confluence.push('swing-structure CHoCH');
    return {
      kind: 'sweep-choch',
      id: `sweep-choch:${p.sweepTime}:${brk.confirmTime}:${dir}`,
      dir,
      entry,
      stop,
      target,
      confirmIndex: s.index,
      confirmTime: s.candle.time,
      grade: confluence.length >= 3 ? 'A' : confluence.length === 2 ? 'B' : 'C',
      confluence,
      cluster: p.cluster,
      sweepIndex: p.sweepIndex,
      sweepTime: p.sweepTime,
      sweptExtreme: p.extreme,
      pushPct: p.pushPct,
      displacement: p.displacement,
      choch: { index: s.index, time: brk.confirmTime, level: brk.level, scope: brk.scope },
      orderBlock: { top: ob.top, bottom: ob.bottom, anchorTime: ob.anchorTime },
    };
  }

  /** R multiple, or the nearest opposite cluster at least 1 R away (else 2 R). */
  private target(s: SetupStep, dir: Direction, entry: number, risk: number): number {
    const st = this.settings;
    if (st.target !== 'cluster') return entry + dir * st.target * risk;
    const side = dir === 1 ? 'short' : 'long';
    const beyond = s.clustersBefore
      .filter((c) => c.side === side && (c.price - entry) * dir >= risk)
      .sort((a, b) => Math.abs(a.price - entry) - Math.abs(b.price - entry))[0];
    return beyond ? beyond.price : entry + dir * 2 * risk;
  }
}
