/**
 * What LiqLens costs a trader who keeps exchange tabs open: the real extension in Chromium with
 * three exchange tabs on the demo pages, the replay at real speed with prints streaming, measured
 * minute by minute. Needs a build (`wxt build`) and Chromium.
 *
 * - The extension's own process (service worker, offscreen document, analysis Worker: one
 *   renderer, `--extension-process`): its CPU time from /proc, its JS heaps over DevTools.
 * - In each exchange tab, LiqLens's content script and main-world bridge share the page's
 *   renderer: their CPU is the DevTools CPU profile's samples with one of LiqLens's files on the
 *   stack (1 ms sampling; the page's library code the bridge calls counts as LiqLens's), their heap the live objects those files allocated (V8's
 *   sampling heap profiler, started before a reload so it sees everything from document_start).
 *
 * The replay's cursor is pinned to a stretch of the recording where prints flow (REPLAY_PHASE_MS),
 * and each minute says how many prints each tab's badge received: a streaming figure whose tabs
 * received none did not measure "while prints stream" (footprint.prints_received).
 *
 * Phases: all three tabs streaming; the replay clock held (no chart moves); one tab hidden
 * (another tab opened in front of it in its window); the overlay switched off. Each tab has a
 * window of its own, and Chromium runs without Playwright's focus emulation (which shows every
 * page it drives): launchExtension's realVisibility. LIQLENS_FOOTPRINT_MINUTES sets the streaming
 * phase (10 by default; 1 for a quick run), the others take a third of it, at least a minute.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { launchExtension, useReplaySource } from '../tools/launchExtension';
import { serveDemoSite } from '../tools/demo/site';
import { startReplayServer } from '../tools/replay/server';
import { figure, machine, notMeasured, type FigureSpec } from './summary';
import { inOverlay } from '../tests/e2e/shadowReach';

const CPU_STREAMING: FigureSpec = { name: 'footprint.cpu_streaming', unit: '% of a core', op: '<=', target: 1, timed: true };
const CPU_STILL_TAB: FigureSpec = { name: 'footprint.cpu_still_tab', unit: '% of a core', op: '<=', target: 0.2, timed: true };
const CPU_HIDDEN_TAB: FigureSpec = { name: 'footprint.cpu_hidden_tab', unit: '% of a core', op: '<=', target: 0.2, timed: true };
const CPU_OVERLAY_OFF_TAB: FigureSpec = { name: 'footprint.cpu_overlay_off_tab', unit: '% of a core', op: '<=', target: 0.2, timed: true };
const HEAP: FigureSpec = { name: 'footprint.js_heap_three_tabs', unit: 'MB', op: '<=', target: 60, timed: false };
const HEAP_SLOPE: FigureSpec = { name: 'footprint.heap_slope', unit: 'MB per 10 min', op: '<=', target: 2, timed: false };
const CPU_GROWTH: FigureSpec = { name: 'footprint.cpu_growth', unit: '% of a core', op: '<=', target: 0.2, timed: true };
/** The fewest prints a tab with recorded prints received in the streaming minutes: with none, "while prints stream" was not measured. */
const PRINTS_RECEIVED: FigureSpec = { name: 'footprint.prints_received', unit: 'prints in a tab', op: '>=', target: 1, timed: false };

export const FOOTPRINT_FIGURES: readonly FigureSpec[] = [PRINTS_RECEIVED, CPU_STREAMING, CPU_STILL_TAB, CPU_HIDDEN_TAB, CPU_OVERLAY_OFF_TAB, HEAP, HEAP_SLOPE, CPU_GROWTH];

/** `prints`: whether the replay has prints for the tab's market (none were recorded for Bybit: tools/replay/README.md). */
const TABS = [
  { name: 'binance', url: 'https://www.binance.com/en/futures/BTCUSDT', prints: true },
  { name: 'bybit', url: 'https://www.bybit.com/trade/usdt/BTCUSDT', prints: false },
  { name: 'okx', url: 'https://www.okx.com/trade-swap/btc-usdt-swap', prints: true },
];
/**
 * Where the replay's cursor starts (ReplayOptions.phaseMs): recorded Binance BTCUSDT 2023-11-28
 * 16:35 UTC, from which each of the next 10 minutes has prints (5, 10, 4, 1, 2, 15, 1, 2, 24, 2; then
 * 1, 8, 1, 0, 6, 7, 15, 14). Left to the time of day, the measured minutes could fall where a
 * real-speed replay sends none, and did. The clock is held from the start until the streaming
 * minutes begin, so the browser's start-up, however slow, does not use the stretch up.
 */
const REPLAY_PHASE_MS = 35 * 60_000;
const MINUTE_MS = 60_000;
const TICKS_PER_S = 100;
/** The CPU profiler's sampling interval in the tabs. */
const SAMPLE_MS = 1; // USER_HZ on Linux: /proc's CPU times are in these

// --- a small DevTools Protocol client over the browser's own endpoint (flattened sessions) ---

type Params = Record<string, unknown>;
class Cdp {
  private id = 0;
  private pending = new Map<number, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  private listeners: ((method: string, params: never, sessionId?: string) => void)[] = [];
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: unknown; sessionId?: string };
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(msg.error.message));
        else p?.resolve(msg.result as never);
      } else if (msg.method) for (const l of this.listeners) l(msg.method, msg.params as never, msg.sessionId);
    });
  }
  static async connect(url: string): Promise<Cdp> {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 512 << 20 });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new Cdp(ws);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- DevTools answers are typed where they are used
  send<T = any>(method: string, params: Params = {}, sessionId?: string): Promise<T> {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise<T>((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }
  on<P>(listener: (method: string, params: P, sessionId?: string) => void): void {
    this.listeners.push(listener as (method: string, params: never, sessionId?: string) => void);
  }
  close(): void {
    this.ws.close();
  }
}

interface TargetInfo { targetId: string; type: string; url: string }

// --- CPU time of processes, from /proc ---

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime
}

/** Chromium's extension renderer for this profile: its command line says both. */
function extensionPids(userDataDir: string): number[] {
  // Chromium rewrites its renderers' argv into one line, so this looks for words in it.
  const cmd = (pid: number) => { try { return ` ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')} `; } catch { return ''; } };
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    const line = cmd(pid);
    return line.includes(' --extension-process ') && line.includes(` --user-data-dir=${userDataDir} `);
  });
}

// --- attribution of a page's CPU profile and sampled heap to LiqLens's scripts ---

interface ProfileNode { id: number; callFrame: { url: string }; children?: number[] }
/** ms of samples with LiqLens's bridge or content script on the stack (the nearest of them says which). */
function attributeProfile(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, extensionId: string): { bridge: number; content: number } {
  const owner = ownerMap(profile.nodes, extensionId);
  const out = { bridge: 0, content: 0 };
  // Samples × the interval, not the time between samples: on a busy machine a thread waiting for a
  // core would have its wait counted as the work of the function it was in.
  for (const node of profile.samples) {
    const who = owner.get(node);
    if (who) out[who] += SAMPLE_MS;
  }
  return out;
}

function ownerMap(nodes: ProfileNode[], extensionId: string): Map<number, 'bridge' | 'content'> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const owner = new Map<number, 'bridge' | 'content'>();
  const prefix = `chrome-extension://${extensionId}/`;
  // The nearest of LiqLens's frames up the stack: the page's own code that LiqLens's calls run
  // (the bridge reading the library's API) is work LiqLens causes, and counts as its.
  for (const n of nodes) {
    let p: ProfileNode | undefined = n;
    while (p && !p.callFrame.url.startsWith(prefix)) p = byId.get(parent.get(p.id) ?? -1);
    if (p) owner.set(n.id, p.callFrame.url.includes('chart-bridge') ? 'bridge' : 'content');
  }
  return owner;
}

interface FullNode extends ProfileNode { callFrame: { url: string; functionName: string; lineNumber: number } }
/** The functions with the most self time (ms) among those `mine` owns, for the print-out: where the time goes. */
function topFunctions(profile: { nodes: FullNode[]; samples: number[]; timeDeltas: number[] }, mine: (id: number) => boolean, n = 5): string {
  const byNode = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  profile.samples.forEach((id) => {
    if (!mine(id)) return;
    const f = byNode.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'}${f.url ? `@${f.url.split('/').pop()}:${f.lineNumber}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + SAMPLE_MS);
  });
  return [...self].filter(([k]) => !/^\((idle|program|root)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join(', ');
}

/** ms of samples in which a script of the context (or the garbage collector) ran: not idle, program or root. */
function busyMs(profile: { nodes: FullNode[]; samples: number[] }): number {
  const idle = new Set(profile.nodes.filter((n) => /^\((idle|program|root)\)$/.test(n.callFrame.functionName)).map((n) => n.id));
  return profile.samples.filter((id) => !idle.has(id)).length * SAMPLE_MS;
}

interface HeapNode { callFrame: { url: string }; selfSize: number; children: HeapNode[] }
/** Bytes of live sampled objects allocated by LiqLens's scripts (or by what they called). */
function attributeHeap(root: HeapNode, extensionId: string): number {
  const prefix = `chrome-extension://${extensionId}/`;
  let bytes = 0;
  const walk = (n: HeapNode, ours: boolean) => {
    const mine = n.callFrame.url ? n.callFrame.url.startsWith(prefix) : ours;
    if (mine) bytes += n.selfSize;
    for (const c of n.children) walk(c, mine);
  };
  walk(root, false);
  return bytes;
}

// --- the run ---

/** The count of prints each tab's badge says came in the last hour (all of them, in a run shorter than an hour). */
async function printsShown(tabs: Tab[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tabs) {
    const text = await inOverlay(t.page, '.liqlens-badge .prints').getAttribute('data-last-hour').catch(() => null);
    out[t.name] = Number(text ?? 0) || 0;
  }
  return out;
}

interface Tab { name: string; prints: boolean; page: Page; targetId: string; session: string }
/** One measured minute; `load`: the 1-minute load average at its end. */
interface Minute { phase: string; load: number; extCpuMs: number; tabs: Record<string, { bridge: number; content: number }>; extHeapMb: number; tabHeapMb: Record<string, number>; pageHeapMb: Record<string, number>; prints: number; received: Record<string, number> }

export async function benchFootprint(): Promise<void> {
  const minutes = Number(process.env.LIQLENS_FOOTPRINT_MINUTES ?? 10);
  if (!(minutes >= 1)) throw new Error('LIQLENS_FOOTPRINT_MINUTES must be at least 1');
  const side = Math.max(1, Math.round(minutes / 3));
  console.log(`\n## Footprint: the extension in Chromium, three exchange tabs, replay at real speed (${minutes} min streaming, ${side} min each still / hidden / overlay off)`);
  const replay = await startReplayServer({ port: 0, speed: 1, phaseMs: REPLAY_PHASE_MS, held: true });
  const launched = await launchExtension({ headless: true, realVisibility: true });
  let prints = 0;
  const unsubscribe = replay.onSent(() => prints++);
  const cdpPort = readFileSync(join(launched.userDataDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const version = (await (await fetch(`http://127.0.0.1:${cdpPort}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const cdp = await Cdp.connect(version.webSocketDebuggerUrl);
  try {
    await useReplaySource(launched.serviceWorker, replay.url);
    await serveDemoSite(launched.context, { replayUrl: replay.url });
    const { extensionId } = launched;

    // The exchange tabs, each profiled from a reload so the heap sampler sees LiqLens from its start.
    const tabs: Tab[] = [];
    for (const { name, url, prints } of TABS) {
      // Each tab in a window of its own, so that each is shown (launchExtension's realVisibility).
      const opened = launched.context.waitForEvent('page');
      const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank', newWindow: true, width: 1400, height: 860 });
      const page = await opened;
      await page.goto(url);
      const target = { targetId };
      const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId: target.targetId, flatten: true });
      await cdp.send('HeapProfiler.enable', {}, sessionId);
      await cdp.send('HeapProfiler.startSampling', { samplingInterval: 16_384 }, sessionId);
      await cdp.send('Profiler.enable', {}, sessionId);
      await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_MS * 1_000 }, sessionId);
      await cdp.send('Performance.enable', {}, sessionId);
      await page.reload();
      tabs.push({ name, prints, page, targetId: target.targetId, session: sessionId });
    }

    // The extension's own contexts: service worker, offscreen document and the Worker it hosts.
    const extSessions: { session: string; label: string }[] = [];
    const label = (t: TargetInfo) => (t.type === 'worker' ? 'analysis Worker' : t.type === 'service_worker' ? 'service worker' : `${t.type} ${new URL(t.url).pathname}`);
    const attachExtension = async () => {
      const { targetInfos } = await cdp.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
      for (const t of targetInfos.filter((t) => t.url.startsWith(`chrome-extension://${extensionId}/`))) {
        const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId: t.targetId, flatten: true });
        extSessions.push({ session: sessionId, label: label(t) });
        // The analysis Worker is a child of the offscreen document: attach to it through its parent.
        if (t.type !== 'service_worker') await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, sessionId);
      }
    };
    cdp.on((method, params: { sessionId: string; targetInfo: TargetInfo }) => {
      if (method === 'Target.attachedToTarget' && params.targetInfo.type === 'worker') extSessions.push({ session: params.sessionId, label: label(params.targetInfo) });
    });
    await attachExtension();
    // Give the tabs their first analysis before measuring: the start-up is not the steady cost.
    await new Promise((r) => setTimeout(r, 15_000));

    const pids = extensionPids(launched.userDataDir);
    if (pids.length === 0) throw new Error('no extension process found');
    const heapOf = async (session: string) => {
      const { usedSize } = await cdp.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, session).catch(() => ({ usedSize: 0 }));
      return usedSize;
    };
    const collect = async () => {
      for (const { session } of extSessions) await cdp.send('HeapProfiler.collectGarbage', {}, session).catch(() => undefined);
      for (const t of tabs) await cdp.send('HeapProfiler.collectGarbage', {}, t.session).catch(() => undefined);
    };

    const log: Minute[] = [];
    const measure = async (phase: string, count: number, watched: Tab[] = tabs) => {
      for (let m = 0; m < count; m++) {
        // The phase's last minute says where LiqLens's time goes in the tabs; the extension's own
        // contexts are profiled only in the uncounted 'where' minute (the sampler costs more than they do).
        const profiled = m === count - 1;
        for (const t of watched) await cdp.send('Profiler.start', {}, t.session);
        if (phase === 'where') for (const { session } of extSessions) await cdp.send('Profiler.enable', {}, session).then(() => cdp.send('Profiler.start', {}, session)).catch(() => undefined);
        const shown0 = await printsShown(watched);
        const ext0 = pids.reduce((s, p) => s + cpuTicks(p), 0);
        const prints0 = prints;
        await new Promise((r) => setTimeout(r, MINUTE_MS));
        const extCpuMs = ((pids.reduce((s, p) => s + cpuTicks(p), 0) - ext0) * 1000) / TICKS_PER_S;
        const shown1 = await printsShown(watched);
        const received: Record<string, number> = {};
        for (const t of watched) received[t.name] = shown1[t.name]! - shown0[t.name]!;
        const minute: Minute = { phase, load: loadavg()[0]!, extCpuMs, tabs: {}, extHeapMb: 0, tabHeapMb: {}, pageHeapMb: {}, prints: prints - prints0, received };
        const where: string[] = [];
        for (const t of watched) {
          const { profile } = await cdp.send('Profiler.stop', {}, t.session);
          minute.tabs[t.name] = attributeProfile(profile, extensionId);
          if (profiled) {
            const owner = ownerMap(profile.nodes, extensionId);
            where.push(`  ${t.name} tab, LiqLens's scripts: ${topFunctions(profile, (id) => owner.has(id))}`);
          }
        }
        if (phase === 'where') for (const { session, label } of extSessions) {
          const stopped = await cdp.send('Profiler.stop', {}, session).catch((e: Error) => e);
          where.push(`  ${label}: ${stopped instanceof Error ? `not profiled (${stopped.message})` : `${busyMs(stopped.profile)} ms in scripts; ${topFunctions(stopped.profile, () => true, 8)}`}`);
        }
        await collect();
        for (const { session } of extSessions) minute.extHeapMb += (await heapOf(session)) / 1e6;
        for (const t of watched) {
          const { profile } = await cdp.send('HeapProfiler.getSamplingProfile', {}, t.session);
          minute.tabHeapMb[t.name] = attributeHeap(profile.head, extensionId) / 1e6;
          minute.pageHeapMb[t.name] = (await heapOf(t.session)) / 1e6;
        }
        log.push(minute);
        const per = Object.entries(minute.tabs).map(([n, c]) => `${n} bridge ${c.bridge.toFixed(0)} + content ${c.content.toFixed(0)} ms, heap ${minute.tabHeapMb[n]!.toFixed(1)} MB (page ${minute.pageHeapMb[n]!.toFixed(1)})`).join(' · ');
        if (where.length) console.log(`where the time went (self ms, the phase's last minute):\n${where.join('\n')}`);
        const got = Object.entries(received).map(([n, c]) => `${n} ${c}`).join(', ');
        console.log(`${phase} min ${m + 1}: ${minute.prints} prints sent, received ${got} · extension process ${extCpuMs.toFixed(0)} ms CPU, heap ${minute.extHeapMb.toFixed(1)} MB · ${per} · load ${machine().split('load average ')[1]}`);
      }
    };

    replay.clock.release();
    await measure('streaming', minutes);
    replay.clock.hold();
    await measure('still (clock held)', side);
    replay.clock.release();
    // Hidden: another tab opened in front of the third tab, in its window, as a trader's
    // background tab is (document.visibilityState 'hidden'; checked, else not measured).
    const hiddenTab = tabs[2]!;
    await cdp.send('Target.activateTarget', { targetId: hiddenTab.targetId });
    const { targetId: coverId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank', newWindow: false });
    const sameWindow = async (a: string, b: string) => (await cdp.send<{ windowId: number }>('Browser.getWindowForTarget', { targetId: a })).windowId === (await cdp.send<{ windowId: number }>('Browser.getWindowForTarget', { targetId: b })).windowId;
    const covered = await sameWindow(coverId, hiddenTab.targetId);
    const visibility = await hiddenTab.page.evaluate(() => document.visibilityState);
    if (covered && visibility === 'hidden') await measure(`hidden (${hiddenTab.name})`, side);
    await cdp.send('Target.closeTarget', { targetId: coverId });
    const shownAgain = await hiddenTab.page.waitForFunction(() => document.visibilityState === 'visible', undefined, { timeout: 10_000 }).then(() => true, () => false);
    if (!shownAgain) console.log(`the ${hiddenTab.name} tab did not show again after its cover tab closed`);
    await launched.serviceWorker.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
      await chrome.storage.local.set({ overlayEnabled: false });
    });
    await measure('overlay off', side);
    await measure('where', 1);

    // Figures: % of one core = CPU ms per minute / 600. Each says the machine's load while it was
    // measured (the 1-minute load average at the end of each of its minutes) and its minutes' spread.
    const pct = (ms: number) => ms / 600;
    const liq = (m: Minute) => m.extCpuMs + Object.values(m.tabs).reduce((s, c) => s + c.bridge + c.content, 0);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const range = (xs: number[], f: (x: number) => string) => (xs.length > 1 ? `${f(Math.min(...xs))}–${f(Math.max(...xs))}` : f(xs[0]!));
    const loadOf = (ms: Minute[]) => `load average ${avg(ms.map((m) => m.load)).toFixed(1)} (${range(ms.map((m) => m.load), (x) => x.toFixed(1))}) while measured`;
    const streaming = log.filter((m) => m.phase === 'streaming');
    const printsStreamed = streaming.reduce((s, m) => s + m.prints, 0);
    const receivedBy = (name: string) => streaming.reduce((s, m) => s + (m.received[name] ?? 0), 0);
    const fewest = Math.min(...tabs.filter((t) => t.prints).map((t) => receivedBy(t.name)));
    figure(PRINTS_RECEIVED.name, fewest, `fewest a tab with recorded prints received in the ${streaming.length} streaming min (${tabs.map((t) => `${t.name} ${receivedBy(t.name)}${t.prints ? '' : ', none recorded'}`).join(', ')}; the badge's last-hour count, before and after each minute); below 1, cpu_streaming was not measured with prints flowing`);
    figure(CPU_STREAMING.name, pct(avg(streaming.map(liq))), `extension process + 3 tabs' bridge and content scripts, mean of ${streaming.length} min (minutes ${range(streaming.map((m) => pct(liq(m))), (x) => x.toFixed(2))} %); ${printsStreamed} prints sent, ${fewest < 1 ? 'NOT VALID: a tab received none' : `received ${tabs.map((t) => `${t.name} ${receivedBy(t.name)}`).join(', ')}`}; extension process alone ${pct(avg(streaming.map((m) => m.extCpuMs))).toFixed(2)} %; ${loadOf(streaming)}`);
    const tabFigure = (spec: FigureSpec, phase: string, what: string, name?: string) => {
      const minutes = log.filter((m) => m.phase.startsWith(phase));
      const ms = minutes.flatMap((m) => Object.entries(m.tabs).filter(([n]) => !name || n === name).map(([, c]) => c.bridge + c.content));
      figure(spec.name, pct(Math.max(...ms)), `${what}, worst tab-minute of ${ms.length} (${range(ms.map(pct), (x) => x.toFixed(2))} %); ${loadOf(minutes)}`);
    };
    tabFigure(CPU_STILL_TAB, 'still', `LiqLens's scripts in a tab with the replay clock held (no chart moves)`);
    if (covered && visibility === 'hidden') tabFigure(CPU_HIDDEN_TAB, 'hidden', `the ${hiddenTab.name} tab behind another tab of its window (visibilityState 'hidden')`, hiddenTab.name);
    else notMeasured([CPU_HIDDEN_TAB], `the ${hiddenTab.name} tab could not be hidden (a tab opened in front of it ${covered ? 'was in its window' : 'went to another window'}; its visibilityState stayed '${visibility}')`);
    tabFigure(CPU_OVERLAY_OFF_TAB, 'overlay off', `LiqLens's scripts in a tab with the overlay switched off`);
    const heapOfMinute = (m: Minute) => m.extHeapMb + Object.values(m.tabHeapMb).reduce((a, b) => a + b, 0);
    figure(HEAP.name, Math.max(...streaming.map(heapOfMinute)), `after GC: extension contexts (service worker, offscreen, Worker) + what LiqLens's scripts hold in 3 tabs (sampled), largest minute`);
    // The heap's trend over the streaming minutes after the first (least squares), as MB per 10 minutes.
    const settled = streaming.length > 2 ? streaming.slice(1) : streaming;
    const xs = settled.map((_, i) => i);
    const ys = settled.map(heapOfMinute);
    const slope = xs.length > 1 ? xs.reduce((s, x, i) => s + (x - avg(xs)) * (ys[i]! - avg(ys)), 0) / xs.reduce((s, x) => s + (x - avg(xs)) ** 2, 0) : 0;
    figure(HEAP_SLOPE.name, slope * 10, `after GC, least-squares slope over streaming minutes ${streaming.indexOf(settled[0]!) + 1}–${streaming.length} (${range(ys, (y) => y.toFixed(1))} MB)${settled.length < 3 ? '; too few minutes to tell a trend' : ''}`);
    const first = settled[0]!;
    const last = streaming.at(-1)!;
    figure(CPU_GROWTH.name, pct(liq(last) - liq(first)), `all LiqLens, streaming minute ${streaming.indexOf(first) + 1} → ${streaming.length}; ${loadOf([first, last])}`);
  } finally {
    unsubscribe();
    cdp.close();
    await launched.close();
    await replay.close();
  }
}
