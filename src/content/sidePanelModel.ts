/**
 * The side panel shown where the page has no chart API to paint on: the nearest clusters and
 * the latest structure as a list, and how to switch to a chart LiqLens can draw on. Plain data,
 * tested in Node; SidePanel.tsx renders it as text.
 */
import type { OverlayScene } from '../overlay/layers';
import { formatPercent, formatPrice, formatSignedPct, formatUsd } from '../wording/format';
import { levelForecastText } from '../wording/heatmap';
import { exchange, exchangeName, type ExchangeId } from '../exchanges';
import type { ListReason, SymbolPair } from './chartMode';

export interface SidePanelModel {
  title: string;
  /** Why the overlay is a list here, and what to do: one line. */
  hint: string;
  clusters: string[];
  /** The heatmap's skill, the calibration of its dollars and where they come from. */
  heatmap: string[];
  structure: string[];
}

const HINTS: Record<ListReason, (id: ExchangeId, symbols?: SymbolPair) => string> = {
  'no-api': (id) => exchange(id).noChartHint,
  'incomplete-api': () => 'This chart does not tell where it draws prices and times, so LiqLens lists the levels instead of guessing.',
  'unsupported-resolution': () => 'LiqLens has no data for this chart interval: pick a minute, hour, day or week interval.',
  'no-bridge': () => 'LiqLens could not reach the chart on this page, so it lists the levels instead of guessing.',
  'other-symbol': (_, symbols) =>
    `The chart shows ${symbols?.chart ?? 'another symbol'}; LiqLens expected ${symbols?.expected ?? 'the page’s'} (from the page’s address), so it lists the levels instead of drawing them on another market’s chart.`,
};

const MAX_ROWS = 5;

/** `symbols`: for 'other-symbol', what the chart shows and what LiqLens expected (the chart's is page text, shown as text only). */
export function sidePanelModel(id: ExchangeId, reason: ListReason, scene: OverlayScene | null, lastPrice: number | null, symbols?: SymbolPair): SidePanelModel {
  const clusters = scene && lastPrice
    ? [...scene.clusters]
        .sort((a, b) => Math.abs(a.price - lastPrice) - Math.abs(b.price - lastPrice))
        .slice(0, MAX_ROWS)
        .map((c) => {
          const size = c.notional !== null ? formatUsd(c.notional) : `${formatPercent(c.share)} of ${c.side}s`;
          const confirmed = c.exchanges.length > 1 ? ` · confirmed by ${c.exchanges.length}` : '';
          const dollars = c.forecast ? ` · ${levelForecastText(c.side, c.price, c.forecast)}` : '';
          return `${c.side === 'long' ? 'Longs' : 'Shorts'} ${formatPrice(c.price)} (${formatSignedPct(((c.price - lastPrice) / lastPrice) * 100)}) · ${size}${confirmed}${dollars}`;
        })
    : [];
  const structure = scene
    ? scene.marks
        .filter((m) => m.kind === 'break' || m.kind === 'sweep')
        .slice(-MAX_ROWS)
        .reverse()
        .map((m) => {
          const when = new Date(m.confirmTime).toISOString().slice(11, 16);
          if (m.kind === 'break') return `${m.scope === 'swing' ? 'Swing' : 'Internal'} ${m.label} ${m.dir === 1 ? 'up' : 'down'} through ${formatPrice(m.price)} at ${when} UTC`;
          return m.kind === 'sweep' ? `Sweep of ${formatPrice(m.price)} (${m.dir === 1 ? 'lows' : 'highs'}) at ${when} UTC` : '';
        })
    : [];
  return {
    title: `LiqLens · ${exchangeName(id)}${scene ? ` ${scene.symbol}` : ''}`,
    hint: HINTS[reason](id, symbols),
    clusters,
    heatmap: scene ? [scene.skill, scene.calibration, ...(scene.dollarsBasis ?? [])].filter((w): w is string => !!w) : [],
    structure,
  };
}
