/**
 * The demo's `TradingView` global, as the charting library's script defines it: `new
 * TradingView.widget({ container, symbol, interval })` builds the chart in an iframe it adds to
 * the container and answers `onChartReady`, `activeChart()`, `activeChartIndex()`, `chartsCount()` and `chart()` from
 * the chart in that iframe (the library's widget has no hasModel: that is a chart's). An app that embeds the library this way keeps the widget in its own
 * state; nothing is left on any window for LiqLens to find, except through the constructor.
 */
import type { ExchangeId } from '../../../src/exchanges';
import type { SymbolNaming, TradingViewWidget } from './tradingViewApi';

export interface WidgetOptions {
  container: HTMLElement;
  symbol: string;
  interval: string;
  /** Whose replayed candles the chart shows. */
  exchange: ExchangeId;
  /** How the exchange's datafeed names its symbols (the page's `?naming=` overrides it). */
  naming: SymbolNaming;
}

let made = 0;

class Widget {
  private inner: TradingViewWidget | null = null;
  private readonly callbacks: (() => void)[] = [];

  constructor(options: WidgetOptions) {
    const iframe = document.createElement('iframe');
    iframe.id = `tradingview_${(++made).toString(16).padStart(5, '0')}`;
    iframe.title = 'Chart';
    iframe.style.cssText = 'width: 100%; height: 100%; border: 0; display: block;';
    // The demo's variants (tools/demo/README.md) pass from the page's address to the chart frame.
    const page = new URLSearchParams(location.search);
    const query = new URLSearchParams({ symbol: options.symbol, interval: options.interval, exchange: options.exchange, handle: 'library' });
    query.set('naming', page.get('naming') ?? options.naming);
    for (const name of ['variant', 'timezone', 'layout']) {
      const value = page.get(name);
      if (value) query.set(name, value);
    }
    iframe.src = `/__liqlens_demo/chart-frame.html?${query}`;
    iframe.addEventListener('load', () => {
      const inner = (iframe.contentWindow as (Window & { __libraryWidget?: TradingViewWidget }) | null)?.__libraryWidget;
      inner?.onChartReady(() => {
        this.inner = inner;
        for (const callback of this.callbacks.splice(0)) callback();
      });
    });
    options.container.append(iframe);
  }

  onChartReady(callback: () => void): void {
    if (this.inner) callback();
    else this.callbacks.push(callback);
  }

  activeChart(): ReturnType<TradingViewWidget['activeChart']> {
    if (!this.inner) throw new Error('demo library: the chart is not ready (wait for onChartReady)');
    return this.inner.activeChart();
  }

  activeChartIndex(): number {
    if (!this.inner) throw new Error('demo library: the chart is not ready (wait for onChartReady)');
    return this.inner.activeChartIndex();
  }

  chartsCount(): number {
    if (!this.inner) throw new Error('demo library: the chart is not ready (wait for onChartReady)');
    return this.inner.chartsCount();
  }

  chart(index = 0): ReturnType<TradingViewWidget['chart']> {
    if (!this.inner) throw new Error('demo library: the chart is not ready (wait for onChartReady)');
    return this.inner.chart(index);
  }
}

// As the library's UMD build does: assign the namespace, then its members.
(globalThis as { TradingView?: object }).TradingView = {};
// A version string as long as real ones run (~100 characters).
Object.assign((globalThis as unknown as { TradingView: object }).TradingView, { widget: Widget, version: () => 'CL v29.2.0 (internal id 3b7e3e05 @ 2025-04-08T10:49:22.516Z, LiqLens demo imitation, trading terminal)' });

export type { Widget };
