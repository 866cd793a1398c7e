/**
 * Site adapters: which trade page a URL is, for the exchanges LiqLens reads (DESIGN.md §4).
 * Pure functions of the URL text, so they run in tests and never trust more than the address.
 */
import type { ExchangeId } from '../core/types';

export type Market = 'futures' | 'spot';

export interface TradePage {
  exchange: ExchangeId;
  market: Market;
  /** The exchange's id, upper case without separators: BTCUSDT. */
  symbol: string;
  base: string;
  quote: string;
}

const HOSTS: Record<string, ExchangeId> = {
  'binance.com': 'binance',
  'www.binance.com': 'binance',
  'bybit.com': 'bybit',
  'www.bybit.com': 'bybit',
};

/** Quote assets LiqLens knows how to split off a symbol, longest first. */
const FUTURES_QUOTES = ['USDT', 'USDC'];
const SPOT_QUOTES = ['FDUSD', 'USDT', 'USDC', 'BTC'];
/** A language segment: en, zh-CN, pt-BR, en-TR. */
const LANG = /^[a-z]{2}(?:-[A-Za-z]{2,4})?$/;
const ASSET = /^[A-Z0-9]{1,16}$/;

export function exchangeOfHost(hostname: string): ExchangeId | null {
  return HOSTS[hostname.toLowerCase()] ?? null;
}

export function parseTradePageUrl(href: string): TradePage | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  const exchange = exchangeOfHost(url.hostname);
  if (!exchange) return null;
  const segments = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  if (segments.some((s) => s === null)) return null;
  const parts = segments as string[];
  if (parts.length > 0 && LANG.test(parts[0]!) && parts[0] !== 'trade' && parts[0] !== 'futures') parts.shift();
  return exchange === 'binance' ? binancePage(parts) : bybitPage(parts);
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** `/futures/BTCUSDT` (USDⓈ-M) and `/trade/BTC_USDT` (spot; also without the underscore). */
function binancePage(parts: string[]): TradePage | null {
  if (parts.length !== 2) return null;
  const [section, id] = parts as [string, string];
  if (section === 'futures') return page('binance', 'futures', splitSymbol(id, FUTURES_QUOTES));
  if (section === 'trade') {
    const pair = id.includes('_') ? splitPair(id.split('_')) : splitSymbol(id, SPOT_QUOTES);
    return page('binance', 'spot', pair);
  }
  return null;
}

/** `/trade/usdt/BTCUSDT` (linear) and `/trade/spot/BTC/USDT`. */
function bybitPage(parts: string[]): TradePage | null {
  if (parts[0] !== 'trade') return null;
  if (parts.length === 3 && parts[1]!.toLowerCase() === 'usdt') return page('bybit', 'futures', splitSymbol(parts[2]!, ['USDT']));
  if (parts.length === 4 && parts[1]!.toLowerCase() === 'spot') return page('bybit', 'spot', splitPair([parts[2]!, parts[3]!]));
  return null;
}

function splitSymbol(id: string, quotes: readonly string[]): [string, string] | null {
  const symbol = id.toUpperCase();
  const quote = quotes.find((q) => symbol.endsWith(q) && symbol.length > q.length);
  return quote ? [symbol.slice(0, -quote.length), quote] : null;
}

function splitPair(pair: string[]): [string, string] | null {
  return pair.length === 2 ? [pair[0]!.toUpperCase(), pair[1]!.toUpperCase()] : null;
}

function page(exchange: ExchangeId, market: Market, pair: [string, string] | null): TradePage | null {
  if (!pair) return null;
  const [base, quote] = pair;
  const symbol = base + quote;
  if (!ASSET.test(base) || !ASSET.test(quote) || symbol.length > 24) return null;
  const quotes = market === 'futures' ? FUTURES_QUOTES : SPOT_QUOTES;
  if (!quotes.includes(quote)) return null;
  return { exchange, market, symbol, base, quote };
}
