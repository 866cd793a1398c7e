/**
 * Issue 20, finding 3: a page script flaps the chart's resolution through the page's own chart
 * API. The content script waits for the chart to settle (SETTLE_MS, per tab) before it asks the
 * background for a feed, so the resolutions the chart only passes through never reach the
 * exchanges; without that wait every reading of a passing resolution started feeds (three
 * exchanges each) and their backfills.
 */
import { exchangeOfPath } from '../../tools/replay/server';
import { badge, expect, test } from './fixtures';
import { overlayDebug } from './overlayHelpers';
import { inOverlay, until } from './shadowReach';
import { flapRecord, heldAtLeast, startFlapping } from './flapAttack';

const BINANCE = 'https://www.binance.com/en/futures/BTCUSDT';
/** The chart opens on 15m; the page cycles these every 50 ms for FLAP_MS and ends on 1h. */
const FLAP_RESOLUTIONS = ['1', '5', '15', '30', '60', '120', '1D'];
const FINAL = { resolution: '60', timeframe: '1h' };
const FLAP_MS = 6_000;
/** Fewer changes than this a second (a machine too loaded to flap), and the test cannot tell. */
const MIN_CHANGES_PER_S = 2;
/**
 * A pause in the page's changes this long could let a debounce of a second through: the content
 * script reads the chart every 400 ms (READ_PAGE_MS) and the bridge within a frame of a change, so
 * a pause of 500 ms can look like 1 s to the content script. Each is a chance a resolution may pass.
 */
const CHANCE_MS = 500;
/** Binance timeframes fetched that are no passing resolution: the chart's first, its last, and the setups' 4h. */
const NOT_PASSING = new Set(['15m', FINAL.timeframe, '4h']);

interface Served {
  at: number;
  exchange: string;
  path: string;
  interval: string | null;
  symbol: string | null;
}

test('resolution flapping through the page\'s own chart API: no passing resolution reaches the exchanges, the requests stay within one resolution\'s cost, and the chart ends on the last resolution with its heatmap', async ({ extension, replay }) => {
  test.setTimeout(150_000);
  const served: Served[] = [];
  const stop = replay.onRequest(({ origin, url }) => {
    if (!origin.startsWith('chrome-extension://')) return; // the demo chart's own fetches come from the page
    const exchange = exchangeOfPath(url.pathname);
    if (!exchange) return;
    served.push({ at: Date.now(), exchange, path: url.pathname, interval: url.searchParams.get('interval'), symbol: url.searchParams.get('symbol') });
  });
  /** Waits until no request came for 2 s (a feed's backfill done), at most 20 s. */
  const quiet = () => until(async () => Date.now() - (served.at(-1)?.at ?? 0) >= 2_000, 20_000, 250);
  const page = await extension.context.newPage();
  await page.goto(BINANCE);
  const heatmap = inOverlay(page, '.liqlens-badge .heatmap');
  await expect.poll(() => heatmap.count(), { timeout: 60_000 }).toBe(1);
  await quiet();
  /** What showing one resolution cost: the tab's opening, its three exchanges' feeds and backfills. */
  const opening = served.length;

  const from = Date.now();
  await startFlapping(page, FLAP_MS, FLAP_RESOLUTIONS, FINAL.resolution);
  await expect.poll(async () => (await flapRecord(page)).flapping, { timeout: FLAP_MS + 30_000 }).toBe(false);
  const { shown: changes, failed } = await flapRecord(page);
  // The chart ends on the last resolution, its badge says so, and its heatmap is there.
  await expect.poll(() => badge(page).locator('.timeframe').textContent(), { timeout: 30_000 }).toBe(FINAL.timeframe);
  await expect.poll(() => heatmap.count(), { timeout: 60_000 }).toBe(1);
  const debug = await overlayDebug(extension.serviceWorker, page);
  expect(debug?.chart.kind === 'chart' && debug.chart.geometry.resolution).toBe(FINAL.resolution);
  await quiet();
  stop();

  const since = served.filter((r) => r.at >= from);
  const passing = [...new Set(since.filter((r) => r.exchange === 'binance' && r.path === '/fapi/v1/klines' && r.symbol === 'BTCUSDT').map((r) => r.interval!))].filter((i) => !NOT_PASSING.has(i));
  const chances = heldAtLeast(changes, CHANCE_MS);
  const spanS = ((changes.at(-1)! - changes[0]!) / 1000).toFixed(1);
  const figures = `${changes.length} changes made in ${spanS} s (${chances} pauses ≥ ${CHANCE_MS} ms, ${failed} failed); ${since.length} REST requests from the first change to the last resolution's backfill (${(since.length / changes.length).toFixed(2)} a change), against ${opening} for the tab's opening; passing resolutions fetched: ${passing.join(', ') || 'none'}`;
  test.info().annotations.push({ type: 'flapping', description: figures });
  console.log(`resolution flapping: ${figures}`);

  // The attack's precondition: the page changed the resolution several times within each settling
  // time, with hardly a pause, so a debounce has nothing to let through and its absence shows.
  expect(changes.length, `the page's script made only ${changes.length} changes in ${FLAP_MS / 1000} s (load?): too few to tell`).toBeGreaterThanOrEqual((FLAP_MS / 1000) * MIN_CHANGES_PER_S);
  expect(chances, `the page's script paused ${chances} times for ${CHANCE_MS} ms or more (load?): a debounce may rightly let a resolution through at each`).toBeLessThanOrEqual(2);
  // No resolution the chart only passed through was fetched, but where the page paused.
  expect(passing.length, `passing resolutions fetched: ${passing.join(', ')}`).toBeLessThanOrEqual(chances);
  // Requests: what the last resolution costs (about one opening, less its markets), plus one opening
  // for each pause the debounce may rightly have let through.
  expect(since.length, figures).toBeLessThanOrEqual(opening * (1 + chances));
});
