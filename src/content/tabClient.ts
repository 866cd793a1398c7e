/**
 * The content script's line to the background: one port, re-opened after the service worker
 * is stopped (the port disconnects then), with the last watch request re-sent so the tab
 * resumes without reload.
 */
import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import { PORT_NAME, type FeedStatus, type TabRequest } from '../messaging/protocol';
import { refusalLog } from '../messaging/schema';
import { checkTabUpdate } from '../messaging/validate';

const RECONNECT_MS = 500;

export class TabClient {
  private port: Browser.runtime.Port | null = null;
  private lastRequest: TabRequest | null = null;
  private readonly refused = refusalLog('status update from the background');
  private closed = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly onStatus: (status: FeedStatus) => void) {}

  send(request: TabRequest): void {
    this.lastRequest = request;
    this.connect().postMessage(request);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.port?.disconnect();
    this.port = null;
  }

  private connect(): Browser.runtime.Port {
    if (this.port) return this.port;
    const port = browser.runtime.connect({ name: PORT_NAME });
    port.onMessage.addListener((message: unknown) => {
      const update = checkTabUpdate(message);
      if (update.ok) this.onStatus(update.value.status);
      else this.refused(update.reason); // the badge keeps the last good status
    });
    port.onDisconnect.addListener(() => {
      this.port = null;
      if (this.closed) return;
      // The service worker stopped (or the extension reloaded): come back and resume.
      this.reconnectTimer = setTimeout(() => {
        if (!this.closed && this.lastRequest) this.send(this.lastRequest);
      }, RECONNECT_MS);
    });
    this.port = port;
    return port;
  }
}
