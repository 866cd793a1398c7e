/**
 * The overlay on the demo charts (lightweight-charts behind the TradingView widget API): every
 * painted price and bar time within 1 px of the chart's own coordinate, through pan, zoom,
 * resize, log scale, interval and symbol changes, however the page embeds the library; the
 * variants without coordinateToPrice or coordinateToTime; the side panel where the page has no
 * chart API; Binance's chart views switched live; a private bridge.
 */
import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { inOverlay, inChartOverlay } from './shadowReach';
import { chartFrame, dragChart, expectAligned, overlayDebug, paintedAfter, paintedPixelsAt, wheelZoomChart } from './overlayHelpers';
import { REPO_ROOT } from '../../tools/repoRoot';

const BINANCE = 'https://www.binance.com/en/futures/BTCUSDT';
const BYBIT = 'https://www.bybit.com/trade/usdt/BTCUSDT';
test('bands, prints and marks sit on the chart\'s own coordinates through pan, zoom, resize, log scale, interval and symbol', async ({ extension }) => {
  test.setTimeout(180_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(BINANCE);
  await expectAligned(sw, page, 'opened');

  // What is listed is painted: a mark's pixel on the canvas is opaque.
  const debug = (await overlayDebug(sw, page))!;
  const mark = debug.lastPaint!.items.find((i) => i.kind === 'break' && i.anchorX! > 0 && i.anchorY! > 0)!;
  expect(await paintedPixelsAt(chartFrame(page), mark.anchorX!, mark.anchorY!)).toBeGreaterThan(0);
  await page.screenshot({ path: resolve(REPO_ROOT, 'docs/img/overlay-binance-btcusdt-15m.png') });

  const pane = page.locator('#chart_futures-tradingview iframe');
  const box = (await pane.boundingBox())!;
  // Pan: drag the chart right by 200 px.
  await dragChart(page, box, 200);
  await expectAligned(sw, page, 'panned');

  // Zoom: wheel over the chart.
  await wheelZoomChart(page, box);
  await expectAligned(sw, page, 'zoomed');

  await page.setViewportSize({ width: 1100, height: 700 });
  await expectAligned(sw, page, 'resized');

  await chartFrame(page).evaluate(() => {
    type Api = { activeChart(): { getPanes(): { getMainSourcePriceScale(): { setMode(m: number): void } }[] } };
    (window as unknown as { tradingViewApi: Api }).tradingViewApi.activeChart().getPanes()[0]!.getMainSourcePriceScale().setMode(1);
  });
  await expectAligned(sw, page, 'log scale');
  const log = (await overlayDebug(sw, page))!;
  expect(log.chart.kind === 'chart' && log.chart.geometry.price.log).toBe(true);
  await page.screenshot({ path: resolve(REPO_ROOT, 'docs/img/overlay-binance-btcusdt-15m-log.png') });

  await page.getByRole('tab', { name: '1H' }).click();
  await expectAligned(sw, page, '1h interval', 'BTCUSDT', '60');

  await page.getByRole('link', { name: 'ETHUSDT' }).click();
  await expectAligned(sw, page, 'ETHUSDT', 'ETHUSDT');
});

test('a chart without coordinateToPrice is placed from its visible price range, as exactly', async ({ extension }) => {
  test.setTimeout(120_000); // as the other variants': a page load alone took ~50 s on the loaded 2-core machine
  const page = await extension.context.newPage();
  await page.goto(`${BINANCE}?variant=no-coordinate-to-price`);
  expect(await chartFrame(page).evaluate(() => {
    type Api = { activeChart(): { getPanes(): { getMainSourcePriceScale(): { coordinateToPrice?: unknown } }[] } };
    return typeof (window as unknown as { tradingViewApi: Api }).tradingViewApi.activeChart().getPanes()[0]!.getMainSourcePriceScale().coordinateToPrice;
  })).toBe('undefined');
  await expectAligned(extension.serviceWorker, page, 'no coordinateToPrice');
});

test('a page without the chart interface gets the side panel, and no canvas is guessed onto it', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto(`${BYBIT}?variant=no-api`);
  const panel = inOverlay(page, '.liqlens-panel');
  await expect.poll(() => panel.isVisible(), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => panel.locator('.hint').text()).toContain('TradingView');
  await expect.poll(() => panel.locator('.clusters li').first().textContent(), { timeout: 30_000 }).toMatch(/^(Longs|Shorts) [\d,.]+ \([+−]\d/);
  expect(await page.locator('liqlens-chart-overlay').count()).toBe(0);
  const debug = (await overlayDebug(extension.serviceWorker, page))!;
  expect(debug.chart).toEqual({ kind: 'list', reason: 'no-api' });
});

test('the bridge is private: a page script listening to every message gets nothing it can replay, and forged messages change nothing', async ({ extension }) => {
  test.setTimeout(120_000); // two paints and a page load: ~60 s alone on the loaded 2-core machine
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  // `?spy` puts the page's first script in charge of listening: every window message and every LiqLens event, from then on.
  await page.goto(`${BINANCE}?spy`);
  const before = await paintedAfter(sw, page, 0);
  const geometryBefore = before.chart.kind === 'chart' ? before.chart.geometry : null;
  type Spied = { type: string; data: string; ports: number }[];
  const spied = () => page.evaluate(() => (window as unknown as { __spied: Spied }).__spied);
  expect(await page.evaluate(() => Array.isArray((window as unknown as { __spied?: unknown }).__spied))).toBe(true);
  // Painted and followed, yet nothing of it passed where the page listens.
  // (WXT's own "script started" message carried the extension id: now it is not sent at all.)
  expect((await spied()).filter((m) => /geometry|findings|liqlens|pane|content-script-started/i.test(m.data) || m.data.includes(extension.extensionId) || m.ports > 0 || m.type.startsWith('liqlens'))).toEqual([]);

  await page.evaluate(() => {
    const geometry = { symbol: 'FORGED', resolution: '15', mount: 1, pane: { left: 0, top: 0, width: 99_999, height: 99_999 }, time: { anchorTime: 0, anchorX: 0, barSpacing: 1, barMs: 60_000 }, price: { top: 2, bottom: 1, log: false } };
    // Asking for the port again, and greeting with the page's own port, as a bridge would.
    window.dispatchEvent(new CustomEvent('liqlens:content-ready'));
    const forged = new MessageChannel();
    window.dispatchEvent(new MessageEvent('liqlens:bridge-hello', { ports: [forged.port2] }));
    forged.port1.postMessage({ type: 'geometry', geometry, frame: null });
    forged.port1.postMessage({ type: 'no-chart', reason: 'no-api' });
    // The old window channel, with and without a nonce, and junk.
    for (const nonce of ['page-chosen-nonce-0123456789', undefined]) {
      window.postMessage({ channel: 'liqlens-bridge', nonce, type: 'geometry', geometry, frame: null }, '*');
      window.postMessage({ channel: 'liqlens-bridge', nonce, type: 'no-chart', reason: 'no-api' }, '*');
    }
    window.postMessage({ type: 'geometry', geometry: { ...geometry, symbol: '<img src=x onerror=alert(1)>' } }, '*');
    window.postMessage({ type: 'geometry', geometry: new Array(1_000_000).fill(geometry) }, '*');
    window.postMessage(null, '*');
  });
  await page.waitForTimeout(1_000);
  const after = (await overlayDebug(sw, page))!;
  expect(after.chart.kind === 'chart' && after.chart.geometry.symbol).toBe('BTCUSDT');
  expect(after.chart.kind === 'chart' && after.chart.geometry.pane).toEqual(geometryBefore!.pane);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  // The bridge did not answer the page's request: no port reached the page's listener.
  expect((await spied()).filter((m) => m.type === 'liqlens:bridge-hello' && m.ports > 0)).toEqual([{ type: 'liqlens:bridge-hello', data: 'null', ports: 1 }]); // the page's own forged greeting only
  await expectAligned(sw, page, 'after forged messages');
});

test('hovering a mark reads out what it is, as text; a remounted chart is found again and followed', async ({ extension }) => {
  test.setTimeout(120_000); // two paints and a page load: ~60 s alone on the loaded 2-core machine
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(BINANCE);
  const debug = await paintedAfter(sw, page, 0);
  const mark = debug.lastPaint!.items.find((i) => i.kind === 'break' && i.anchorX! > 50 && i.anchorY! > 50)!;
  const geometry = debug.chart.kind === 'chart' ? debug.chart.geometry : null;
  const frameBox = (await page.locator('#chart_futures-tradingview iframe').boundingBox())!;
  await page.mouse.move(frameBox.x + geometry!.pane.left + mark.anchorX!, frameBox.y + geometry!.pane.top + mark.anchorY!);
  const readout = inChartOverlay(chartFrame(page), '.readout');
  await expect.poll(() => readout.isVisible()).toBe(true);
  await expect.poll(() => readout.textContent()).toMatch(/BOS|CHoCH/);
  expect(await readout.evaluate((el) => el.children.length)).toBe(0); // text nodes only, no markup

  // The library rebuilds its chart on layout changes: here the whole iframe is replaced.
  await page.evaluate(() => {
    const old = document.querySelector<HTMLIFrameElement>('#chart_futures-tradingview iframe')!;
    const fresh = old.cloneNode() as HTMLIFrameElement;
    old.replaceWith(fresh);
  });
  await expect.poll(async () => {
    const d = await overlayDebug(sw, page);
    return d?.chart.kind === 'chart' ? d.chart.geometry.mount : 0;
  }).toBeGreaterThan(geometry!.mount);
  await expectAligned(sw, page, 'remounted');
  expect(await chartFrame(page).locator('liqlens-chart-overlay').count()).toBe(1);
});
