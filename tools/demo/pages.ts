/**
 * The demo site's documents. Each says, in its own text, that it is a local demo page laid
 * out like the exchange's and showing replayed recorded data, never the exchange itself.
 * Everything here is static: page scripts build the rest with DOM calls.
 */
export const NOTICE = (exchange: string) =>
  `<div class="demo-notice">LiqLens demo: a local page laid out like ${exchange}'s, served at its address inside this browser only. The candles are recorded real market data from the replay exchange, time-shifted to now.</div>`;

const BASE_CSS = `
  html, body { margin: 0; height: 100%; background: #0b0e11; color: #eaecef; font: 14px system-ui, sans-serif; }
  .demo-notice { padding: 4px 12px; background: #2b2f36; color: #f0b90b; font-size: 12px; }
  .symbol-bar { display: flex; gap: 16px; align-items: center; padding: 8px 12px; }
  .symbol-bar h1 { margin: 0; font-size: 18px; }
  .symbol-bar a { color: #b7bdc6; }
  #interval-toolbar { display: flex; gap: 4px; padding: 4px 12px; }
  #interval-toolbar button { background: none; border: 0; color: #848e9c; cursor: pointer; padding: 2px 6px; }
  #interval-toolbar button[aria-selected="true"], #interval-toolbar button.active { color: #f0b90b; }
`;

export function page(title: string, body: string, css = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>${BASE_CSS}${css}</style></head><body>${body}</body></html>`;
}

/** The document inside the chart iframe. */
export function chartFramePage(): string {
  return page(
    'chart',
    `<div id="chart"></div>
    <script src="/__liqlens_demo/lightweight-charts.js"></script>
    <script type="module" src="/__liqlens_demo/page/chartFrame.js"></script>`,
    `body { overflow: hidden; } #chart { position: absolute; inset: 0; }`,
  );
}

/** Any other page of the site: not a trade page. */
export function otherPage(exchange: string, path: string): string {
  const safePath = path.replace(/[^\w/.-]/g, '');
  return page(`${exchange} (LiqLens demo)`, `${NOTICE(exchange)}<main style="padding:12px"><h1>${exchange}</h1><p>${safePath}: not a trade page.</p></main>`);
}
