/** Where market data comes from: the live exchanges, or a replay exchange on this machine. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { dataSource } from '../settings/items';
import { parseDataSource, type DataSource } from '../settings/dataSource';
import { Section } from './Section';
import { useSaver } from './useSaver';
import { useStoredValue } from './useStoredValue';
import { EXCHANGES } from '../exchanges';

const SUGGESTED_URL = 'http://127.0.0.1:8787';

/** The replay source for a typed URL, or why it cannot be one. */
function replaySource(url: string): { source: DataSource } | { error: string } {
  if (url.trim() === '') return { error: 'Enter the replay exchange\'s URL, such as http://127.0.0.1:8787.' };
  const parsed = parseDataSource({ kind: 'replay', url: url.trim() });
  return parsed.error ? { error: `Not saved: ${parsed.error}. Use 127.0.0.1, localhost or [::1].` } : { source: parsed.source };
}

export function DataSourceSection() {
  const stored = useStoredValue(dataSource);
  const saver = useSaver();
  const [kind, setKind] = useState<'live' | 'replay' | null>(null);
  const [url, setUrlState] = useState('');
  const urlRef = useRef('');
  const setUrl = (value: string) => {
    urlRef.current = value;
    setUrlState(value);
  };
  const [error, setError] = useState<string | null>(null);
  const urlInput = useRef<HTMLInputElement>(null);

  // Show what is stored (first load, an import, another page), unless it is this page's own
  // write coming back (the choice may have moved on since).
  const written = useRef<string | null>(null);
  const write = (source: DataSource) => {
    // A write of the value already stored comes back as no change at all.
    written.current = JSON.stringify(source) === JSON.stringify(stored) ? null : JSON.stringify(source);
    return dataSource.setValue(source);
  };
  useEffect(() => {
    if (!stored) return;
    if (written.current === JSON.stringify(stored)) {
      written.current = null;
      return;
    }
    const source = parseDataSource(stored).source;
    setKind(source.kind);
    setError(null);
    saver.cancel('replay-url');
    if (source.kind !== 'replay') return;
    // Keep what was typed if it means the stored URL (a trailing slash, spaces).
    const typed = replaySource(urlRef.current);
    if (!('source' in typed) || typed.source.kind !== 'replay' || typed.source.url !== source.url) setUrl(source.url);
  }, [stored, saver.cancel]);

  const chooseLive = () => {
    setKind('live');
    setError(null);
    saver.cancel('replay-url');
    saver.save(() => write({ kind: 'live' }));
  };
  const chooseReplay = () => {
    setKind('replay');
    const next = replaySource(url);
    if ('source' in next) {
      setError(null);
      saver.save(() => write(next.source));
    } else {
      setError(next.error);
      saver.invalid('replay-url');
      // The field is enabled by this render: focus it once it is.
      setTimeout(() => urlInput.current?.focus(), 0);
    }
  };
  const onUrl = (value: string) => {
    setUrl(value);
    const next = replaySource(value);
    if ('error' in next) {
      setError(next.error);
      saver.invalid('replay-url');
      return;
    }
    setError(null);
    saver.later('replay-url', () => write(next.source));
  };

  return (
    <Section id="data-source" title="Data source" status={saver.state}>
      <fieldset class="choices" disabled={kind === null}>
        <legend>Where market data comes from</legend>
        <div class="choice">
          <input type="radio" id="source-live" name="data-source" checked={kind === 'live'} onChange={chooseLive} aria-describedby="source-live-hint" />
          <label for="source-live">Live exchanges</label>
          <p id="source-live-hint" class="hint">{EXCHANGES.map((e) => `${e.name} (${e.apiHosts.join(', ')})`).join(', ')}, over their public APIs.</p>
        </div>
        <div class="choice">
          <input type="radio" id="source-replay" name="data-source" checked={kind === 'replay'} onChange={chooseReplay} aria-describedby="source-replay-hint" />
          <label for="source-replay">Replay exchange</label>
          <p id="source-replay-hint" class="hint">Recorded market data served on this machine (<code>npm run replay -- --port 8787</code>).</p>
        </div>
      </fieldset>
      <div class="field">
        <label for="replay-url">Replay exchange URL</label>
        <div class="control">
          <input
            id="replay-url"
            ref={urlInput}
            type="url"
            class="wide"
            spellcheck={false}
            autoComplete="off"
            placeholder={SUGGESTED_URL}
            value={url}
            disabled={kind !== 'replay'}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'replay-url-hint replay-url-error' : 'replay-url-hint'}
            onInput={(e) => onUrl(e.currentTarget.value)}
            onBlur={() => {
              saver.flush('replay-url');
              // Show the URL as it is stored (no trailing slash, no spaces).
              const typed = replaySource(urlRef.current);
              if ('source' in typed && typed.source.kind === 'replay') setUrl(typed.source.url);
            }}
            onKeyDown={(e) => e.key === 'Enter' && saver.flush('replay-url')}
          />
        </div>
        <p id="replay-url-hint" class="hint">Only addresses on this machine are accepted.</p>
        {error && <p id="replay-url-error" role="alert" class="field-error">{error}</p>}
      </div>
    </Section>
  );
}
