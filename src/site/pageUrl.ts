/**
 * Site adapters: which trade page a URL is, for the exchanges LiqLens reads (DESIGN.md §4).
 * Pure functions of the URL text, so they run in tests and never trust more than the address.
 */
import { exchange, exchangeOfHost, type ExchangeId } from '../exchanges';
import { FUTURES_QUOTES, SPOT_QUOTES, type Market } from '../exchanges/shared/exchange';
import type { TradePage } from '../messaging/validate';

export type { Market };
export { exchangeOfHost };

/** A trade page travels to the background: its shape is written once, as a schema, in src/messaging. */
export type { TradePage };

/** A language segment: en, zh-CN, pt-BR, en-TR, zh-hans. */
export const LANGUAGE_SEGMENT = /^[a-z]{2}(?:-[A-Za-z]{2,4})?$/;
const ASSET = /^[A-Z0-9]{1,16}$/;

export function parseTradePageUrl(href: string): TradePage | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  const id = exchangeOfHost(url.hostname);
  if (!id) return null;
  const segments = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  if (segments.some((s) => s === null)) return null;
  const parts = segments as string[];
  if (parts.length > 0 && LANGUAGE_SEGMENT.test(parts[0]!) && parts[0] !== 'trade' && parts[0] !== 'futures') parts.shift();
  const path = exchange(id).tradePage(parts);
  return path && page(id, path.market, path.pair);
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
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
