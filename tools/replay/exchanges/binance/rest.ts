/**
 * Binance USDⓈ-M public REST, as the replay serves it: the paths, parameters, limits, row
 * layouts and error bodies of https://fapi.binance.com (DESIGN.md §5).
 */
import { isTimeframe, TIMEFRAME_MS } from '../../../../src/core/timeframes';
import type { ReplayMarket } from '../../recordings';
import { decimal, intParam, json, type JsonReply } from '../../http';
import type { MarketView } from '../../marketView';

const INVALID_SYMBOL = json({ code: -1121, msg: 'Invalid symbol.' }, 400);
const INVALID_INTERVAL = json({ code: -1120, msg: 'Invalid interval.' }, 400);
const OI_PERIODS = ['5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d'];

function badParam(name: string): JsonReply {
  return json({ code: -1100, msg: `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.` }, 400);
}

export function binanceRest(url: URL, views: ReadonlyMap<string, MarketView>): JsonReply | undefined {
  const symbol = url.searchParams.get('symbol')?.toUpperCase() ?? '';
  const view = views.get(symbol);
  switch (url.pathname) {
    case '/fapi/v1/ping':
      return json({});
    case '/fapi/v1/time':
      return json({ serverTime: Math.round([...views.values()][0]?.now() ?? Date.now()) });
    case '/fapi/v1/exchangeInfo':
      return json(exchangeInfo([...views.values()].map((v) => v.market)));
    case '/fapi/v1/klines': {
      if (!view) return INVALID_SYMBOL;
      const interval = url.searchParams.get('interval') ?? '';
      if (!isTimeframe(interval)) return INVALID_INTERVAL;
      const range = rangeParams(url, 500, 1500, 'startTime', 'endTime');
      if ('status' in range) return range;
      return json(view.candles(interval, range).map((c) => [
        c.time,
        decimal(c.open),
        decimal(c.high),
        decimal(c.low),
        decimal(c.close),
        decimal(c.volume),
        c.time + TIMEFRAME_MS[interval] - 1,
        '', // quote volume: not recorded
        '', // trade count: not recorded
        c.takerBuyVolume !== undefined ? decimal(c.takerBuyVolume) : '',
        c.takerBuyVolume !== undefined ? decimal(c.takerBuyVolume * c.close) : '',
        '0',
      ]));
    }
    case '/fapi/v1/openInterest': {
      if (!view) return INVALID_SYMBOL;
      const current = view.currentOpenInterest();
      return json({ symbol, openInterest: current ? decimal(current.openInterest) : '0', time: Math.round(current?.time ?? view.now()) });
    }
    case '/futures/data/openInterestHist':
    case '/futures/data/takerlongshortRatio': {
      if (!view) return INVALID_SYMBOL;
      const period = url.searchParams.get('period') ?? '';
      if (!OI_PERIODS.includes(period) || !isTimeframe(period)) return json({ code: -1102, msg: "Mandatory parameter 'period' was not sent, was empty/null, or malformed." }, 400);
      const range = rangeParams(url, 30, 500, 'startTime', 'endTime');
      if ('status' in range) return range;
      return url.pathname.endsWith('openInterestHist')
        ? json(view.openInterest({ ...range, periodMs: TIMEFRAME_MS[period] }).map((s) => ({
            symbol,
            sumOpenInterest: decimal(s.openInterest),
            sumOpenInterestValue: s.openInterestValue !== undefined ? decimal(s.openInterestValue) : '',
            timestamp: s.time,
          })))
        : json(view.candles(period, range)
            .filter((c) => c.closed && c.takerBuyVolume !== undefined)
            .map((c) => {
              const buy = c.takerBuyVolume!;
              const sell = c.volume - buy;
              return { buySellRatio: sell > 0 ? decimal(buy / sell) : '0', buyVol: decimal(buy), sellVol: decimal(sell), timestamp: c.time };
            }));
    }
    default:
      return undefined;
  }
}

/** Binance's startTime / endTime / limit, with its default and maximum per endpoint. */
function rangeParams(url: URL, fallback: number, max: number, startName: string, endName: string) {
  const start = intParam(url, startName);
  const end = intParam(url, endName);
  const limit = intParam(url, 'limit') ?? fallback;
  if (Number.isNaN(start)) return badParam(startName);
  if (Number.isNaN(end)) return badParam(endName);
  if (Number.isNaN(limit) || limit < 1) return badParam('limit');
  return { start, end, limit: Math.min(limit, max) };
}

/** The exchangeInfo fields ccxt reads to build its markets, for the symbols the replay has. */
function exchangeInfo(markets: readonly ReplayMarket[]) {
  return {
    timezone: 'UTC',
    serverTime: Date.now(),
    futuresType: 'U_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
    ],
    exchangeFilters: [],
    assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
    symbols: markets.map((m) => ({
      symbol: m.symbol,
      pair: m.symbol,
      contractType: 'PERPETUAL',
      deliveryDate: 4133404800000,
      onboardDate: 1569398400000,
      status: 'TRADING',
      maintMarginPercent: '2.5000',
      requiredMarginPercent: '5.0000',
      baseAsset: m.base,
      quoteAsset: m.quote,
      marginAsset: m.quote,
      pricePrecision: 2,
      quantityPrecision: 3,
      baseAssetPrecision: 8,
      quotePrecision: 8,
      underlyingType: 'COIN',
      underlyingSubType: [],
      triggerProtect: '0.0500',
      liquidationFee: '0.012500',
      marketTakeBound: '0.05',
      maxMoveOrderLimit: 10000,
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: '0.01', maxPrice: '1000000', tickSize: '0.01' },
        { filterType: 'LOT_SIZE', minQty: '0.001', maxQty: '1000', stepSize: '0.001' },
        { filterType: 'MARKET_LOT_SIZE', minQty: '0.001', maxQty: '120', stepSize: '0.001' },
        { filterType: 'MAX_NUM_ORDERS', limit: 200 },
        { filterType: 'MIN_NOTIONAL', notional: '5' },
        { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
      ],
      orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
      timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
    })),
  };
}
