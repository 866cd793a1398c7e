/**
 * Firefox for real: Debian's Firefox ESR loads the built add-on (.output/firefox-mv3, from
 * `npm run build:firefox`), opens Binance's futures page at its real URL (answered by the demo
 * site through puppeteer's request interception, as Playwright's routes do for Chromium), and the
 * badge shows replayed market data (its state is "replay": candles came from the replay exchange
 * the add-on was pointed at), and the liquidation stream is live with replayed prints counted (a
 * plain ws:// to the replay on loopback: Firefox's default MV3 policy would upgrade it to wss://).
 * The badge's shadow root is closed: the test reads it through WebDriver BiDi (./shadowReach.ts).
 */
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startReplayServer, type ReplayServer } from '../../tools/replay/server';
import { launchFirefoxAddon, serveDemo, type FirefoxAddon } from './firefoxAddon';
import { readOneInRoot } from './shadowReach';

let replay: ReplayServer;
let firefox: FirefoxAddon;
let browser: Browser;

beforeAll(async () => {
  replay = await startReplayServer({ port: 0, speed: 60 });
  firefox = await launchFirefoxAddon(replay.url);
  browser = firefox.browser;
}, 120_000);

afterAll(async () => {
  await firefox?.close();
  await replay?.close();
});

test('the add-on runs in Firefox ESR: the badge on the demo Binance page shows replayed data', async () => {
  const page = await browser.newPage();
  await serveDemo(page, replay.url);
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
