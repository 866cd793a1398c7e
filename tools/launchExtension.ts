/**
 * Starts Chromium with the built extension loaded, the way the tests and `npm start` both do,
 * and hands back the extension's service worker (its URL carries the extension id).
 */
import { mkdtempSync } from 'node:fs';
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
}

export interface LaunchOptions {
  headless?: boolean;
  /** Re-use a profile (to test that settings survive a restart); a fresh one by default. */
  userDataDir?: string;
  viewport?: { width: number; height: number } | null;
  /** More Chromium switches (benchmarks open a DevTools port to read the service worker's heap). */
  args?: string[];
}

export async function launchExtension(options: LaunchOptions = {}): Promise<LaunchedExtension> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'liqlens-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    viewport: options.viewport === undefined ? { width: 1400, height: 860 } : options.viewport,
    args: [
      `--disable-extensions-except=${CHROME_BUILD_DIR}`,
      `--load-extension=${CHROME_BUILD_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(serviceWorker.url()).host;
  return { context, userDataDir, serviceWorker, extensionId };
}

/** Points the extension at a replay exchange (what the options page will set). */
export async function useReplaySource(serviceWorker: Worker, url: string): Promise<void> {
  await serviceWorker.evaluate(async (replayUrl) => {
    // Runs in the service worker, where `chrome` is the extension API.
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
    await chrome.storage.local.set({ dataSource: { kind: 'replay', url: replayUrl } });
  }, url);
}
