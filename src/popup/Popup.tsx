/**
 * The toolbar popup: what the active tab shows and the state of its data on every exchange,
 * the heatmap's measured edge over distance alone, and the switches: the overlay on every tab, each layer, and
 * whose model the heatmap shows. Every switch is stored at once; every tab repaints on its own.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Connection, PopupResponse } from '../messaging/protocol';
import { ask } from '../messaging/contract';
import { TAB_STATUS } from '../messaging/tabStatus';
import { ALL_LAYERS_ON } from '../settings/switches';
import { heatmapSource, overlayEnabled, overlayLayers } from '../settings/items';
import { formatPercent, formatR, formatShortAge, heatmapSourceLabel } from '../wording/format';
import { calibrationText, forecastBasisText, hitRateText, levelForecastText, skillText } from '../wording/heatmap';
import { REFERENCE_BACKTEST } from '../core/setups/referenceBacktest';
import { LAYER_SWITCHES } from '../settings/switches';
import { HEATMAP_SOURCES } from '../settings/schema';
import { ReportPage } from './ReportPage';
import { useStored } from './useStored';
import { exchangeName, exchangeNamesText } from '../exchanges';


function useActiveTabStatus(): PopupResponse | null {
  const [response, setResponse] = useState<PopupResponse | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return;
      const next = await ask(TAB_STATUS, { type: 'tabStatus', tabId: tab.id }, (m) => browser.runtime.sendMessage(m));
      if (!stopped) setResponse(next.ok ? next.value : { status: null, page: null });
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

function ConnectionRow({ c, now }: { c: Connection; now: number }) {
  const candles = c.candles ?? 'not used';
  const stream = c.stream ?? 'not used';
  return (
    <li data-exchange={c.exchange}>
      <span class="name">{exchangeName(c.exchange)}</span> candles <b class={`state-${candles.replace(/ /g, '-')}`}>{candles}</b>
      {c.updatedAt !== null && <span class="muted"> ({formatShortAge(now - c.updatedAt)} ago)</span>} · liquidations <b class={`state-${stream.replace(/ /g, '-')}`}>{stream}</b>
    </li>
  );
}

function ActiveTab({ tab }: { tab: PopupResponse | null }) {
  const status = tab?.status ?? null;
  if (!tab?.page || !status) {
    return (
      <p class="muted" data-testid="no-tab">
        Open a {exchangeNamesText('or')} futures chart to see liquidation levels and structure.
      </p>
    );
  }
  const now = Date.now();
  const heatmap = status.analysis?.heatmap;
  const hit = heatmap && hitRateText(heatmap.score);
  return (
    <>
      <dl>
        <dt>Exchange</dt>
        <dd data-testid="exchange">{exchangeName(tab.page.exchange)} {tab.page.market}</dd>
        <dt>Symbol</dt>
        <dd data-testid="symbol">{tab.page.symbol}</dd>
        <dt>Timeframe</dt>
        <dd>{status.timeframe}</dd>
        <dt>Data</dt>
        <dd data-testid="state" class={`state-${status.state.replace(' ', '-')}`}>
          {status.state}
          {status.updatedAt !== null && <span class="muted"> · {formatShortAge(now - status.updatedAt)} ago</span>}
        </dd>
        {status.error && (
          <>
            <dt>Why</dt>
            <dd class="muted">{status.error}</dd>
          </>
        )}
        <dt>Heatmap</dt>
        <dd data-testid="skill">
          {heatmap ? skillText(heatmap.skill) : 'not analysed yet'}
          {hit && <span class="muted" data-testid="hit-rate"> · {hit}</span>}
        </dd>
        {heatmap && (
          <>
            <dt>In dollars</dt>
            <dd data-testid="calibration">{calibrationText(heatmap.skill)}</dd>
            {([['long', heatmap.long], ['short', heatmap.short]] as const).map(([side, c]) => c?.forecast && (
              <dd key={side} data-testid={`dollars-${side}`}>{levelForecastText(side, c.price, c.forecast)}</dd>
            ))}
            <dd class="muted" data-testid="dollars-basis">{forecastBasisText(heatmap.forecast, status.exchange)}</dd>
          </>
        )}
      </dl>
      {tab.connections && (
        <ul class="connections" aria-label="Connections">
          {tab.connections.map((c) => <ConnectionRow key={c.exchange} c={c} now={now} />)}
        </ul>
      )}
    </>
  );
}

const SETUP_NAMES = { 'sweep-choch': 'Sweep + CHoCH', magnet: 'Magnet trade' } as const;

function record(trades: number, wins: number, avgR: number | null): string {
  if (trades === 0) return 'no closed trades';
  return `${trades} trades, ${formatPercent(wins / trades)} won, ${avgR !== null ? formatR(avgR) : '–'} on average`;
}

/** Each setup's live record on this chart, next to its backtest on the shipped data for the same market. */
function Setups({ tab }: { tab: PopupResponse | null }) {
  const status = tab?.status;
  // The record kept in the store by the background (it survives worker restarts).
  const journal = tab?.journal;
  if (!tab?.page || !status || !journal) return null;
  return (
    <section aria-label="Setups" class="setups">
      <h2>Setups on this chart</h2>
      <ul>
        {journal.map((j) => {
          const reference = REFERENCE_BACKTEST.find((r) => r.kind === j.kind && r.symbol === tab.page!.symbol && r.timeframe === status.timeframe);
          return (
            <li key={j.kind} data-kind={j.kind}>
              <b>{SETUP_NAMES[j.kind]}</b>
              <span class="live">live: {j.found} found, {record(j.closed, j.wins, j.avgR)}</span>
              <span class="muted">
                {reference
                  ? `backtest (90 days, Bybit): ${reference.setups} found, ${reference.trades > 0 ? `${reference.trades} trades, ${formatPercent(reference.winRate!)} won (95%: ${Math.round(reference.winRate95![0] * 100)}–${formatPercent(reference.winRate95![1])}), ${formatR(reference.avgR!)}` : 'no closed trades'}`
                  : 'no backtest for this market and timeframe'}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function Popup() {
  const [enabled, setEnabled] = useStored(overlayEnabled);
  const [layers, setLayers] = useStored(overlayLayers);
  const [source, setSource] = useStored(heatmapSource);
  const tab = useActiveTabStatus();
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
        <ActiveTab tab={tab} />
      </section>
      <Setups tab={tab} />
      <fieldset class="layers" disabled={layers === null}>
        <legend>Layers</legend>
        {LAYER_SWITCHES.map(({ key, label }) => (
          <label class="switch" key={key}>
            <input
              type="checkbox"
              role="switch"
              name={key}
              checked={layers?.[key] ?? false}
              onChange={(e) => setLayers({ ...ALL_LAYERS_ON, ...layers, [key]: (e.currentTarget as HTMLInputElement).checked })}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="source" disabled={source === null}>
        <legend>Heatmap from</legend>
        {HEATMAP_SOURCES.map((value) => (
          <label key={value}>
            <input type="radio" name="heatmap-source" value={value} checked={source === value} onChange={() => setSource(value)} />
            <span>{heatmapSourceLabel(value, "This chart's exchange")}</span>
          </label>
        ))}
      </fieldset>
      <ReportPage />
      <footer>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Options…
        </button>
      </footer>
    </main>
  );
}
