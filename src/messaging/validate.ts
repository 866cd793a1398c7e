/**
 * Runtime checks for messages that cross a context boundary. TypeScript types vanish at run
 * time; anything that arrives over a port or from the page is checked here before use.
 */
import { EXCHANGE_IDS, isExchangeId } from '../exchanges';
import { isTimeframe } from '../core/timeframes';
import type { TradePage } from '../site/pageUrl';
import type { AggregateSummary, AnalysisSummary, ClusterSummary, HeatmapSummary, HitRate, HtfSummary, MagnetSummary } from '../analysis/api';
import type { SkillSummary } from '../core/heatmap';
import type { FeedStatus, PrintSummary, TabRequest } from './protocol';
import { isPrintNotional, parseEvents, parseLayers, parsePrints } from './validateLayers';

const SYMBOL = /^[A-Z0-9]{2,24}$/;
const ASSET = /^[A-Z0-9]{1,16}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseTradePage(value: unknown): TradePage | null {
  if (!isRecord(value)) return null;
  const { exchange, market, symbol, base, quote } = value;
  if (!isExchangeId(exchange)) return null;
  if (market !== 'futures' && market !== 'spot') return null;
  if (typeof symbol !== 'string' || !SYMBOL.test(symbol)) return null;
  if (typeof base !== 'string' || !ASSET.test(base) || typeof quote !== 'string' || !ASSET.test(quote)) return null;
  return { exchange, market, symbol, base, quote };
}

export function parseTabRequest(value: unknown): TabRequest | null {
  if (!isRecord(value)) return null;
  if (value.type === 'unwatch') return { type: 'unwatch' };
  if (value.type !== 'watch' || !isTimeframe(value.timeframe)) return null;
  const page = parseTradePage(value.page);
  return page ? { type: 'watch', page, timeframe: value.timeframe } : null;
}

const FEED_STATES = new Set(['loading', 'replay', 'live', 'no data']);

function isNullableNumber(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isFinite(value));
}

/** A status update from the background, as the content script receives it. */
export function parseFeedStatus(value: unknown): FeedStatus | null {
  if (!isRecord(value) || value.type !== 'status' || !isRecord(value.status)) return null;
  const s = value.status;
  if (typeof s.state !== 'string' || !FEED_STATES.has(s.state)) return null;
  if (!isExchangeId(s.exchange) || typeof s.symbol !== 'string' || !isTimeframe(s.timeframe)) return null;
  if (typeof s.candleCount !== 'number' || !isNullableNumber(s.lastCandleTime) || !isNullableNumber(s.lastClose)) return null;
  if (!isNullableNumber(s.updatedAt)) return null;
  if (s.error !== undefined && typeof s.error !== 'string') return null;
  const analysis = s.analysis === undefined ? undefined : parseAnalysisSummary(s.analysis);
  if (analysis === null) return null;
  const prints = s.prints === undefined ? undefined : parsePrintSummary(s.prints);
  if (prints === null) return null;
  // Rebuilt field by field, so nothing unexpected travels further.
  return {
    state: s.state as FeedStatus['state'],
    exchange: s.exchange,
    symbol: s.symbol,
    timeframe: s.timeframe,
    candleCount: s.candleCount,
    lastCandleTime: s.lastCandleTime,
    lastClose: s.lastClose,
    updatedAt: s.updatedAt,
    ...(s.error !== undefined ? { error: s.error } : {}),
    ...(analysis ? { analysis } : {}),
    ...(prints ? { prints } : {}),
  };
}

const STREAM_STATES = new Set(['idle', 'connecting', 'live', 'waiting to reconnect']);

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

export function parsePrintSummary(value: unknown): PrintSummary | null {
  if (!isRecord(value)) return null;
  const { stream, lastHour, lastHourNotional, lastPrint, gapsLastHour, throttled, error } = value;
  if (typeof stream !== 'string' || !STREAM_STATES.has(stream)) return null;
  if (!isCount(lastHour) || !isAmount(lastHourNotional) || !isCount(gapsLastHour) || typeof throttled !== 'boolean') return null;
  if (error !== undefined && typeof error !== 'string') return null;
  let last: PrintSummary['lastPrint'] = null;
  if (lastPrint !== null) {
    if (!isRecord(lastPrint) || (lastPrint.side !== 'long' && lastPrint.side !== 'short')) return null;
    const { time, price, notional } = lastPrint;
    if (!isAmount(time) || !isAmount(price) || !isPrintNotional(notional)) return null;
    last = { time, side: lastPrint.side, price, notional };
  }
  const recent = parsePrints(value.recent);
  if (!recent) return null;
  return {
    stream: stream as PrintSummary['stream'],
    recent,
    lastHour,
    lastHourNotional,
    lastPrint: last,
    gapsLastHour,
    throttled,
    ...(error !== undefined ? { error } : {}),
  };
}

const COUNT_NAMES = ['swings', 'breaks', 'orderBlocks', 'fvgs', 'equalLevels', 'sweeps'] as const;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isTrend(value: unknown): value is 1 | -1 | 0 {
  return value === 1 || value === -1 || value === 0;
}

function parseCluster(value: unknown): ClusterSummary | null | undefined {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const { price, distancePct, share, ageMs, confirmedBy } = value;
  if (!isAmount(price) || typeof distancePct !== 'number' || !Number.isFinite(distancePct) || !isAmount(share) || share > 1 || !isAmount(ageMs)) return undefined;
  if (confirmedBy !== undefined && !(Array.isArray(confirmedBy) && confirmedBy.length < EXCHANGE_IDS.length && confirmedBy.every(isExchangeId))) return undefined;
  return { price, distancePct, share, ageMs, ...(confirmedBy ? { confirmedBy: [...confirmedBy] } : {}) };
}

function parseAggregate(value: unknown): AggregateSummary | null | undefined {
  if (value === null) return null;
  if (!isRecord(value) || (value.weighting !== 'open interest' && value.weighting !== 'traded notional') || !isRecord(value.weights)) return undefined;
  const weights: AggregateSummary['weights'] = {};
  for (const [exchange, w] of Object.entries(value.weights)) {
    if (!isExchangeId(exchange) || !isRate(w) || w === null) return undefined;
    weights[exchange] = w;
  }
  const long = parseCluster(value.long);
  const short = parseCluster(value.short);
  if (long === undefined || short === undefined) return undefined;
  return { weighting: value.weighting, weights, long, short };
}

const isRate = (x: unknown): x is number | null => x === null || (typeof x === 'number' && x >= 0 && x <= 1);

function parseHitRate(value: unknown): HitRate | null {
  if (!isRecord(value)) return null;
  const { prints, hitRate, chance, late } = value;
  if (!isCount(prints) || !isRate(hitRate) || !isRate(chance) || !isCount(late)) return null;
  return { prints, hitRate, chance, late };
}

/** A number in [lo, hi] (finite). */
const isWithin = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && x >= lo && x <= hi;
const BASELINE_KINDS = new Set(['model-distance', 'market-distance']);
const PRICE_BASES = new Set(['fill', 'order-to-trigger', 'mixed']);

/** The heatmap's skill over distance alone: null before any snapshot is scored, undefined where malformed. Mid-ranks lie in 0..1, so an edge in −1..1. */
function parseSkill(value: unknown): SkillSummary | null | undefined {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const { model, baseline, baselineKind, edge, edgeCi95, prints, snapshots, days, priceBasis } = value;
  if (!isWithin(model, 0, 1) || !isWithin(baseline, 0, 1) || !isWithin(edge, -1, 1)) return undefined;
  if (typeof baselineKind !== 'string' || !BASELINE_KINDS.has(baselineKind) || typeof priceBasis !== 'string' || !PRICE_BASES.has(priceBasis)) return undefined;
  if (!isCount(prints) || !isCount(snapshots) || !isCount(days)) return undefined;
  let ci: SkillSummary['edgeCi95'] = null;
  if (edgeCi95 !== null) {
    if (!Array.isArray(edgeCi95) || edgeCi95.length !== 2) return undefined;
    const [lo, hi] = edgeCi95 as unknown[];
    if (!isWithin(lo, -1, 1) || !isWithin(hi, lo, 1)) return undefined;
    ci = [lo, hi];
  }
  return {
    model, baseline, baselineKind: baselineKind as SkillSummary['baselineKind'], edge, edgeCi95: ci, prints, snapshots, days, priceBasis: priceBasis as SkillSummary['priceBasis'],
  };
}

function parseHeatmapSummary(value: unknown): HeatmapSummary | null {
  if (!isRecord(value) || (value.estimator !== 'oi' && value.estimator !== 'volume') || !isCount(value.clusters)) return null;
  const long = parseCluster(value.long);
  const short = parseCluster(value.short);
  const score = parseHitRate(value.score);
  const aggregate = parseAggregate(value.aggregate);
  if (long === undefined || short === undefined || !score || aggregate === undefined) return null;
  const magnets = parseMagnets(value.magnets);
  if (!magnets) return null;
  const skill = parseSkill(value.skill);
  const skillLastDay = parseSkill(value.skillLastDay);
  if (skill === undefined || skillLastDay === undefined) return null;
  const skipped = value.aggregateSkipped;
  if (skipped !== undefined && (typeof skipped !== 'string' || skipped.length > 200)) return null;
  return { estimator: value.estimator, clusters: value.clusters, long, short, score, skill, skillLastDay, aggregate, magnets, ...(skipped !== undefined ? { aggregateSkipped: skipped } : {}) };
}

function parseMagnets(value: unknown): MagnetSummary | null {
  if (!isRecord(value) || !isCount(value.opened) || !isCount(value.reached)) return null;
  const a = value.active;
  if (a === null) return { opened: value.opened, reached: value.reached, active: null };
  if (!isRecord(a) || (a.side !== 'long' && a.side !== 'short') || !isAmount(a.price) || typeof a.distancePct !== 'number' || !Number.isFinite(a.distancePct) || !isAmount(a.expiresTime)) return null;
  return { opened: value.opened, reached: value.reached, active: { side: a.side, price: a.price, distancePct: a.distancePct, expiresTime: a.expiresTime } };
}

/** The higher timeframe's trend: null where the series has none, undefined where malformed. */
function parseHtf(value: unknown): HtfSummary | null | undefined {
  if (value === null) return null;
  if (!isRecord(value) || !isTimeframe(value.timeframe) || !isTrend(value.trend) || !isCount(value.bars)) return undefined;
  return { timeframe: value.timeframe, trend: value.trend, bars: value.bars };
}

export function parseAnalysisSummary(value: unknown): AnalysisSummary | null {
  if (!isRecord(value) || !isRecord(value.counts) || !isRecord(value.trend)) return null;
  const { bars, lastTime, computeMicros, counts, trend } = value;
  const heatmap = parseHeatmapSummary(value.heatmap);
  if (!heatmap) return null;
  if (!isCount(bars) || !isNullableNumber(lastTime) || lastTime === null || !isCount(computeMicros)) return null;
  if (!COUNT_NAMES.every((name) => isCount(counts[name]))) return null;
  if (!isTrend(trend.swing) || !isTrend(trend.internal)) return null;
  const htf = parseHtf(value.htf);
  if (htf === undefined) return null;
  const layers = parseLayers(value.layers);
  const events = parseEvents(value.events);
  if (!layers || !events) return null;
  return {
    bars,
    lastTime,
    computeMicros,
    counts: Object.fromEntries(COUNT_NAMES.map((name) => [name, counts[name]])) as AnalysisSummary['counts'],
    trend: { swing: trend.swing, internal: trend.internal },
    htf,
    heatmap,
    layers,
    events,
  };
}
