/**
 * The content script's line to the background: one port, re-opened after the service worker
 * is stopped (the port disconnects then), with the last watch request re-sent so the tab
 * resumes without reload. A status that keeps parts of the last one (TabUpdate's `keep`) gets
 * them from the last status accepted for the same feed: each part was checked when it came.
 */
import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import { PORT_NAME, type FeedStatus, type TabRequest, type TabUpdate } from '../messaging/protocol';
import { refusalLog } from '../messaging/schema';
import { checkTabUpdate } from '../messaging/validate';

const RECONNECT_MS = 500;

export class TabClient {
  private port: Browser.runtime.Port | null = null;
  private lastRequest: TabRequest | null = null;
  private readonly refused = refusalLog('status update from the background');
  private closed = false;
  /** The last status accepted, whole: what a later status's `keep` refers to. */
  private last: FeedStatus | null = null;
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
      if (!update.ok) {
        this.refused(update.reason); // the badge keeps the last good status
        this.last = null; // and nothing later is completed from it
        return;
      }
      const status = withKept(update.value, this.last);
      this.last = status;
      this.onStatus(status);
    });
    port.onDisconnect.addListener(() => {
      this.port = null;
      this.last = null; // a new port's first status is whole
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

/** The update's status with the parts it keeps taken from `last`, where `last` is of the same feed (else left out). */
export function withKept(update: TabUpdate, last: FeedStatus | null): FeedStatus {
  const { status, keep } = update;
  if (!keep || keep.length === 0) return status;
  const same = last !== null && last.exchange === status.exchange && last.symbol === status.symbol && last.timeframe === status.timeframe;
  const out: FeedStatus = { ...status };
  for (const part of keep) {
    if (!same || out[part] !== undefined) continue;
    if (part === 'analysis' && last.analysis) out.analysis = last.analysis;
    if (part === 'prints' && last.prints) out.prints = last.prints;
  }
  return out;
}
