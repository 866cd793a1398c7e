/**
 * End-to-end fixtures: a replay exchange serving recorded real data on loopback, Chromium with
 * the built extension loaded and pointed at it, and the demo exchange pages served at the real
 * exchange URLs through Playwright routing (so the content script's match patterns apply).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { launchExtension, useReplaySource, type LaunchedExtension } from '../../tools/launchExtension';
import { startReplayServer, type ReplayServer } from '../../tools/replay/server';
import { serveDemoSite } from '../../tools/demo/site';
import { inOverlay, type ShadowLocator } from './shadowReach';

interface Fixtures {
  /** Replay time per real second; 60 by default (a print about every second on Binance BTCUSDT). */
  replaySpeed: number;
  /** Fixes where the replay's cursor falls (ReplayOptions.phaseMs); unset, it follows the time of day. */
  replayPhaseMs: number | undefined;
  /** Starts the replay with its clock held; the test releases it (`replay.clock.release()`). */
  replayHeld: boolean;
  replay: ReplayServer;
  extension: LaunchedExtension;
}

export const test = base.extend<Fixtures>({
  replaySpeed: [60, { option: true }],
  replayPhaseMs: [undefined, { option: true }],
  replayHeld: [false, { option: true }],
  replay: async ({ replaySpeed, replayPhaseMs, replayHeld }, use) => {
    const server = await startReplayServer({ port: 0, speed: replaySpeed, phaseMs: replayPhaseMs, held: replayHeld });
    await use(server);
    await server.close();
  },
  extension: async ({ replay }, use) => {
    const launched = await launchExtension();
    await useReplaySource(launched.serviceWorker, replay.url);
    await serveDemoSite(launched.context, { replayUrl: replay.url });
    await use(launched);
    await launched.context.close();
  },
});

export { expect };

/** The overlay badge inside LiqLens's closed shadow root (read through tests/e2e/shadowReach.ts). */
export function badge(page: Page): ShadowLocator {
  return inOverlay(page, '.liqlens-badge');
}
