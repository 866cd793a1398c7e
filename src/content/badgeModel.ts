/** What the badge says, as plain data: kept apart from rendering so it can be tested in Node. */
import type { AnalysisSummary, ClusterSummary, HeatmapSummary, HtfSummary } from '../messaging/validate';
import { formatPercent, formatPrice, formatShortAge, formatSignedPct, formatUsd, formatUtcStamp } from '../wording/format';
import { calibrationText, forecastBasisText, hitRateText, levelForecastText, skillText } from '../wording/heatmap';
import type { FeedStatus, PrintSummary } from '../messaging/protocol';
import type { TradePage } from '../site/pageUrl';
import { SMC_KINDS } from '../core/smc/kinds';
import type { Timeframe } from '../core/timeframes';
import { exchangeName, type ExchangeId } from '../exchanges';

export type BadgeState = FeedStatus['state'] | 'unsupported page';

export interface BadgeModel {
  exchange: string;
  symbol: string;
  timeframe: string;
  state: BadgeState;
  /** "updated 3s ago", or why there is no data. */
  detail: string;
  /** Counts of the structure found in the closed candles, once analysed. */
  structure?: StructureReadout;
  /** Realized liquidations from the exchange's stream. */
  prints?: PrintsReadout;
  /** The largest estimated liquidation cluster on each side, and of all exchanges together; the model's measured edge over distance alone. */
  heatmap?: { estimator: string; text: string; skill: string; dollars: string; aggregate: string | null; magnet: string | null };
}

export interface PrintsReadout {
  stream: PrintSummary['stream'];
  lastHour: number;
  gaps: number;
  text: string;
}

export interface StructureReadout {
  bars: number;
  text: string;
}

const TREND_ARROW = { 1: '▲', [-1]: '▼', 0: '–' } as const;

/** "SMC 287 bars · 12 swings · 5 BOS/CHoCH · 4 OB · 20 FVG · 3 EQ · 2 sweeps · swing ▲ internal ▼ · 4h trend ▲". */
export function structureReadout(a: AnalysisSummary): StructureReadout {
  const c = a.counts;
  return {
    bars: a.bars,
    text: `SMC ${a.bars} bars · ${SMC_KINDS.map((k) => `${c[k.list]} ${k.counted}`).join(' · ')} · swing ${TREND_ARROW[a.trend.swing]} internal ${TREND_ARROW[a.trend.internal]}` +
      (a.htf ? ` · ${htfText(a.htf)}` : ''),
  };
}

/** "4h trend ▲": the higher timeframe's swing trend the setups take as confluence; until its first swing break, how many of its bars there are. */
export function htfText(h: HtfSummary): string {
  return h.trend === 0 ? `${h.timeframe} trend not set yet (${h.bars} bars)` : `${h.timeframe} trend ${TREND_ARROW[h.trend]}`;
}


/** "Heatmap (volume estimate): longs 94,210 (−2.1%, 14%, 3h) · shorts 97,800 (+1.7%, 12%, 5h)". */
export function heatmapReadout(h: HeatmapSummary, exchange: ExchangeId): NonNullable<BadgeModel['heatmap']> {
  const distance = (c: ClusterSummary) => formatSignedPct(c.distancePct);
  const confirmed = (c: ClusterSummary) => (c.confirmedBy ? `, confirmed by ${c.confirmedBy.length + 1}: also on ${c.confirmedBy.map(exchangeName).join(', ')}` : '');
  const side = (name: string, c: ClusterSummary | null) =>
    c ? `${name} ${formatPrice(c.price)} (${distance(c)}, ${formatPercent(c.share)} of ${name}, ${formatShortAge(c.ageMs)} old${confirmed(c)})` : `no ${name} cluster`;
  const a = h.aggregate;
  const aggregate = a
    ? `All exchanges (by ${a.weighting}: ${Object.entries(a.weights).map(([ex, w]) => `${exchangeName(ex as ExchangeId)} ${formatPercent(w)}`).join(' / ')}): ` +
      `${a.long ? `longs ${formatPrice(a.long.price)} (${distance(a.long)})` : 'no longs cluster'} · ${a.short ? `shorts ${formatPrice(a.short.price)} (${distance(a.short)})` : 'no shorts cluster'}`
    : h.aggregateSkipped ? `All exchanges: ${h.aggregateSkipped}` : null;
  const label = h.estimator === 'oi' ? 'open-interest estimate' : 'volume estimate';
  // The edge over distance alone is the figure; the hit rate against chance stays beside it, secondary.
  const hit = hitRateText(h.score);
  const skill = `Heatmap skill: ${skillText(h.skill)}${hit ? ` · ${hit}` : ''}`;
  // The largest clusters in dollars, how the dollars held on this market's stored prints, and what they count.
  const levels = [h.long, h.short].flatMap((c, i) => (c?.forecast ? [levelForecastText(i === 0 ? 'long' : 'short', c.price, c.forecast)] : []));
  const dollars = `Heatmap in dollars: ${[...levels, calibrationText(h.skill), forecastBasisText(h.forecast, exchange)].join(' · ')}`;
  const z = h.magnets.active;
  const magnet = z
    ? `Magnet zone: ${z.side === 'long' ? 'longs' : 'shorts'} ${formatPrice(z.price)} (${formatSignedPct(z.distancePct)}) while the range is tight, until ${formatUtcStamp(z.expiresTime)} · ${h.magnets.reached} of ${h.magnets.opened} zones reached so far`
    : null;
  return { estimator: h.estimator, text: `Heatmap (${label}): ${side('longs', h.long)} · ${side('shorts', h.short)}`, skill, dollars, aggregate, magnet };
}

/** "Liquidations 1h: 14 · $2.3M · last long $41k 12s ago · 1 gap · ≤1/s (Binance)", or the stream's trouble. */
export function printsReadout(p: PrintSummary, now: number): PrintsReadout {
  const parts = [`Liquidations 1h: ${p.lastHour} · ${formatUsd(p.lastHourNotional)}`];
  if (p.lastPrint) parts.push(`last ${p.lastPrint.side} ${formatUsd(p.lastPrint.notional)} ${formatShortAge(now - p.lastPrint.time)} ago`);
  if (p.gapsLastHour > 0) parts.push(`${p.gapsLastHour} gap${p.gapsLastHour === 1 ? '' : 's'}`);
  if (p.throttled) parts.push('≤1 print/s');
  if (p.stream !== 'live') parts.push(`stream ${p.stream}${p.error ? `: ${p.error}` : ''}`);
  else if (p.error) parts.push(p.error);
  return { stream: p.stream, lastHour: p.lastHour, gaps: p.gapsLastHour, text: parts.join(' · ') };
}

/**
 * The analysis's lines, made once per analysis: the badge is re-modelled each second for its ages,
 * and a tab keeps the very analysis object until a new one comes (TabClient's `keep`), so its
 * lines (prices and dates formatted) are not made again each second (issue 23).
 */
const readouts = new WeakMap<AnalysisSummary, { exchange: ExchangeId; lines: Pick<BadgeModel, 'structure' | 'heatmap'> }>();
function analysisReadouts(a: AnalysisSummary, exchange: ExchangeId): Pick<BadgeModel, 'structure' | 'heatmap'> {
  const known = readouts.get(a);
  if (known?.exchange === exchange) return known.lines;
  const lines = { structure: structureReadout(a), heatmap: heatmapReadout(a.heatmap, exchange) };
  readouts.set(a, { exchange, lines });
  return lines;
}

export function badgeModel(
  page: TradePage,
  timeframe: { value: Timeframe; assumed: boolean },
  status: FeedStatus | null,
  now: number,
): BadgeModel {
  const base = {
    exchange: exchangeName(page.exchange) + (page.market === 'spot' ? ' spot' : ''),
    symbol: page.symbol,
    timeframe: timeframe.assumed ? `${timeframe.value} (assumed)` : timeframe.value,
  };
  if (!status || status.state === 'loading') return { ...base, state: 'loading', detail: 'fetching candles…' };
  if (status.state === 'no data') return { ...base, state: 'no data', detail: status.error ?? 'no data' };
  const age = status.updatedAt === null ? '' : `updated ${formatShortAge(now - status.updatedAt)} ago`;
  const perp = page.market === 'spot' ? ' · perp data' : '';
  return {
    ...base,
    state: status.state,
    detail: `${status.candleCount} candles · ${age}${perp}`,
    ...(status.analysis ? analysisReadouts(status.analysis, status.exchange) : {}),
    ...(status.prints ? { prints: printsReadout(status.prints, now) } : {}),
  };
}

export function unsupportedModel(exchange: TradePage['exchange'], why: string): BadgeModel {
  return { exchange: exchangeName(exchange), symbol: '', timeframe: '', state: 'unsupported page', detail: why };
}
