/**
 * Issue 20: a hostile page script, on the demo exchange pages with the real extension loaded,
 * attacks what the extension puts on the page; each test says what the attack was and what it
 * now gets.
 */
import { expect, test } from './fixtures';
import { overlayDebug, paintedAfter } from './overlayHelpers';

const BINANCE = 'https://www.binance.com/en/futures/BTCUSDT';

type Spied = { type: string; data: string; ports: number }[];

test('the overlay cannot be torn down: no window message hands the page the extension id, and WXT\'s "newer script started" event from the page is stopped', async ({ extension }) => {
  test.setTimeout(120_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  // `?spy`: the page's first script records every window message it hears.
  await page.goto(`${BINANCE}?spy`);
  const before = await paintedAfter(sw, page, 0);
  const spied = await page.evaluate(() => (window as unknown as { __spied: Spied }).__spied);
  expect(spied.filter((m) => m.data.includes(extension.extensionId) || /content-script-started/.test(m.data))).toEqual([]);

  // The attack: WXT's event as a newer copy of the content script fires it, with the id the page
  // learnt (from WXT's message, or from the store: a published extension's id is public).
  await page.evaluate((id) => {
    const detail = { contentScriptName: 'content', messageId: 'page' };
    document.dispatchEvent(new CustomEvent(`${id}:content:wxt:content-script-started`, { detail }));
  }, extension.extensionId);
  await page.waitForTimeout(1_500);
  await expect(page.locator('liqlens-overlay')).toHaveCount(1);
  const after = (await overlayDebug(sw, page))!;
  expect(after.paints).toBeGreaterThan(before.paints);
  expect(after.chart.kind).toBe('chart');
});
