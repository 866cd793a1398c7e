/** Where the content script runs: read from the exchange registry (src/exchanges). */
export { CONTENT_SCRIPT_MATCHES } from '../exchanges';
