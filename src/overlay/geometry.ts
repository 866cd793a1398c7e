/**
 * Where the exchange's chart draws a price and a time: the numbers the main-world bridge reads
 * from the TradingView charting library, and the mapping the overlay paints with. Pure, so the
 * painter, the hover read-out and the tests share one definition.
 *
 * Coordinates are CSS pixels relative to the main pane's top-left corner.
 */
import type { ChartGeometry } from '../messaging/validateBridge';

/** The bridge sends it: its shape is written once, as a schema, in src/messaging. */
export type { ChartGeometry };

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
