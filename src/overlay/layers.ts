/**
 * What the overlay paints, as the analysis Worker and the print service hand it to the tab:
 * plain JSON, times in epoch ms, prices in quote currency. Every layer is a list the painter
 * can draw without further analysis; the tab never sees the engines themselves.
 */
import type { ExchangeId } from '../exchanges';

// What travels to the tab is written once, as schemas, in src/messaging: the types come from there.
import type { AnalysisLayers, OverlayPrint } from '../messaging/validateLayers';

export type { AnalysisLayers, HeatmapBands, MarkScope, OverlayCluster, OverlayMagnet, OverlayMark, OverlayPrint, OverlaySetup } from '../messaging/validateLayers';

/**
 * Everything the overlay can paint for one chart: the Worker's layers whole (a new one in
 * AnalysisLayers arrives here as it is), the stream's prints, and the words of the legend. A
 * layer the tab has no data for is null or empty.
 */
export interface OverlayScene extends AnalysisLayers {
  exchange: ExchangeId;
  symbol: string;
  prints: OverlayPrint[];
  /** The heatmap's measured edge over distance alone, in words (skillText), and the calibration of its dollars (calibrationText). */
  skill?: string;
  calibration?: string;
  /** Where the clusters' dollars come from (forecastBasisLines): the legend's last lines and the hover's. */
  dollarsBasis?: string[];
}
