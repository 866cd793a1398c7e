/**
 * Where the exchange's chart draws a price and a time: the numbers the main-world bridge reads
 * from the TradingView charting library, and the mapping the overlay paints with. Pure, so the
 * painter, the hover read-out and the tests share one definition.
 *
 * Coordinates are CSS pixels relative to the main pane's top-left corner.
 */
export interface ChartGeometry {
  /** The symbol the chart shows, as the library names it before any `@` (e.g. BTCUSDT). */
  symbol: string;
  /** TradingView resolution: '1', '15', '60', '1D'… */
  resolution: string;
  /** The main pane within the chart frame's viewport. */
  pane: { left: number; top: number; width: number; height: number };
  time: {
    /** Open time (epoch ms) of a bar the chart holds, and the x of its centre. */
    anchorTime: number;
    anchorX: number;
    /** Pixels from one bar's centre to the next. */
    barSpacing: number;
    /** Length of a bar, ms. */
    barMs: number;
  };
  price: {
    /** Prices at the pane's top and bottom edges (an inverted scale has top < bottom). */
    top: number;
    bottom: number;
    /** Log scale maps log(price) linearly; normal, percent and indexed map price linearly. */
    log: boolean;
  };
  /** Counts chart (re)mounts: the library rebuilds its chart on layout changes. */
  mount: number;
}

/** y of a price; NaN where the scale cannot show it (a non-positive price on a log scale). */
export function priceToY(g: ChartGeometry, price: number): number {
  const { top, bottom, log } = g.price;
  const f = log ? Math.log : identity;
  const span = f(bottom) - f(top);
  return ((f(price) - f(top)) / span) * g.pane.height;
}

/** x of the centre of the bar that opens at `time` (the chart draws a bar centred on its open). */
export function barToX(g: ChartGeometry, time: number): number {
  const t = g.time;
  return t.anchorX + ((time - t.anchorTime) / t.barMs) * t.barSpacing;
}

/** x of an instant: a bar spans half a spacing either side of its centre, open to close. */
export function instantToX(g: ChartGeometry, time: number): number {
  return barToX(g, time) - g.time.barSpacing / 2;
}

function identity(x: number): number {
  return x;
}
