import { describe, expect, it } from 'vitest';
import { parseFeedStatus, parseTabRequest } from '../../src/messaging/validate';
import { parseDataSource } from '../../src/settings/dataSource';
import { badgeModel } from '../../src/content/badgeModel';
import { formatShortAge } from '../../src/wording/format';
import type { FeedStatus } from '../../src/messaging/protocol';
import type { AnalysisEvent } from '../../src/analysis/api';
import type { OverlayPrint } from '../../src/overlay/layers';
import { LAYER_LIMITS, NO_LAYERS, parseLayers, parsePrints } from '../../src/messaging/validateLayers';
import { SMC_KINDS } from '../../src/core/smc/kinds';
import type { SmcCounts } from '../../src/core/smc';
import type { ExchangeId } from '../../src/exchanges';

const NO_EVENTS: AnalysisEvent[] = [];
/** One swing and two FVGs; every other kind none (the kinds read from their declarations). */
const COUNTS = { ...Object.fromEntries(SMC_KINDS.map((k) => [k.list, 0])), swings: 1, fvgs: 2 } as Omit<SmcCounts, 'bars'>;
const RECENT: OverlayPrint[] = [{ time: 1_000, side: 'long', price: 37_000, notional: 41_200 }];

const page = { exchange: 'binance', market: 'futures', symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT' } as const;
const status: FeedStatus = {
  state: 'replay', exchange: 'binance', symbol: 'BTCUSDT', timeframe: '5m',
  candleCount: 500, lastCandleTime: 1_700_000_000_000, lastClose: 37_000, updatedAt: 10_000,
};

describe('parseTabRequest', () => {
  it('accepts a well-formed watch and unwatch', () => {
    expect(parseTabRequest({ type: 'watch', page, timeframe: '5m' })).toEqual({ type: 'watch', page, timeframe: '5m' });
    expect(parseTabRequest({ type: 'unwatch' })).toEqual({ type: 'unwatch' });
  });

  it.each([
    null, 'watch', [], { type: 'watch', page, timeframe: '7m' }, { type: 'watch', timeframe: '5m' },
    { type: 'watch', page: { ...page, exchange: 'mtgox' }, timeframe: '5m' },
    { type: 'watch', page: { ...page, symbol: '<img src=x onerror=alert(1)>' }, timeframe: '5m' },
    { type: 'watch', page: { ...page, symbol: 'A'.repeat(1000) }, timeframe: '5m' },
    { type: 'watch', page: { ...page, market: 'options' }, timeframe: '5m' },
  ])('refuses %j', (message) => {
    expect(parseTabRequest(message)).toBeNull();
  });
});

describe('parseFeedStatus', () => {
  it('accepts a status update and refuses malformed ones', () => {
    expect(parseFeedStatus({ type: 'status', status })).toEqual(status);
    expect(parseFeedStatus({ type: 'status', status: { ...status, state: 'great' } })).toBeNull();
    expect(parseFeedStatus({ type: 'status', status: { ...status, lastClose: Number.NaN } })).toBeNull();
    expect(parseFeedStatus({ type: 'status', status: { ...status, error: 42 } })).toBeNull();
    expect(parseFeedStatus({ type: 'other' })).toBeNull();
  });
});

describe('parseDataSource', () => {
  it('defaults to the live exchanges and accepts a loopback replay URL', () => {
    expect(parseDataSource(undefined)).toEqual({ source: { kind: 'live' } });
    expect(parseDataSource({ kind: 'replay', url: 'http://127.0.0.1:8787/' })).toEqual({
      source: { kind: 'replay', url: 'http://127.0.0.1:8787' },
    });
  });

  it('refuses a replay URL that is not on this machine, saying why', () => {
    const parsed = parseDataSource({ kind: 'replay', url: 'https://evil.example/api' });
    expect(parsed.source).toEqual({ kind: 'live' });
    expect(parsed.error).toMatch(/on this machine/);
    expect(parseDataSource({ kind: 'ftp' }).error).toMatch(/unknown/);
  });
});

describe('badgeModel', () => {
  it('says where the data comes from and how old it is', () => {
    const model = badgeModel(page, { value: '5m', assumed: false }, status, 13_400);
    expect(model).toEqual({
      exchange: 'Binance', symbol: 'BTCUSDT', timeframe: '5m', state: 'replay', detail: '500 candles · updated 3s ago',
    });
  });

  it('marks an assumed timeframe and passes the reason for no data through', () => {
    const model = badgeModel(page, { value: '15m', assumed: true }, { ...status, state: 'no data', error: 'Binance is unreachable; retrying' }, 0);
    expect(model.timeframe).toBe('15m (assumed)');
    expect(model.state).toBe('no data');
    expect(model.detail).toBe('Binance is unreachable; retrying');
  });

  it('formats ages in the largest sensible unit', () => {
    expect([formatShortAge(-5), formatShortAge(59_000), formatShortAge(61_000), formatShortAge(3 * 3600_000), formatShortAge(72 * 3600_000)]).toEqual(['0s', '59s', '1m', '3h', '3d']);
  });
});

describe('print summaries', () => {
  const prints = {
    stream: 'live', lastHour: 14, lastHourNotional: 2_340_000, gapsLastHour: 1, throttled: true,
    lastPrint: { time: 1_000, side: 'long', price: 37_000, notional: 41_200 },
    recent: RECENT,
  } as const;

  it('travel with the status, rebuilt field by field, and are refused when malformed', () => {
    expect(parseFeedStatus({ type: 'status', status: { ...status, prints: { ...prints, extra: '<script>' } } })).toEqual({ ...status, prints });
    for (const bad of [{ ...prints, stream: 'great' }, { ...prints, lastHour: -1 }, { ...prints, lastHourNotional: Number.NaN }, { ...prints, lastPrint: { ...prints.lastPrint, side: 'up' } }, { ...prints, error: {} }]) {
      expect(parseFeedStatus({ type: 'status', status: { ...status, prints: bad } })).toBeNull();
    }
  });

  it('read as one line in the badge: count, notional, last print, gaps, the throttle, and trouble when not live', () => {
    expect(badgeModel(page, { value: '5m', assumed: false }, { ...status, prints }, 13_000).prints?.text)
      .toBe('Liquidations 1h: 14 · $2.3M · last long $41.2k 12s ago · 1 gap · ≤1 print/s');
    const down = { ...prints, stream: 'waiting to reconnect', error: 'connection closed', lastPrint: null, gapsLastHour: 0, throttled: false } as const;
    expect(badgeModel(page, { value: '5m', assumed: false }, { ...status, prints: down }, 0).prints?.text)
      .toBe('Liquidations 1h: 14 · $2.3M · stream waiting to reconnect: connection closed');
  });
});

describe('heatmap read-out', () => {
  const analysis = {
    bars: 10, lastTime: 1, computeMicros: 5, counts: COUNTS, trend: { swing: 1, internal: -1 }, htf: null,
    heatmap: { estimator: 'volume', clusters: 7, long: { price: 94_210.4, distancePct: -2.14, share: 0.14, ageMs: 3 * 3_600_000 }, short: null, score: { prints: 0, hitRate: null, chance: null, late: 0 }, skill: null, skillLastDay: null, forecast: null, aggregate: null, magnets: { opened: 0, reached: 0, active: null } },
    layers: NO_LAYERS,
    events: NO_EVENTS,
  } as const;

  it('travels validated with the analysis, and says which estimator made it', () => {
    expect(parseFeedStatus({ type: 'status', status: { ...status, analysis } })).toEqual({ ...status, analysis });
    for (const heatmap of [{ ...analysis.heatmap, estimator: 'magic' }, { ...analysis.heatmap, long: { ...analysis.heatmap.long, share: 2 } }, undefined]) {
      expect(parseFeedStatus({ type: 'status', status: { ...status, analysis: { ...analysis, heatmap } } })).toBeNull();
    }
    expect(badgeModel(page, { value: '5m', assumed: false }, { ...status, analysis }, 0).heatmap?.text)
      .toBe('Heatmap (volume estimate): longs 94,210.4 (−2.1%, 14% of longs, 3h old) · no shorts cluster');
    const scored = { ...analysis, heatmap: { ...analysis.heatmap, score: { prints: 1_259, hitRate: 0.207, chance: 0.161, late: 2 } } };
    // The hit rate against chance is secondary now: it follows the edge over distance, on the skill line.
    expect(badgeModel(page, { value: '5m', assumed: false }, { ...status, analysis: scored }, 0).heatmap?.skill)
      .toBe('Heatmap skill: not enough liquidations scored yet · hit rate 21% of 1,259 prints (chance 16%)');
    expect(parseFeedStatus({ type: 'status', status: { ...status, analysis: { ...scored, heatmap: { ...scored.heatmap, score: { ...scored.heatmap.score, hitRate: 1.5 } } } } })).toBeNull();
  });

  it('marks a cluster the other exchange confirms, and reads out both exchanges together', () => {
    const both = {
      ...analysis,
      heatmap: {
        ...analysis.heatmap,
        long: { ...analysis.heatmap.long, confirmedBy: ['bybit'] as ExchangeId[] },
        aggregate: { weighting: 'open interest', weights: { binance: 0.62, bybit: 0.38 }, long: { price: 94_300, distancePct: -2.05, share: 0.2, ageMs: 0 }, short: null },
      },
    } as const;
    expect(parseFeedStatus({ type: 'status', status: { ...status, analysis: both } })).toEqual({ ...status, analysis: both });
    const model = badgeModel(page, { value: '5m', assumed: false }, { ...status, analysis: both }, 0).heatmap!;
    expect(model.text).toContain('longs 94,210.4 (−2.1%, 14% of longs, 3h old, confirmed by 2: also on Bybit)');
    expect(model.aggregate).toBe('All exchanges (by open interest: Binance 62% / Bybit 38%): longs 94,300 (−2.0%) · no shorts cluster');
    const forged = { ...both, heatmap: { ...both.heatmap, long: { ...both.heatmap.long, confirmedBy: ['mtgox'] } } };
    expect(model.magnet).toBeNull();
    expect(parseFeedStatus({ type: 'status', status: { ...status, analysis: forged } })).toBeNull();
  });
});

describe('heatmap skill read-out', () => {
  const skill = { model: 0.62, raw: 0.6, alpha: 0.5, calibration: null, baseline: 0.56, baselineKind: 'model-distance', edge: 0.06, edgeCi95: [0.02, 0.1], prints: 812, snapshots: 40, days: 3, priceBasis: 'fill' } as const;
  const analysis = {
    bars: 10, lastTime: 1, computeMicros: 5, counts: COUNTS, trend: { swing: 1, internal: -1 }, htf: null,
    heatmap: { estimator: 'oi', clusters: 0, long: null, short: null, score: { prints: 0, hitRate: null, chance: null, late: 0 }, skill, skillLastDay: null, forecast: null, aggregate: null, magnets: { opened: 0, reached: 0, active: null } },
    layers: NO_LAYERS,
    events: NO_EVENTS,
  } as const;
  const withSkill = (s: unknown) => ({ ...analysis, heatmap: { ...analysis.heatmap, skill: s } });
  const line = (s: unknown) => badgeModel(page, { value: '5m', assumed: false }, { ...status, analysis: withSkill(s) as never }, 0).heatmap?.skill;

  it('says the edge over distance alone with its sample: better only where the interval is above 0', () => {
    expect(parseFeedStatus({ type: 'status', status: { ...status, analysis } })).toEqual({ ...status, analysis });
    expect(line(skill)).toBe('Heatmap skill: clusters placed the last 812 liquidations better than distance alone: +0.06 (0.02 to 0.10)');
    expect(line({ ...skill, edge: 0.01, edgeCi95: [-0.03, 0.05] })).toBe('Heatmap skill: no better than distance alone (+0.01, −0.03 to 0.05, 812 liquidations)');
    expect(line({ ...skill, edge: -0.04, edgeCi95: [-0.09, 0] })).toBe('Heatmap skill: no better than distance alone (−0.04, −0.09 to 0.00, 812 liquidations)');
    expect(line({ ...skill, edgeCi95: null, days: 1, prints: 1 })).toBe('Heatmap skill: not shown better than distance alone yet (+0.06 over 1 day, too few days for an interval; 1 liquidation)');
    expect(line(null)).toBe('Heatmap skill: not enough liquidations scored yet');
  });

  it.each([
    ['a mid-rank above 1', { ...skill, model: 1.2 }],
    ['an edge beyond −1..1', { ...skill, edge: -1.5 }],
    ['an interval upside down', { ...skill, edgeCi95: [0.1, 0.02] }],
    ['an interval of three numbers', { ...skill, edgeCi95: [0, 0.1, 0.2] }],
    ['an unknown baseline', { ...skill, baselineKind: 'crystal-ball' }],
    ['an unknown price basis', { ...skill, priceBasis: 'mark' }],
    ['a fractional count of prints', { ...skill, prints: 8.5 }],
    ['a NaN edge', { ...skill, edge: Number.NaN }],
    ['no skill field at all', undefined],
  ])('refuses the analysis for %s', (_, bad) => {
    expect(parseFeedStatus({ type: 'status', status: { ...status, analysis: withSkill(bad) } })).toBeNull();
    // The last day's summary is checked the same way.
    if (bad !== undefined) expect(parseFeedStatus({ type: 'status', status: { ...status, analysis: { ...analysis, heatmap: { ...analysis.heatmap, skillLastDay: bad } } } })).toBeNull();
  });
});

describe('higher timeframe read-out', () => {
  const analysis = {
    bars: 10, lastTime: 1, computeMicros: 5, counts: COUNTS, trend: { swing: 1, internal: -1 },
    htf: { timeframe: '4h', trend: -1, bars: 378 },
    heatmap: { estimator: 'volume', clusters: 0, long: null, short: null, score: { prints: 0, hitRate: null, chance: null, late: 0 }, skill: null, skillLastDay: null, forecast: null, aggregate: null, magnets: { opened: 0, reached: 0, active: null } },
    layers: NO_LAYERS,
    events: NO_EVENTS,
  } as const;
  const structure = (a: object) => badgeModel(page, { value: '5m', assumed: false }, { ...status, analysis: a as typeof analysis }, 0).structure?.text;

  it('ends the structure line with the 4h trend, or says it is not set yet', () => {
    expect(parseFeedStatus({ type: 'status', status: { ...status, analysis } })).toEqual({ ...status, analysis });
    // The six kinds of the time this was written, word for word and in order; a kind declared after them is counted after them by its own word.
    const later = SMC_KINDS.slice(6).map((k) => ` · 0 ${k.counted}`).join('');
    expect(structure(analysis)).toBe(`SMC 10 bars · 1 swings · 0 BOS/CHoCH · 0 OB · 2 FVG · 0 EQ · 0 sweeps${later} · swing ▲ internal ▼ · 4h trend ▼`);
    expect(structure({ ...analysis, htf: { timeframe: '4h', trend: 0, bars: 4 } })).toMatch(/internal ▼ · 4h trend not set yet \(4 bars\)$/);
    expect(structure({ ...analysis, htf: null })).toMatch(/internal ▼$/);
  });

  it.each([
    ['an unknown timeframe', { timeframe: '7h', trend: 1, bars: 3 }],
    ['a trend of 2', { timeframe: '4h', trend: 2, bars: 3 }],
    ['a fractional count', { timeframe: '4h', trend: 1, bars: 2.5 }],
    ['no higher-timeframe field at all', undefined],
  ])('refuses the analysis for %s', (_, htf) => {
    expect(parseFeedStatus({ type: 'status', status: { ...status, analysis: { ...analysis, htf } } })).toBeNull();
  });
});

describe('magnet read-out', () => {
  it('names the active zone, its deadline and the record so far; a malformed zone is refused', () => {
    const magnets = { opened: 48, reached: 14, active: { side: 'short', price: 97_812.5, distancePct: 3.12, expiresTime: Date.UTC(2026, 10, 28, 6, 30) } } as const;
    const analysis = {
      bars: 10, lastTime: 1, computeMicros: 5, counts: COUNTS, trend: { swing: 1, internal: -1 }, htf: null,
      heatmap: { estimator: 'volume', clusters: 7, long: null, short: null, score: { prints: 0, hitRate: null, chance: null, late: 0 }, skill: null, skillLastDay: null, forecast: null, aggregate: null, magnets },
      layers: NO_LAYERS,
      events: NO_EVENTS,
      } as const;
    expect(parseFeedStatus({ type: 'status', status: { ...status, analysis } })).toEqual({ ...status, analysis });
    expect(badgeModel(page, { value: '5m', assumed: false }, { ...status, analysis }, 0).heatmap?.magnet)
      .toBe('Magnet zone: shorts 97,812.5 (+3.1%) while the range is tight, until 2026-11-28 06:30 UTC · 14 of 48 zones reached so far');
    const bad = { ...analysis, heatmap: { ...analysis.heatmap, magnets: { ...magnets, active: { ...magnets.active, side: 'up' } } } };
    expect(parseFeedStatus({ type: 'status', status: { ...status, analysis: bad } })).toBeNull();
  });
});

describe('overlay layers', () => {
  const bands = {
    estimator: 'oi', source: 'binance', times: [0, 60_000], candleMs: 60_000, edges: [100, 101, 102], long: [0, 255, 3, 0], short: [9, 0, 0, 1], maxLong: 2e6, maxShort: 1e6,
  };
  const layers = {
    ...NO_LAYERS,
    setups: [{ id: 'sweep-choch:1:2:-1', kind: 'sweep-choch', dir: -1, entry: 101, stop: 103, target: 97, confirmTime: 60_000, grade: 'B', confluence: ['FVG inside the push'], status: 'waiting', r: null }],
    heatmap: bands,
    clusters: [{ side: 'long', price: 100.5, low: 100, high: 101, notional: 2e6, share: 0.3, since: 0, exchanges: ['binance', 'bybit'], forecast: { expected: 2.1e6, low80: 4e5, high80: 7.9e6, lr: 2.3 } }],
    magnet: { side: 'short', price: 104, openedTime: 0, expiresTime: 86_400_000 },
    marks: [
      { kind: 'break', scope: 'swing', label: 'CHoCH', dir: -1, price: 101, fromTime: 0, confirmTime: 60_000, provisional: false },
      { kind: 'orderBlock', scope: 'internal', dir: 1, top: 101, bottom: 100, fromTime: 0, confirmTime: 60_000, endTime: null, breaker: false, provisional: false },
      { kind: 'fvg', dir: 1, top: 101, bottom: 100.5, fromTime: 0, confirmTime: 60_000, endTime: 120_000, provisional: true },
      { kind: 'equal', label: 'EQH', price: 102, fromTime: 0, confirmTime: 60_000, provisional: false },
      { kind: 'sweep', dir: 1, price: 99, fromTime: 60_000, confirmTime: 60_000, displacement: 2.5, provisional: false },
    ],
  };

  it('pass through field by field, dropping anything extra', () => {
    expect(parseLayers(layers)).toEqual(layers);
    const extra = { ...layers, marks: [{ ...layers.marks[0], html: '<img onerror=alert(1)>' }] };
    expect(parseLayers(extra)!.marks[0]).not.toHaveProperty('html');
  });

  it.each([
    ['a cell beyond 255', { ...layers, heatmap: { ...bands, long: [0, 256, 3, 0] } }],
    ['a cell below 0', { ...layers, heatmap: { ...bands, short: [9, -1, 0, 1] } }],
    ['a cell not whole', { ...layers, heatmap: { ...bands, long: [0, 1.5, 3, 0] } }],
    ['a cell as text', { ...layers, heatmap: { ...bands, long: [0, '255', 3, 0] } }],
    ['a cell not a number', { ...layers, heatmap: { ...bands, short: [9, Number.NaN, 0, 1] } }],
    ['cells not a list', { ...layers, heatmap: { ...bands, long: { length: 4 } } }],
    ['more cells than allowed', { ...layers, heatmap: { ...bands, long: new Array(LAYER_LIMITS.columns * LAYER_LIMITS.rows + 1).fill(0) } }],
    ['cells that do not fill the grid', { ...layers, heatmap: { ...bands, short: [1, 2] } }],
    ['edges out of order', { ...layers, heatmap: { ...bands, edges: [100, 99, 102] } }],
    ['more columns than allowed', { ...layers, heatmap: { ...bands, times: new Array(LAYER_LIMITS.columns + 1).fill(0) } }],
    ['a cluster outside its own span', { ...layers, clusters: [{ ...layers.clusters[0], price: 200 }] }],
    ['a third exchange', { ...layers, clusters: [{ ...layers.clusters[0], exchanges: ['binance', 'mtgox'] }] }],
    ['an unknown mark', { ...layers, marks: [{ ...layers.marks[0], kind: 'script' }] }],
    ['a box upside down', { ...layers, marks: [{ ...layers.marks[1], top: 99 }] }],
    ['a price as text', { ...layers, marks: [{ ...layers.marks[0], price: '101' }] }],
    ['too many marks', { ...layers, marks: new Array(LAYER_LIMITS.marks + 1).fill(layers.marks[0]) }],
    ['no clusters list', { ...layers, clusters: undefined }],
  ])('are refused whole for %s', (_, bad) => {
    expect(parseLayers(bad)).toBeNull();
  });

  it('take prints as bubbles only when every one is well formed, within the ceiling', () => {
    const p = { time: 1, price: 100, side: 'short', notional: 5_000 };
    expect(parsePrints([p])).toEqual([p]);
    expect(parsePrints([p, { ...p, side: 'up' }])).toBeNull();
    expect(parsePrints(new Array(LAYER_LIMITS.prints + 1).fill(p))).toBeNull();
  });
});
