/**
 * OKX as the third exchange, end to end: its demo swap page (served from Binance's recordings
 * converted to OKX's formats) painted within 1 px; a cluster two of the three exchanges show
 * marked "confirmed by 2" (OKX serves Binance's recorded prices, so their clusters coincide;
 * Bybit's recording is from another year); and the popup listing all three exchanges.
 */
import { resolve } from 'node:path';
import { expect, test, badge } from './fixtures';
import { dragChart, expectAligned, pageReportOf, wheelZoomChart } from './overlayHelpers';
import { REPO_ROOT } from '../../tools/repoRoot';

const OKX = 'https://www.okx.com/trade-swap/btc-usdt-swap';

test('OKX\'s demo swap page is painted within 1 px through pan, zoom and a symbol change', async ({ extension }) => {
  test.setTimeout(150_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto(OKX);
  await expectAligned(sw, page, 'OKX, opened');
  const report = (await pageReportOf(sw, page))!;
  expect(report.chosen).toMatch(/^constructor#\d$/);
  expect(report.geometryRead).toBe(true);
  await expect(page.locator('.okx-data')).toContainText('Binance\'s recording converted to OKX\'s format');
  await page.screenshot({ path: resolve(REPO_ROOT, 'docs/img/overlay-okx-btcusdt-15m.png') });

  const box = (await page.locator('#chart iframe').boundingBox())!;
  await dragChart(page, box, 250);
  await expectAligned(sw, page, 'OKX, panned');
  await wheelZoomChart(page, box);
  await expectAligned(sw, page, 'OKX, zoomed');

  await page.getByRole('link', { name: 'ETH-USDT-SWAP' }).click();
  await expect(page).toHaveURL('https://www.okx.com/trade-swap/eth-usdt-swap');
  await expectAligned(sw, page, 'OKX, ETH-USDT-SWAP', 'ETHUSDT');
});

test('a cluster shown by two of the three exchanges is marked confirmed by 2, and the popup lists all three', async ({ extension }) => {
  test.setTimeout(150_000);
  const page = await extension.context.newPage();
  await page.goto(OKX);
  // The badge's heatmap line: OKX's clusters sit where Binance's do (the same recorded prices),
  // and Bybit's (2025's prices) are nowhere near: confirmed by two exchanges, not three.
  const heatmap = badge(page).locator('.heatmap');
  // OKX's open interest (rubik history, converted to coin) reaches the model, as Binance's does.
  await expect.poll(() => heatmap.getAttribute('data-estimator'), { timeout: 90_000 }).toBe('oi');
  await expect.poll(() => heatmap.textContent(), { timeout: 90_000 }).toMatch(/confirmed by 2: also on Binance\)/);
  await expect.poll(() => heatmap.text()).not.toContain('confirmed by 3');

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await page.bringToFront();
  await expect(popup.getByTestId('exchange')).toHaveText('OKX futures', { timeout: 20_000 });
  // One connection row per exchange of the registry: the tab's market on every exchange that lists it.
  const rows = popup.getByRole('list', { name: 'Connections' }).getByRole('listitem');
  await expect(rows).toHaveCount(3, { timeout: 20_000 });
  await expect(rows.locator('.name')).toHaveText(['Binance', 'Bybit', 'OKX']);
});
