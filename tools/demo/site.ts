/**
 * Serves the demo exchange pages at the real exchange addresses inside a Playwright browser
 * context (so LiqLens's content script matches them for real), and proxies the pages' data
 * requests to the replay exchange under the same origin (an https page may not call
 * http://127.0.0.1). Page scripts are TypeScript in tools/demo/page, transpiled on request.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { BrowserContext, Route } from '@playwright/test';
import ts from 'typescript';
import { EXCHANGE_IDS, EXCHANGES, exchangeName, exchangeOfHost, type ExchangeId } from '../../src/exchanges';
import { LANGUAGE_SEGMENT, parseTradePageUrl } from '../../src/site/pageUrl';
import { DEMO_EXCHANGES } from './exchanges';
import { chartFramePage, otherPage } from './pages';
import { REPO_ROOT } from '../repoRoot';

const PAGE_DIR = resolve(REPO_ROOT, 'tools/demo/page');
const DEMO = '/__liqlens_demo/';
const require = createRequire(import.meta.url);

export interface DemoSiteOptions {
  replayUrl: string;
}

export async function serveDemoSite(context: BrowserContext, options: DemoSiteOptions): Promise<void> {
  for (const host of Object.values(DEMO_HOSTS).flat()) {
    await context.route(`https://${host}/**`, async (route: Route) => route.fulfill(await demoResponse(new URL(route.request().url()), options)));
  }
}

/** The hosts the demo site answers for, by exchange: each exchange's web site, from the registry. */
export const DEMO_HOSTS = Object.fromEntries(EXCHANGES.map((e) => [e.id, e.siteHosts])) as Record<ExchangeId, readonly string[]>;

/** One exchange's demo trade page: the file tools/demo/exchanges/<id>.ts exports it as `demo`. */
export interface DemoExchange {
  readonly id: ExchangeId;
  /** The document of its USDT perpetual's trade page; `lang`: the address's language segment, or ''. */
  futuresPage(lang: string): string;
}

/**
 * The demo page at `url`, where the registry reads it as a perpetual's trade page (src/site/pageUrl.ts,
 * the content script's own reading), else null: the demo serves the trade pages LiqLens paints on.
 */
function tradePage(url: URL): string | null {
  const page = parseTradePageUrl(url.href);
  if (page?.market !== 'futures') return null;
  const first = url.pathname.split('/')[1] ?? '';
  return DEMO_EXCHANGES[page.exchange].futuresPage(LANGUAGE_SEGMENT.test(first) ? first : '');
}

export interface DemoResponse {
  status: number;
  contentType: string;
  body: string;
}

/**
 * What the demo site answers for `url` (on one of DEMO_HOSTS), whatever the browser driver:
 * Playwright's routes above, and puppeteer's request interception in the Firefox smoke test.
 */
export async function demoResponse(url: URL, options: DemoSiteOptions): Promise<DemoResponse> {
  const exchange = exchangeOfHost(url.hostname) ?? EXCHANGE_IDS[0];
  if (url.pathname.startsWith(DEMO)) return asset(url, options);
  const spy = url.searchParams.has('spy');
  const html = (body: string) => ({ status: 200, contentType: 'text/html; charset=utf-8', body: spy ? body.replace('<head>', `<head>${SPY}`) : body });
  return html(tradePage(url) ?? otherPage(exchangeName(exchange), url.pathname));
}

async function asset(url: URL, options: DemoSiteOptions): Promise<DemoResponse> {
  const name = url.pathname.slice(DEMO.length);
  if (name.startsWith('api/')) return proxy(`${options.replayUrl}/${name.slice(4)}${url.search}`);
  if (name === 'chart-frame.html') return { status: 200, contentType: 'text/html; charset=utf-8', body: chartFramePage() };
  if (name === 'lightweight-charts.js') {
    // The package's exports map hides dist/; its package.json is exported, so go from there.
    const file = resolve(dirname(require.resolve('lightweight-charts/package.json')), 'dist/lightweight-charts.standalone.production.js');
    return { status: 200, contentType: 'text/javascript', body: readFileSync(file, 'utf8') };
  }
  const script = /^page\/(\w+)\.js$/.exec(name);
  if (script) return { status: 200, contentType: 'text/javascript', body: transpile(script[1]!) };
  return { status: 404, contentType: 'text/plain', body: 'not found' };
}

async function proxy(target: string): Promise<DemoResponse> {
  try {
    const res = await fetch(target);
    return { status: res.status, contentType: 'application/json', body: await res.text() };
  } catch {
    return { status: 502, contentType: 'application/json', body: '{"msg":"replay exchange unreachable"}' };
  }
}

/**
 * `?spy` on a page's address: the page's first script records every window message and every
 * LiqLens handshake event it can hear (its data as JSON, and how many ports came with it) in
 * `window.__spied`, as a hostile page script would listen. The e2e tests read it.
 */
const SPY = `<script>
window.__spied = [];
const record = (e) => { let data; try { data = JSON.stringify(e.data ?? e.detail ?? null); } catch { data = 'unserialisable'; }
  window.__spied.push({ type: e.type, data: String(data).slice(0, 500), ports: e.ports ? e.ports.length : 0 }); };
addEventListener('message', record, true);
for (const t of ['liqlens:content-ready', 'liqlens:bridge-hello', 'liqlens:bridge-ack']) addEventListener(t, record, true);
</script>`;

const transpiled = new Map<string, string>();

/** A page module as browser JavaScript; relative imports get the `.js` the browser needs. */
function transpile(module: string): string {
  let code = transpiled.get(module);
  if (code === undefined) {
    const source = readFileSync(resolve(PAGE_DIR, `${module}.ts`), 'utf8');
    const out = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
    }).outputText;
    code = out.replace(/from '(\.\/\w+)'/g, "from '$1.js'");
    transpiled.set(module, code);
  }
  return code;
}
