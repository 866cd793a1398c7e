/** The SMC engine's settings, with the defaults of the popular public descriptions. */
export interface SmcSettings {
  /** Pivot length of swing structure: a pivot needs this many bars on each side. */
  swingLength: number;
  /** Pivot length of internal structure. */
  internalLength: number;
  /** Pivot length used to find equal highs and lows. */
  equalLength: number;
  /** Two pivots are "equal" within this many ATRs. */
  equalTolerance: number;
  /** ATR period (Wilder); before that many bars, the running mean of the true range. */
  atrLength: number;
  /** An order block is mitigated by a close through it, or by any wick through it. */
  orderBlockMitigation: 'close' | 'wick';
  /** Candles whose range is at least this many ATRs are not order-block candidates. */
  highVolatilityMultiple: number;
  /** 'auto': a gap counts only if larger (relative to price) than the running mean body. */
  fvgThreshold: 'off' | 'auto';
  /** A gap right after a gap of the same direction extends it instead of starting a new one. */
  fvgJoinConsecutive: boolean;
}

export const DEFAULT_SMC_SETTINGS: Readonly<SmcSettings> = Object.freeze({
  swingLength: 50,
  internalLength: 5,
  equalLength: 3,
  equalTolerance: 0.1,
  atrLength: 200,
  orderBlockMitigation: 'close',
  highVolatilityMultiple: 2,
  fvgThreshold: 'off',
  fvgJoinConsecutive: false,
});

export function resolveSettings(partial: Partial<SmcSettings> = {}): SmcSettings {
  const s = { ...DEFAULT_SMC_SETTINGS, ...partial };
  for (const key of ['swingLength', 'internalLength', 'equalLength', 'atrLength'] as const) {
    if (!Number.isInteger(s[key]) || s[key] < 1) throw new RangeError(`SMC setting ${key} must be a positive integer, not ${s[key]}`);
  }
  for (const key of ['equalTolerance', 'highVolatilityMultiple'] as const) {
    if (!(s[key] > 0)) throw new RangeError(`SMC setting ${key} must be a positive number, not ${s[key]}`);
  }
  return s;
}
