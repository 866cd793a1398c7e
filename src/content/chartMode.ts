/**
 * Which chart the page shows, as LiqLens sees it: the TradingView chart it paints on, a chart
 * without an API (Binance's Basic view), none (Binance's Depth view hides the chart), or a page
 * whose chart LiqLens cannot read. Derived from the bridge's last word and, where the bridge
 * says its chart is hidden, from whether the page shows a Basic chart instead.
 */
import type { NoChartReason } from '../bridge/protocol';
import type { ChartGeometry } from '../overlay/geometry';

/**
 * What the bridge last said. A chart's `geometry.symbol` is LiqLens's name for what it shows where
 * the exchange registry maps the datafeed's name (`chartSymbol`), else that name unchanged.
 */
export type BridgeState =
  | { kind: 'waiting' }
  | { kind: 'chart'; geometry: ChartGeometry; chartSymbol: string; symbolKnown: boolean }
  | { kind: 'no-chart'; reason: NoChartReason }
  | { kind: 'no-bridge' };

/**
 * Why the overlay is a list: the chart has no API LiqLens can use (a hidden or momentarily
 * unreadable chart shows nothing instead), or it shows another market than the page's address.
 */
export type ListReason = Exclude<NoChartReason, 'hidden' | 'unreadable'> | 'no-bridge' | 'other-symbol';

/** The chart's symbol as its datafeed names it, and the one LiqLens expected from the page's address. */
export interface SymbolPair {
  chart: string;
  expected: string;
}

/** What the overlay does: paint on the chart, list in the side panel, show nothing, or wait. */
export type ChartMode =
  | { kind: 'waiting' }
  | { kind: 'chart'; geometry: ChartGeometry }
  | { kind: 'list'; reason: ListReason; symbols?: SymbolPair }
  | { kind: 'hidden' };

/** A chart showing another market than the address may be catching up with a navigation: this long. */
const SYMBOL_CATCH_UP_MS = 3_000;

/**
 * The chart mode once the chart's symbol is checked against the page's: a symbol the registry
 * cannot map gets the side panel at once (it names no market LiqLens reads), another market's
 * after SYMBOL_CATCH_UP_MS. `mismatchSince` is the caller's memory of when the two first differed.
 */
export function withSymbolCheck(mode: ChartMode, state: BridgeState, expected: string | null, mismatchSince: number | null, now: number): { mode: ChartMode; mismatchSince: number | null } {
  if (mode.kind !== 'chart' || state.kind !== 'chart' || expected === null) return { mode, mismatchSince: null };
  if (state.symbolKnown && state.geometry.symbol === expected) return { mode, mismatchSince: null };
  const since = mismatchSince ?? now;
  if (state.symbolKnown && now - since < SYMBOL_CATCH_UP_MS) return { mode, mismatchSince: since };
  return { mode: { kind: 'list', reason: 'other-symbol', symbols: { chart: state.chartSymbol, expected } }, mismatchSince: since };
}

/** Binance's Basic chart (its own canvas, no API): DESIGN.md §4's selectors. */
const BASIC_CHART = '.kline-container canvas, [data-testid="basic-chart"] canvas';

export function chartMode(state: BridgeState, doc: Document): ChartMode {
  switch (state.kind) {
    case 'waiting':
      return state;
    case 'chart':
      return { kind: 'chart', geometry: state.geometry };
    case 'no-bridge':
      return { kind: 'list', reason: 'no-bridge' };
    case 'no-chart':
      if (state.reason === 'unreadable') return { kind: 'waiting' };
      if (state.reason !== 'hidden') return { kind: 'list', reason: state.reason };
      // The TradingView chart is there but not shown: a Basic chart in front gets the list, anything else nothing.
      return basicChartShown(doc) ? { kind: 'list', reason: 'no-api' } : { kind: 'hidden' };
  }
}

function basicChartShown(doc: Document): boolean {
  for (const canvas of doc.querySelectorAll(BASIC_CHART)) {
    const r = canvas.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) return true;
  }
  return false;
}

/** The mode's name in the page report. */
export function modeName(mode: ChartMode): string {
  if (mode.kind === 'chart') return 'tradingview';
  if (mode.kind === 'list') return mode.reason === 'no-api' ? 'no-chart-api' : mode.reason;
  return mode.kind;
}
