/**
 * Bybit v5 public REST, as the replay serves it: the paths, parameters, envelopes
 * (`retCode`, `retMsg`, `result`, `time`) and newest-first row order of https://api.bybit.com.
 */
import { timeframeFromResolution, type Timeframe } from '../../../../src/core/timeframes';
import type { ReplayMarket } from '../../recordings';
import { decimal, intParam, json, type JsonReply } from '../../http';
import type { MarketView } from '../../marketView';

function envelope(result: unknown, retCode = 0, retMsg = 'OK'): JsonReply {
  return json({ retCode, retMsg, result, retExtInfo: {}, time: Date.now() });
}

const NOT_SUPPORTED_SYMBOL = envelope({}, 10001, 'Not supported symbols');
const ONLY_LINEAR = envelope({}, 10001, 'The replay exchange serves category=linear only');

function invalid(name: string): JsonReply {
  return envelope({}, 10001, `params error: ${name} invalid`);
}

/** Bybit's kline intervals: minutes as numbers, then D, W, M. */
function timeframeFromBybitInterval(interval: string): Timeframe | null {
  return interval === 'M' ? null : timeframeFromResolution(interval);
}

const OI_INTERVALS: Record<string, number> = {
  '5min': 300_000,
  '15min': 900_000,
  '30min': 1_800_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

export function bybitRest(url: URL, views: ReadonlyMap<string, MarketView>): JsonReply | undefined {
  const q = url.searchParams;
  if (url.pathname === '/v5/market/time') {
    const now = [...views.values()][0]?.now() ?? Date.now();
    return envelope({ timeSecond: String(Math.floor(now / 1000)), timeNano: `${Math.floor(now)}000000` });
  }
  if (!url.pathname.startsWith('/v5/market/')) return undefined;
  if (q.get('category') !== 'linear') return ONLY_LINEAR;
  const symbol = q.get('symbol')?.toUpperCase() ?? '';
  const view = views.get(symbol);

  switch (url.pathname) {
    case '/v5/market/instruments-info':
      return envelope({
        category: 'linear',
        list: [...views.values()].map((v) => instrument(v.market)).filter((i) => !symbol || i.symbol === symbol),
        nextPageCursor: '',
      });
    case '/v5/market/kline': {
      if (!view) return NOT_SUPPORTED_SYMBOL;
      const timeframe = timeframeFromBybitInterval(q.get('interval') ?? '');
      if (!timeframe) return invalid('interval');
      const start = intParam(url, 'start');
      const end = intParam(url, 'end');
      const limit = intParam(url, 'limit') ?? 200;
      if (Number.isNaN(start) || Number.isNaN(end) || Number.isNaN(limit) || limit < 1) return invalid('start/end/limit');
      const rows = view.candles(timeframe, { start, end, limit: Math.min(limit, 1000) });
      return envelope({
        category: 'linear',
        symbol,
        // Newest first, as Bybit sends them; turnover is not recorded.
        list: rows.reverse().map((c) => [String(c.time), decimal(c.open), decimal(c.high), decimal(c.low), decimal(c.close), decimal(c.volume), '']),
      });
    }
    case '/v5/market/open-interest': {
      if (!view) return NOT_SUPPORTED_SYMBOL;
      const periodMs = OI_INTERVALS[q.get('intervalTime') ?? ''];
      if (!periodMs) return invalid('intervalTime');
      const limit = intParam(url, 'limit') ?? 50;
      const start = intParam(url, 'startTime');
      const end = intParam(url, 'endTime');
      if (Number.isNaN(start) || Number.isNaN(end) || Number.isNaN(limit) || limit < 1) return invalid('startTime/endTime/limit');
      // Newest first, `limit` per page; the cursor (opaque to clients) is the time the next, older page ends before.
      const cursor = q.get('cursor');
      const before = cursor ? Number(cursor) : Infinity;
      if (Number.isNaN(before)) return invalid('cursor');
      const older = view.openInterest({ start, end, limit: 100_000, periodMs }).filter((s) => s.time < before);
      const page = older.slice(-Math.min(limit, 200));
      return envelope({
        symbol,
        category: 'linear',
        list: page.reverse().map((s) => ({ openInterest: decimal(s.openInterest), timestamp: String(s.time) })),
        nextPageCursor: older.length > page.length ? String(page.at(-1)!.time) : '',
      });
    }
    case '/v5/market/risk-limit':
      if (symbol && !view) return NOT_SUPPORTED_SYMBOL;
      return envelope({
        category: 'linear',
        list: [...views.values()].filter((v) => !symbol || v.market.symbol === symbol).flatMap((v) => riskLimits(v.market.symbol)),
        nextPageCursor: '',
      });
    default:
      return undefined;
  }
}

function instrument(m: ReplayMarket) {
  return {
    symbol: m.symbol,
    contractType: 'LinearPerpetual',
    status: 'Trading',
    baseCoin: m.base,
    quoteCoin: m.quote,
    launchTime: '1585526400000',
    deliveryTime: '0',
    deliveryFeeRate: '',
    priceScale: '2',
    leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
    priceFilter: { minPrice: '0.10', maxPrice: '1999999.80', tickSize: '0.10' },
    lotSizeFilter: { maxOrderQty: '1190.000', minOrderQty: '0.001', qtyStep: '0.001', postOnlyMaxOrderQty: '1190.000', maxMktOrderQty: '119.000', minNotionalValue: '5' },
    unifiedMarginTrade: true,
    fundingInterval: 480,
    settleCoin: m.quote,
    copyTrading: 'both',
    upperFundingRate: '0.005',
    lowerFundingRate: '-0.005',
    isPreListing: false,
    preListingInfo: null,
  };
}

/**
 * An illustrative tier table in Bybit's risk-limit format (maintenance margin rising with
 * position value). It is typed in, not recorded, and not Bybit's current numbers: the live
 * endpoint is public, so the extension reads the real table when pointed at Bybit.
 */
function riskLimits(symbol: string) {
  const tiers = [
    [2_000_000, 0.005, 0.01, 100],
    [4_000_000, 0.01, 0.0175, 57.14],
    [8_000_000, 0.015, 0.025, 40],
    [16_000_000, 0.02, 0.0325, 30.76],
    [32_000_000, 0.03, 0.05, 20],
    [64_000_000, 0.05, 0.1, 10],
  ] as const;
  return tiers.map(([value, mm, im, lev], i) => ({
    id: i + 1,
    symbol,
    riskLimitValue: String(value),
    maintenanceMargin: String(mm),
    initialMargin: String(im),
    isLowestRisk: i === 0 ? 1 : 0,
    maxLeverage: lev.toFixed(2),
    mmDeduction: '',
  }));
}
