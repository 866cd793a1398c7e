import { runContentScript } from '../src/content/main';
import { CONTENT_SCRIPT_MATCHES } from '../src/site/matchPatterns';

export default defineContentScript({
  matches: CONTENT_SCRIPT_MATCHES,
  runAt: 'document_idle',
  main: runContentScript,
});
