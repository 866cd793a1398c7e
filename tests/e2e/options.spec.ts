/**
 * The options page in the real Chromium, with the built extension: every control labelled and
 * reachable by keyboard, changes saved to chrome.storage.local as they are made (and refused,
 * with the reason, when invalid), export to a file that parses, import that is all-or-nothing,
 * and "clear stored data" that asks first and then empties IndexedDB.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { badge, expect, test } from './fixtures';
import { parseSettingsFile } from '../../src/settings/schema';
import { DEFAULT_HEATMAP_PARAMS } from '../../src/core/heatmap/params';
import { REPO_ROOT } from '../../tools/repoRoot';

type Chrome = { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } };

/** Everything in chrome.storage.local, read in the service worker. */
function storedSettings(worker: Worker): Promise<Record<string, unknown>> {
  return worker.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(null));
}

async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('LiqLens settings');
  // Loaded from storage: the fields are enabled once their values are read.
  await expect(page.getByLabel('Keep data for')).toBeEnabled();
  return page;
}

const section = (page: Page, name: string) => page.getByRole('region', { name });

/** Records in each store of LiqLens's IndexedDB, counted in the service worker. */
async function storedRecords(context: BrowserContext): Promise<Record<string, number>> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(() => new Promise<Record<string, number>>((done, fail) => {
    const open = indexedDB.open('liqlens-market');
    open.onerror = () => fail(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = ['candles', 'prints', 'openInterest', 'gaps', 'meta'];
      const tx = db.transaction(names);
      const requests = names.map((n) => [n, tx.objectStore(n).count()] as const);
      tx.oncomplete = () => {
        db.close();
        done(Object.fromEntries(requests.map(([n, r]) => [n, r.result])));
      };
      tx.onerror = () => fail(tx.error);
    };
  }));
}
const total = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);

test('every control is labelled and reachable by keyboard; retention and data source are saved as they change', async ({ extension, replay }) => {
  const page = await openOptions(extension.context, extension.extensionId);
  for (const name of ['Data source', 'Heatmap model', 'Notifications', 'Stored data', 'Import / export']) {
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  }

  // Each control by its label.
  const labels = [
    'Live exchanges', 'Replay exchange', 'Replay exchange URL', 'Bands show the model of', 'Leverage of tier 1', 'Weight of tier 5',
    'Fade half-life', 'Volume lookback', 'Cluster swept', 'Sweep + CHoCH setup formed', 'Magnet zone reached',
    'Only clusters another exchange shows too', 'Minimum cluster size', 'Cooldown', 'Keep data for', 'History to fetch', 'Import settings from a file',
  ];
  for (const label of labels) await expect(page.getByLabel(label, { exact: true })).toHaveCount(1);
  for (const name of ['Add a leverage tier', 'Remove tier 1 (5×)', 'Reset the model to defaults', 'Clear stored data…', 'Export settings']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
  }
  // No control without a name, and each enabled one is a Tab stop (a radio group is one stop: its checked radio).
  const controls = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('input, select, button, textarea')].map((el) => {
    const input = el as HTMLInputElement;
    const name = el.getAttribute('aria-label') ?? ([...(input.labels ?? [])].map((l) => l.textContent).join(' ').trim() || (el.tagName === 'BUTTON' ? el.textContent!.trim() : ''));
    const tabStop = !input.disabled && !(input.type === 'radio' && !input.checked);
    return { key: el.id || name, name, tabStop };
  }));
  expect(controls.length).toBeGreaterThan(25);
  expect(controls.filter((c) => c.name === '')).toEqual([]);
  const reached = new Set<string>();
  for (let i = 0; i < controls.length + 5; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? el.id || el.getAttribute('aria-label') || el.textContent!.trim() : '';
    }));
  }
  expect(controls.filter((c) => c.tabStop && !reached.has(c.key)).map((c) => c.key)).toEqual([]);

  // Retention: an invalid value says why and is not saved; a valid one is, and the section says so.
  const stored = section(page, 'Stored data');
  const retention = page.getByLabel('Keep data for');
  await expect(retention).toHaveValue('30');
  await retention.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0');
  await expect(stored.getByRole('alert')).toHaveText('Enter a whole number of days from 1 to 365; "0" is not.');
  await expect(retention).toHaveAttribute('aria-invalid', 'true');
  await expect(stored.getByRole('status').first()).toHaveText('Not saved: fix the value marked below');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('45');
  await page.keyboard.press('Enter');
  await expect(stored.getByRole('status').first()).toContainText('✓ Saved');
  await expect.poll(async () => (await storedSettings(extension.serviceWorker)).retentionDays).toBe(45);
  await expect(stored.getByRole('alert')).toHaveCount(0);
  await page.keyboard.press('ArrowUp'); // a number field steps with the arrow keys, saved after the pause
  await expect.poll(async () => (await storedSettings(extension.serviceWorker)).retentionDays).toBe(46);
  expect((await storedSettings(extension.serviceWorker)).backfillDays).toBeUndefined(); // only what changed is written

  // Data source: the fixture's replay is shown; arrow keys move between the choices, each saved at once.
  const live = page.getByLabel('Live exchanges');
  const replayChoice = page.getByLabel('Replay exchange', { exact: true });
  const url = page.getByLabel('Replay exchange URL');
  await expect(replayChoice).toBeChecked();
  await expect(url).toHaveValue(replay.url);
  await replayChoice.focus();
  await page.keyboard.press('ArrowUp');
  await expect(live).toBeChecked();
  await expect.poll(async () => (await storedSettings(extension.serviceWorker)).dataSource).toEqual({ kind: 'live' });
  await expect(url).toBeDisabled();
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await storedSettings(extension.serviceWorker)).dataSource).toEqual({ kind: 'replay', url: replay.url });

  // A replay URL off this machine is refused with the reason, and nothing is stored.
  const data = section(page, 'Data source');
  await url.fill('http://evil.example');
  await expect(data.getByRole('alert')).toHaveText('Not saved: replay URL must be http(s) on this machine, got "http://evil.example". Use 127.0.0.1, localhost or [::1].');
  await live.check();
  await expect.poll(async () => (await storedSettings(extension.serviceWorker)).dataSource).toEqual({ kind: 'live' });
  await replayChoice.check(); // the field still holds the bad URL: not switched, and it says why
  await expect(data.getByRole('alert')).toContainText('replay URL must be http(s) on this machine');
  await expect(url).toBeFocused();
  await page.waitForTimeout(1_000);
  expect((await storedSettings(extension.serviceWorker)).dataSource).toEqual({ kind: 'live' });
  await url.fill(`${replay.url}/`);
  await expect(data.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => (await storedSettings(extension.serviceWorker)).dataSource).toEqual({ kind: 'replay', url: replay.url });
  await expect(data.getByRole('status')).toContainText('✓ Saved');
  await url.blur();
  await expect(url).toHaveValue(replay.url); // shown as stored

  // The data source now set on the page drives the extension: a chart shows the replay's data.
  const chart = await extension.context.newPage();
  await chart.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect.poll(() => badge(chart).getAttribute('data-state')).toBe('replay');
  await chart.close();

  // Screenshots for the README, dark and light.
  await page.setViewportSize({ width: 900, height: 900 });
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: resolve(REPO_ROOT, 'docs/img/options.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: resolve(REPO_ROOT, 'docs/img/options-light.png'), fullPage: true });
});

test('the heatmap model is checked by the model before it is saved; notifications save as they change', async ({ extension }) => {
  const page = await openOptions(extension.context, extension.extensionId);
  const model = section(page, 'Heatmap model');
  const modelStored = async () => (await storedSettings(extension.serviceWorker)).modelSettings as { leverage: { leverage: number; weight: number }[]; fadeHalfLife: number; volumeLookback: number } | undefined;

  // Every weight 0: the model's own message, and the last valid tiers stay stored (the first four
  // zeros, each saved on leaving its field, left the fifth tier all the weight).
  for (let i = 1; i <= 5; i++) await page.getByLabel(`Weight of tier ${i}`).fill('0');
  await expect(model.getByRole('alert')).toHaveText('Not saved: heatmap: the leverage weights sum to 0, not a finite positive number');
  await expect(model.getByRole('status')).toHaveText('Not saved: fix the value marked below');
  await page.getByLabel('Fade half-life').focus(); // leaving the field writes nothing invalid
  await page.waitForTimeout(1_000);
  expect((await modelStored())?.leverage.map((t) => t.weight)).toEqual([0, 0, 0, 0, 0.1]);
  await expect(page.getByLabel('Weight of tier 5')).toHaveValue('0');
  await page.getByLabel('Weight of tier 2').fill('3');
  await page.getByLabel('Weight of tier 4').fill('1');
  await expect(model.getByRole('alert')).toHaveCount(0);
  await expect(model.getByRole('row').nth(2).getByRole('cell').nth(2)).toHaveText('75%');
  await expect.poll(modelStored).toEqual({ leverage: [{ leverage: 5, weight: 0 }, { leverage: 10, weight: 3 }, { leverage: 25, weight: 0 }, { leverage: 50, weight: 1 }, { leverage: 100, weight: 0 }], fadeHalfLife: 288, volumeLookback: 50 });
  await expect(model.getByRole('status')).toContainText('✓ Saved');

  // A tier added with the keyboard: focus lands in its leverage field.
  await page.getByRole('button', { name: 'Add a leverage tier' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Leverage of tier 6')).toBeFocused();
  await expect(model.getByRole('alert')).toHaveText('Not saved: Tier 6: enter a leverage from 1 to 200.');
  await page.keyboard.type('500');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1');
  await expect(model.getByRole('alert')).toHaveText('Not saved: heatmap: leverage 500 is not between 1 and 200');
  await page.getByLabel('Leverage of tier 6').fill('125');
  await expect.poll(async () => (await modelStored())?.leverage.at(-1)).toEqual({ leverage: 125, weight: 1 });
  await page.getByRole('button', { name: 'Remove tier 1 (5×)' }).click();
  await expect(page.getByLabel('Leverage of tier 1')).toHaveValue('10');
  await expect.poll(async () => (await modelStored())?.leverage.map((t) => t.leverage)).toEqual([10, 25, 50, 100, 125]);

  await page.getByLabel('Fade half-life').fill('0');
  await expect(model.getByRole('alert')).toHaveText('Not saved: heatmap: fadeHalfLife 0 must be positive');
  await page.getByLabel('Volume lookback').fill('2.5');
  await expect(model.getByRole('alert')).toHaveText('Not saved: heatmap: fadeHalfLife 0 must be positive');
  await page.getByLabel('Fade half-life').fill('144');
  await expect(model.getByRole('alert')).toHaveText('Not saved: heatmap: volumeLookback 2.5 must be a whole number ≥ 1');
  await page.getByLabel('Volume lookback').fill('20');
  await expect.poll(async () => [(await modelStored())?.fadeHalfLife, (await modelStored())?.volumeLookback]).toEqual([144, 20]);

  await page.getByRole('button', { name: 'Reset the model to defaults' }).click();
  await expect.poll(modelStored).toEqual({ leverage: DEFAULT_HEATMAP_PARAMS.leverage, fadeHalfLife: 288, volumeLookback: 50 });
  await expect(page.getByLabel('Leverage of tier 1')).toHaveValue('5');
  await expect(page.getByLabel('Fade half-life')).toHaveValue('288');
  await expect(model.getByRole('row')).toHaveCount(6);

  await page.getByLabel('Bands show the model of').selectOption('aggregate');
  await expect.poll(async () => (await storedSettings(extension.serviceWorker)).heatmapSource).toBe('aggregate');

  // Notifications: a switch flipped with Space, the numbers typed; each rule kept beside the others.
  const rules = async () => (await storedSettings(extension.serviceWorker)).notificationRules;
  const magnet = page.getByRole('switch', { name: 'Magnet zone reached' });
  await expect(magnet).toBeChecked();
  await magnet.focus();
  await page.keyboard.press('Space');
  await expect(magnet).not.toBeChecked();
  await expect.poll(rules).toEqual({ clusterSwept: true, confirmedOnly: true, onlyWithEdge: false, setupFormed: true, magnetReached: false, minClusterNotional: 0, cooldownMinutes: 60 });
  const notifications = section(page, 'Notifications');
  await page.getByLabel('Cooldown').fill('0');
  await expect(notifications.getByRole('alert')).toHaveText('Enter a whole number of minutes from 1 to 1440; "0" is not.');
  await page.getByLabel('Minimum cluster size').fill('250000');
  await page.getByLabel('Cooldown').fill('15');
  await expect.poll(rules).toEqual({ clusterSwept: true, confirmedOnly: true, onlyWithEdge: false, setupFormed: true, magnetReached: false, minClusterNotional: 250_000, cooldownMinutes: 15 });
  const edgeOnly = page.getByRole('switch', { name: 'Only while clusters show an edge' });
  await expect(edgeOnly).not.toBeChecked();
  await edgeOnly.check();
  await expect.poll(rules).toEqual({ clusterSwept: true, confirmedOnly: true, onlyWithEdge: true, setupFormed: true, magnetReached: false, minClusterNotional: 250_000, cooldownMinutes: 15 });
  await page.getByRole('switch', { name: 'Cluster swept' }).uncheck();
  await expect(page.getByRole('switch', { name: 'Only clusters another exchange shows too' })).toBeDisabled();
  await expect.poll(async () => ((await rules()) as { clusterSwept: boolean }).clusterSwept).toBe(false);
});

test('export downloads a settings file that parses; a bad import says why and changes nothing; a good one applies', async ({ extension, replay }) => {
  const page = await openOptions(extension.context, extension.extensionId);
  await page.getByLabel('History to fetch').fill('5');
  await expect.poll(async () => (await storedSettings(extension.serviceWorker)).backfillDays).toBe(5);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export settings' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^liqlens-settings-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync((await download.path())!, 'utf8');
  const parsed = parseSettingsFile(text);
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.settings).toMatchObject({ backfillDays: 5, retentionDays: 30, dataSource: { kind: 'replay', url: replay.url }, overlayEnabled: true, heatmapSource: 'page' });
  expect(Object.keys(parsed.settings)).toHaveLength(8);
  await expect(section(page, 'Import / export').getByRole('status')).toHaveText(`✓ Saved every setting to ${download.suggestedFilename()}.`);

  const exported = JSON.parse(text) as { settings: Record<string, unknown> };
  const importFile = (name: string, content: string) => page.getByLabel('Import settings from a file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  const io = section(page, 'Import / export');
  const before = await storedSettings(extension.serviceWorker);

  // Bad files: the reason in an alert, and storage exactly as it was.
  await importFile('broken.json', text.slice(0, 40));
  await expect(io.getByRole('alert')).toHaveText(/^Not imported, nothing was changed: the file is not valid JSON: .+/);
  const bad = { ...exported, settings: { ...exported.settings, retentionDays: 0, backfillDays: 9, dataSource: { kind: 'replay', url: 'http://evil.example' } } };
  await importFile('bad.json', JSON.stringify(bad));
  await expect(io.getByRole('alert')).toHaveText(
    'Not imported, nothing was changed: dataSource: replay URL must be http(s) on this machine, got "http://evil.example"; retentionDays must be a whole number of days from 1 to 365, got 0.',
  );
  await importFile('v2.json', JSON.stringify({ ...exported, version: 2 }));
  await expect(io.getByRole('alert')).toContainText('settings file version 2 is not supported');
  await page.waitForTimeout(500);
  expect(await storedSettings(extension.serviceWorker)).toEqual(before);
  await expect(page.getByLabel('History to fetch')).toHaveValue('5');

  // A good file: applied, said so, and the page shows the imported values.
  const good = {
    ...exported,
    settings: {
      ...exported.settings,
      retentionDays: 7, backfillDays: 2, heatmapSource: 'bybit',
      notificationRules: { clusterSwept: false, confirmedOnly: false, setupFormed: true, magnetReached: true, minClusterNotional: 1_000_000, cooldownMinutes: 240 },
    },
  };
  await importFile('good.json', JSON.stringify(good));
  await expect(io.getByRole('status').last()).toHaveText(/^✓ Imported 8 settings from good\.json: /);
  await expect(io.getByRole('alert')).toHaveCount(0);
  const after = await storedSettings(extension.serviceWorker);
  expect(after).toMatchObject(good.settings);
  await expect(page.getByLabel('Keep data for')).toHaveValue('7');
  await expect(page.getByLabel('History to fetch')).toHaveValue('2');
  await expect(page.getByLabel('Cooldown')).toHaveValue('240');
  await expect(page.getByRole('switch', { name: 'Cluster swept' })).not.toBeChecked();
  await expect(page.getByLabel('Bands show the model of')).toHaveValue('bybit');
});

test('"clear stored data" asks first in the page, then empties IndexedDB and says how much went', async ({ extension }) => {
  // Data to clear: a chart shown with the replay's data fills the store.
  const chart = await extension.context.newPage();
  await chart.goto('https://www.binance.com/en/futures/BTCUSDT');
  await expect.poll(() => badge(chart).getAttribute('data-state')).toBe('replay');
  await expect.poll(async () => (await storedRecords(extension.context)).candles, { timeout: 20_000 }).toBeGreaterThan(50);
  await chart.close();
  // Nothing shown any more: wait until nothing more lands (a backfill may still be finishing).
  let counts = await storedRecords(extension.context);
  await expect.poll(async () => {
    const previous = total(counts);
    await new Promise((r) => setTimeout(r, 1_500));
    counts = await storedRecords(extension.context);
    return total(counts) === previous;
  }, { timeout: 30_000, intervals: [0] }).toBe(true);
  expect(counts.candles).toBeGreaterThan(50);
  expect(counts.openInterest).toBeGreaterThan(0);
  expect(counts.meta).toBeGreaterThan(0);

  const page = await openOptions(extension.context, extension.extensionId);
  const stored = section(page, 'Stored data');
  const open = page.getByRole('button', { name: 'Clear stored data…' });
  const question = stored.getByRole('group', { name: /Delete all stored market data\?/ });

  // Asked, then cancelled with Escape: nothing deleted, focus back on the button.
  await open.click();
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(open).toBeFocused();
  expect(await storedRecords(extension.context)).toEqual(counts);

  // Asked, confirmed: everything goes, and the page says how many records.
  await page.keyboard.press('Enter');
  await question.getByRole('button', { name: 'Delete stored data' }).click();
  const done = stored.getByRole('status').filter({ hasText: 'Deleted' });
  await expect(done).toHaveText(`✓ Deleted ${total(counts).toLocaleString('en-US')} stored records.`);
  expect(await storedRecords(extension.context)).toEqual({ candles: 0, prints: 0, openInterest: 0, gaps: 0, meta: 0 });
  await expect(stored.getByRole('alert')).toHaveCount(0);
});
