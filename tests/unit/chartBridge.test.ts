/**
 * The chart bridge's pure parts: reading a TradingView widget into a geometry (on a widget
 * object that answers as the library documents, with lightweight-charts' snapping rule), and
 * the content script's validation of what the main world posts.
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL, parseBridgeMessage } from '../../src/bridge/protocol';
import { findBarCentre, readWidget, type TvWidget } from '../../src/bridge/readGeometry';
import { barToX, priceToY, type ChartGeometry } from '../../src/overlay/geometry';

/** A time scale as lightweight-charts computes it: bar i's centre at width - (base + offset - i + 0.5) * spacing - 1, coordinateToTime = ceil of the float index. */
function timeScale(width: number, spacing: number, rightOffset: number, bars: number, firstTime: number, barSec: number) {
  const base = bars - 1;
  const centre = (i: number) => width - (base + rightOffset - i + 0.5) * spacing - 1;
  const coordinateToTime = (x: number) => {
    const i = Math.ceil(Math.round((base + rightOffset - (width - 1 - x) / spacing) * 1e6) / 1e6);
    return i >= 0 && i < bars ? firstTime + i * barSec : null;
  };
  return { centre, coordinateToTime, width: () => width, barSpacing: () => spacing };
}

function widget(overrides: Record<string, unknown> = {}, scaleOverrides: Record<string, unknown> = {}): TvWidget {
  const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
  const scale = { getMode: () => 0, isInverted: () => false, getVisiblePriceRange: () => ({ from: 100, to: 110 }), coordinateToPrice: (y: number) => 110 - y / 60, ...scaleOverrides };
  const chart = {
    symbol: () => 'BINANCE:BTCUSDT@PRICETYPE=LAST', resolution: () => '15', getTimeScale: () => ts,
    getPanes: () => [{ getMainSourcePriceScale: () => scale, getHeight: () => 600 }], getAllPanesHeight: () => 600, ...overrides,
  };
  return { hasModel: () => true, activeChart: () => chart };
}

describe('reading the widget', () => {
  it('finds a bar centre to a hundredth of a pixel from the snapping coordinateToTime', () => {
    const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
    const found = findBarCentre(ts.coordinateToTime, 1200, 7.3)!;
    const index = (found.time - 1_700_000_000) / 900;
    expect(Math.abs(found.x - ts.centre(index))).toBeLessThan(0.01);
  });

  it('maps every bar and price as the chart does', () => {
    const read = readWidget(widget());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const { width, height, ...rest } = read.geometry;
    const g: ChartGeometry = { ...rest, pane: { left: 0, top: 0, width, height }, mount: 1 };
    expect(g.symbol).toBe('BTCUSDT');
    expect(g.time.barMs).toBe(900_000);
    const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
    for (const i of [0, 17, 250, 499]) expect(Math.abs(barToX(g, (1_700_000_000 + i * 900) * 1000) - ts.centre(i))).toBeLessThan(0.01);
    expect(priceToY(g, 110)).toBeCloseTo(0, 9);
    expect(priceToY(g, 105)).toBeCloseTo(300, 9);
  });

  it('takes an inverted range the right way up where there is no coordinateToPrice, and log scale as log', () => {
    const read = readWidget(widget({}, { coordinateToPrice: undefined, isInverted: () => true, getMode: () => 1 }));
    expect(read.ok && read.geometry.price).toEqual({ top: 100, bottom: 110, log: true });
  });

  it.each([
    ['no activeChart', { activeChart: undefined }, 'incomplete-api'],
    ['no time scale', { getTimeScale: () => undefined }, 'incomplete-api'],
    ['a seconds resolution', { resolution: () => '30S' }, 'unsupported-resolution'],
    ['a throwing call', { getPanes: () => { throw new Error('page says no'); } }, 'not-ready'],
  ])('says why for %s, never guesses', (_, overrides, reason) => {
    const w = 'activeChart' in overrides ? { hasModel: () => true, activeChart: undefined } : widget(overrides);
    expect(readWidget(w)).toEqual({ ok: false, reason });
  });

  it('waits for a widget without a model', () => {
    expect(readWidget({ ...widget(), hasModel: () => false })).toEqual({ ok: false, reason: 'not-ready' });
  });
});

describe('bridge messages', () => {
  const nonce = 'a'.repeat(36);
  const geometry: ChartGeometry = {
    symbol: 'BTCUSDT', resolution: '15', mount: 2, pane: { left: 52, top: 38, width: 1200, height: 600 },
    time: { anchorTime: 1_700_000_000_000, anchorX: 600.25, barSpacing: 7.3, barMs: 900_000 }, price: { top: 110, bottom: 100, log: false },
  };
  const message = { channel: CHANNEL, nonce, type: 'geometry', geometry, frame: 0 };

  it('are taken field by field from the bridge, with its nonce', () => {
    expect(parseBridgeMessage(message, nonce)).toEqual({ type: 'geometry', geometry, frame: 0 });
    expect(parseBridgeMessage({ ...message, geometry: { ...geometry, extra: '<b>' } }, nonce)).toEqual({ type: 'geometry', geometry, frame: 0 });
    expect(parseBridgeMessage({ channel: CHANNEL, nonce, type: 'no-chart', reason: 'no-api' }, nonce)).toEqual({ type: 'no-chart', reason: 'no-api' });
  });

  it.each([
    ['another nonce', { ...message, nonce: 'b'.repeat(36) }],
    ['no nonce', { ...message, nonce: undefined }],
    ['another channel', { ...message, channel: 'x' }],
    ['a symbol with markup', { ...message, geometry: { ...geometry, symbol: '<img src=x>' } }],
    ['a pane of no size', { ...message, geometry: { ...geometry, pane: { ...geometry.pane, width: 0 } } }],
    ['a huge pane', { ...message, geometry: { ...geometry, pane: { ...geometry.pane, height: 1e9 } } }],
    ['a price as text', { ...message, geometry: { ...geometry, price: { ...geometry.price, top: '110' } } }],
    ['a flat price scale', { ...message, geometry: { ...geometry, price: { ...geometry.price, top: 100 } } }],
    ['a log scale through zero', { ...message, geometry: { ...geometry, price: { top: 10, bottom: -1, log: true } } }],
    ['NaN spacing', { ...message, geometry: { ...geometry, time: { ...geometry.time, barSpacing: Number.NaN } } }],
    ['a frame index out of range', { ...message, frame: 999 }],
    ['an unknown reason', { channel: CHANNEL, nonce, type: 'no-chart', reason: 'because' }],
    ['an array', [message]],
  ])('are dropped for %s', (_, data) => {
    expect(parseBridgeMessage(data, nonce)).toBeNull();
  });
});
