import { expect, it } from 'vitest';
import { timeframeFromLabel } from '../../src/site/timeframeFromText';

it.each([
  ['1m', '1m'], ['5m', '5m'], [' 15m ', '15m'], ['30m', '30m'],
  ['1H', '1h'], ['1h', '1h'], ['4H', '4h'], ['12H', '12h'], ['1D', '1d'], ['1d', '1d'], ['1W', '1w'],
  ['15', '15m'], ['60', '1h'], ['240', '4h'], ['D', '1d'], ['W', '1w'],
  ['15 min', '15m'], ['1 hour', '1h'], ['4 hours', '4h'], ['1 day', '1d'], ['1 week', '1w'],
])('%s reads as %s', (label, expected) => {
  expect(timeframeFromLabel(label)).toBe(expected);
});

it.each(['1M', '1s', 'Time', '', '7m', '3D', 'Depth', '15m5m', '999999999999999999'])('%s is not a timeframe LiqLens reads', (label) => {
  expect(timeframeFromLabel(label)).toBeNull();
});
