/**
 * OKX v5 public REST, as the replay serves it: the paths, parameters, `{code, msg, data}`
 * envelope and newest-first rows of https://www.okx.com. OKX is served from Binance's
 * recordings converted (catalog.ts): instrument ids BTC-USDT-SWAP, sizes in contracts of the
 * contract values of src/exchanges/okx/contracts.ts.
 */
import { contractValue, okxInstId, symbolOfInstId } from '../../../../src/exchanges/okx/contracts';
import { TIMEFRAME_MS, type Timeframe } from '../../../../src/core/timeframes';
import type { ReplayMarket } from '../../recordings';
import { decimal, intParam, json, type JsonReply } from '../../http';
import type { MarketView } from '../../marketView';

function envelope(data: unknown[], code = '0', msg = ''): JsonReply {
  return json({ code, msg, data });
}

const NO_INSTRUMENT = envelope([], '51001', 'Instrument ID, Instrument ID code, or Spread ID doesn\u2019t exist.');
const invalid = (name: string) => envelope([], '51000', `Parameter ${name} error`);

/** OKX's bar names (`1m`, `1H`, `4H`, `1Dutc`) as LiqLens timeframes. */
function timeframeOfBar(bar: string): Timeframe | null {
  const match = /^(\d+)([mHDW])(utc)?$/.exec(bar);
  if (!match || (match[2] === 'm' && match[3])) return null;
  const tf = `${match[1]}${match[2]!.toLowerCase()}`;
  return tf in TIMEFRAME_MS ? (tf as Timeframe) : null;
}

/** Rubik's periods: 5m, 1H, 1D and the like. */
function periodMs(period: string): number | null {
  const tf = timeframeOfBar(period);
  return tf ? TIMEFRAME_MS[tf] : null;
}

/** An error body in OKX's format, for injected HTTP faults. */
export function okxHttpFault(status: number): JsonReply {
  return { status, body: status === 429 ? { code: '50011', msg: 'Too Many Requests', data: [] } : { code: '50001', msg: 'Service temporarily unavailable. Please try again later.', data: [] } };
}

export function okxRest(url: URL, views: ReadonlyMap<string, MarketView>): JsonReply | undefined {
  const q = url.searchParams;
  const view = (): MarketView | undefined => {
    const symbol = symbolOfInstId(q.get('instId') ?? q.get('instFamily')?.concat('-SWAP') ?? '');
    return symbol ? views.get(symbol) : undefined;
  };
  switch (url.pathname) {
    case '/api/v5/public/time': {
      const now = [...views.values()][0]?.now() ?? Date.now();
      return envelope([{ ts: String(Math.floor(now)) }]);
    }
    case '/api/v5/public/instruments':
      if (q.get('instType') !== 'SWAP') return envelope([]); // the replay serves swaps only
      return envelope([...views.values()].map((v) => instrument(v.market)));
    case '/api/v5/market/candles':
    case '/api/v5/market/history-candles': {
      const v = view();
      if (!v) return NO_INSTRUMENT;
      const timeframe = timeframeOfBar(q.get('bar') ?? '1m');
      if (!timeframe) return invalid('bar');
      const after = intParam(url, 'after');
      const before = intParam(url, 'before');
      const limit = intParam(url, 'limit') ?? 100;
      if (Number.isNaN(after) || Number.isNaN(before) || Number.isNaN(limit) || limit < 1) return invalid('after/before/limit');
      // `after`: rows older than it; `before`: rows newer than it; the newest `limit` of those, newest first.
      const max = url.pathname.endsWith('history-candles') ? 100 : 300;
      const rows = v.candles(timeframe, { end: after !== undefined ? after - 1 : undefined, limit: 100_000 })
        .filter((c) => before === undefined || c.time > before)
        .slice(-Math.min(limit, max));
      const ctVal = contractValue(v.market.symbol)!;
      // Quote volume is not in the recording: sent as an empty string, as the other formats do.
      return envelope(rows.reverse().map((c) => [String(c.time), decimal(c.open), decimal(c.high), decimal(c.low), decimal(c.close), decimal(c.volume / ctVal), decimal(c.volume), '', c.closed ? '1' : '0']));
    }
    case '/api/v5/market/ticker': {
      const v = view();
      if (!v) return NO_INSTRUMENT;
      const [last] = v.candles(v.market.baseTimeframe, { limit: 1 });
      if (!last) return envelope([]);
      return envelope([{ instType: 'SWAP', instId: okxInstId(v.market.symbol), last: decimal(last.close), ts: String(Math.floor(v.now())) }]);
    }
    case '/api/v5/public/open-interest': {
      const v = view();
      if (!v) return NO_INSTRUMENT;
      const oi = v.currentOpenInterest();
      return envelope(oi ? [openInterestRow(v.market, oi.time, oi.openInterest, oi.openInterestValue)] : []);
    }
    case '/api/v5/rubik/stat/contracts/open-interest-history': {
      const v = view();
      if (!v) return NO_INSTRUMENT;
      const step = periodMs(q.get('period') ?? '5m');
      const begin = intParam(url, 'begin');
      const end = intParam(url, 'end');
      const limit = intParam(url, 'limit') ?? 100;
      if (step === null) return invalid('period');
      if (Number.isNaN(begin) || Number.isNaN(end) || Number.isNaN(limit) || limit < 1) return invalid('begin/end/limit');
      const ctVal = contractValue(v.market.symbol)!;
      const rows = v.openInterest({ start: begin, end, limit: 100_000, periodMs: step }).slice(-Math.min(limit, 100));
      return envelope(rows.reverse().map((s) => [String(s.time), decimal(s.openInterest / ctVal), decimal(s.openInterest), s.openInterestValue !== undefined ? decimal(s.openInterestValue) : '']));
    }
    case '/api/v5/public/position-tiers': {
      if (q.get('instType') !== 'SWAP') return invalid('instType');
      const v = view();
      if (!v) return NO_INSTRUMENT;
      return envelope(positionTiers(v.market));
    }
    default:
      return url.pathname.startsWith('/api/v5/') ? envelope([], '50014', `no such endpoint on the replay exchange: ${url.pathname}`) : undefined;
  }
}

function openInterestRow(m: ReplayMarket, time: number, coins: number, usd: number | undefined) {
  return { instType: 'SWAP', instId: okxInstId(m.symbol), oi: decimal(coins / contractValue(m.symbol)!), oiCcy: decimal(coins), oiUsd: usd !== undefined ? decimal(usd) : '', ts: String(time) };
}

function instrument(m: ReplayMarket) {
  const family = `${m.base}-${m.quote}`;
  return {
    instType: 'SWAP', instId: okxInstId(m.symbol), instFamily: family, uly: family, baseCcy: '', quoteCcy: '', settleCcy: m.quote,
    ctType: 'linear', ctVal: decimal(contractValue(m.symbol)!), ctValCcy: m.base, ctMult: '1', alias: '', category: '1', expTime: '',
    lever: '100', listTime: '1573557408000', lotSz: '0.01', minSz: '0.01', maxLmtSz: '100000000', maxMktSz: '12000', optType: '', state: 'live', stk: '', tickSz: '0.1',
  };
}

/**
 * An illustrative tier table in OKX's position-tiers format (bounds in contracts, maintenance
 * margin rising with size). Typed in, not recorded, and not OKX's current numbers: the live
 * endpoint is public, so the extension reads the real table when pointed at OKX.
 */
function positionTiers(m: ReplayMarket) {
  const tiers = [
    [10_000, 0.004, 0.01, 100],
    [30_000, 0.006, 0.0133, 75],
    [60_000, 0.01, 0.02, 50],
    [120_000, 0.015, 0.05, 20],
    [200_000, 0.02, 0.1, 10],
    [400_000, 0.03, 0.2, 5],
  ] as const;
  const family = `${m.base}-${m.quote}`;
  return tiers.map(([maxSz, mmr, imr, lever], i) => ({
    uly: family, instFamily: family, instId: '', tier: String(i + 1), minSz: String(i === 0 ? 0 : tiers[i - 1]![0] + 1), maxSz: String(maxSz),
    mmr: String(mmr), imr: String(imr), maxLever: String(lever), optMgnFactor: '0', quoteMaxLoan: '', baseMaxLoan: '',
  }));
}
