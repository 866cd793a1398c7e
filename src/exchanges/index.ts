/**
 * The registry: every exchange LiqLens reads, in the order the popup and the options page list
 * them. Adding one is a folder beside these, its id in src/core/exchangeIds.ts and a line here (and its REST
 * side in ./rest.ts).
 */
import { readFrame, type Frame } from './shared/frames';
import { binance } from './binance';
import { bybit } from './bybit';
import { okx } from './okx';
import type { ExchangeDef } from './shared/exchange';
import { EXCHANGE_IDS, type ExchangeId } from '../core/exchangeIds';

/** Each id's folder. Typed over core/exchangeIds.ts, so an id without its folder, or a folder without its id, does not compile. */
const BY_ID: { readonly [Id in ExchangeId]: ExchangeDef<Id> } = { binance, bybit, okx };

/** Every exchange, in core/exchangeIds.ts's order. */
export const EXCHANGES: readonly ExchangeDef<ExchangeId>[] = EXCHANGE_IDS.map((id) => BY_ID[id]);

export { EXCHANGE_IDS, type ExchangeId };

export function isExchangeId(value: unknown): value is ExchangeId {
  return typeof value === 'string' && Object.hasOwn(BY_ID, value);
}

export function exchange(id: ExchangeId): ExchangeDef<ExchangeId> {
  return BY_ID[id];
}

/** "Binance" for `binance`. */
export function exchangeName(id: ExchangeId): string {
  return exchange(id).name;
}

/** Every exchange's name in a sentence: "Binance and Bybit", "Binance, Bybit or OKX". */
export function exchangeNamesText(conjunction: 'and' | 'or' = 'and'): string {
  const names = EXCHANGES.map((e) => e.name);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}` : names.join('');
}

/** The exchange whose web site `hostname` is. */
export function exchangeOfHost(hostname: string): ExchangeId | null {
  const host = hostname.toLowerCase();
  return EXCHANGES.find((e) => e.siteHosts.includes(host))?.id ?? null;
}

/** Where the content script runs: the whole of each exchange's site (see ExchangeDef.siteHosts). */
export const CONTENT_SCRIPT_MATCHES: string[] = EXCHANGES.flatMap((e) => e.siteHosts.map((h) => `https://${h}/*`));

/** The manifest's host permissions: each exchange's public REST API. */
export const API_HOST_PERMISSIONS: string[] = EXCHANGES.flatMap((e) => e.apiHosts.map((h) => `https://${h}/*`));

/** A liquidation stream frame of `id`'s stream; `symbols`: those subscribed (prints of others are rejected). */
export function parseLiquidationFrame(id: ExchangeId, text: unknown, symbols: ReadonlySet<string>): Frame {
  return readFrame(text, (message) => exchange(id).stream.parse(message, symbols));
}

/**
 * A feed id, `exchange:SYMBOL:timeframe`: how the background, the Worker and the journal name a
 * series. Built and taken apart here only.
 */
export interface MarketKey<T extends string = string> {
  exchange: ExchangeId;
  symbol: string;
  timeframe: T;
}

export function feedId(key: MarketKey): string {
  return `${key.exchange}:${key.symbol}:${key.timeframe}`;
}

export function parseFeedId(id: string): MarketKey | null {
  const [exchange, symbol, timeframe, ...rest] = id.split(':');
  if (!isExchangeId(exchange) || !symbol || !timeframe || rest.length > 0) return null;
  return { exchange, symbol, timeframe };
}

/** The same series on another exchange. */
export function withExchange(id: string, other: ExchangeId): string | null {
  const key = parseFeedId(id);
  return key ? feedId({ ...key, exchange: other }) : null;
}

export type { ExchangeDef } from './shared/exchange';

/** A market across timeframes, `exchange:SYMBOL`: the prefix of notification ids and the key of mutes. */
export function marketId(market: { exchange: ExchangeId; symbol: string }): string {
  return `${market.exchange}:${market.symbol}`;
}

/** The market an id starting with marketId() names, or null. */
export function parseMarketId(id: string): { exchange: ExchangeId; symbol: string } | null {
  const [exchange, symbol] = id.split(':');
  return isExchangeId(exchange) && symbol && /^[A-Z0-9]{2,24}$/.test(symbol) ? { exchange, symbol } : null;
}
