import { describe, expect, it } from 'vitest';
import { resolutionFromTimeframe, timeframeFromResolution, TIMEFRAMES } from '../../src/core/timeframes';

describe('TradingView resolutions', () => {
  it.each([
    ['1', '1m'], ['5', '5m'], ['15', '15m'], ['60', '1h'], ['240', '4h'], ['1D', '1d'], ['D', '1d'], ['1W', '1w'],
  ])('%s → %s', (resolution, timeframe) => {
    expect(timeframeFromResolution(resolution)).toBe(timeframe);
  });

  it.each(['1S', '7', '1M', '', 'abc', '90'])('%s has no LiqLens timeframe', (resolution) => {
    expect(timeframeFromResolution(resolution)).toBeNull();
  });

  it('round-trips every timeframe', () => {
    for (const tf of TIMEFRAMES) expect(timeframeFromResolution(resolutionFromTimeframe(tf))).toBe(tf);
  });
});
