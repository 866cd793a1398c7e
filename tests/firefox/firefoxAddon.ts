/**
 * Debian's Firefox ESR with the built add-on (.output/firefox-mv3, from `npm run build:firefox`)
 * pointed at a replay exchange, and the exchange hosts answered by the demo site through
 * puppeteer's request interception (as Playwright's routes do for Chromium). One browser per
 * test file; the firefox project runs its files one after another (vitest.config.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEMO_HOSTS, demoResponse } from '../../tools/demo/site';
import { REPO_ROOT } from '../../tools/repoRoot';
import { BackgroundPage, debuggerServer } from './backgroundPage';

const FIREFOX = process.env.LIQLENS_FIREFOX ?? '/usr/bin/firefox-esr';
const BUILD = resolve(REPO_ROOT, '.output/firefox-mv3');
export const ADDON_ID = 'liqlens@liqlens.app';

export interface FirefoxAddon {
  browser: Browser;
  /** The add-on's background page, where the tests ask the content scripts as the popup does. */
  background: BackgroundPage;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolvePort(port));
    });
    server.once('error', reject);
  });
}

export async function launchFirefoxAddon(replayUrl: string): Promise<FirefoxAddon> {
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: sudo apt-get install firefox-esr (or set LIQLENS_FIREFOX)`);
  if (!existsSync(resolve(BUILD, 'manifest.json'))) throw new Error(`No Firefox build in ${BUILD}: run npm run build:firefox first`);
  // The data source (what the options page sets) is seeded in the profile: WebDriver BiDi may not
  // open the add-on's own pages. With the IndexedDB backend off, Firefox keeps an add-on's
  // storage.local in a JSON file.
  const profile = mkdtempSync(join(tmpdir(), 'liqlens-firefox-'));
  const storage = join(profile, 'browser-extension-data', ADDON_ID);
  mkdirSync(storage, { recursive: true });
  writeFileSync(join(storage, 'storage.js'), JSON.stringify({ dataSource: { kind: 'replay', url: replayUrl } }));
  const port = await freePort();
  const debug = debuggerServer(port);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    args: debug.args,
    extraPrefsFirefox: { 'extensions.webextensions.ExtensionStorageIDB.enabled': false, ...debug.prefs },
  });
  const id = await browser.installExtension(BUILD);
  if (id !== ADDON_ID) throw new Error(`installed ${id}, expected ${ADDON_ID}`);
  const background = await BackgroundPage.connect(port, ADDON_ID);
  return {
    browser,
    background,
    close: async () => {
      background.close();
      await browser.close();
    },
  };
}

/** Answers the exchange hosts from the demo site; everything else goes to the network as it is. */
export async function serveDemo(page: Page, replayUrl: string): Promise<void> {
  const hosts = new Set<string>(Object.values(DEMO_HOSTS).flat());
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!hosts.has(url.hostname)) return void request.continue();
    void demoResponse(url, { replayUrl })
      .then((r) => request.respond({ status: r.status, contentType: r.contentType, body: r.body }))
      .catch(() => {}); // the page closed while its request was answered
  });
}
