/**
 * Firefox for real: Debian's Firefox ESR loads the built add-on (.output/firefox-mv3, from
 * `npm run build:firefox`), opens Binance's futures page at its real URL (answered by the demo
 * site through puppeteer's request interception, as Playwright's routes do for Chromium), and the
 * badge shows replayed market data (its state is "replay": candles came from the replay exchange
 * the add-on was pointed at), and the liquidation stream is live with replayed prints counted (a
 * plain ws:// to the replay on loopback: Firefox's default MV3 policy would upgrade it to wss://).
 * The badge's shadow root is closed: the test reads it through WebDriver BiDi (./shadowReach.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_HOSTS, demoResponse } from '../../tools/demo/site';
import { REPO_ROOT } from '../../tools/repoRoot';
import { startReplayServer, type ReplayServer } from '../../tools/replay/server';
import { readOneInRoot } from './shadowReach';

const FIREFOX = process.env.LIQLENS_FIREFOX ?? '/usr/bin/firefox-esr';
const BUILD = resolve(REPO_ROOT, '.output/firefox-mv3');
const ADDON_ID = 'liqlens@liqlens.app';

let replay: ReplayServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: sudo apt-get install firefox-esr (or set LIQLENS_FIREFOX)`);
  if (!existsSync(resolve(BUILD, 'manifest.json'))) throw new Error(`No Firefox build in ${BUILD}: run npm run build:firefox first`);
  replay = await startReplayServer({ port: 0, speed: 60 });
  // The data source (what the options page sets) is seeded in the profile: WebDriver BiDi may not
  // open the add-on's own pages, and there is no service worker to evaluate in as on Chromium.
  // With the IndexedDB backend off, Firefox keeps an add-on's storage.local in a JSON file.
  const profile = mkdtempSync(join(tmpdir(), 'liqlens-firefox-'));
  const storage = join(profile, 'browser-extension-data', ADDON_ID);
  mkdirSync(storage, { recursive: true });
  writeFileSync(join(storage, 'storage.js'), JSON.stringify({ dataSource: { kind: 'replay', url: replay.url } }));
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: { 'extensions.webextensions.ExtensionStorageIDB.enabled': false },
  });
  expect(await browser.installExtension(BUILD)).toBe(ADDON_ID);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await replay?.close();
});

/** Answers the exchange hosts from the demo site; everything else goes to the network as it is. */
async function serveDemo(page: Page): Promise<void> {
  const hosts = new Set<string>(Object.values(DEMO_HOSTS).flat());
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!hosts.has(url.hostname)) return void request.continue();
    void demoResponse(url, { replayUrl: replay.url })
      .then((r) => request.respond({ status: r.status, contentType: r.contentType, body: r.body }))
      .catch(() => {}); // the page closed while its request was answered
  });
}

test('the add-on runs in Firefox ESR: the badge on the demo Binance page shows replayed data', async () => {
  const page = await browser.newPage();
  await serveDemo(page);
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  const read = async () => {
    const badge = await readOneInRoot(page, '.liqlens-badge');
    const prints = await readOneInRoot(page, '.liqlens-badge .prints');
    return {
      state: badge?.attributes['data-state'] ?? null,
      text: badge?.text ?? '',
      stream: prints?.attributes['data-stream'] ?? null,
      lastHour: Number(prints?.attributes['data-last-hour'] ?? 0),
    };
  };
  const deadline = Date.now() + 60_000;
  let seen = await read();
  while ((seen.state !== 'replay' || seen.stream !== 'live' || seen.lastHour === 0) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    seen = await read();
  }
  expect(seen.state).toBe('replay'); // candles from the replay exchange, not the live one
  expect(seen.text).toContain('BTCUSDT');
  expect(seen.text).toMatch(/Liquidations 1h/);
  // At 60× Binance BTCUSDT's recording prints about once a second.
  expect(seen.stream).toBe('live');
  expect(seen.lastHour).toBeGreaterThan(0);
  // The root is closed in Firefox too: the page's own scripts get no shadowRoot from the host.
  expect(await page.evaluate(() => {
    const host = document.querySelector('liqlens-overlay');
    return host ? String(host.shadowRoot) : 'no host';
  })).toBe('null');
}, 120_000);
