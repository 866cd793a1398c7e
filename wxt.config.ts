import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  manifest: {
    name: 'LiqLens',
    description: 'Liquidation heatmap and Smart Money Concepts structure on Binance and Bybit futures charts.',
    permissions: ['storage'],
    // REST from the service worker. The replay exchange on loopback sends CORS headers, so
    // it needs no permission; WebSockets need none either.
    host_permissions: ['https://fapi.binance.com/*', 'https://api.bybit.com/*'],
  },
});
