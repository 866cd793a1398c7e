/**
 * A labelled number that saves itself: checked as it is typed (the reason shown beside it),
 * written after a pause, on leaving the field, or on Enter.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Saver } from './useSaver';

export type Parsed = { value: number } | { error: string };

/** A number typed into a field, within bounds; `whole` for counts. */
export function parseNumberInput(raw: string, { min, max, whole, unit }: { min: number; max?: number; whole?: boolean; unit: string }): Parsed {
  const text = raw.trim();
  const n = text === '' ? NaN : Number(text);
  const range = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
  const what = whole ? `a whole number of ${unit} ${range}` : `a number of ${unit}, ${range}`;
  if (!Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < min || (max !== undefined && n > max)) {
    return { error: `Enter ${what}${text === '' ? '.' : `; "${text}" is not.`}` };
  }
  return { value: n };
}

interface Props {
  id: string;
  label: string;
  hint?: string;
  /** The stored value; null while loading. */
  value: number | null;
  parse: (raw: string) => Parsed;
  commit: (value: number) => Promise<unknown>;
  saver: Saver;
  min?: number;
  max?: number;
  step?: number | 'any';
  unit?: string;
}

export function NumberField({ id, label, hint, value, parse, commit, saver, min, max, step, unit }: Props) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const draftRef = useRef('');

  // The stored value changed (loaded, imported, changed elsewhere): show it, unless it is this
  // field's own write coming back (the field may have moved on since) or the field already says it.
  const written = useRef<number | null>(null);
  useEffect(() => {
    if (value === null) return;
    if (written.current === value) {
      written.current = null;
      return;
    }
    const shown = parse(draftRef.current);
    if ('value' in shown && shown.value === value) return;
    draftRef.current = String(value);
    setDraft(String(value));
    setError(null);
    saver.cancel(id);
  }, [value, parse, saver.cancel, id]);

  const onInput = (raw: string) => {
    draftRef.current = raw;
    setDraft(raw);
    const parsed = parse(raw);
    if ('error' in parsed) {
      setError(parsed.error);
      saver.invalid(id);
      return;
    }
    setError(null);
    saver.later(id, () => {
      written.current = parsed.value === value ? null : parsed.value; // an unchanged value does not come back
      return commit(parsed.value);
    });
  };

  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="control">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={draft}
          min={min}
          max={max}
          step={step}
          disabled={value === null}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(e) => onInput(e.currentTarget.value)}
          onBlur={() => saver.flush(id)}
          onKeyDown={(e) => e.key === 'Enter' && saver.flush(id)}
        />
        {unit && <span class="unit" aria-hidden="true">{unit}</span>}
      </div>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
      {error && <p id={`${id}-error`} role="alert" class="field-error">{error}</p>}
    </div>
  );
}
