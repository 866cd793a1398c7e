/**
 * A TradingView widget that answers as the library documents, over lightweight-charts' time-scale
 * rule: for the bridge's unit tests and its bench.
 */
import type { TvWidget } from '../../src/bridge/readGeometry';

/** A time scale as lightweight-charts computes it: bar i's centre at width - (base + offset - i + 0.5) * spacing - 1, coordinateToTime = ceil of the float index. */
export function timeScale(width: number, spacing: number, rightOffset: number, bars: number, firstTime: number, barSec: number) {
  const base = bars - 1;
  const centre = (i: number) => width - (base + rightOffset - i + 0.5) * spacing - 1;
  const coordinateToTime = (x: number) => {
    const i = Math.ceil(Math.round((base + rightOffset - (width - 1 - x) / spacing) * 1e6) / 1e6);
    return i >= 0 && i < bars ? firstTime + i * barSec : null;
  };
  return { centre, coordinateToTime, width: () => width, barSpacing: () => spacing };
}

export function widget(overrides: Record<string, unknown> = {}, scaleOverrides: Record<string, unknown> = {}): TvWidget {
  const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
  const scale = { getMode: () => 0, isInverted: () => false, getVisiblePriceRange: () => ({ from: 100, to: 110 }), coordinateToPrice: (y: number) => 110 - y / 60, ...scaleOverrides };
  const chart = {
    symbol: () => 'BINANCE:BTCUSDT@PRICETYPE=LAST', resolution: () => '15', getTimeScale: () => ts,
    getPanes: () => [{ getMainSourcePriceScale: () => scale, getHeight: () => 600 }], getAllPanesHeight: () => 600, ...overrides,
  };
  return { hasModel: () => true, activeChart: () => chart };
}
