/** A labelled on/off switch (a checkbox with the switch role, as in the popup): Space toggles it. */
export function Switch({ id, label, hint, checked, disabled, onChange }: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean | null;
  disabled?: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <div class="field switch-field">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked ?? false}
        disabled={disabled || checked === null}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
      {hint && <p id={`${id}-hint`} class="hint">{hint}</p>}
    </div>
  );
}
