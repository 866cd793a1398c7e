/**
 * What the replay exchange serves: one entry per (exchange, symbol), each built from recorded
 * real data shipped in data/. Every entry says where its data came from and what was derived,
 * so nothing derived is ever presented as recorded.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseCandleCsv, parseOpenInterestCsv } from '../../src/core/candles';
import { parseLiquidationCsv } from '../../src/exchanges/liquidationCsv';
import type { Timeframe } from '../../src/core/timeframes';
import type { Candle, ExchangeId, LiquidationPrint, OpenInterestSample, ParseResult } from '../../src/core/types';
import { liquidationPrintId } from '../../src/exchanges/prints';
import { contractValue, okxInstId } from '../../src/exchanges/okx/contracts';
import { REPO_ROOT } from '../repoRoot';

export interface ReplayMarket {
  exchange: ExchangeId;
  /** The exchange's id of the USDT perpetual, e.g. BTCUSDT. */
  symbol: string;
  base: string;
  quote: string;
  /** The finest recorded timeframe; every larger one is aggregated from it. */
  baseTimeframe: Timeframe;
  candles: Candle[];
  /** Open-interest snapshots, in time order; empty where none were recorded. */
  openInterest: OpenInterestSample[];
  /** Realized liquidation prints, in time order; empty where none were recorded. */
  prints: LiquidationPrint[];
  /** Plain sentences: the recording, and anything derived or missing. */
  provenance: string[];
}

export const DATA_DIR = resolve(REPO_ROOT, 'data');

function load<T>(file: string, parse: (text: string) => ParseResult<T>): T[] {
  const text = gunzipSync(readFileSync(resolve(DATA_DIR, file))).toString('utf8');
  const { rows, issues } = parse(text);
  // The shipped files are checked by the unit tests; a problem here means a broken checkout.
  if (rows.length === 0) throw new Error(`replay data ${file}: no rows (${issues[0]?.message ?? 'empty'})`);
  return rows;
}

/** Two consecutive days from one recorder: 48 continuous hours of Binance BTCUSDT. */
const DAYS = ['binance-usdm/window-2023-11-27', 'binance-usdm/window-2023-11-28'];
const days = <T>(file: string, parse: (text: string) => ParseResult<T>): T[] => DAYS.flatMap((dir) => load(`${dir}/${file}`, parse));

export function loadCatalog(): ReplayMarket[] {
  const binance = binanceMarkets();
  return [...binance, ...bybitMarkets(), ...binance.map(asOkx)];
}

function binanceMarkets(): ReplayMarket[] {
  return [
    {
      exchange: 'binance',
      symbol: 'BTCUSDT',
      base: 'BTC',
      quote: 'USDT',
      baseTimeframe: '1m',
      candles: days('BTCUSDT_perp_1m_klines_with_oi.csv.gz', parseCandleCsv),
      openInterest: days('BTCUSDT_perp_1m_klines_with_oi.csv.gz', parseOpenInterestCsv),
      prints: days('BTCUSDT_forceOrder_liquidations.csv.gz', (t) => parseLiquidationCsv(t, 'binance')),
      provenance: [
        'Recorded: Binance USDⓈ-M BTCUSDT perpetual 1m klines, open interest polled each minute, and forceOrder liquidation prints, 2023-11-27 06:15 → 2023-11-29 06:15 UTC (two consecutive recorded days; 210 minutes missing, in short gaps).',
        'Derived: klines of 3m and longer are aggregated from the recorded 1m bars; openInterestHist is the last 1m snapshot at each period boundary, its value that snapshot × the minute\'s close.',
        'Missing: taker buy volume, trade counts and quote volume are not in the recording and are sent as empty strings; takerlongshortRatio answers an empty list; forceOrder "ap" (average fill price) is sent as "0": the recorded price is the order price "p".',
      ],
    },
    {
      exchange: 'binance',
      symbol: 'ETHUSDT',
      base: 'ETH',
      quote: 'USDT',
      baseTimeframe: '5m',
      candles: load('binance-spot/ETHUSDT_5m.csv.gz', parseCandleCsv),
      openInterest: [],
      prints: [],
      provenance: [
        'Stand-in: Binance SPOT ETHUSDT 5m klines (with taker buy volume), 2025-08-19 → 2025-09-21, served under the USDⓈ-M ETHUSDT perpetual because no perpetual ETH klines were recorded. One 18 h 40 m gap from 2025-09-20 05:25.',
        'Derived: klines of 15m and longer are aggregated from the 5m bars; takerlongshortRatio is computed from the taker buy volume.',
        'Missing: open interest and liquidation prints (no recording of the same period): empty answers, no stream messages.',
      ],
    },
  ];
}

function bybitMarkets(): ReplayMarket[] {
  return (['BTC', 'ETH'] as const).map((base): ReplayMarket => ({
      exchange: 'bybit',
      symbol: `${base}USDT`,
      base,
      quote: 'USDT',
      baseTimeframe: '5m',
      candles: load(`bybit-linear/${base}USDT_5m.csv.gz`, parseCandleCsv),
      openInterest: [],
      prints: [],
      provenance: [
        `Recorded: Bybit linear ${base}USDT 5m klines, 2025-04-03 17:05 → 2025-07-02 17:00 UTC (90 days, no gaps).`,
        'Derived: klines of 15m and longer are aggregated from the 5m bars (they equal Bybit\'s own 15m bars; see tests/unit). Turnover is not recorded and is sent as an empty string.',
        'Missing: open interest and allLiquidation prints were not recorded for Bybit: empty answers, no stream messages. Risk limits are Bybit\'s published tier table, typed in, not recorded.',
      ],
  }));
}

/**
 * No OKX recordings exist: OKX is served from Binance's recordings converted to OKX's format
 * (instrument ids, sizes in contracts). The same prices as Binance's, so their clusters coincide.
 */
function asOkx(m: ReplayMarket): ReplayMarket {
  const instId = okxInstId(m.symbol)!;
  return {
    ...m,
    exchange: 'okx',
    prints: m.prints.map((p) => ({ ...p, exchange: 'okx', id: liquidationPrintId({ ...p, exchange: 'okx' }), priceBasis: 'order' })),
    provenance: [
      `Converted, not recorded: OKX ${instId} is Binance's ${m.symbol} data below, served in OKX's formats (sizes in contracts of ${contractValue(m.symbol)} ${m.base}; liquidation prices as bkPx). No OKX data was recorded.`,
      ...m.provenance.map((line) => `Binance: ${line}`),
      'Position tiers are an illustrative table in OKX\'s format, typed in, not recorded.',
    ],
  };
}

export function findMarket(catalog: readonly ReplayMarket[], exchange: ExchangeId, symbol: string): ReplayMarket | undefined {
  return catalog.find((m) => m.exchange === exchange && m.symbol === symbol.toUpperCase());
}
