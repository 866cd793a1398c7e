/**
 * Where the content script runs: the whole of the two exchange sites, not only their trade
 * pages, because both are single-page apps: a trader who lands on a markets page and clicks
 * through to a chart never reloads, and the script must already be there.
 */
export const CONTENT_SCRIPT_MATCHES = [
  'https://www.binance.com/*',
  'https://binance.com/*',
  'https://www.bybit.com/*',
  'https://bybit.com/*',
];
