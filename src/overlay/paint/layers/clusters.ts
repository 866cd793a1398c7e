/**
 * Liquidation clusters: a band from when the cluster's newest position opened to the pane's
 * right edge, outlined solid and labelled with how many exchanges show it where it is confirmed,
 * and with the map's expected dollars there; the hover says them as a sentence, with the interval.
 */
import { exchangeName } from '../../../exchanges';
import { formatAge, formatPrice, formatShare, formatUsd } from '../../../wording/format';
import { levelForecastText, likelihoodText } from '../../../wording/heatmap';
import { SIDE } from '../../colors';
import { instantToX, priceToY } from '../../geometry';
import type { OverlayCluster } from '../../layers';
import { DASHED, SOLID, clampY, pill, type Frame } from '../frame';
import { HIT, type ItemHover } from '../item';
import type { OverlayLayer } from '../layer';
import { range, sideWord } from '../words';

export function paintCluster(f: Frame, c: OverlayCluster): void {
  const { ctx, g } = f;
  const ya = priceToY(g, c.high);
  const yb = priceToY(g, c.low);
  const top = Math.min(ya, yb);
  const bottom = Math.max(ya, yb);
  if (!(bottom >= 0 && top <= f.h)) return;
  const sinceX = instantToX(g, c.since);
  const x0 = Math.max(0, sinceX);
  if (!(x0 < f.w)) return;
  // A cluster thinner than 2 px still shows as a line.
  const h = Math.max(bottom - top, 2);
  const y = (top + bottom) / 2 - h / 2;
  const confirmed = c.exchanges.length >= 2;
  const hue = SIDE[c.side];
  ctx.fillStyle = hue.fillFaint;
  ctx.fillRect(x0, y, f.w - x0, h);
  ctx.strokeStyle = hue.line;
  ctx.lineWidth = confirmed ? 2 : 1;
  ctx.setLineDash(confirmed ? SOLID : DASHED);
  ctx.strokeRect(x0, y, f.w - x0, h);
  ctx.setLineDash(SOLID);
  // One amount on the label: the calibrated dollars where the map has them; the estimator's own
  // units (positions at risk, not liquidations to expect) only where it has none. The hover gives both.
  const amount = c.forecast ? `≈${formatUsd(c.forecast.expected)} if reached` : c.notional !== null ? formatUsd(c.notional) : formatShare(c.share);
  const text = `${formatPrice(c.price)} · ${amount}${confirmed ? ` · ✓ confirmed by ${c.exchanges.length}` : ''}`;
  const priceY = priceToY(g, c.price);
  pill(f, text, f.w - 4, clampY(f, priceY), 'right', hue.line);
  f.items.push({ kind: 'cluster', x: x0, y, w: f.w - x0, h, price: c.price, time: c.since, anchorX: sinceX, anchorY: priceY, ref: c });
}

export const clusterHover: ItemHover<'cluster'> = {
  hit: HIT.area,
  describe: ({ ref: c }, scene, now) => {
    const confirmed = c.exchanges.length >= 2;
    // The map's dollars at the level, how far the model lifts it above its distance, and what the dollars count.
    const sentence = c.forecast && levelForecastText(c.side, c.price, c.forecast);
    const dollars = c.forecast && sentence
      ? [sentence.charAt(0).toUpperCase() + sentence.slice(1), `Model: ${likelihoodText(c.forecast.lr)}`, ...(scene.dollarsBasis ?? [])]
      : scene.dollarsBasis ?? [];
    return [
      `Liquidation cluster (${sideWord(c.side)})`,
      `Price ${formatPrice(c.price)} (${range(c.low, c.high)})`,
      c.notional !== null ? `Positions at risk (model) ${formatUsd(c.notional)} · ${formatShare(c.share)} of ${sideWord(c.side)}` : `${formatShare(c.share)} of ${sideWord(c.side)}`,
      confirmed
        ? `✓ Confirmed by ${c.exchanges.length} exchanges: ${c.exchanges.map(exchangeName).join(', ')}`
        : `${c.exchanges.map(exchangeName).join(', ') || 'No exchange'} only (unconfirmed)`,
      `Positions opened ${formatAge(c.since, now)}`,
      ...dollars,
    ];
  },
};

/** Its place among the layers (layer.ts; registry.ts gathers it). */
export const layer: OverlayLayer = { name: 'clusters', order: 400, z: 'top', paint: (f, s, on) => on.heatmap && s.clusters.forEach((c) => paintCluster(f, c)), hover: { cluster: clusterHover } };

// This layer's items, for the hover (item.ts).
declare module '../item' {
  interface PaintedItems {
    cluster: OverlayCluster;
  }
}
