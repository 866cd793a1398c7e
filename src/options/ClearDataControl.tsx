/**
 * "Clear stored data": asks first, in the page (a button of its own, never window.confirm),
 * then has the background delete everything and says how many records went.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask } from '../messaging/contract';
import { CLEAR_STORED_DATA } from '../messaging/clearStoredData';
import { formatCount } from '../wording/format';

type Step = { kind: 'idle' } | { kind: 'confirming' } | { kind: 'clearing' } | { kind: 'done'; deleted: number } | { kind: 'failed'; message: string };

async function requestClear(): Promise<number> {
  const reply = await ask(CLEAR_STORED_DATA, { type: 'clearStoredData' }, (m) => browser.runtime.sendMessage(m));
  if (!reply.ok) throw new Error('LiqLens\'s background did not confirm the deletion');
  return reply.value.deleted;
}

export function ClearDataControl() {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const opener = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const confirming = step.kind === 'confirming';

  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setStep({ kind: 'idle' });
    setTimeout(() => opener.current?.focus(), 0);
  };
  const clear = () => {
    setStep({ kind: 'clearing' });
    requestClear().then(
      (deleted) => setStep({ kind: 'done', deleted }),
      (error: unknown) => setStep({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    setTimeout(() => opener.current?.focus(), 0);
  };

  return (
    <div class="clear-data">
      <div class="field">
        <span class="label" id="clear-data-label">Stored market data</span>
        <div class="control">
          <button type="button" class="button danger-outline" ref={opener} aria-describedby="clear-data-hint"
            disabled={confirming || step.kind === 'clearing'} aria-expanded={confirming} aria-controls="clear-data-confirm"
            onClick={() => setStep({ kind: 'confirming' })}>
            Clear stored data…
          </button>
        </div>
        <p id="clear-data-hint" class="hint">Deletes every stored candle, open-interest sample, liquidation print and gap record. Settings are kept.</p>
      </div>
      {confirming && (
        <div id="clear-data-confirm" class="confirm" role="group" aria-labelledby="clear-data-question"
          onKeyDown={(e) => e.key === 'Escape' && cancel()}>
          <p id="clear-data-question">
            Delete all stored market data? This cannot be undone; open charts fetch their history again.
          </p>
          <div class="actions">
            <button type="button" class="button danger" onClick={clear}>Delete stored data</button>
            <button type="button" class="button" ref={cancelButton} onClick={cancel}>Cancel</button>
          </div>
        </div>
      )}
      {step.kind === 'clearing' && <p role="status" class="note">Deleting…</p>}
      {step.kind === 'done' && (
        <p role="status" class="note ok" data-deleted={step.deleted}>
          ✓ Deleted {formatCount(step.deleted)} stored {step.deleted === 1 ? 'record' : 'records'}.
        </p>
      )}
      {step.kind === 'failed' && <p role="alert" class="field-error">Could not clear the stored data: {step.message}.</p>}
    </div>
  );
}
