import { defineConfig } from 'wxt';
import { API_HOST_PERMISSIONS, exchangeNamesText } from './src/exchanges';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  // Manifest V3 for every browser: Firefox too (its MV3 background is a page, which can host
  // the analysis Worker directly).
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'LiqLens',
    description: `Liquidation heatmap and Smart Money Concepts structure on ${exchangeNamesText()} futures charts.`,
    // offscreen: Chrome's service worker cannot start the analysis Worker; an offscreen document can.
    // notifications: sweeps and magnet zones reached (options page: which, and how often).
    permissions: ['storage', 'notifications', ...(browser === 'firefox' ? [] : ['offscreen'])],
    commands: {
      'toggle-overlay': { suggested_key: { default: 'Alt+Shift+L' }, description: 'Show or hide the LiqLens overlay on this tab' },
    },
    // REST from the service worker. The replay exchange on loopback sends CORS headers, so
    // it needs no permission; WebSockets need none either.
    host_permissions: API_HOST_PERMISSIONS,
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'liqlens@liqlens.app', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } } } } : {}),
  }),
});
