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

/**
 * A price scale of a 600 px pane showing 110 at its top edge and 100 at its bottom edge (upside
 * down when inverted). getVisiblePriceRange is by position, as the library gives it: `to` on the
 * top row (y = 0), `from` on the bottom row (y = 599).
 */
export function priceScale(inverted = false) {
  const at = (y: number) => (inverted ? 100 + y / 60 : 110 - y / 60);
  return { getMode: () => 0, isInverted: () => inverted, getVisiblePriceRange: () => ({ from: at(599), to: at(0) }), coordinateToPrice: at };
}

export function widget(overrides: Record<string, unknown> = {}, scaleOverrides: Record<string, unknown> = {}): TvWidget {
  const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
  const scale = { ...priceScale(), ...scaleOverrides };
  const chart = {
    symbol: () => 'BINANCE:BTCUSDT@PRICETYPE=LAST', resolution: () => '15', getTimeScale: () => ts,
    getPanes: () => [{ getMainSourcePriceScale: () => scale, getHeight: () => 600 }], getAllPanesHeight: () => 600, ...overrides,
  };
  return { hasModel: () => true, activeChart: () => chart };
}
