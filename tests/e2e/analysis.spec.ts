/**
 * The analysis Worker in the real browser: hosted by an offscreen document (Chrome), fed the
 * replay's closed candles by the background, its counts shown on the badge.
 */
import { badge, expect, test } from './fixtures';

test('the badge shows SMC counts from the analysis Worker, and they advance when a replayed candle closes', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  // 1m: at the fixture's replay speed (60×) a candle closes every real second.
  await page.getByRole('tab', { name: '1m' }).click();
  await expect(badge(page).locator('.timeframe')).toHaveText('1m');
  const structure = badge(page).locator('.structure');
  await expect(structure).toContainText(/^SMC \d+ bars · \d+ swings · \d+ BOS\/CHoCH · \d+ OB · \d+ FVG/);
  const bars = async () => Number(await structure.getAttribute('data-bars'));
  const first = await bars();
  expect(first).toBeGreaterThan(400);
  await expect.poll(bars, { timeout: 20_000 }).toBeGreaterThan(first);
  // The heatmap model runs beside the SMC engine on the same closed candles; Binance BTCUSDT's
  // open interest is in the replay, so the open-interest estimator; the prints streamed meanwhile
  // are scored against it, and the rate is shown with its sample and the chance level.
  const heatmap = badge(page).locator('.heatmap');
  await expect(heatmap).toHaveAttribute('data-estimator', 'oi');
  await expect(heatmap).toContainText(/^Heatmap \(open-interest estimate\): longs [\d,.]+ \(−\d+\.\d%, \d+% of longs, \d+[smhd] old\) · shorts [\d,.]+ \(\+\d+\.\d%/);
  await expect(heatmap).toContainText(/ · hit rate \d+% of [\d,]+ prints \(chance \d+%\)$/, { timeout: 20_000 });

  const offscreen = await extension.serviceWorker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { getContexts(f: object): Promise<{ documentUrl: string }[]> } } };
    return (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).map((c) => new URL(c.documentUrl).pathname);
  });
  expect(offscreen).toEqual(['/offscreen.html']);
});

test('without recorded open interest (Bybit in the replay), the heatmap says it is a volume estimate', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.bybit.com/trade/usdt/BTCUSDT');
  const heatmap = badge(page).locator('.heatmap');
  await expect(heatmap).toHaveAttribute('data-estimator', 'volume');
  await expect(heatmap).toContainText(/^Heatmap \(volume estimate\): longs [\d,.]+ \(−/);
  // Binance's BTCUSDT is analysed beside it, but the replay's two BTC recordings are from 2023
  // and 2025: their prices disagree, so they are not combined, and the badge says why.
  await expect(badge(page).locator('.aggregate')).toHaveText(/^All exchanges: not combined: the prices differ by \d+\.\d% \(Bybit [\d.]+, Binance [\d.]+\)$/, { timeout: 20_000 });
});
