/**
 * The magnet trade: while a magnet zone is active (tight range, major cluster 2-4 % away), lean
 * toward the cluster, but enter only on an SMC confirmation that way (an order block, an FVG or
 * a sweep made on this candle), and be out before the cluster (exitFraction of the way).
 */
import type { Direction } from '../smc';
import type { MagnetZone } from '../heatmap';
import { DEFAULT_MAGNET_TRADE, type MagnetTradeSettings } from './settings';
import type { SetupStep } from './sweepChoch';
import type { MagnetSetup } from './types';

export class MagnetTradeDetector {
  readonly settings: MagnetTradeSettings;
  private readonly traded = new Set<string>();

  constructor(settings: Partial<MagnetTradeSettings> = {}) {
    this.settings = { ...DEFAULT_MAGNET_TRADE, ...settings };
    if (!(this.settings.exitFraction > 0 && this.settings.exitFraction < 1)) throw new RangeError('magnet trade: exitFraction must be between 0 and 1');
  }

  /** One closed candle with the zones active before it; returns the setups it completed. */
  step(s: SetupStep, zones: readonly MagnetZone[]): MagnetSetup[] {
    const out: MagnetSetup[] = [];
    const { candle } = s;
    const buffer = this.settings.stopBufferAtr * s.atr;
    for (const zone of zones) {
      if (this.traded.has(zone.id)) continue;
      const dir: Direction = zone.price > candle.close ? 1 : -1;
      const found = this.confirmation(s, dir, buffer);
      if (!found) continue;
      const { entry, stop, kind } = found;
      const target = entry + this.settings.exitFraction * (zone.price - entry);
      if (!((target - entry) * dir > 0) || !((entry - stop) * dir >= this.settings.minRiskAtr * s.atr)) continue;
      this.traded.add(zone.id);
      const confluence = [`${kind === 'orderBlock' ? 'order block' : kind === 'fvg' ? 'FVG' : 'sweep'} toward the cluster`];
      if (s.htfTrend === dir) confluence.push('higher timeframe trend agrees');
      if (Math.abs(target - entry) >= 2 * Math.abs(entry - stop)) confluence.push('reward at least 2 R');
      out.push({
        kind: 'magnet',
        id: `magnet:${zone.id}:${candle.time}`,
        dir,
        entry,
        stop,
        target,
        confirmIndex: s.index,
        confirmTime: candle.time,
        grade: confluence.length >= 3 ? 'A' : confluence.length === 2 ? 'B' : 'C',
        confluence,
        cluster: { side: zone.side, price: zone.price },
        zoneOpenedTime: zone.createdTime,
        zoneExpiresTime: zone.expiresTime,
        confirmation: { kind, index: s.index, time: candle.time },
      });
    }
    return out;
  }

  /** The first structure of this candle pointing `dir`: its entry edge and the stop beyond it. */
  private confirmation(s: SetupStep, dir: Direction, buffer: number): { entry: number; stop: number; kind: MagnetSetup['confirmation']['kind'] } | null {
    for (const e of s.smc) {
      if (e.kind !== 'created') continue;
      const o = e.object;
      if ((o.type === 'orderBlock' || o.type === 'fvg') && o.dir === dir) {
        return { entry: dir === 1 ? o.top : o.bottom, stop: dir === 1 ? o.bottom - buffer : o.top + buffer, kind: o.type };
      }
      if (o.type === 'sweep' && o.dir === dir) {
        return { entry: s.candle.close, stop: dir === 1 ? s.candle.low - buffer : s.candle.high + buffer, kind: 'sweep' };
      }
    }
    return null;
  }
}
