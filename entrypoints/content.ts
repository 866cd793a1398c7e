import { runContentScript } from '../src/content/main';
import { CONTENT_SCRIPT_MATCHES } from '../src/site/matchPatterns';

export default defineContentScript({
  matches: CONTENT_SCRIPT_MATCHES,
  // document_start: the chart bridge's handshake must happen before page scripts run.
  runAt: 'document_start',
  main: runContentScript,
});
