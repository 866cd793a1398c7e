/**
 * What the overlay e2e tests read in Chromium: the content script's own account of its last paint
 * (asked through the service worker, as the popup would), the chart library's own coordinates and
 * the overlay canvas's pixels. The measurement itself is shared with Firefox's tests
 * (tests/shared/alignment.ts).
 */
import type { Frame, Page, Worker } from '@playwright/test';
import { expect } from '@playwright/test';
import { alignmentVerdict, askEveryTab, debugOf, isFullPaint, measureInChartFrame, reportOf, type DebugItem, type Misalignment, type OverlayDebug } from '../shared/alignment';
import { inChartOverlay } from './shadowReach';

export type { DebugItem, Misalignment, OverlayDebug };

/** The overlay debug read-out of the tab showing `page`. */
export async function overlayDebug(serviceWorker: Worker, page: Page): Promise<OverlayDebug | null> {
  return debugOf(await serviceWorker.evaluate(askEveryTab, { type: 'overlayDebug' }), page.url());
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

/** Every painted item against the chart library's own coordinates (tests/shared/alignment.ts). */
export async function misalignment(frame: Frame, items: DebugItem[], pane: { left: number; top: number }): Promise<Misalignment> {
  return frame.evaluate(measureInChartFrame, [items, pane] as const);
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

/** Waits for a paint after `since` that shows bands and marks for `symbol`, and returns it. */
export async function paintedAfter(sw: Worker, page: Page, since: number, symbol = 'BTCUSDT', resolution?: string): Promise<OverlayDebug> {
  let found: OverlayDebug | null = null;
  await expect.poll(async () => {
    found = await overlayDebug(sw, page);
    return isFullPaint(found, since, symbol, resolution);
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
    const verdict = alignmentVerdict(what, await misalignment(await visibleChartFrame(page), debug.lastPaint!.items, g!.pane));
    last = verdict.report;
    return verdict;
  }, { timeout: 20_000 }).toMatchObject({ aligned: true });
  console.log(last);
}

/** The page report of the tab showing `page` (what the popup's "Report this page" copies). */
export async function pageReportOf(serviceWorker: Worker, page: Page): Promise<Record<string, unknown> | null> {
  return reportOf(await serviceWorker.evaluate(askEveryTab, { type: 'pageReport' }), page.url());
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
