/**
 * The demo OKX swap page (`/trade-swap/btc-usdt-swap`). It embeds the charting library through
 * its global constructor, as the Bybit demo does: `new TradingView.widget({…})` (tvLibrary.ts),
 * the widget kept only in this module. Its candles are OKX's format from the replay, which
 * serves OKX from Binance's recordings converted (the page's banner says so).
 */
import { followSymbolLinks, intervalToolbar } from './pageControls';
import type { Widget, WidgetOptions } from './tvLibrary';

declare const TradingView: { widget: new (options: WidgetOptions) => Widget };

const title = document.getElementById('symbol-title')!;
/** `btc-usdt-swap` → BTCUSDT, LiqLens's and the chart's symbol. */
const symbolFromPath = () => {
  const match = /\/trade-swap\/([a-z0-9]+)-([a-z0-9]+)-swap/i.exec(location.pathname);
  return match ? `${match[1]}${match[2]}`.toUpperCase() : 'BTCUSDT';
};
const instIdFromPath = () => /\/trade-swap\/([a-z0-9-]+)/i.exec(location.pathname)?.[1]?.toUpperCase() ?? 'BTC-USDT-SWAP';

const tv = new TradingView.widget({ container: document.getElementById('chart')!, symbol: symbolFromPath(), interval: '15', exchange: 'okx', naming: 'okx' });
intervalToolbar(document.getElementById('interval-toolbar')!, '15', (r) => tv.onChartReady(() => void tv.activeChart().setResolution(r)));

function showSymbol(): void {
  title.textContent = `${instIdFromPath()} Perpetual`;
  document.title = `${instIdFromPath()} | OKX (LiqLens demo)`;
  const symbol = symbolFromPath();
  tv.onChartReady(() => void tv.activeChart().setSymbol(symbol));
}
followSymbolLinks(showSymbol);
title.textContent = `${instIdFromPath()} Perpetual`;
