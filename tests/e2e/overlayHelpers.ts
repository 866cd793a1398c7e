/**
 * What the overlay e2e tests read: the content script's own account of its last paint (asked
 * through the extension, as the popup would), the chart library's own coordinates (the demo
 * chart exposes lightweight-charts as `__demoChart`), and the overlay canvas's pixels.
 */
import type { Frame, Page, Worker } from '@playwright/test';
import { expect } from '@playwright/test';
import type { ChartGeometry } from '../../src/overlay/geometry';
import { pathTemplate } from '../../src/content/pageReport';
import { parseTradePageUrl } from '../../src/site/pageUrl';
import { inChartOverlay } from './shadowReach';

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

/** The overlay debug read-out of the tab showing `page`. */
export async function overlayDebug(serviceWorker: Worker, page: Page): Promise<OverlayDebug | null> {
  const answers = await serviceWorker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: object): Promise<unknown> } } };
    const out: unknown[] = [];
    for (const tab of await chrome.tabs.query({})) {
      if (tab.id === undefined) continue;
      out.push(await chrome.tabs.sendMessage(tab.id, { type: 'overlayDebug' }).catch(() => null));
    }
    return out;
  });
  return (answers as (OverlayDebug | null)[]).find((a) => a?.href === page.url()) ?? null;
}

export function chartFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes('chart-frame.html'));
  if (!frame) throw new Error('no chart frame on the page');
  return frame;
}

/** The chart frame the trader sees, where a page holds several (one hidden). */
export async function visibleChartFrame(page: Page): Promise<Frame> {
  for (const frame of page.frames()) {
    if (frame.url().includes('chart-frame.html') && (await (await frame.frameElement()).isVisible())) return frame;
  }
  throw new Error('no visible chart frame on the page');
}

export interface Misalignment {
  checked: number;
  worstY: number;
  worstX: number;
  /** The worst item, for the failure message. */
  worst: string;
}

/**
 * Compares every painted item's pixel with the chart library's own coordinate for its price
 * and (for marks and bands, whose times are bar open times) its time (the chart's bar time: for
 * daily bars in a non-UTC zone, the session start), and the pane LiqLens paints over with the
 * active chart's own pane (a layout of several charts of one size).
 */
export async function misalignment(frame: Frame, items: DebugItem[], pane: { left: number; top: number }): Promise<Misalignment> {
  return frame.evaluate(([list, at]) => {
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
  }, [items, pane] as const);
}

/** Opaque pixels of the overlay canvas around a point (pane CSS px), as a count in a 5×5 device-pixel box; -1 without a canvas. */
export async function paintedPixelsAt(frame: Frame, x: number, y: number): Promise<number> {
  const painted = await inChartOverlay(frame, 'canvas').evaluate((el, [px, py]) => {
    const c = el as HTMLCanvasElement;
    const dpr = c.width / c.getBoundingClientRect().width;
    const data = c.getContext('2d')!.getImageData(Math.round(px! * dpr) - 2, Math.round(py! * dpr) - 2, 5, 5).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  }, [x, y]);
  return painted ?? -1;
}

const MARKS = new Set(['break', 'orderBlock', 'fvg', 'equal', 'sweep']);

/** Waits for a paint after `since` that shows bands and marks for `symbol`, and returns it. */
export async function paintedAfter(sw: Worker, page: Page, since: number, symbol = 'BTCUSDT', resolution?: string): Promise<OverlayDebug> {
  let found: OverlayDebug | null = null;
  await expect.poll(async () => {
    found = await overlayDebug(sw, page);
    const g = found?.chart.kind === 'chart' ? found.chart.geometry : null;
    const items = found?.lastPaint?.items ?? [];
    return !!g && g.symbol === symbol && (!resolution || g.resolution === resolution) && (found!.lastPaint?.at ?? 0) > since &&
      items.some((i) => i.kind === 'band') && items.some((i) => MARKS.has(i.kind));
  }, { timeout: 30_000 }).toBe(true);
  return found!;
}

/** Every painted item within 1 px of the chart's own coordinates (after the chart settles). */
export async function expectAligned(sw: Worker, page: Page, what: string, symbol = 'BTCUSDT', resolution?: string): Promise<void> {
  const since = Date.now();
  await page.waitForTimeout(300); // the chart re-lays out on its next frames; the overlay follows on the one after
  let last = '';
  // Polled until the overlay has followed; on a timeout the report names the worst item.
  await expect.poll(async () => {
    const debug = await paintedAfter(sw, page, since, symbol, resolution);
    const g = debug.chart.kind === 'chart' ? debug.chart.geometry : null;
    const m = await misalignment(await visibleChartFrame(page), debug.lastPaint!.items, g!.pane);
    last = `${what}: ${m.checked} coordinates checked, worst y ${m.worstY.toFixed(2)} px, worst x ${m.worstX.toFixed(2)} px (${m.worst})`;
    return { aligned: m.checked > 10 && m.worstY <= 1 && m.worstX <= 1, report: last };
  }, { timeout: 20_000 }).toMatchObject({ aligned: true });
  console.log(last);
}


/** The page report of the tab showing `page` (what the popup's "Report this page" copies). */
export async function pageReportOf(serviceWorker: Worker, page: Page): Promise<Record<string, unknown> | null> {
  const reports = (await serviceWorker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: object): Promise<unknown> } } };
    const out: unknown[] = [];
    for (const tab of await chrome.tabs.query({})) {
      if (tab.id !== undefined) out.push(await chrome.tabs.sendMessage(tab.id, { type: 'pageReport' }).catch(() => null));
    }
    return out;
  })) as ({ site: string; path: string } | null)[];
  // The report holds no query and its path is a template: match on the site and the template.
  const url = new URL(page.url());
  const trade = parseTradePageUrl(page.url());
  const path = trade && pathTemplate(url.pathname, trade);
  return (reports.find((r) => r && r.site === url.hostname && r.path === path) as Record<string, unknown> | undefined) ?? null;
}

type Box = { x: number; y: number; width: number; height: number };

/** Pans the chart in `box` as a trader does: drags from its middle `dx` px to the right. */
export async function dragChart(page: Page, box: Box, dx: number): Promise<void> {
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5 + dx, box.y + box.height * 0.5, { steps: 10 });
  await page.mouse.up();
}

/** Zooms the chart in `box` in with the mouse wheel, over a point right of its middle. */
export async function wheelZoomChart(page: Page, box: Box): Promise<void> {
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
  await page.mouse.wheel(0, -400);
}
