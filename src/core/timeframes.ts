/** Timeframes LiqLens understands, with their length and the forms exchanges and charts use. */

export const TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE = 60_000;
export const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '2h': 120 * MINUTE,
  '4h': 240 * MINUTE,
  '6h': 360 * MINUTE,
  '12h': 720 * MINUTE,
  '1d': 1440 * MINUTE,
  '1w': 10080 * MINUTE,
};

export function isTimeframe(value: unknown): value is Timeframe {
  return typeof value === 'string' && (TIMEFRAMES as readonly string[]).includes(value);
}

/**
 * A TradingView resolution ('1', '5', '60', '240', '1D', 'D', '1W') as a timeframe,
 * or null where LiqLens has no such timeframe (seconds, months, odd minute counts).
 */
export function timeframeFromResolution(resolution: string): Timeframe | null {
  const r = resolution.trim().toUpperCase();
  if (r === 'D' || r === '1D') return '1d';
  if (r === 'W' || r === '1W') return '1w';
  if (!/^\d+$/.test(r)) return null;
  const minutes = Number(r);
  const tf: string = minutes % 60 === 0 && minutes >= 60 ? `${minutes / 60}h` : `${minutes}m`;
  return isTimeframe(tf) ? tf : null;
}

/** The TradingView resolution string for a timeframe. */
export function resolutionFromTimeframe(tf: Timeframe): string {
  if (tf === '1d') return '1D';
  if (tf === '1w') return '1W';
  return String(TIMEFRAME_MS[tf] / MINUTE);
}
