/** A settings section: a heading, a line that says whether its changes are saved, and its fields. */
import type { ComponentChildren } from 'preact';
import type { SaveState } from './useSaver';

export function Section({ id, title, intro, status, children }: { id: string; title: string; intro?: string; status?: SaveState; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={`${id}-title`} id={id}>
      <div class="card-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {status && <SaveStatus state={status} />}
      </div>
      {intro && <p class="muted intro">{intro}</p>}
      {children}
    </section>
  );
}

const clock = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function SaveStatus({ state }: { state: SaveState }) {
  const [text, cls] =
    state.kind === 'pending' ? ['Saving…', 'pending']
    : state.kind === 'saved' ? [`✓ Saved at ${clock(state.at)}`, 'saved']
    : state.kind === 'invalid' ? ['Not saved: fix the value marked below', 'unsaved']
    : state.kind === 'failed' ? [`Not saved: ${state.message}`, 'unsaved']
    : ['Changes save as you make them', 'idle'];
  return <p role="status" class={`save-status ${cls}`}>{text}</p>;
}
