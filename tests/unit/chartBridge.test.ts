/**
 * The chart bridge's pure parts: reading a TradingView widget into a geometry (on a widget
 * object that answers as the library documents, with lightweight-charts' snapping rule), and
 * the content script's validation of what the main world posts.
 */
import { describe, expect, it } from 'vitest';
import { parseBridgeMessage } from '../../src/bridge/protocol';
import { findBarCentre, lastVisibleBar, readWidget, type CallLog } from '../../src/bridge/readGeometry';
import { barToX, priceToY, type ChartGeometry } from '../../src/overlay/geometry';
import { priceScale, timeScale, widget } from './tvWidgetModel';

describe('reading the widget', () => {
  it('finds a bar centre to a hundredth of a pixel from the snapping coordinateToTime', () => {
    const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
    const found = findBarCentre(ts.coordinateToTime, 1200, 7.3, 900)!;
    const index = (found.time - 1_700_000_000) / 900;
    expect(Math.abs(found.x - ts.centre(index))).toBeLessThan(0.01);
  });

  it('maps every bar and price as the chart does', () => {
    const read = readWidget(widget());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const { width, height, ...rest } = read.geometry;
    const g: ChartGeometry = { ...rest, pane: { left: 0, top: 0, width, height }, mount: 1 };
    expect(g.symbol).toBe('BINANCE:BTCUSDT@PRICETYPE=LAST'); // as the datafeed names it: the content script maps it
    expect(g.time.barMs).toBe(900_000);
    const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
    for (const i of [0, 17, 250, 499]) expect(Math.abs(barToX(g, (1_700_000_000 + i * 900) * 1000) - ts.centre(i))).toBeLessThan(0.01);
    expect(priceToY(g, 110)).toBeCloseTo(0, 9);
    expect(priceToY(g, 105)).toBeCloseTo(300, 9);
  });

  describe('without coordinateToPrice, from the visible range by position (bottom row first)', () => {
    const priceAt = (inverted: boolean) => {
      const read = readWidget(widget({}, { ...priceScale(inverted), coordinateToPrice: undefined }));
      if (!read.ok) throw new Error('unread');
      return read.geometry.price;
    };
    it('a normal scale: the top row is `to`, the bottom edge one row past `from`', () => {
      const p = priceAt(false);
      expect(p.top).toBeCloseTo(110, 9);
      expect(p.bottom).toBeCloseTo(100, 9);
    });
    it('an inverted scale is not turned over: `from` (bottom row) is the higher price there', () => {
      const p = priceAt(true);
      expect(p.top).toBeCloseTo(100, 9);
      expect(p.bottom).toBeCloseTo(110, 9);
    });
    it('a log scale, extrapolated in log space', () => {
      const at = (y: number) => Math.exp(Math.log(110) + ((Math.log(100) - Math.log(110)) * y) / 600);
      const read = readWidget(widget({}, { coordinateToPrice: undefined, getMode: () => 1, getVisiblePriceRange: () => ({ from: at(599), to: at(0) }) }));
      expect(read.ok && read.geometry.price.log).toBe(true);
      expect(read.ok && read.geometry.price.bottom).toBeCloseTo(100, 9);
    });
  });

  it.each([
    ['1D', 'Asia/Shanghai (UTC+8)', 86_400, -8 * 3600, 1_700_006_400],
    ['1W', 'America/New_York (UTC-5)', 604_800, 5 * 3600, 1_699_833_600],
  ])('%s bars answered at their session start in %s are LiqLens\'s UTC bars', (resolution, _, barSec, shift, utcOpen) => {
    // utcOpen: 15 Nov 2023 00:00 UTC (a day), 13 Nov 2023 00:00 UTC (a Monday).
    const ts = timeScale(1200, 7.3, 3.4, 500, utcOpen + shift, barSec);
    const read = readWidget(widget({ resolution: () => resolution, getTimeScale: () => ts }));
    if (!read.ok) throw new Error('unread');
    expect((read.geometry.time.anchorTime / 1000 - utcOpen) % barSec).toBe(0);
    const { width, height, ...rest } = read.geometry;
    const g: ChartGeometry = { ...rest, pane: { left: 0, top: 0, width, height }, mount: 1 };
    for (const i of [0, 250, 499]) expect(Math.abs(barToX(g, (utcOpen + i * barSec) * 1000) - ts.centre(i))).toBeLessThan(0.01);
  });

  it('a build of the v19 era (no timeScale.width or barSpacing): the canvas gives the width, coordinateToTime the spacing', () => {
    const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
    const log: CallLog = { missing: new Set(), threw: new Set() };
    const read = readWidget(widget({ getTimeScale: () => ({ coordinateToTime: ts.coordinateToTime }) }), log, (height) => (height === 600 ? 1200 : null));
    if (!read.ok) throw new Error(`unread: ${read.reason}`);
    const { width, height, ...rest } = read.geometry;
    expect(width).toBe(1200);
    expect(Math.abs(rest.time.barSpacing - 7.3)).toBeLessThan(1e-4);
    const g: ChartGeometry = { ...rest, pane: { left: 0, top: 0, width, height }, mount: 1 };
    for (const i of [0, 250, 499]) expect(Math.abs(barToX(g, (1_700_000_000 + i * 900) * 1000) - ts.centre(i))).toBeLessThan(0.05);
    expect([...log.missing].sort()).toEqual(['timeScale.barSpacing', 'timeScale.width']);
  });

  it('getAllPanesHeight answers each pane\'s height, the main pane first', () => {
    const read = readWidget(widget({ getPanes: () => [{ getMainSourcePriceScale: () => priceScale() }], getAllPanesHeight: () => [600, 120] }));
    expect(read.ok && read.geometry.height).toBe(600);
  });

  it('a chart whose model is loading (chart.hasModel false, v28+) is waited for, not reported as throwing', () => {
    const log: CallLog = { missing: new Set(), threw: new Set() };
    const loading = widget({ hasModel: () => false, getPanes: () => { throw new Error('model not loaded'); } });
    const { hasModel: _, ...noWidgetHasModel } = loading;
    expect(readWidget(noWidgetHasModel, log)).toEqual({ ok: false, reason: 'not-ready' });
    expect([...log.threw]).toEqual([]);
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
  const geometry: ChartGeometry = {
    symbol: 'BTCUSDT', resolution: '15', mount: 2, pane: { left: 52, top: 38, width: 1200, height: 600 },
    time: { anchorTime: 1_700_000_000_000, anchorX: 600.25, barSpacing: 7.3, barMs: 900_000 }, price: { top: 110, bottom: 100, log: false },
  };
  const message = { type: 'geometry', geometry, frame: 0 };

  it('are taken field by field', () => {
    expect(parseBridgeMessage(message)).toEqual({ type: 'geometry', geometry, frame: 0 });
    expect(parseBridgeMessage({ ...message, geometry: { ...geometry, extra: '<b>' } })).toEqual({ type: 'geometry', geometry, frame: 0 });
    expect(parseBridgeMessage({ type: 'no-chart', reason: 'no-api' })).toEqual({ type: 'no-chart', reason: 'no-api' });
  });

  it.each([
    ['another type', { ...message, type: 'paint' }],
    ['a symbol with markup', { ...message, geometry: { ...geometry, symbol: '<img src=x>' } }],
    ['a pane of no size', { ...message, geometry: { ...geometry, pane: { ...geometry.pane, width: 0 } } }],
    ['a huge pane', { ...message, geometry: { ...geometry, pane: { ...geometry.pane, height: 1e9 } } }],
    ['a price as text', { ...message, geometry: { ...geometry, price: { ...geometry.price, top: '110' } } }],
    ['a flat price scale', { ...message, geometry: { ...geometry, price: { ...geometry.price, top: 100 } } }],
    ['a log scale through zero', { ...message, geometry: { ...geometry, price: { top: 10, bottom: -1, log: true } } }],
    ['NaN spacing', { ...message, geometry: { ...geometry, time: { ...geometry.time, barSpacing: Number.NaN } } }],
    // Issue 20: finite but absurd numbers from the page's chart API.
    ['a price of 1e300', { ...message, geometry: { ...geometry, price: { top: 1e300, bottom: -1e300, log: false } } }],
    ['a bar in the year 5000', { ...message, geometry: { ...geometry, time: { ...geometry.time, anchorTime: Date.UTC(5000, 0, 1) } } }],
    ['a bar a year long', { ...message, geometry: { ...geometry, time: { ...geometry.time, barMs: 365 * 86_400_000 } } }],
    ['a frame token out of range', { ...message, frame: 2 ** 31 }],
    ['a frame token that is not a whole number', { ...message, frame: 1.5 }],
    ['an unknown reason', { type: 'no-chart', reason: 'because' }],
    ['an array', [message]],
  ])('are dropped for %s', (_, data) => {
    expect(parseBridgeMessage(data)).toBeNull();
  });
});

describe('reading a build without coordinateToTime', () => {
  // The library's rule: getVisibleRange().to is the slot at ceil(base + rightOffset), projected past the newest bar.
  function build(rightOffset: number, log?: CallLog) {
    const bars = 500;
    const ts = timeScale(1200, 7.3, rightOffset, bars, 1_700_000_000, 900);
    const toIndex = Math.ceil(bars - 1 + rightOffset);
    const { coordinateToTime: _, ...rest } = ts;
    const w = widget({
      getTimeScale: () => ({ ...rest, rightOffset: () => rightOffset }),
      getVisibleRange: () => ({ from: 1_700_000_000, to: 1_700_000_000 + toIndex * 900 }),
    });
    return { ts, read: readWidget(w, log) };
  }

  it.each([3.4, 0, -0.6, -17.25, -40])('places every bar where the chart draws it, right offset %d', (rightOffset) => {
    const log: CallLog = { missing: new Set(), threw: new Set() };
    const { ts, read } = build(rightOffset, log);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const { width, height, ...rest } = read.geometry;
    const g: ChartGeometry = { ...rest, pane: { left: 0, top: 0, width, height }, mount: 1 };
    for (const i of [0, 100, 400, 499]) expect(Math.abs(barToX(g, (1_700_000_000 + i * 900) * 1000) - ts.centre(i))).toBeLessThan(0.01);
    expect([...log.missing]).toEqual(['timeScale.coordinateToTime']);
  });

  it('without rightOffset as well, says the API is incomplete rather than guess', () => {
    const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
    const log: CallLog = { missing: new Set(), threw: new Set() };
    const w = widget({ getTimeScale: () => ({ width: ts.width, barSpacing: ts.barSpacing }), getVisibleRange: () => ({ from: 1, to: 2 }) });
    expect(readWidget(w, log)).toEqual({ ok: false, reason: 'incomplete-api' });
    expect(log.missing.has('timeScale.coordinateToTime')).toBe(true);
  });

  it('lastVisibleBar refuses a range without a time', () => {
    expect(lastVisibleBar(undefined, 0, 100, 5)).toBeNull();
    expect(lastVisibleBar('123', 0, 100, 5)).toBeNull();
    expect(lastVisibleBar(123, Number.NaN, 100, 5)).toBeNull();
  });
});

describe('what the page report learns from a read', () => {
  it('names the calls that threw and were missing, never their messages', () => {
    const log: CallLog = { missing: new Set(), threw: new Set() };
    readWidget(widget({ getPanes: () => { throw new Error('secret page text'); } }), log);
    expect([...log.threw]).toEqual(['chart.getPanes']);
    readWidget(widget({}, { getMode: undefined }), log);
    expect(log.missing.has('priceScale.getMode')).toBe(true);
  });

  it('does not believe a time scale whose neighbouring bars are not one bar apart', () => {
    const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
    expect(findBarCentre(ts.coordinateToTime, 1200, 7.3, 60)).toBeNull();
    expect(findBarCentre((x) => x * 1000, 1200, 7.3, 900)).toBeNull();
  });

  it('a chart of no size is hidden, not broken', () => {
    const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
    expect(readWidget(widget({ getTimeScale: () => ({ ...ts, width: () => 0 }) }))).toEqual({ ok: false, reason: 'hidden' });
  });
});

describe('page-supplied numbers and texts (issue 20)', () => {
  it('a time scale 1e20 px wide does not loop forever: the bisection is bounded and the read refused', () => {
    let calls = 0;
    // A page that says its chart is 1e20 px wide with bars 20,000 px apart, and snaps as a real one
    // would: at 5e19 neighbouring floats are 8,192 apart, so the gap never halves below 0.005 px.
    const timeAt = (x: number) => {
      if (++calls > 10_000) throw new Error('the bisection did not stop');
      return x < 5e19 + 10_000 ? 1_700_000_000 : 1_700_000_900;
    };
    expect(findBarCentre(timeAt, 1e20, 20_000, 900)).toBeNull();
    expect(calls).toBeLessThan(300);
    const ts = { width: () => 1e20, barSpacing: () => 20_000, coordinateToTime: timeAt };
    calls = 0;
    expect(readWidget(widget({ getTimeScale: () => ts }))).toEqual({ ok: false, reason: 'not-ready' });
  });

  it('a 20 MB symbol is refused before it is copied or split', () => {
    const huge = 'BINANCE:' + 'X'.repeat(20_000_000);
    expect(readWidget(widget({ symbol: () => huge }))).toEqual({ ok: false, reason: 'not-ready' });
    expect(readWidget(widget({ resolution: () => '1'.repeat(1_000) }))).toEqual({ ok: false, reason: 'not-ready' });
  });
});

describe('findings messages', () => {
  const findings = {
    frames: [{ index: 0, id: 'tradingview_7c2d1', origin: 'https://www.binance.com' }], foreignFrames: 1, foreign: [{ index: 1, origin: 'https://s3.tradingview.com' }],
    globals: ['frame0.tradingViewApi'], layout: { charts: 3, active: 1 }, handles: ['frame0.tradingViewApi', 'constructor#1'],
    widgetConstructor: { defined: true, widgets: 1 }, missing: ['timeScale.coordinateToTime'], threw: [], version: '27.001', chosen: 'frame0.tradingViewApi', geometryRead: true,
  };
  it('are taken field by field', () => {
    expect(parseBridgeMessage({ type: 'findings', findings: { ...findings, cookie: 'x' } })).toEqual({ type: 'findings', findings });
  });
  it('keep a library version however long real ones run (93 characters here)', () => {
    const version = 'CL v29.2.0 (internal id 3b7e3e05 @ 2025-04-08T10:49:22.516Z, build trading-terminal, pro)';
    expect(version.length).toBeGreaterThan(80);
    expect(parseBridgeMessage({ type: 'findings', findings: { ...findings, version } })).toEqual({ type: 'findings', findings: { ...findings, version } });
  });
  it.each([
    ['page text as a handle', { ...findings, handles: ['<img src=x>'] }],
    ['a frame id with markup', { ...findings, frames: [{ index: 0, id: '"><b>' }] }],
    ['a long list', { ...findings, missing: new Array(100).fill('a') }],
    ['no constructor record', { ...findings, widgetConstructor: undefined }],
    ['a version with markup', { ...findings, version: '<script>' }],
    ['a frame origin with a path', { ...findings, foreign: [{ index: 1, origin: 'https://a.b/secret/token' }] }],
    ['a global with markup', { ...findings, globals: ['<b>'] }],
  ])('are dropped for %s', (_, bad) => {
    expect(parseBridgeMessage({ type: 'findings', findings: bad })).toBeNull();
  });
});
