import { defineConfig } from 'wxt';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  manifest: {
    name: 'LiqLens',
    description: 'Liquidation heatmap and Smart Money Concepts structure on Binance and Bybit futures charts.',
    permissions: ['storage'],
  },
});
