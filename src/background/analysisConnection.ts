/**
 * The background's handle on the analysis Worker, behind comlink. Chrome: the Worker lives in an
 * offscreen document (a service worker cannot start one), reached over a runtime port. Firefox:
 * the background is a page, so it starts the Worker itself.
 */
import { wrap, type Remote } from 'comlink';
import { browser, type Browser } from 'wxt/browser';
import type { AnalysisApi } from '../analysis/api';
import { portEndpoint } from '../analysis/portEndpoint';

const OFFSCREEN_PATH = '/offscreen.html';

export class AnalysisConnection {
  private remote: Promise<Remote<AnalysisApi>> | null = null;
  private waitingForPort: ((port: Browser.runtime.Port) => void) | null = null;
  private port: Browser.runtime.Port | null = null;

  /** Called by the background's onConnect listener with the offscreen document's port. */
  attachPort(port: Browser.runtime.Port): void {
    this.port = port;
    port.onDisconnect.addListener(() => {
      if (this.port === port) {
        this.port = null;
        this.remote = null; // the offscreen document reconnects; calls after that use the new port
      }
    });
    if (this.waitingForPort) {
      this.waitingForPort(port);
      this.waitingForPort = null;
    } else {
      this.remote = Promise.resolve(wrap<AnalysisApi>(portEndpoint(port)));
    }
  }

  api(): Promise<Remote<AnalysisApi>> {
    this.remote ??= import.meta.env.FIREFOX ? Promise.resolve(this.startWorkerHere()) : this.viaOffscreenDocument();
    return this.remote;
  }

  private startWorkerHere(): Remote<AnalysisApi> {
    const worker = new Worker(new URL('../analysis/worker.ts', import.meta.url), { type: 'module' });
    return wrap<AnalysisApi>(worker);
  }

  private async viaOffscreenDocument(): Promise<Remote<AnalysisApi>> {
    if (this.port) return wrap<AnalysisApi>(portEndpoint(this.port));
    const connected = new Promise<Browser.runtime.Port>((resolve) => (this.waitingForPort = resolve));
    const contexts = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType] });
    if (contexts.length === 0) {
      await browser.offscreen.createDocument({
        url: OFFSCREEN_PATH,
        reasons: ['WORKERS'],
        justification: 'Runs the chart analysis (SMC structure, liquidation heatmap) in a Web Worker.',
      });
    }
    return wrap<AnalysisApi>(portEndpoint(await connected));
  }
}
