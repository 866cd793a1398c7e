/**
 * The heatmap model: whose model the bands show, the leverage tiers, and the volume
 * estimator's fade and lookback. Checked by the model's own validation before it is saved.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { heatmapSource, modelSettings, type HeatmapSource, type ModelSettings } from '../settings/items';
import { HEATMAP_SOURCES } from '../settings/schema';
import { LeverageTable } from './LeverageTable';
import { checkModel, DEFAULT_MODEL, draftOf, newTierId, sameModel, shares, type ModelDraft } from './modelDraft';
import { heatmapSourceLabel } from '../wording/format';
import { Section } from './Section';
import { useSaver } from './useSaver';
import { useStoredValue } from './useStoredValue';

const sourceLabel = (source: HeatmapSource) => heatmapSourceLabel(source, 'The exchange of the page');

export function HeatmapModelSection() {
  const saver = useSaver();
  const source = useStoredValue(heatmapSource);
  const stored = useStoredValue(modelSettings);
  const [draft, setDraftState] = useState<ModelDraft | null>(null);
  const draftRef = useRef<ModelDraft | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const setDraft = (next: ModelDraft) => {
    draftRef.current = next;
    setDraftState(next);
  };

  // Show what is stored (first load, an import, another page), unless it is this page's own
  // write coming back (the fields may have moved on since) or the fields already say it.
  const written = useRef<ModelSettings | null>(null);
  useEffect(() => {
    if (!stored) return;
    if (written.current && sameModel(written.current, stored)) {
      written.current = null;
      return;
    }
    const current = draftRef.current && checkModel(draftRef.current);
    if (current?.ok && sameModel(current.settings, stored)) return;
    setDraft(draftOf(stored));
    saver.cancel('model');
  }, [stored, saver.cancel]);
  const write = (settings: ModelSettings) => {
    written.current = stored && sameModel(settings, stored) ? null : settings; // an unchanged value does not come back
    return modelSettings.setValue(settings);
  };

  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const check = draft ? checkModel(draft) : null;
  const edit = (next: ModelDraft) => {
    setDraft(next);
    const result = checkModel(next);
    if (result.ok) saver.later('model', () => write(result.settings));
    else saver.invalid('model');
  };
  const leave = () => saver.flush('model');

  return (
    <Section id="heatmap-model" title="Heatmap model" status={saver.state}
      intro="Where the liquidation bands are drawn: the leverage traders use, and how long positions opened on volume are assumed to stay open.">
      <div class="field">
        <label for="heatmap-source">Bands show the model of</label>
        <div class="control">
          <select id="heatmap-source" value={source ?? 'page'} disabled={source === null}
            onChange={(e) => {
              const value = e.currentTarget.value as HeatmapSource;
              saver.save(() => heatmapSource.setValue(value));
            }}>
            {HEATMAP_SOURCES.map((s) => <option key={s} value={s}>{sourceLabel(s)}</option>)}
          </select>
        </div>
      </div>
      {draft && (
        <>
          <LeverageTable
            tiers={draft.tiers}
            shares={shares(draft)}
            invalidField={check && !check.ok ? check.field : undefined}
            onEdit={(id, field, value) => edit({ ...draft, tiers: draft.tiers.map((t) => (t.id === id ? { ...t, [field]: value } : t)) })}
            onAdd={() => {
              const id = newTierId();
              edit({ ...draft, tiers: [...draft.tiers, { id, leverage: '', weight: '' }] });
              setFocusId(`tier-${id}-leverage`);
            }}
            onRemove={(id) => {
              const index = draft.tiers.findIndex((t) => t.id === id);
              const tiers = draft.tiers.filter((t) => t.id !== id);
              edit({ ...draft, tiers });
              // Focus stays in the table: on the row that took the removed one's place.
              const next = tiers[Math.min(index, tiers.length - 1)];
              if (next) setFocusId(`tier-${next.id}-leverage`);
            }}
            onLeave={leave}
          />
          <div class="field">
            <label for="fade-half-life">Fade half-life</label>
            <div class="control">
              <input id="fade-half-life" type="number" inputMode="decimal" min={0} step="any" value={draft.fadeHalfLife}
                aria-describedby="fade-half-life-hint" aria-invalid={check && !check.ok && check.field === 'fade-half-life' ? 'true' : undefined}
                onInput={(e) => edit({ ...draft, fadeHalfLife: e.currentTarget.value })} onBlur={leave} onKeyDown={(e) => e.key === 'Enter' && leave()} />
              <span class="unit" aria-hidden="true">candles</span>
            </div>
            <p id="fade-half-life-hint" class="hint">Volume estimator: a level loses half its weight after this many candles.</p>
          </div>
          <div class="field">
            <label for="volume-lookback">Volume lookback</label>
            <div class="control">
              <input id="volume-lookback" type="number" inputMode="numeric" min={1} step={1} value={draft.volumeLookback}
                aria-describedby="volume-lookback-hint" aria-invalid={check && !check.ok && check.field === 'volume-lookback' ? 'true' : undefined}
                onInput={(e) => edit({ ...draft, volumeLookback: e.currentTarget.value })} onBlur={leave} onKeyDown={(e) => e.key === 'Enter' && leave()} />
              <span class="unit" aria-hidden="true">candles</span>
            </div>
            <p id="volume-lookback-hint" class="hint">Volume estimator: candles over which the average volume is taken.</p>
          </div>
          {check && !check.ok && <p role="alert" class="field-error" id="model-error">Not saved: {check.error}</p>}
          <div class="actions">
            <button type="button" class="button"
              onClick={() => {
                setDraft(draftOf(DEFAULT_MODEL));
                saver.cancel('model');
                saver.save(() => write(DEFAULT_MODEL));
              }}>
              Reset the model to defaults
            </button>
          </div>
        </>
      )}
    </Section>
  );
}
