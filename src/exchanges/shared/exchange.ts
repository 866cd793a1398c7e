/**
 * What LiqLens knows of one exchange, the shape every folder under src/exchanges/ fills in:
 * its name, its web pages, its liquidation stream's protocol and frames. Pure TypeScript (no
 * ccxt, no browser API), so the content script, the popup and the Worker can read it; the REST
 * side, which needs ccxt, is each folder's `rest.ts` (src/exchanges/rest.ts lists them).
 */
import type { Frame } from './frames';
import type { MarginTier } from '../../core/marginTiers';

export type Market = 'futures' | 'spot';

/** What a trade page's path says, before the generic checks of src/site/pageUrl.ts. */
export interface PagePath {
  market: Market;
  /** Base and quote asset, upper case; null where the path's symbol does not split. */
  pair: [string, string] | null;
}

export interface StreamProtocol {
  /** The public endpoint of the liquidation stream. */
  url: string;
  /**
   * The request (un)subscribing `symbols` (LiqLens's symbols, BTCUSDT) under request number `n`,
   * and the id its reply carries; null where nothing needs sending.
   */
  request(op: 'subscribe' | 'unsubscribe', symbols: readonly string[], n: number): { message: string; id: string | number } | null;
  /**
   * The request for every symbol's prints at once (Binance's all-market stream), where the
   * exchange has one: a recorder of every listed symbol subscribes to that instead of each.
   */
  allMarket?(op: 'subscribe' | 'unsubscribe', n: number): { message: string; id: string | number };
  /** The most topics one request may carry (the exchange's subscription limit); unset, no limit. */
  topicsPerRequest?: number;
  /** What to send to keep the connection alive. */
  keepAlive(n: number): string;
  /** One parsed frame (a JSON object) classified: prints of `symbols`, a protocol reply, or why not. */
  parse(message: Record<string, unknown>, symbols: ReadonlySet<string>): Frame;
}

export interface ExchangeDef<Id extends string = string> {
  readonly id: Id;
  /** As the trader knows it: "Binance". */
  readonly name: string;
  /** Hosts of its web site, where the content script runs (the whole site: it is a single-page app). */
  readonly siteHosts: readonly string[];
  /** Hosts of its public REST API, fetched from the service worker (the manifest's host permissions). */
  readonly apiHosts: readonly string[];
  /** A trade page's path segments (language segment removed): which market and pair, or null if not a trade page. */
  tradePage(segments: readonly string[]): PagePath | null;
  /** The USDT perpetual's trade page, opened when a notification is clicked and no tab shows it. */
  futuresPageUrl(symbol: string): string;
  /** What to do on a page whose chart LiqLens cannot read. */
  noChartHint: string;
  /**
   * The symbol a chart on its pages shows, as the chart's datafeed names it (`BTCUSDT@PRICETYPE=LAST`,
   * `BINANCE:BTCUSDT.P`, `BTC-USDT-SWAP`, `btcusdtperp`), in LiqLens's spelling (BTCUSDT); null
   * where it names no USDT perpetual or spot pair LiqLens reads.
   */
  chartSymbol(name: string): string | null;
  stream: StreamProtocol;
  /** True where the stream sends at most one print per symbol per interval, so cascades are undercounted. */
  readonly throttledPrints: boolean;
  /** Shipped maintenance-margin tiers where the exchange publishes none without a signed request. */
  defaultTiers?(symbol: string): readonly MarginTier[];
}

/** Quote assets LiqLens splits off a perpetual's symbol, and off a spot symbol (longest first). */
export const FUTURES_QUOTES: readonly string[] = ['USDT', 'USDC'];
export const SPOT_QUOTES: readonly string[] = ['FDUSD', 'USDT', 'USDC', 'BTC'];

/** BTCUSDT → [BTC, USDT] by the first of `quotes` it ends with. */
export function splitSymbol(id: string, quotes: readonly string[]): [string, string] | null {
  const symbol = id.toUpperCase();
  const quote = quotes.find((q) => symbol.endsWith(q) && symbol.length > q.length);
  return quote ? [symbol.slice(0, -quote.length), quote] : null;
}

/**
 * What every datafeed's name has in common: the part before `@` (Binance's price type), after the
 * last `:` (an exchange prefix), upper case; then the first of `suffixes` (a perpetual's mark, e.g.
 * `.P`, `PERP`) cut off. The rest must be a plain pair LiqLens splits by `quotes`.
 */
export function plainChartSymbol(name: string, suffixes: readonly string[], quotes: readonly string[]): string | null {
  let symbol = (name.split('@')[0] ?? '').split(':').at(-1)!.trim().toUpperCase();
  const suffix = suffixes.find((s) => symbol.endsWith(s) && symbol.length > s.length);
  if (suffix) symbol = symbol.slice(0, -suffix.length);
  return /^[A-Z0-9]{2,24}$/.test(symbol) && splitSymbol(symbol, quotes) ? symbol : null;
}

/** Quote assets a chart's symbol may end with: the perpetuals' and the spot pairs'. */
export const CHART_QUOTES: readonly string[] = [...new Set([...SPOT_QUOTES, ...FUTURES_QUOTES])];

export function splitPair(pair: readonly string[]): [string, string] | null {
  return pair.length === 2 ? [pair[0]!.toUpperCase(), pair[1]!.toUpperCase()] : null;
}
