/**
 * Issue 20's finding 3 as a page script does it: the demo Binance page's own chart API
 * (`tradingViewApi` on its chart frame) flips the resolution from a loop of its own, so no round
 * trip to the test paces it, and notes when the chart showed each. The e2e spec and
 * `npm run bench -- flapping` both use it.
 *
 * Each change is awaited (the chart has loaded that resolution's bars) and shown for `dwellMs`
 * before the next: a chart still loading has bars of another resolution, which no reader of the
 * chart takes for the new one, so changes faster than the chart can load are invisible to the
 * extension (50 ms flips that never wait left the chart unreadable throughout, and tested nothing).
 * The script first loads each resolution's bars once and answers the chart's own requests for
 * them from that copy (the library keeps loaded bars too): a change then takes the chart tens of
 * ms, not the 0.3–1 s a load through the test's routing takes under load, so the changes come
 * faster than a settling time of a second whatever the load.
 */
import type { Page } from '@playwright/test';

/** What the page's script did: when the chart showed each resolution (page ms), and whether it still runs. */
export interface FlapRecord {
  flapping: boolean;
  /** performance.now() when each change was shown (its bars loaded), the final one included. */
  shown: number[];
  /** Changes that failed (the chart refused or threw). */
  failed: number;
}

/**
 * Starts the attack: the next of `resolutions` in turn, each shown for `dwellMs`, until `ms` have
 * passed; then `final`. Returns at once; `flapRecord` reads the progress.
 */
export async function startFlapping(page: Page, ms: number, resolutions: readonly string[], final: string, dwellMs = 150): Promise<void> {
  await page.evaluate(async ([resolutions, duration, last, dwell]) => {
    type Chart = { resolution(): string; setResolution(r: string): Promise<void> };
    const frame = document.querySelector<HTMLIFrameElement>('iframe[id^="tradingview_"]')!;
    const w = frame.contentWindow as Window & typeof globalThis & { tradingViewApi: { activeChart(): Chart } };
    const api = w.tradingViewApi;
    // The chart's klines request, as it made it for the resolution it opened on; then each resolution's bars once.
    const opened = w.performance.getEntriesByType('resource').map((e) => new URL(e.name)).find((u) => u.pathname.endsWith('/fapi/v1/klines') && u.searchParams.get('limit') === '1000');
    if (!opened) throw new Error('the chart frame made no klines request to copy');
    const binanceInterval = (r: string) => (r === '1D' ? '1d' : Number(r) >= 60 ? `${Number(r) / 60}h` : `${r}m`);
    const keyOf = (u: URL) => `${u.searchParams.get('symbol')}|${u.searchParams.get('interval')}|${u.searchParams.get('limit')}`;
    const kept = new Map<string, string>();
    const fetch = w.fetch.bind(w);
    for (const r of new Set([...resolutions, last])) {
      const u = new URL(opened);
      u.searchParams.set('interval', binanceInterval(r));
      kept.set(keyOf(u), await (await fetch(u.href)).text());
    }
    w.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const text = kept.get(keyOf(new URL(String(input), w.location.href)));
      return text === undefined ? fetch(input, init) : Promise.resolve(new w.Response(text, { headers: { 'content-type': 'application/json' } }));
    };
    const state: FlapRecord = { flapping: true, shown: [], failed: 0 };
    (window as unknown as { __flap: FlapRecord }).__flap = state;
    const change = async (resolution: string) => {
      const chart = api.activeChart();
      if (chart.resolution() === resolution) return;
      try {
        await chart.setResolution(resolution);
        state.shown.push(performance.now());
      } catch {
        state.failed++;
      }
    };
    const end = performance.now() + duration;
    void (async () => {
      for (let i = 0; performance.now() < end; i++) {
        await change(resolutions[i % resolutions.length]!);
        await new Promise((r) => setTimeout(r, dwell));
      }
      await change(last);
      state.flapping = false;
    })();
  }, [resolutions, ms, final, dwellMs] as const);
}

export function flapRecord(page: Page): Promise<FlapRecord> {
  return page.evaluate(() => (window as unknown as { __flap: FlapRecord }).__flap);
}

/** How many resolutions the chart showed for at least `ms` before the next: the chances a debounce of about that length had to let one through. */
export function heldAtLeast(shown: readonly number[], ms: number): number {
  let n = 0;
  for (let i = 1; i < shown.length; i++) if (shown[i]! - shown[i - 1]! >= ms) n++;
  return n;
}
