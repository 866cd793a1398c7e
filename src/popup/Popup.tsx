/** The toolbar popup: what the active tab shows and the state of its data, and the master switch. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { PopupResponse } from '../messaging/protocol';
import { overlayEnabled } from '../settings/items';
import { formatAge } from '../content/badgeModel';

function useOverlayEnabled(): [boolean | null, (on: boolean) => void] {
  const [on, setOn] = useState<boolean | null>(null);
  useEffect(() => {
    void overlayEnabled.getValue().then(setOn);
    return overlayEnabled.watch(setOn);
  }, []);
  return [on, (next) => void overlayEnabled.setValue(next)];
}

function useActiveTabStatus(): PopupResponse | null {
  const [response, setResponse] = useState<PopupResponse | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return;
      const next = (await browser.runtime.sendMessage({ type: 'tabStatus', tabId: tab.id })) as PopupResponse | undefined;
      if (!stopped) setResponse(next ?? { status: null, page: null });
    };
    void poll();
    const timer = setInterval(() => void poll(), 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return response;
}

export function Popup() {
  const [enabled, setEnabled] = useOverlayEnabled();
  const tab = useActiveTabStatus();
  const status = tab?.status ?? null;
  return (
    <main>
      <header>
        <h1>LiqLens</h1>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            aria-label="Show the LiqLens overlay on every tab"
            checked={enabled ?? false}
            disabled={enabled === null}
            onChange={(e) => setEnabled((e.currentTarget as HTMLInputElement).checked)}
          />
          <span>Overlay</span>
        </label>
      </header>
      <section aria-label="Active tab">
        {tab?.page && status ? (
          <dl>
            <dt>Exchange</dt>
            <dd data-testid="exchange">{tab.page.exchange === 'binance' ? 'Binance' : 'Bybit'} {tab.page.market}</dd>
            <dt>Symbol</dt>
            <dd data-testid="symbol">{tab.page.symbol}</dd>
            <dt>Timeframe</dt>
            <dd>{status.timeframe}</dd>
            <dt>Data</dt>
            <dd data-testid="state" class={`state-${status.state.replace(' ', '-')}`}>
              {status.state}
              {status.updatedAt !== null && <span class="muted"> · {formatAge(Date.now() - status.updatedAt)} ago</span>}
            </dd>
            {status.error && (
              <>
                <dt>Why</dt>
                <dd class="muted">{status.error}</dd>
              </>
            )}
          </dl>
        ) : (
          <p class="muted" data-testid="no-tab">
            Open a Binance or Bybit futures chart to see liquidation levels and structure.
          </p>
        )}
      </section>
    </main>
  );
}
