/**
 * The popup's "Report this page": asks the active tab's content script what LiqLens found there
 * (content/pageReport.ts: no cookies, no account data, nothing about orders or positions), copies
 * it as JSON and shows it, so the trader can see what is sent and paste it into a report.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { exchangeNamesText } from '../exchanges';
import { ask } from '../messaging/contract';
import { PAGE_REPORT } from '../messaging/pageMessages';

type State = { kind: 'idle' } | { kind: 'done'; json: string; copied: boolean } | { kind: 'none' };

export function ReportPage() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const report = async () => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const id = tab?.id;
    const answer = id === undefined ? null : await ask(PAGE_REPORT, { type: 'pageReport' }, (m) => browser.tabs.sendMessage(id, m)).catch(() => null);
    if (!answer?.ok || !answer.value) return setState({ kind: 'none' });
    const json = JSON.stringify(answer.value, null, 2);
    const copied = await navigator.clipboard.writeText(json).then(() => true, () => false);
    setState({ kind: 'done', json, copied });
  };
  return (
    <section class="report" aria-label="Report this page">
      <button type="button" onClick={() => void report()}>
        Report this page
      </button>
      {state.kind === 'none' && <p class="muted">LiqLens reports on {exchangeNamesText('or')} trade pages only: open the one whose chart it missed.</p>}
      {state.kind === 'done' && (
        <>
          <p class="muted" data-testid="report-status">
            {state.copied ? 'Copied. ' : 'Select the text below and copy it. '}
            Paste it into a new LiqLens issue with what you expected to see. It holds only what LiqLens looked for on the page.
          </p>
          <textarea readOnly rows={8} aria-label="Page report" value={state.json} />
        </>
      )}
    </section>
  );
}
