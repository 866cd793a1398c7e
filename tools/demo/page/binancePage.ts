export {}; // a module: its names stay out of the global scope

/**
 * The top document of the demo Binance page: symbol header, interval toolbar and the chart
 * iframe. Symbol links navigate with history.pushState, as binance.com's single-page app does.
 */
const INTERVALS: [label: string, resolution: string][] = [
  ['1m', '1'], ['5m', '5'], ['15m', '15'], ['1H', '60'], ['4H', '240'], ['1D', '1D'],
];

const frame = document.querySelector<HTMLIFrameElement>('iframe[id^="tradingview_"]')!;
const toolbar = document.getElementById('interval-toolbar')!;
const title = document.getElementById('symbol-title')!;

interface Widget {
  activeChart(): { setSymbol(s: string): Promise<void>; setResolution(r: string): Promise<void> };
}

function widget(): Widget | undefined {
  return (frame.contentWindow as (Window & { tradingViewApi?: Widget }) | null)?.tradingViewApi;
}

function symbolFromPath(): string {
  return /\/futures\/([A-Za-z0-9]+)/.exec(location.pathname)?.[1]?.toUpperCase() ?? 'BTCUSDT';
}

function showSymbol(): void {
  const symbol = symbolFromPath();
  title.textContent = `${symbol} Perpetual`;
  document.title = `${symbol} | Binance Futures (LiqLens demo)`;
  void widget()?.activeChart().setSymbol(symbol);
}

for (const [label, resolution] of INTERVALS) {
  const button = document.createElement('button');
  button.type = 'button';
  button.role = 'tab';
  button.textContent = label;
  button.setAttribute('aria-selected', String(resolution === '15'));
  button.addEventListener('click', () => {
    for (const b of toolbar.children) b.setAttribute('aria-selected', String(b === button));
    void widget()?.activeChart().setResolution(resolution);
  });
  toolbar.append(button);
}

for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-symbol]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    history.pushState({}, '', link.href);
    showSymbol();
  });
}
addEventListener('popstate', showSymbol);
// `?variant=…` on the page's address picks a demo chart variant (see chartFrame.ts).
const variant = new URLSearchParams(location.search).get('variant') ?? '';
frame.src = `/__liqlens_demo/chart-frame.html?symbol=${symbolFromPath()}&interval=15&variant=${encodeURIComponent(variant)}`;
title.textContent = `${symbolFromPath()} Perpetual`;
