/**
 * Starts Chromium with the built extension loaded, the way the tests and `npm start` both do,
 * and hands back the extension's service worker (its URL carries the extension id).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { findChromium } from './chromium';
import { REPO_ROOT } from './repoRoot';

export const CHROME_BUILD_DIR = resolve(REPO_ROOT, '.output/chrome-mv3');

export interface LaunchedExtension {
  context: BrowserContext;
  userDataDir: string;
  serviceWorker: Worker;
  extensionId: string;
  /** Ends the browser (and its process, where this started it). */
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  /** Re-use a profile (to test that settings survive a restart); a fresh one by default. */
  userDataDir?: string;
  viewport?: { width: number; height: number } | null;
  /** More Chromium switches (benchmarks open a DevTools port to read the service worker's heap). */
  args?: string[];
  /**
   * Tabs hidden as a trader's are (a background tab of a window reports visibilityState
   * 'hidden'): Playwright's own launch emulates focus on every page it drives, which keeps each
   * one visible. Here Chromium is started as a process and Playwright attached over its DevTools
   * port without its defaults (`noDefaults`); each page is a tab of one window, so the caller
   * opens a window per tab it wants shown. Headless only.
   */
  realVisibility?: boolean;
}

/** Chromium's switches for the built extension, whoever starts it. */
function extensionArgs(extra: string[] = []): string[] {
  return [
    `--disable-extensions-except=${CHROME_BUILD_DIR}`,
    `--load-extension=${CHROME_BUILD_DIR}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    ...extra,
  ];
}

export async function launchExtension(options: LaunchOptions = {}): Promise<LaunchedExtension> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'liqlens-profile-'));
  if (options.realVisibility) return launchAttached(userDataDir, options);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    viewport: options.viewport === undefined ? { width: 1400, height: 860 } : options.viewport,
    args: extensionArgs(options.args),
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  return { context, userDataDir, serviceWorker, extensionId, close: () => context.close() };
}

/** LaunchOptions.realVisibility: Chromium as a process, Playwright attached over DevTools without its defaults. */
async function launchAttached(userDataDir: string, options: LaunchOptions): Promise<LaunchedExtension> {
  const size = options.viewport ?? { width: 1400, height: 860 };
  const args = extensionArgs([...(options.args ?? []).filter((a) => !a.startsWith('--remote-debugging-port')), '--headless', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, `--window-size=${size.width},${size.height}`, 'about:blank']);
  const browserProcess = spawn(findChromium(), args, { stdio: 'ignore' });
  const exited = new Promise<never>((_, reject) => browserProcess.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before its DevTools port opened`))));
  const portFile = join(userDataDir, 'DevToolsActivePort');
  const port = await Promise.race([exited, (async () => {
    for (let i = 0; i < 300; i++) {
      const text = existsSync(portFile) ? readFileSync(portFile, 'utf8') : '';
      if (text.includes('\n')) return text.split('\n')[0]!;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('Chromium did not open its DevTools port within 30 s');
  })()]).catch((error: unknown) => {
    browserProcess.kill();
    throw error;
  });
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { noDefaults: true });
  const context = browser.contexts()[0]!;
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  const close = async () => {
    await browser.close().catch(() => undefined);
    if (browserProcess.exitCode === null) browserProcess.kill();
  };
  return { context, userDataDir, serviceWorker, extensionId, close };
}

/** Points the extension at a replay exchange (what the options page will set). */
export async function useReplaySource(serviceWorker: Worker, url: string): Promise<void> {
  await serviceWorker.evaluate(async (replayUrl) => {
    // Runs in the service worker, where `chrome` is the extension API.
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
    await chrome.storage.local.set({ dataSource: { kind: 'replay', url: replayUrl } });
  }, url);
}
