/**
 * Other things a level can be known by, each read as a density by price bucket so the skill
 * scorer and the calibrated map (forecast.ts) treat it exactly as the heatmap estimator: its
 * likelihood ratio against its own average at that distance, shrunk by a weight learned online.
 * docs/heatmap-model.md reports each one per day and pooled; only what helps is kept in the product.
 *
 * Each one is fed closed candles in order and holds nothing from the future. Parameters are set on
 * principle, not tuned: a day's half-life, the engine's own swing settings, powers of ten.
 */
import type { Candle } from '../types';
import { SmcEngine } from '../smc/engine';
import type { SmcObject } from '../smc/types';
import { PriceBuckets } from './buckets';
import type { Side } from './engine';
import type { SkillModel } from './skill';

/** How far from the last close a feature is read (buckets each side: 30 % at 10 bp). */
const REACH = 300;

abstract class LevelFeature implements SkillModel {
  readonly buckets: PriceBuckets;
  bars = 0;
  protected lastClose = Number.NaN;
  protected lastTime = Number.NaN;

  constructor(bucketBps: number) {
    this.buckets = new PriceBuckets(bucketBps);
  }

  append(candle: Candle): void {
    this.bars++;
    this.lastClose = candle.close;
    this.lastTime = candle.time;
    this.take(candle);
  }

  density(side: Side): Map<number, number> {
    const out = new Map<number, number>();
    if (this.bars === 0) return out;
    const ref = this.buckets.index(this.lastClose);
    const [from, to] = side === 'long' ? [ref - REACH, ref - 1] : [ref + 1, ref + REACH];
    for (let b = from; b <= to; b++) {
      const v = this.value(side, b);
      if (v > 0) out.set(b, v);
    }
    return out;
  }

  protected abstract take(candle: Candle): void;
  protected abstract value(side: Side, bucket: number): number;
}

/**
 * Round numbers: orders and stops cluster at them. A bucket's value is the largest round step
 * (1, 2.5 or 5 × a power of ten) with a multiple inside it, as a share of price.
 */
export class RoundNumbers extends LevelFeature {
  protected take(): void {}

  protected value(_side: Side, bucket: number): number {
    const lo = this.buckets.low(bucket);
    const hi = this.buckets.low(bucket + 1);
    for (let power = Math.floor(Math.log10(hi)); power >= Math.floor(Math.log10(hi)) - 6; power--) {
      for (const m of [5, 2.5, 1]) {
        const step = m * 10 ** power;
        if (Math.ceil(lo / step) * step < hi) return step / lo;
      }
    }
    return 0;
  }
}

/** Time since price last traded at a level, in days (capped at what has been seen): old levels hold old positions. */
export class TimeSinceTraded extends LevelFeature {
  private readonly lastTraded = new Map<number, number>();
  private firstTime = Number.NaN;

  protected take(candle: Candle): void {
    if (Number.isNaN(this.firstTime)) this.firstTime = candle.time;
    for (let b = this.buckets.index(candle.low); b <= this.buckets.index(candle.high); b++) this.lastTraded.set(b, candle.time);
  }

  protected value(_side: Side, bucket: number): number {
    const at = this.lastTraded.get(bucket) ?? this.firstTime;
    return (this.lastTime - at) / 86_400_000 + 1 / 24;
  }
}

/** Volume traded at each level, spread over each candle's range, fading with a one-day half-life. */
export class VolumeAtPrice extends LevelFeature {
  private readonly volume = new Map<number, { v: number; t: number }>();
  private static readonly HALF_LIFE_MS = 86_400_000;

  protected take(candle: Candle): void {
    const lo = this.buckets.index(candle.low);
    const hi = this.buckets.index(candle.high);
    const each = (candle.volume * candle.close) / (hi - lo + 1);
    for (let b = lo; b <= hi; b++) this.volume.set(b, { v: this.decayed(b, candle.time) + each, t: candle.time });
  }

  private decayed(bucket: number, now: number): number {
    const at = this.volume.get(bucket);
    return at ? at.v * 0.5 ** ((now - at.t) / VolumeAtPrice.HALF_LIFE_MS) : 0;
  }

  protected value(_side: Side, bucket: number): number {
    return this.decayed(bucket, this.lastTime);
  }
}

/**
 * Resting liquidity of market structure (the SMC engine's own objects): just beyond every swing
 * high and equal high not yet traded through sit shorts' stops and liquidations, just beyond every
 * such low, longs'. A level weighs by its touches (an equal level's pivots, a swing's one) and
 * grows with age as ln(2 + days), since older levels have gathered more positions.
 */
export class StructureLiquidity extends LevelFeature {
  private readonly engine = new SmcEngine();
  private readonly levels = new Map<number, { side: Side; price: number; touches: number; since: number }>();
  /** Buckets beyond the level where its stops sit. */
  private static readonly BEYOND = 3;

  protected take(candle: Candle): void {
    for (const event of this.engine.append(candle)) if (event.kind === 'created') this.add(event.object);
    // A level is spent once price trades through it.
    for (const [id, l] of this.levels) if (l.side === 'short' ? candle.high > l.price : candle.low < l.price) this.levels.delete(id);
  }

  private add(o: SmcObject): void {
    if (o.type === 'swing') this.levels.set(o.id, { side: o.kind === 'high' ? 'short' : 'long', price: o.price, touches: 1, since: o.anchorTime });
    else if (o.type === 'equal') this.levels.set(o.id, { side: o.kind === 'EQH' ? 'short' : 'long', price: o.price, touches: o.indices.length, since: o.anchorTime });
  }

  override density(side: Side): Map<number, number> {
    const out = new Map<number, number>();
    for (const l of this.levels.values()) {
      if (l.side !== side) continue;
      const weight = l.touches * Math.log(2 + (this.lastTime - l.since) / 86_400_000);
      const at = this.buckets.index(l.price);
      for (let k = 1; k <= StructureLiquidity.BEYOND; k++) {
        const b = side === 'short' ? at + k : at - k;
        out.set(b, (out.get(b) ?? 0) + weight);
      }
    }
    return out;
  }

  protected value(): number {
    return 0;
  }
}

/**
 * Where liquidations were printed before (at their trigger), fading with a one-day half-life:
 * positions reopened after a flush sit at similar leverage near the same levels, so a level that
 * flushed may flush again.
 */
export class PrintMemory extends LevelFeature {
  private readonly notional = new Map<number, { v: number; t: number }>();
  private static readonly HALF_LIFE_MS = 86_400_000;

  protected take(): void {}

  observe(print: { side: Side; notional: number; time: number }, trigger: number): void {
    const key = this.buckets.index(trigger) * 2 + (print.side === 'long' ? 0 : 1);
    this.notional.set(key, { v: this.decayed(key, print.time) + print.notional, t: print.time });
  }

  private decayed(key: number, now: number): number {
    const at = this.notional.get(key);
    return at ? at.v * 0.5 ** ((now - at.t) / PrintMemory.HALF_LIFE_MS) : 0;
  }

  protected value(side: Side, bucket: number): number {
    return this.decayed(bucket * 2 + (side === 'long' ? 0 : 1), this.lastTime);
  }
}
