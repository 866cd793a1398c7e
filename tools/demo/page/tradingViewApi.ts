/**
 * The part of the TradingView charting library's widget API that LiqLens relies on
 * (DESIGN.md §4), implemented on top of lightweight-charts so the overlay is tested against
 * the same calls it meets on binance.com. Written by hand from the library's public
 * documentation, with its semantics where they differ from lightweight-charts': times in unix
 * seconds, resolutions as '1', '15', '60', '1D'; getVisiblePriceRange by position (bottom row
 * first, so upside down on an inverted scale); getVisibleRange().to the projected slot at
 * ceil(baseIndex + rightOffset); getAllPanesHeight() an array; hasModel() a chart's call (v28+);
 * symbols named as the page's datafeed names them (SymbolNaming); a multi-chart layout's
 * activeChartIndex() and chartsCount() (Trading Terminal builds).
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
  /** timeScale.width() and barSpacing(): from v22 on. */
  scaleSize: boolean;
  /** chart.hasModel(): from v28 on. */
  chartHasModel: boolean;
}

export const ALL_FEATURES: WidgetFeatures = { coordinateToPrice: true, coordinateToTime: true, scaleSize: true, chartHasModel: true };

/** How the page's datafeed names a symbol (LiqLens's BTCUSDT): each deployment names them its own way. */
export const SYMBOL_NAMINGS = {
  /** binance.com's own datafeed. */
  binance: (s: string) => `${s}@PRICETYPE=LAST`,
  plain: (s: string) => s,
  prefixed: (s: string) => `BINANCE:${s}.P`,
  'dot-p': (s: string) => `${s}.P`,
  okx: (s: string) => `${s.replace(/USDT$/, '')}-USDT-SWAP`,
  perp: (s: string) => `${s}PERP`,
  lower: (s: string) => s.toLowerCase(),
  /** A coin-margined contract: no market LiqLens reads (the side panel's case). */
  'coin-margined': (s: string) => `${s.replace(/USDT$/, 'USD')}_PERP`,
} satisfies Record<string, (symbol: string) => string>;
export type SymbolNaming = keyof typeof SYMBOL_NAMINGS;

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

  /** By position, as the library gives it: `from` on the bottom row (y = height - 1), `to` on the top row; not sorted. */
  getVisiblePriceRange(): VisibleRange | null {
    const height = this.backend.chart.paneSize(0).height;
    const to = this.backend.series.coordinateToPrice(0);
    const from = this.backend.series.coordinateToPrice(height - 1);
    if (to === null || from === null) return null;
    return { from, to };
  }

  coordinateToPrice(y: number): number | null {
    return this.backend.series.coordinateToPrice(y);
  }
}

class PaneApi {
  readonly scale: PriceScaleApi;
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
    // Builds before v22 have neither width() nor barSpacing().
    if (!features.scaleSize) for (const name of ['width', 'barSpacing']) Object.defineProperty(this, name, { value: undefined });
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

  private loaded = false;

  constructor(
    private readonly backend: ChartBackend,
    private currentSymbol: string,
    private currentResolution: string,
    features: WidgetFeatures,
    private readonly naming: (symbol: string) => string = SYMBOL_NAMINGS.binance,
  ) {
    this.pane = new PaneApi(backend, features);
    this.timeScale = new TimeScaleApi(backend, features);
    if (!features.chartHasModel) Object.defineProperty(this, 'hasModel', { value: undefined });
    backend.chart.timeScale().subscribeVisibleTimeRangeChange(() => {
      const range = this.getVisibleRange();
      this.visibleRangeChanged.fire(range);
    });
  }

  /** v28+: whether the chart's model (its data) is loaded. */
  hasModel(): boolean {
    return this.loaded;
  }

  /** As the page's datafeed names it: Binance's `BTCUSDT@PRICETYPE=LAST`, others `BINANCE:BTCUSDT.P`, `BTC-USDT-SWAP`… */
  symbol(): string {
    return this.naming(this.currentSymbol);
  }

  /** The demo's own: whether data is loaded (hasModel() is missing from the v19 build), for its data poller. */
  isLoaded(): boolean {
    return this.loaded;
  }

  /** The demo's own name for what it shows (LiqLens's spelling), for its data poller: not the library's. */
  plainSymbol(): string {
    return this.currentSymbol;
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

  /**
   * Unix seconds, as the library reports it: `to` is the slot at ceil(baseIndex + rightOffset),
   * projected a bar at a time past the newest bar when the chart has room to its right
   * (lightweight-charts would name the newest bar).
   */
  getVisibleRange(): VisibleRange {
    const range = this.backend.chart.timeScale().getVisibleRange();
    const data = this.backend.series.data();
    if (!range || data.length < 2) return { from: 0, to: 0 };
    const base = data.length - 1;
    const slot = Math.ceil(base + this.backend.chart.timeScale().scrollPosition());
    const barSec = Number(data[base]!.time) - Number(data[base - 1]!.time);
    const to = slot <= base ? Number(data[Math.max(0, slot)]!.time) : Number(data[base]!.time) + (slot - base) * barSec;
    return { from: Number(range.from), to };
  }

  getPanes(): PaneApi[] {
    return [this.pane];
  }

  getTimeScale(): TimeScaleApi {
    return this.timeScale;
  }

  /** Each pane's height, the main pane first. */
  getAllPanesHeight(): number[] {
    return [this.pane.getHeight()];
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
    this.loaded = true;
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

/**
 * `window.tradingViewApi`: the widget, over one chart or (a Trading Terminal layout) several side
 * by side, one of them active: the one the trader last clicked. The library marks the active
 * chart's container `.chart-container.active`; the demo page does that (chartFrame.ts).
 */
export class TradingViewWidget {
  private ready = false;
  private readonly readyCallbacks: (() => void)[] = [];
  private readonly charts: ChartWidgetApi[];
  private active = 0;
  readonly activeChartChanged = new Subscription<[number]>();

  constructor(backends: ChartBackend[], symbol: string, resolution: string, features: WidgetFeatures = ALL_FEATURES, naming: SymbolNaming = 'binance') {
    this.charts = backends.map((backend) => new ChartWidgetApi(backend, symbol, resolution, features, SYMBOL_NAMINGS[naming]));
    void Promise.all(this.charts.map((c) => c.start())).then(() => {
      this.ready = true;
      for (const callback of this.readyCallbacks.splice(0)) callback();
    });
  }

  onChartReady(callback: () => void): void {
    if (this.ready) callback();
    else this.readyCallbacks.push(callback);
  }

  activeChart(): ChartWidgetApi {
    return this.charts[this.active]!;
  }

  activeChartIndex(): number {
    return this.active;
  }

  chartsCount(): number {
    return this.charts.length;
  }

  /** The demo page's: the trader clicked chart `index`. */
  setActiveChart(index: number): void {
    if (!this.charts[index] || index === this.active) return;
    this.active = index;
    this.activeChartChanged.fire(index);
  }

  /** The library's `chart(index)`. */
  chart(index = 0): ChartWidgetApi {
    const chart = this.charts[index];
    if (!chart) throw new Error(`demo chart: no chart ${index}`);
    return chart;
  }
}
