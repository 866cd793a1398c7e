/**
 * Manifest V3 stops service workers whenever it likes. Here the browser's own
 * chrome://serviceworker-internals page stops ours, as a user or the browser would; the tab must
 * resume on a fresh service worker without reload.
 */
import type { Page } from '@playwright/test';
import { badge, expect, test } from './fixtures';

/** The internals page lists our one registration; its running worker's thread changes when a new worker starts. */
async function runningThread(internals: Page): Promise<string> {
  await internals.goto('chrome://serviceworker-internals/');
  await expect(internals.locator('body')).toContainText('Running Status: RUNNING');
  return /Renderer thread ID: (\d+)/.exec(await internals.locator('body').innerText())![1]!;
}

test('a service worker stopped by the browser comes back, and the tab resumes without reload', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect.poll(() => badge(page).getAttribute('data-state')).toBe('replay');
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
  await extension.serviceWorker.evaluate(() => ((globalThis as { before?: boolean }).before = true));
  const internals = await extension.context.newPage();
  const before = await runningThread(internals);
  await internals.getByText('Stop', { exact: true }).first().click();
  await expect(internals.locator('body')).not.toContainText(`Renderer thread ID: ${before}`);

  // The tab reconnects, which starts a new worker; its fresh feed answers the tab.
  await expect.poll(() => badge(page).locator('.detail').textContent(), { timeout: 15_000 }).toMatch(/updated [0-2]s ago/);
  expect(await runningThread(internals)).not.toBe(before);
  // A new global scope: what the stopped worker held is gone, so resuming did not depend on it.
  expect(await extension.serviceWorker.evaluate(() => (globalThis as { before?: boolean }).before ?? false)).toBe(false);
  await expect.poll(() => badge(page).getAttribute('data-state')).toBe('replay');
  await expect.poll(() => badge(page).locator('.structure').textContent()).toMatch(/^SMC \d+ bars/);
  expect(navigations).toEqual([]);
});
