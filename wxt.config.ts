import { defineConfig } from 'wxt';
import { API_HOST_PERMISSIONS, exchangeNamesText } from './src/exchanges';
import { bundleTrim } from './tools/build/bundleTrim';

/**
 * Build warnings that are ccxt's and expected, dropped so real ones stand out: ccxt bundles its
 * optional protobuf / dYdX code against a peer dependency we do not install (IMPORT_IS_UNDEFINED),
 * and its Node-only paths (and undici's, which it imports) name Node built-ins the browser build
 * stubs out. Only ccxt's and undici's own files are matched; every other warning still prints.
 */
const CCXT_FILE = /node_modules\/(ccxt|undici)\//;
function isCcxtNoise(log: { code?: string; message: string; id?: string }): boolean {
  if (log.code === 'IMPORT_IS_UNDEFINED') return CCXT_FILE.test(log.id ?? log.message) && log.message.includes('optional-peer-dep');
  return /has been externalized for browser compatibility, imported by "[^"]*node_modules\/(ccxt|undici)\//.test(log.message);
}

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  // Manifest V3 for every browser: Firefox too (its MV3 background is a page, which can host
  // the analysis Worker directly).
  manifestVersion: 3,
  // `npm run zip`: the Firefox sources zip is what AMO's reviewers rebuild from; recorded data,
  // benchmarks, docs and tests play no part in the build.
  zip: { excludeSources: ['data/**', 'bench/**', 'docs/**', 'tests/**', 'demo-output/**'] },
  vite: () => ({
    plugins: [bundleTrim()],
    build: {
      // `LIQLENS_NO_MINIFY=1 wxt build`: readable function names in profiles (the footprint bench's "where" lines).
      minify: process.env.LIQLENS_NO_MINIFY ? false : undefined,
      rolldownOptions: {
        onLog(level, log, handler) {
          if (level === 'warn' && isCcxtNoise(log)) return;
          handler(level, log);
        },
      },
    },
  }),
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
    // Firefox's default MV3 policy adds `upgrade-insecure-requests`, which turns the ws:// of a replay
    // exchange on loopback (the only plain-text data source the settings accept) into a wss:// that
    // never connects. The same policy as Chrome's default, without it: scripts only from the package.
    ...(browser === 'firefox' ? { content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" } } : {}),
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'liqlens@liqlens.app', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } }, gecko_android: { strict_min_version: '142.0' } } } : {}),
  }),
});
