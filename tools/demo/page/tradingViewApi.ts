/**
 * The part of the TradingView charting library's widget API that LiqLens relies on
 * (DESIGN.md §4), implemented on top of lightweight-charts so the overlay is tested against
 * the same calls it meets on binance.com. Names, argument and return shapes follow the
 * library's documentation: times in unix seconds, resolutions as '1', '15', '60', '1D'.
 */
import type { CandlestickData, IChartApi, IPriceLine, ISeriesApi, UTCTimestamp } from 'lightweight-charts';
import type { Bar } from './replayCandles';
import { Subscription } from './subscription';

type VisibleRange = { from: number; to: number };

export interface ChartBackend {
  chart: IChartApi;
  series: ISeriesApi<'Candlestick'>;
  /** Loads bars for a symbol and resolution; the widget shows them. */
  load(symbol: string, resolution: string): Promise<Bar[]>;
}

/** What the demo's widget offers beyond the required calls (a variant drops them, as some library builds do). */
export interface WidgetFeatures {
  coordinateToPrice: boolean;
  coordinateToTime: boolean;
}

export const ALL_FEATURES: WidgetFeatures = { coordinateToPrice: true, coordinateToTime: true };

class PriceScaleApi {
  constructor(private readonly backend: ChartBackend, features: WidgetFeatures) {
    // Older library builds have no coordinateToPrice: the variant removes it from this instance.
    if (!features.coordinateToPrice) Object.defineProperty(this, 'coordinateToPrice', { value: undefined });
  }

  getMode(): number {
    return this.backend.chart.priceScale('right').options().mode;
  }

  setMode(mode: number): void {
    this.backend.chart.priceScale('right').applyOptions({ mode });
  }

  isInverted(): boolean {
    return this.backend.chart.priceScale('right').options().invertScale;
  }

  /** The prices at the top and bottom of the pane. */
  getVisiblePriceRange(): VisibleRange | null {
    const height = this.backend.chart.paneSize(0).height;
    const top = this.backend.series.coordinateToPrice(0);
    const bottom = this.backend.series.coordinateToPrice(height);
    if (top === null || bottom === null) return null;
    return { from: Math.min(top, bottom), to: Math.max(top, bottom) };
  }

  coordinateToPrice(y: number): number | null {
    return this.backend.series.coordinateToPrice(y);
  }
}

class PaneApi {
  private readonly scale: PriceScaleApi;
  constructor(private readonly backend: ChartBackend, features: WidgetFeatures) {
    this.scale = new PriceScaleApi(backend, features);
  }

  getMainSourcePriceScale(): PriceScaleApi {
    return this.scale;
  }

  getHeight(): number {
    return this.backend.chart.paneSize(0).height;
  }
}

class TimeScaleApi {
  constructor(private readonly backend: ChartBackend, features: WidgetFeatures) {
    // Some library builds have no coordinateToTime either (readers fall back to getVisibleRange).
    if (!features.coordinateToTime) Object.defineProperty(this, 'coordinateToTime', { value: undefined });
  }

  coordinateToTime(x: number): number | null {
    const time = this.backend.chart.timeScale().coordinateToTime(x);
    return typeof time === 'number' ? time : null;
  }

  width(): number {
    return this.backend.chart.timeScale().width();
  }

  barSpacing(): number {
    return this.backend.chart.timeScale().options().barSpacing;
  }

  /** The current right offset in bars (the library's; lightweight-charts calls it the scroll position). */
  rightOffset(): number {
    return this.backend.chart.timeScale().scrollPosition();
  }
}

class ChartWidgetApi {
  readonly symbolChanged = new Subscription<[{ name: string }]>();
  readonly intervalChanged = new Subscription<[string, { type: 'period-back'; value: string }]>();
  readonly visibleRangeChanged = new Subscription<[VisibleRange]>();
  readonly dataLoaded = new Subscription<[]>();
  private readonly pane: PaneApi;
  private readonly timeScale: TimeScaleApi;
  private readonly shapes = new Map<string, IPriceLine>();
  private nextShape = 1;

  constructor(
    private readonly backend: ChartBackend,
    private currentSymbol: string,
    private currentResolution: string,
    features: WidgetFeatures,
  ) {
    this.pane = new PaneApi(backend, features);
    this.timeScale = new TimeScaleApi(backend, features);
    backend.chart.timeScale().subscribeVisibleTimeRangeChange(() => {
      const range = this.getVisibleRange();
      this.visibleRangeChanged.fire(range);
    });
  }

  /** Binance's chart reports e.g. `BTCUSDT@PRICETYPE=LAST`; readers take what precedes `@`. */
  symbol(): string {
    return `${this.currentSymbol}@PRICETYPE=LAST`;
  }

  resolution(): string {
    return this.currentResolution;
  }

  async setSymbol(symbol: string, callback?: () => void): Promise<void> {
    this.currentSymbol = symbol;
    await this.reload();
    this.symbolChanged.fire({ name: this.symbol() });
    callback?.();
  }

  async setResolution(resolution: string, callback?: () => void): Promise<void> {
    this.currentResolution = resolution;
    await this.reload();
    this.intervalChanged.fire(resolution, { type: 'period-back', value: '' });
    callback?.();
  }

  onSymbolChanged() {
    return this.symbolChanged;
  }

  onIntervalChanged() {
    return this.intervalChanged;
  }

  onVisibleRangeChanged() {
    return this.visibleRangeChanged;
  }

  onDataLoaded() {
    return this.dataLoaded;
  }

  /** Unix seconds, as the library reports it. */
  getVisibleRange(): VisibleRange {
    const range = this.backend.chart.timeScale().getVisibleRange();
    return range ? { from: Number(range.from), to: Number(range.to) } : { from: 0, to: 0 };
  }

  getPanes(): PaneApi[] {
    return [this.pane];
  }

  getTimeScale(): TimeScaleApi {
    return this.timeScale;
  }

  getAllPanesHeight(): number {
    return this.pane.getHeight();
  }

  /**
   * Native marks. The demo draws `horizontal_line` (the mark LiqLens uses for levels);
   * other shapes are refused, as the library refuses shapes it does not know.
   */
  createShape(point: { time: number; price: number }, options: { shape: string; text?: string; overrides?: { linecolor?: string } }): string {
    if (options.shape !== 'horizontal_line') throw new Error(`demo chart: shape ${options.shape} is not implemented`);
    const id = `shape_${this.nextShape++}`;
    this.shapes.set(id, this.backend.series.createPriceLine({ price: point.price, color: options.overrides?.linecolor ?? '#f0b90b', title: options.text ?? '', lineWidth: 1 }));
    return id;
  }

  removeEntity(id: string): void {
    const line = this.shapes.get(id);
    if (line) this.backend.series.removePriceLine(line);
    this.shapes.delete(id);
  }

  getAllShapes(): { id: string; name: string }[] {
    return [...this.shapes.keys()].map((id) => ({ id, name: 'horizontal_line' }));
  }

  private async reload(): Promise<void> {
    const bars = await this.backend.load(this.currentSymbol, this.currentResolution);
    this.backend.series.setData(bars.map((b) => ({ ...b, time: b.time as UTCTimestamp }) satisfies CandlestickData));
    // Show the last ~150 bars, as an exchange chart opens, rather than the library's default zoom.
    this.backend.chart.timeScale().setVisibleLogicalRange({ from: bars.length - 150, to: bars.length + 5 });
    this.dataLoaded.fire();
  }

  /** Called by the page's data poller with the latest bars (the last may still be forming). */
  update(bars: Bar[]): void {
    for (const b of bars) this.backend.series.update({ ...b, time: b.time as UTCTimestamp });
  }

  async start(): Promise<void> {
    await this.reload();
  }
}

/** `window.tradingViewApi`: the widget. */
export class TradingViewWidget {
  private ready = false;
  private readonly readyCallbacks: (() => void)[] = [];
  private readonly main: ChartWidgetApi;

  constructor(backend: ChartBackend, symbol: string, resolution: string, features: WidgetFeatures = ALL_FEATURES) {
    this.main = new ChartWidgetApi(backend, symbol, resolution, features);
    void this.main.start().then(() => {
      this.ready = true;
      for (const callback of this.readyCallbacks.splice(0)) callback();
    });
  }

  hasModel(): boolean {
    return this.ready;
  }

  onChartReady(callback: () => void): void {
    if (this.ready) callback();
    else this.readyCallbacks.push(callback);
  }

  activeChart(): ChartWidgetApi {
    return this.main;
  }

  /** The library's `chart(index)`: the demo has one chart. */
  chart(index = 0): ChartWidgetApi {
    if (index !== 0) throw new Error(`demo chart: no chart ${index}`);
    return this.main;
  }
}
