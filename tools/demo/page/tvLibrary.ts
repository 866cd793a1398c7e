/**
 * The demo's `TradingView` global, as the charting library's script defines it: `new
 * TradingView.widget({ container, symbol, interval })` builds the chart in an iframe it adds to
 * the container and answers `onChartReady`, `activeChart()`, `chart()` and `hasModel()` from
 * the chart in that iframe. An app that embeds the library this way keeps the widget in its own
 * state; nothing is left on any window for LiqLens to find, except through the constructor.
 */
import type { ExchangeId } from '../../../src/exchanges';
import type { TradingViewWidget } from './tradingViewApi';

export interface WidgetOptions {
  container: HTMLElement;
  symbol: string;
  interval: string;
  /** Whose replayed candles the chart shows. */
  exchange: ExchangeId;
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
    const query = new URLSearchParams({ symbol: options.symbol, interval: options.interval, exchange: options.exchange, handle: 'library' });
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

  hasModel(): boolean {
    return this.inner?.hasModel() ?? false;
  }

  activeChart(): ReturnType<TradingViewWidget['activeChart']> {
    if (!this.inner) throw new Error('demo library: the chart is not ready (wait for onChartReady)');
    return this.inner.activeChart();
  }

  chart(index = 0): ReturnType<TradingViewWidget['chart']> {
    if (!this.inner) throw new Error('demo library: the chart is not ready (wait for onChartReady)');
    return this.inner.chart(index);
  }
}

// As the library's UMD build does: assign the namespace, then its members.
(globalThis as { TradingView?: object }).TradingView = {};
Object.assign((globalThis as unknown as { TradingView: object }).TradingView, { widget: Widget, version: () => '1.0 (internal id 11e1ae5a @ 2026-01-01)' });

export type { Widget };
