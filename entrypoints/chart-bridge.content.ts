import { startChartBridge } from '../src/bridge/chartBridge';
import { CONTENT_SCRIPT_MATCHES } from '../src/site/matchPatterns';

/**
 * The main-world chart bridge: only main-world code can read the page's TradingView widget.
 * document_start, so it hands its nonce to the content script before any page script runs.
 */
export default defineContentScript({
  matches: CONTENT_SCRIPT_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  main: () => startChartBridge(window),
});
