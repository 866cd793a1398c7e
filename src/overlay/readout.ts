/**
 * The hover read-out: what a painted item is, in plain lines of text (the caller renders them
 * as text nodes, never as HTML). The number and time formats are src/wording/format.ts's.
 */
import { exchangeName } from '../exchanges';
import { formatAge, formatPrice, formatR, formatShare, formatUsd, formatUtc } from '../wording/format';
import type { PaintedItem } from './paint';
import type { HeatmapBands, OverlayCluster, OverlayMagnet, OverlayMark, OverlayPrint, OverlayScene, OverlaySetup } from './layers';

const ESTIMATOR_NAMES = { oi: 'open-interest model', volume: 'volume model' } as const;
export const sourceName = (s: HeatmapBands['source']): string => (s === 'aggregate' ? 'All exchanges aggregated' : exchangeName(s));
export const estimatorName = (e: HeatmapBands['estimator']): string => ESTIMATOR_NAMES[e];

// The painter's labels read the formats through here.
export { formatPrice, formatShare, formatUsd, formatUtc } from '../wording/format';

const dirWord = (dir: 1 | -1) => (dir === 1 ? 'bullish' : 'bearish');
const scopeWord = (scope: 'swing' | 'internal') => (scope === 'swing' ? 'Swing' : 'Internal');
const range = (low: number, high: number) => `${formatPrice(Math.min(low, high))} – ${formatPrice(Math.max(low, high))}`;
const sideWord = (side: 'long' | 'short') => (side === 'long' ? 'longs' : 'shorts');

/** The hover read-out for one painted item, as plain lines. */
export function describeItem(item: PaintedItem, scene: OverlayScene, now: number): string[] {
  switch (item.kind) {
    case 'band': return describeBand(item.ref.column, item.ref.row, scene);
    case 'cluster': return describeCluster(item.ref, now);
    case 'magnet': return describeMagnet(item.ref, now);
    case 'print': return describePrint(item.ref, scene, now);
    case 'setup': return describeSetup(item.ref, now);
    default: return describeMark(item.ref, scene, now);
  }
}

function describeBand(column: number, row: number, scene: OverlayScene): string[] {
  const hm = scene.heatmap;
  const rows = hm ? hm.edges.length - 1 : 0;
  if (!hm || column >= hm.times.length || row >= rows) return ['Liquidation heatmap band (no longer in the model)'];
  const cell = column * rows + row;
  const value = (v: number, max: number) => (hm.estimator === 'oi' ? `${formatUsd((v / 255) * max)} est.` : `${formatShare((v / 255) * max)} of the side`);
  const lines = ['Liquidation heatmap band', `Price ${range(hm.edges[row]!, hm.edges[row + 1]!)}`];
  const long = hm.long[cell] ?? 0;
  const short = hm.short[cell] ?? 0;
  if (long > 0) lines.push(`Longs: ${value(long, hm.maxLong)}`);
  if (short > 0) lines.push(`Shorts: ${value(short, hm.maxShort)}`);
  lines.push(`${sourceName(hm.source)} · ${estimatorName(hm.estimator)}`);
  return lines;
}

function describeCluster(c: OverlayCluster, now: number): string[] {
  const confirmed = c.exchanges.length >= 2;
  return [
    `Liquidation cluster (${sideWord(c.side)})`,
    `Price ${formatPrice(c.price)} (${range(c.low, c.high)})`,
    c.notional !== null ? `Notional ${formatUsd(c.notional)} · ${formatShare(c.share)} of ${sideWord(c.side)}` : `${formatShare(c.share)} of ${sideWord(c.side)}`,
    confirmed
      ? `✓ Confirmed by ${c.exchanges.length} exchanges: ${c.exchanges.map(exchangeName).join(', ')}`
      : `${c.exchanges.map(exchangeName).join(', ') || 'No exchange'} only (unconfirmed)`,
    `Positions opened ${formatAge(c.since, now)}`,
  ];
}

function describeMagnet(m: OverlayMagnet, now: number): string[] {
  return [
    `Magnet zone (${sideWord(m.side)} liquidations)`,
    `Price ${formatPrice(m.price)} ± 0.15%`,
    `Opened ${formatUtc(m.openedTime, now)} (${formatAge(m.openedTime, now)})`,
    `Expires ${formatUtc(m.expiresTime, now)} (${formatAge(m.expiresTime, now)})`,
  ];
}

function describePrint(p: OverlayPrint, scene: OverlayScene, now: number): string[] {
  return [
    `${p.side === 'long' ? 'Long' : 'Short'} liquidation`,
    `Price ${formatPrice(p.price)}`,
    `Notional ${formatUsd(p.notional)}`,
    `Exchange: ${exchangeName(scene.exchange)}`,
    `${formatUtc(p.time, now)} (${formatAge(p.time, now)})`,
  ];
}

function describeMark(m: OverlayMark, scene: OverlayScene, now: number): string[] {
  const lines: string[] = [];
  switch (m.kind) {
    case 'break':
      lines.push(`${scopeWord(m.scope)} ${m.label}, ${dirWord(m.dir)}`, `Level ${formatPrice(m.price)}`);
      break;
    case 'orderBlock':
      lines.push(`${scopeWord(m.scope)} ${dirWord(m.dir)} ${m.breaker ? 'breaker block' : 'order block'}`, `Price ${range(m.bottom, m.top)}`);
      lines.push(m.endTime === null ? 'Active' : `${m.breaker ? 'Invalidated' : 'Mitigated'} ${formatUtc(m.endTime, now)}`);
      break;
    case 'fvg':
      lines.push(`${dirWord(m.dir) === 'bullish' ? 'Bullish' : 'Bearish'} fair value gap`, `Price ${range(m.bottom, m.top)}`);
      lines.push(m.endTime === null ? 'Open' : `Filled ${formatUtc(m.endTime, now)}`);
      break;
    case 'equal':
      lines.push(`Equal ${m.label === 'EQH' ? 'highs' : 'lows'} (${m.label})`, `Level ${formatPrice(m.price)}`);
      break;
    case 'sweep':
      lines.push(`Liquidity sweep of ${m.dir === -1 ? 'a high' : 'a low'} (${dirWord(m.dir)})`, `Level ${formatPrice(m.price)}`, `Sweeping candle ${m.displacement.toFixed(1)} ATR`);
      break;
  }
  lines.push(`Confirmed ${formatUtc(m.confirmTime, now)} (${formatAge(m.confirmTime, now)})`);
  if (m.provisional) lines.push('Provisional: the candle is still open, so this may change');
  lines.push(`${exchangeName(scene.exchange)} ${scene.symbol}`);
  return lines;
}

function describeSetup(st: OverlaySetup, now: number): string[] {
  const name = st.kind === 'sweep-choch' ? 'Liquidation Sweep + CHoCH' : 'Magnet trade';
  const state = { waiting: 'entry order waiting', open: 'position open', closed: `closed at ${st.r !== null ? formatR(st.r) : '?'}`, expired: 'expired unfilled' }[st.status];
  return [
    `${name}, ${st.dir === 1 ? 'long' : 'short'}, grade ${st.grade} (${state})`,
    `Entry ${formatPrice(st.entry)} · stop ${formatPrice(st.stop)} · target ${formatPrice(st.target)}`,
    ...(st.confluence.length > 0 ? [st.confluence.join('; ')] : []),
    `Formed ${formatUtc(st.confirmTime, now)} (${formatAge(st.confirmTime, now)})`,
  ];
}
