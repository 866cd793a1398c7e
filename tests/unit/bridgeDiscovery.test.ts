/**
 * Finding the widget however the page embeds it: the TradingView.widget constructor hook (on a
 * window-like object, as the main world's global is one), handles and app globals, and the
 * choice of the visible chart's area.
 */
import { describe, expect, it } from 'vitest';
import { chartLikeGlobals, findCandidates, hookWidgetConstructor, originOf, visibleArea } from '../../src/bridge/discover';

/** A stand-in for the library's widget class: ready on the next microtask, as the library is after loading. */
function library() {
  class Widget {
    static instances = 0;
    readonly options: unknown;
    private callbacks: (() => void)[] = [];
    constructor(options: unknown) {
      if ((options as { fail?: boolean }).fail) throw new Error('bad options');
      this.options = options;
      Widget.instances++;
      queueMicrotask(() => this.callbacks.splice(0).forEach((c) => c()));
    }
    onChartReady(callback: () => void) {
      this.callbacks.push(callback);
    }
    activeChart() {
      return {};
    }
  }
  return { widget: Widget, version: () => '27.001 (internal id 1)' };
}

type Win = Window & { TradingView?: ReturnType<typeof library> };

describe('the TradingView.widget hook', () => {
  it('keeps a widget built after the hook, once its chart is ready, and the page sees its own constructor', async () => {
    const win = {} as Win;
    const hook = hookWidgetConstructor(win);
    win.TradingView = library(); // as the library's UMD build assigns its namespace
    const Widget = win.TradingView.widget;
    const made = new Widget({ container: 'tv' });
    expect(made).toBeInstanceOf(Widget);
    expect(made.options).toEqual({ container: 'tv' });
    expect(Widget.instances).toBe(1); // statics read through
    expect(hook.ready()).toEqual([]); // not before onChartReady
    await Promise.resolve();
    expect(hook.ready()).toEqual([made]);
    expect(hook.defined).toBe(true);
    expect(hook.built).toBe(1);
    hook.recheck();
    expect(hook.version()).toBe('27.001 (internal id 1)');
  });

  it('wraps a constructor defined before the hook, one assigned onto an existing namespace, and one defined around the setter', async () => {
    const before = { TradingView: library() } as Win;
    const hook = hookWidgetConstructor(before);
    const a = new before.TradingView!.widget({});

    const later = {} as Win;
    const hookLater = hookWidgetConstructor(later);
    later.TradingView = {} as ReturnType<typeof library>;
    later.TradingView.widget = library().widget;
    const b = new later.TradingView.widget({});

    const around = {} as Win;
    const hookAround = hookWidgetConstructor(around);
    Object.defineProperty(around, 'TradingView', { value: library(), configurable: true });
    hookAround.recheck();
    const c = new around.TradingView!.widget({});

    await Promise.resolve();
    expect(hook.ready()).toEqual([a]);
    expect(hookLater.ready()).toEqual([b]);
    expect(hookAround.ready()).toEqual([c]);
  });

  it('passes the page\'s own errors through unchanged, and subclasses still build', () => {
    const win = {} as Win;
    hookWidgetConstructor(win);
    win.TradingView = library();
    expect(() => new win.TradingView!.widget({ fail: true })).toThrow('bad options');
    class Mine extends win.TradingView.widget {}
    expect(new Mine({})).toBeInstanceOf(Mine);
  });
});

describe('handles', () => {
  const widget = { activeChart: () => ({}) };
  it('takes the known spellings and the app globals only where they hold a widget', () => {
    const win = { TradingViewApi: widget, widget: { id: 'an element named widget' }, tvWidget: widget } as unknown as Window;
    expect(findCandidates(win, [], null).map((c) => c.label)).toEqual(['top.TradingViewApi']); // the same widget once
    const frameWin = { tradingViewApi: { activeChart: () => ({}) } };
    const frames = [{ index: 2, el: {} as HTMLIFrameElement, id: 'tradingview_1', origin: 'https://www.binance.com', doc: { defaultView: frameWin } as unknown as Document }];
    expect(findCandidates({} as Window, frames, null)).toMatchObject([{ label: 'frame2.tradingViewApi', frame: 2 }]);
  });

  it('survives getters that throw', () => {
    const win = {} as Window;
    Object.defineProperty(win, 'tradingViewApi', { get: () => { throw new Error('no'); } });
    expect(findCandidates(win, [], null)).toEqual([]);
  });
});

describe('visible area', () => {
  it('is the part within the viewport', () => {
    expect(visibleArea({ left: -10, top: 0, width: 110, height: 50 }, { width: 80, height: 40 })).toBe(80 * 40);
    expect(visibleArea({ left: 0, top: 0, width: 0, height: 0 }, { width: 80, height: 40 })).toBe(0);
    expect(visibleArea({ left: 100, top: 0, width: 10, height: 10 }, { width: 80, height: 40 })).toBe(0);
  });
});

describe('what the page report learns of frames and globals', () => {
  it('an origin, never a path, query or fragment', () => {
    expect(originOf('https://s3.tradingview.com/charting_library/token=secret/index.html?x=1#y', 'https://www.binance.com/')).toBe('https://s3.tradingview.com');
    expect(originOf('/__liqlens_demo/chart-frame.html?symbol=BTCUSDT', 'https://www.binance.com/en/futures/BTCUSDT')).toBe('https://www.binance.com');
    expect(originOf('about:blank', 'https://www.binance.com/')).toBe('about:');
    expect(originOf('blob:https://www.binance.com/1f0e-secret', 'https://www.binance.com/')).toBe('blob:');
  });

  it('chart-like globals by name only, on the page and its frames', () => {
    const win = { tvWidget: {}, tradingViewApi: {}, HTMLCanvasElement: {}, chartData$: 1, orders: [] } as unknown as Window;
    const frames = [{ index: 1, el: {} as HTMLIFrameElement, id: 'f', origin: 'https://www.binance.com', doc: { defaultView: { TradingView: {}, fetch: {} } } as unknown as Document }];
    expect(chartLikeGlobals(win, frames)).toEqual(['top.tvWidget', 'top.tradingViewApi', 'top.chartData_', 'frame1.TradingView']);
  });
});
