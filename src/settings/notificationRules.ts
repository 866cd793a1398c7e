/** The notification rules' shape and defaults: plain data, so Node tests and the options page share them. */

/** Which desktop notifications fire, and how often at most. */
export interface NotificationRules {
  /** A liquidation cluster was swept by price. */
  clusterSwept: boolean;
  /** Only clusters another exchange shows too (confirmed); off: every cluster of the chart's exchange. */
  confirmedOnly: boolean;
  /**
   * Swept clusters and reached magnet zones notify only while the chart's heatmap shows an edge
   * over distance from price alone (its 95 % interval above 0); off: they notify and say so when it does not.
   */
  onlyWithEdge: boolean;
  /** A Liquidation Sweep + CHoCH setup formed (entry zone, stop). */
  setupFormed: boolean;
  /** Price reached a magnet zone. */
  magnetReached: boolean;
  /** Clusters smaller than this notional (USDT) never notify; 0 notifies every size. */
  minClusterNotional: number;
  /** Minutes before the same cluster (by side and price) may notify again. */
  cooldownMinutes: number;
}
export const DEFAULT_NOTIFICATION_RULES: Readonly<NotificationRules> = Object.freeze({
  clusterSwept: true, confirmedOnly: true, onlyWithEdge: false, setupFormed: true, magnetReached: true, minClusterNotional: 0, cooldownMinutes: 60,
});
