/**
 * Chrome's service worker cannot start a Worker; this offscreen document does, and relays the
 * Worker's comlink messages to the background over a runtime port. The port is re-opened when
 * the service worker restarts, which also wakes it.
 */
import { browser } from 'wxt/browser';
import { ANALYSIS_PORT } from './constants';

const RECONNECT_MS = 100;

export function hostAnalysisWorker(): void {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  let port: ReturnType<typeof browser.runtime.connect> | null = null;

  const connect = () => {
    const next = browser.runtime.connect({ name: ANALYSIS_PORT });
    next.onMessage.addListener((message: unknown) => worker.postMessage(message));
    next.onDisconnect.addListener(() => {
      port = null;
      setTimeout(connect, RECONNECT_MS);
    });
    port = next;
  };
  worker.addEventListener('message', (event: MessageEvent) => port?.postMessage(event.data));
  connect();
}
