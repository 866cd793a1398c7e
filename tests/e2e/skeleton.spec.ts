import { badge, expect, test } from './fixtures';

test('the badge shows BTCUSDT with replayed data on the routed Binance futures URL', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  const b = badge(page);
  await expect(b).toHaveAttribute('data-state', 'replay');
  await expect(b.locator('.exchange')).toHaveText('Binance');
  await expect(b.locator('.symbol')).toHaveText('BTCUSDT');
  await expect(b.locator('.detail')).toContainText(/\d+ candles/);
});

test('a symbol change through history.pushState updates the badge within 2 s', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect(badge(page).locator('.symbol')).toHaveText('BTCUSDT');
  await page.evaluate(() => history.pushState({}, '', '/en/futures/ETHUSDT'));
  await expect(badge(page).locator('.symbol')).toHaveText('ETHUSDT', { timeout: 2_000 });
});

test('a Bybit linear page works the same', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.bybit.com/trade/usdt/BTCUSDT');
  const b = badge(page);
  await expect(b.locator('.exchange')).toHaveText('Bybit');
  await expect(b.locator('.symbol')).toHaveText('BTCUSDT');
  await expect(b).toHaveAttribute('data-state', 'replay');
});

test('a Binance page that is not a trade page shows no badge and no error', async ({ extension }) => {
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('https://www.binance.com/en/markets');
  await expect(page.locator('liqlens-overlay')).toHaveCount(1); // the script runs there, for SPA navigation
  // Give the content script time to read the page twice before asserting that nothing shows.
  await page.waitForTimeout(1_000);
  await expect(badge(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an unknown symbol says so instead of failing', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/NOSUCHUSDT');
  await expect(badge(page)).toHaveAttribute('data-state', 'no data');
  await expect(badge(page).locator('.detail')).toContainText('NOSUCHUSDT');
});

test('the popup switch hides the overlay on an open tab and shows it again', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect(badge(page)).toBeVisible();

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  const toggle = popup.getByRole('switch', { name: /overlay/i });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await expect(badge(page)).toBeHidden();
  await toggle.check();
  await expect(badge(page)).toBeVisible();
});

test('the replay exchange going down shows "no data", and the badge recovers when it returns', async ({ extension, replay }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect(badge(page)).toHaveAttribute('data-state', 'replay');
  await replay.faults.down();
  await expect(badge(page)).toHaveAttribute('data-state', 'no data', { timeout: 20_000 });
  await expect(badge(page).locator('.detail')).toContainText('unreachable');
  await replay.faults.up();
  await expect(badge(page)).toHaveAttribute('data-state', 'replay', { timeout: 20_000 });
});
