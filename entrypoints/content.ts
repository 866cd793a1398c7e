import { runContentScript } from '../src/content/main';
import { CONTENT_SCRIPT_MATCHES } from '../src/site/matchPatterns';

export default defineContentScript({
  matches: CONTENT_SCRIPT_MATCHES,
  // document_start: the chart bridge's handshake must happen before page scripts run.
  runAt: 'document_start',
  // WXT would otherwise window.postMessage every page the extension's id and how to tear this
  // script down (its "newer script started" event); see also guardScriptStarted in content/main.tsx.
  noScriptStartedPostMessage: true,
  main: runContentScript,
});
