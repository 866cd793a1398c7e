/** What the badge says, as plain data: kept apart from rendering so it can be tested in Node. */
import type { AnalysisSummary } from '../analysis/api';
import type { FeedStatus } from '../messaging/protocol';
import type { TradePage } from '../site/pageUrl';
import type { Timeframe } from '../core/timeframes';

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
}

export interface StructureReadout {
  bars: number;
  text: string;
}

const TREND_ARROW = { 1: '▲', [-1]: '▼', 0: '–' } as const;

/** "SMC 287 bars · 12 swings · 5 BOS/CHoCH · 4 OB · 20 FVG · 3 EQ · 2 sweeps · swing ▲ internal ▼". */
export function structureReadout(a: AnalysisSummary): StructureReadout {
  const c = a.counts;
  return {
    bars: a.bars,
    text: `SMC ${a.bars} bars · ${c.swings} swings · ${c.breaks} BOS/CHoCH · ${c.orderBlocks} OB · ${c.fvgs} FVG · ` +
      `${c.equalLevels} EQ · ${c.sweeps} sweeps · swing ${TREND_ARROW[a.trend.swing]} internal ${TREND_ARROW[a.trend.internal]}`,
  };
}

const EXCHANGE_LABEL = { binance: 'Binance', bybit: 'Bybit' } as const;

export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h` : `${Math.floor(h / 24)}d`;
}

export function badgeModel(
  page: TradePage,
  timeframe: { value: Timeframe; assumed: boolean },
  status: FeedStatus | null,
  now: number,
): BadgeModel {
  const base = {
    exchange: EXCHANGE_LABEL[page.exchange] + (page.market === 'spot' ? ' spot' : ''),
    symbol: page.symbol,
    timeframe: timeframe.assumed ? `${timeframe.value} (assumed)` : timeframe.value,
  };
  if (!status || status.state === 'loading') return { ...base, state: 'loading', detail: 'fetching candles…' };
  if (status.state === 'no data') return { ...base, state: 'no data', detail: status.error ?? 'no data' };
  const age = status.updatedAt === null ? '' : `updated ${formatAge(now - status.updatedAt)} ago`;
  const perp = page.market === 'spot' ? ' · perp data' : '';
  return {
    ...base,
    state: status.state,
    detail: `${status.candleCount} candles · ${age}${perp}`,
    ...(status.analysis ? { structure: structureReadout(status.analysis) } : {}),
  };
}

export function unsupportedModel(exchange: TradePage['exchange'], why: string): BadgeModel {
  return { exchange: EXCHANGE_LABEL[exchange], symbol: '', timeframe: '', state: 'unsupported page', detail: why };
}
