/**
 * Points a ccxt exchange at a replay exchange instead of the real one. Every REST and
 * WebSocket base URL that ccxt knows for the exchange is rebased onto the replay origin,
 * keeping its path, so the replay serves the same paths as the real hosts do
 * (`/fapi/v1/klines`, `/futures/data/openInterestHist`, `/v5/market/kline`, …).
 */

/** ccxt's `urls.api` is a tree of strings; Bybit's contain a `{hostname}` template. */
type UrlTree = string | { [key: string]: UrlTree };

export function rebaseUrlTree(tree: UrlTree, replayOrigin: string): UrlTree {
  if (typeof tree === 'string') return rebaseUrl(tree, replayOrigin);
  const out: { [key: string]: UrlTree } = {};
  for (const [key, value] of Object.entries(tree)) out[key] = rebaseUrlTree(value, replayOrigin);
  return out;
}

/**
 * `https://fapi.binance.com/fapi/v1` → `http://127.0.0.1:8787/fapi/v1`;
 * `wss://stream.{hostname}/v5/public/linear` → `ws://127.0.0.1:8787/v5/public/linear`.
 */
export function rebaseUrl(url: string, replayOrigin: string): string {
  const origin = new URL(replayOrigin);
  const match = /^(https?|wss?):\/\/[^/]+(.*)$/.exec(url);
  if (!match) return url;
  const secure = origin.protocol === 'https:';
  const scheme = match[1]!.startsWith('ws') ? (secure ? 'wss' : 'ws') : origin.protocol.slice(0, -1);
  return `${scheme}://${origin.host}${match[2]}`;
}
