/**
 * How the overlay's alignment is measured, in one home for both browsers' tests (Chromium's
 * Playwright specs in tests/e2e, Firefox ESR's in tests/firefox): the content script's own account
 * of its last paint (asked through the extension, as the popup would: from Chromium's service
 * worker, or Firefox's background page), and the chart library's own coordinates (the demo chart
 * exposes lightweight-charts as `__demoChart` in its frame). Nothing here depends on a test
 * framework: each side evaluates these functions with its own driver and polls with its own expect.
 */
import type { ChartGeometry } from '../../src/overlay/geometry';
import { pathTemplate } from '../../src/content/pageReport';
import { parseTradePageUrl } from '../../src/site/pageUrl';

export interface DebugItem {
  kind: string;
  price: number;
  time: number;
  anchorX?: number;
  anchorY?: number;
}

export interface OverlayDebug {
  href: string;
  bridgeConnected: boolean;
  chart: { kind: 'chart'; geometry: ChartGeometry } | { kind: 'waiting' } | { kind: 'hidden' } | { kind: 'list'; reason: string };
  paints: number;
  lastPaint: { ms: number; at: number; items: DebugItem[] } | null;
  paintMs: number[];
}

export interface Misalignment {
  checked: number;
  worstY: number;
  worstX: number;
  /** The worst item, for the failure message. */
  worst: string;
}

/**
 * Evaluated in the extension's background (never in a page): sends `message` to every tab's
 * content script, as the popup does, and returns the answers (null where a tab has none).
 * Self-contained, as the drivers send its source.
 */
export async function askEveryTab(message: { type: string }): Promise<unknown[]> {
  type Tabs = { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: object): Promise<unknown> };
  const g = globalThis as unknown as { browser?: { tabs: Tabs }; chrome?: { tabs: Tabs } };
  const tabs = (g.browser ?? g.chrome)!.tabs;
  const out: unknown[] = [];
  for (const tab of await tabs.query({})) {
    if (tab.id === undefined) continue;
    out.push(await tabs.sendMessage(tab.id, message).catch(() => null));
  }
  return out;
}

/** The debug read-out of the tab at `url` among every tab's answers. */
export function debugOf(answers: unknown[], url: string): OverlayDebug | null {
  return (answers as (OverlayDebug | null)[]).find((a) => a?.href === url) ?? null;
}

/** The page report of the tab at `url`: a report holds no query and its path is a template, so it is matched on the site and the template. */
export function reportOf(answers: unknown[], url: string): Record<string, unknown> | null {
  const address = new URL(url);
  const trade = parseTradePageUrl(url);
  const path = trade && pathTemplate(address.pathname, trade);
  const found = (answers as ({ site: string; path: string } | null)[]).find((r) => r && r.site === address.hostname && r.path === path);
  return (found as Record<string, unknown> | undefined) ?? null;
}

const MARKS = new Set(['break', 'orderBlock', 'fvg', 'equal', 'sweep']);

/** A paint after `since` for `symbol` (and `resolution`) that shows bands and marks. */
export function isFullPaint(debug: OverlayDebug | null, since: number, symbol = 'BTCUSDT', resolution?: string): boolean {
  const g = debug?.chart.kind === 'chart' ? debug.chart.geometry : null;
  const items = debug?.lastPaint?.items ?? [];
  return !!g && g.symbol === symbol && (!resolution || g.resolution === resolution) && (debug!.lastPaint?.at ?? 0) > since &&
    items.some((i) => i.kind === 'band') && items.some((i) => MARKS.has(i.kind));
}

/**
 * Evaluated in the chart frame: compares every painted item's pixel with the chart library's own
 * coordinate for its price and (for marks and bands, whose times are bar open times) its time
 * (the chart's bar time: for daily bars in a non-UTC zone, the session start), and the pane
 * LiqLens paints over with the active chart's own pane (a layout of several charts of one size).
 * Self-contained, as the drivers send its source.
 */
export function measureInChartFrame([list, at]: readonly [DebugItem[], { left: number; top: number }]): Misalignment {
  type Lwc = {
    series: { priceToCoordinate(p: number): number | null };
    chart: { timeScale(): { timeToCoordinate(t: number): number | null }; chartElement(): HTMLElement; paneSize(i: number): { width: number; height: number } };
    toChartTime(utcSec: number): number;
  };
  const { series, chart, toChartTime } = (window as unknown as { __demoChart: Lwc }).__demoChart;
  const barTimed = new Set(['band', 'break', 'orderBlock', 'fvg', 'equal', 'sweep']);
  let worstY = 0;
  let worstX = 0;
  let worst = '';
  let checked = 0;
  for (const item of list) {
    if (item.anchorY !== undefined) {
      const y = series.priceToCoordinate(item.price);
      if (y !== null && y > -500 && y < 5_000) {
        const dy = Math.abs(y - item.anchorY);
        checked++;
        if (dy > worstY) [worstY, worst] = [dy, `${item.kind} price ${item.price}: painted y ${item.anchorY}, chart y ${y}`];
      }
    }
    if (item.anchorX !== undefined && barTimed.has(item.kind)) {
      const x = chart.timeScale().timeToCoordinate(toChartTime(item.time / 1000));
      if (x !== null) {
        const dx = Math.abs(x - item.anchorX);
        checked++;
        if (dx > worstX) [worstX, worst] = [dx, `${item.kind} time ${new Date(item.time).toISOString()}: painted x ${item.anchorX}, chart x ${x}`];
      }
    }
  }
  // The active chart's pane canvas: the one of the pane's size in its chart element.
  const size = chart.paneSize(0);
  const canvas = [...chart.chartElement().querySelectorAll('canvas')].find((c) => {
    const r = c.getBoundingClientRect();
    return Math.abs(r.width - size.width) <= 1 && Math.abs(r.height - size.height) <= 1;
  });
  const r = canvas?.getBoundingClientRect();
  const dPane = r ? Math.max(Math.abs(r.left - at.left), Math.abs(r.top - at.top)) : Infinity;
  if (dPane > worstX) [worstX, worst] = [dPane, `pane painted at ${at.left},${at.top}, the active chart's at ${r?.left},${r?.top}`];
  return { checked, worstY, worstX, worst };
}

/** Aligned: more than 10 coordinates checked, none more than 1 px off. The report names the worst. */
export function alignmentVerdict(what: string, m: Misalignment): { aligned: boolean; report: string } {
  return {
    aligned: m.checked > 10 && m.worstY <= 1 && m.worstX <= 1,
    report: `${what}: ${m.checked} coordinates checked, worst y ${m.worstY.toFixed(2)} px, worst x ${m.worstX.toFixed(2)} px (${m.worst})`,
  };
}
