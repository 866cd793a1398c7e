/**
 * The overlay's alignment in Firefox ESR, as Chromium's e2e specs check it (overlay.spec.ts,
 * embeddings.spec.ts, librarySemantics.spec.ts, okx.spec.ts) and with their measurement
 * (tests/shared/alignment.ts): every painted price and bar time within 1 px of the demo chart's
 * own coordinates through pan, zoom, resize, log scale, interval and symbol changes; the library's
 * embeddings (an inverted scale read by position, a build without coordinateToPrice, a v19-era
 * build, a multi-chart layout switched, symbols as datafeeds spell them) on Binance's, Bybit's
 * and OKX's demo pages; and an unmappable symbol's side panel with its reason. The content
 * script's account of its paint is asked from the add-on's background page over Firefox's
 * debugger server (backgroundPage.ts), as the popup asks it: the add-on has no other channel.
 * One browser, the pages one after another, the variants batched (a page load is the cost).
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startReplayServer, type ReplayServer } from '../../tools/replay/server';
import { alignmentVerdict, askEveryTab, debugOf, isFullPaint, measureInChartFrame, reportOf, type OverlayDebug } from '../shared/alignment';
import { launchFirefoxAddon, serveDemo, type FirefoxAddon } from './firefoxAddon';
import { clickInRoot, readOneInRoot } from './shadowReach';

const BINANCE = 'https://www.binance.com/en/futures/BTCUSDT';
const BYBIT = 'https://www.bybit.com/trade/usdt/BTCUSDT';
const OKX = 'https://www.okx.com/trade-swap/btc-usdt-swap';

let replay: ReplayServer;
let firefox: FirefoxAddon;

beforeAll(async () => {
  replay = await startReplayServer({ port: 0, speed: 60 });
  firefox = await launchFirefoxAddon(replay.url);
}, 120_000);

afterAll(async () => {
  await firefox?.close();
  await replay?.close();
});

/**
 * The one tab the tests share, at `url`: the read-outs are matched to a tab by its address, and
 * a second tab of the same page template would answer too (a closed one still did, for a while).
 */
let tab: Page | null = null;
async function open(url: string): Promise<Page> {
  if (!tab) {
    tab = await firefox.browser.newPage();
    await serveDemo(tab, replay.url);
  }
  await tab.setViewport({ width: 1280, height: 800 });
  await tab.goto(url);
  return tab;
}

const overlayDebug = async (page: Page): Promise<OverlayDebug | null> =>
  debugOf(await firefox.background.evaluate(askEveryTab, { type: 'overlayDebug' }), page.url());
const pageReportOf = async (page: Page) => reportOf(await firefox.background.evaluate(askEveryTab, { type: 'pageReport' }), page.url());

/** The chart frame the trader sees, where a page holds several (one hidden). */
async function visibleChartFrame(page: Page): Promise<Frame> {
  for (const frame of page.frames()) {
    if (frame.url().includes('chart-frame.html') && (await (await frame.frameElement())?.isVisible())) return frame;
  }
  throw new Error('no visible chart frame on the page');
}

/** Every painted item within 1 px of the chart's own coordinates, once a full paint after now shows. */
async function expectAligned(page: Page, what: string, symbol = 'BTCUSDT', resolution?: string): Promise<OverlayDebug> {
  const since = Date.now();
  await new Promise((r) => setTimeout(r, 300)); // the chart re-lays out on its next frames; the overlay follows on the one after
  let last = `${what}: no full paint for ${symbol} yet`;
  let debug: OverlayDebug | null = null;
  await expect.poll(async () => {
    debug = await overlayDebug(page);
    if (!isFullPaint(debug, since, symbol, resolution)) {
      last = `${what}: no full paint for ${symbol} since ${since} (${JSON.stringify({ chart: debug?.chart.kind, at: debug?.lastPaint?.at, items: debug?.lastPaint?.items.length, symbol: debug?.chart.kind === 'chart' ? debug.chart.geometry.symbol : null })})`;
      return last;
    }
    const g = debug!.chart.kind === 'chart' ? debug!.chart.geometry : null;
    const frame = await visibleChartFrame(page);
    const verdict = alignmentVerdict(what, await frame.evaluate(measureInChartFrame, [debug!.lastPaint!.items, g!.pane] as const));
    last = verdict.report;
    return verdict.aligned ? 'aligned' : last; // the report names the worst item where it fails
  }, { timeout: 45_000, interval: 250 }).toBe('aligned');
  console.log(`firefox ${last}`);
  return debug!;
}

async function chartBox(page: Page) {
  const frame = await page.$('#chart_futures-tradingview iframe, #chart iframe, iframe[id^="tradingview_"]');
  return (await frame!.boundingBox())!;
}

/** Pans as a trader does: drags from the chart's middle `dx` px to the right. */
async function dragChart(page: Page, dx: number): Promise<void> {
  const box = await chartBox(page);
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5 + dx, box.y + box.height * 0.5, { steps: 10 });
  await page.mouse.up();
}

/** Zooms in with the mouse wheel over a point right of the chart's middle. */
async function wheelZoomChart(page: Page): Promise<void> {
  const box = await chartBox(page);
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
  await page.mouse.wheel({ deltaY: -400 });
}

/** The text of a part of LiqLens's overlay, inside its closed root (through ./shadowReach.ts), and a trusted click on one. */
async function overlayText(page: Page, selector: string): Promise<string | null> {
  return (await readOneInRoot(page, selector))?.text ?? null;
}
async function clickOverlay(page: Page, selector: string): Promise<void> {
  await clickInRoot(page, selector);
}

test('Binance: aligned within 1 px through pan, zoom, resize, log scale, interval and symbol changes', async () => {
  const page = await open(BINANCE);
  await expectAligned(page, 'opened');
  await dragChart(page, 200);
  await expectAligned(page, 'panned');
  await wheelZoomChart(page);
  await expectAligned(page, 'zoomed');
  await page.setViewport({ width: 1100, height: 700 });
  await expectAligned(page, 'resized');
  await (await visibleChartFrame(page)).evaluate(() => {
    type Api = { activeChart(): { getPanes(): { getMainSourcePriceScale(): { setMode(m: number): void } }[] } };
    (window as unknown as { tradingViewApi: Api }).tradingViewApi.activeChart().getPanes()[0]!.getMainSourcePriceScale().setMode(1);
  });
  const log = await expectAligned(page, 'log scale');
  expect(log.chart.kind === 'chart' && log.chart.geometry.price.log).toBe(true);
  await page.click('::-p-aria([name="1H"][role="tab"])');
  await expectAligned(page, '1h interval', 'BTCUSDT', '60');
  await page.click('a[data-symbol][href$="/ETHUSDT"]');
  await expectAligned(page, 'ETHUSDT', 'ETHUSDT');
}, 180_000);

// Each page batches variants the demo combines (tools/demo/README.md): one load, several checks.
const EMBEDDINGS = [
  { url: `${BINANCE}?variant=inverted,no-coordinate-to-price&naming=prefixed`, chartSymbol: 'BINANCE:BTCUSDT.P', inverted: true },
  { url: `${BINANCE}?variant=v19&naming=perp`, chartSymbol: 'BTCUSDTPERP', missing: ['timeScale.width', 'timeScale.barSpacing'] },
  { url: `${BYBIT}?naming=dot-p&variant=no-coordinate-to-time`, chartSymbol: 'BTCUSDT.P', missing: ['timeScale.coordinateToTime'] },
  { url: `${OKX}?naming=lower`, chartSymbol: 'btcusdt' },
];

for (const e of EMBEDDINGS) {
  test(`${e.url.replace('https://', '')}: the chart's ${e.chartSymbol} is mapped, and painted within 1 px through pan and zoom`, async () => {
    const page = await open(e.url);
    const opened = await expectAligned(page, `${e.url}, opened`);
    const report = (await pageReportOf(page))!;
    expect(report.chartSymbol).toBe(e.chartSymbol);
    expect(report.geometryRead).toBe(true);
    if (e.missing) expect(report.missingCalls).toEqual(expect.arrayContaining(e.missing));
    if (e.inverted) expect(opened.chart.kind === 'chart' && opened.chart.geometry.price.top < opened.chart.geometry.price.bottom).toBe(true);
    await dragChart(page, 200);
    await expectAligned(page, `${e.url}, panned`);
    await wheelZoomChart(page);
    await expectAligned(page, `${e.url}, zoomed`);
    }, 150_000);
}

test('a layout of three charts of one size: the overlay follows the active chart as the trader switches', async () => {
  const page = await open(`${BINANCE}?layout=3`);
  await expectAligned(page, 'chart 1 of 3');
  const box = await chartBox(page);
  for (const index of [2, 1]) {
    await page.mouse.click(box.x + (box.width * (index + 0.5)) / 3, box.y + box.height * 0.5);
    await expectAligned(page, `chart ${index + 1} of 3`);
    // The layout is reported from the bridge's full look, every 2 s (FULL_LOOK_MS): it follows the paint.
    await expect.poll(async () => (await pageReportOf(page))?.layout, { timeout: 10_000 }).toEqual({ charts: 3, active: index });
  }
}, 150_000);

test('a symbol LiqLens cannot map gets the side panel saying which symbol the chart shows and what was expected', async () => {
  const page = await open(`${BINANCE}?naming=coin-margined`);
  await expect.poll(() => overlayText(page, '.liqlens-panel'), { timeout: 45_000 }).not.toBeNull();
  await clickOverlay(page, '.liqlens-panel .pill');
  await expect.poll(() => overlayText(page, '.liqlens-panel .hint')).toContain('The chart shows BTCUSD_PERP; LiqLens expected BTCUSDT');
  expect(await pageReportOf(page)).toMatchObject({ chartMode: 'other-symbol', chartSymbol: 'BTCUSD_PERP', expectedSymbol: 'BTCUSDT' });
  expect((await overlayDebug(page))!.lastPaint?.items ?? []).toEqual([]);
}, 120_000);
