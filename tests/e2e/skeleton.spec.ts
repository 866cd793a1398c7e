import { badge, expect, test } from './fixtures';

test('the badge shows BTCUSDT with replayed data on the routed Binance futures URL', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  const b = badge(page);
  await expect.poll(() => b.getAttribute('data-state')).toBe('replay');
  await expect.poll(() => b.locator('.exchange').text()).toBe('Binance');
  await expect.poll(() => b.locator('.symbol').text()).toBe('BTCUSDT');
  await expect.poll(() => b.locator('.detail').textContent()).toMatch(/\d+ candles/);
});

test('a symbol change through history.pushState updates the badge within 2 s', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect.poll(() => badge(page).locator('.symbol').text()).toBe('BTCUSDT');
  await page.evaluate(() => history.pushState({}, '', '/en/futures/ETHUSDT'));
  await expect.poll(() => badge(page).locator('.symbol').text(), { timeout: 2_000 }).toBe('ETHUSDT');
});

test('a Bybit linear page works the same', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.bybit.com/trade/usdt/BTCUSDT');
  const b = badge(page);
  await expect.poll(() => b.locator('.exchange').text()).toBe('Bybit');
  await expect.poll(() => b.locator('.symbol').text()).toBe('BTCUSDT');
  await expect.poll(() => b.getAttribute('data-state')).toBe('replay');
});

test('a Binance page that is not a trade page shows no badge and no error', async ({ extension }) => {
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('https://www.binance.com/en/markets');
  await expect(page.locator('liqlens-overlay')).toHaveCount(1); // the script runs there, for SPA navigation
  // Give the content script time to read the page twice before asserting that nothing shows.
  await page.waitForTimeout(1_000);
  await expect.poll(() => badge(page).count()).toBe(0);
  expect(errors).toEqual([]);
});

test('an unknown symbol says so instead of failing', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/NOSUCHUSDT');
  await expect.poll(() => badge(page).getAttribute('data-state')).toBe('no data');
  await expect.poll(() => badge(page).locator('.detail').text()).toContain('NOSUCHUSDT');
});

test('the popup switch hides the overlay on an open tab and shows it again', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect.poll(() => badge(page).isVisible()).toBe(true);

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  const toggle = popup.getByRole('switch', { name: /overlay/i });
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await expect.poll(() => badge(page).isVisible()).toBe(false);
  await toggle.check();
  await expect.poll(() => badge(page).isVisible()).toBe(true);
});

test('the replay exchange going down shows "no data", and the badge recovers when it returns', async ({ extension, replay }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect.poll(() => badge(page).getAttribute('data-state')).toBe('replay');
  await replay.faults.down();
  await expect.poll(() => badge(page).getAttribute('data-state'), { timeout: 20_000 }).toBe('no data');
  await expect.poll(() => badge(page).locator('.detail').text()).toContain('unreachable');
  await replay.faults.up();
  await expect.poll(() => badge(page).getAttribute('data-state'), { timeout: 20_000 }).toBe('replay');
});
