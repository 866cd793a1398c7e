/**
 * Settings to and from a file: export downloads every setting as JSON; import checks the
 * whole file first, so a bad file changes nothing and says what is wrong.
 */
import { useState } from 'preact/hooks';
import { MAX_SETTINGS_FILE_CHARS, parseSettingsFile, serializeSettingsFile, type SettingsValues } from '../settings/schema';
import { applySettings, exportSettings } from '../settings/transfer';
import { Section } from './Section';

const NAMES: Record<keyof SettingsValues, string> = {
  overlayEnabled: 'overlay on/off',
  overlayLayers: 'overlay layers',
  heatmapSource: 'heatmap source',
  dataSource: 'data source',
  retentionDays: 'retention',
  backfillDays: 'history to fetch',
  modelSettings: 'heatmap model',
  notificationRules: 'notifications',
};

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | null;

/** Saves text as a file through the browser's downloads (an object URL on a temporary link). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function importFile(file: File): Promise<Outcome> {
  if (file.size > MAX_SETTINGS_FILE_CHARS) return { kind: 'error', text: `Not imported, nothing was changed: ${file.name} is too large for a settings file.` };
  const parsed = parseSettingsFile(await file.text());
  if (!parsed.ok) return { kind: 'error', text: `Not imported, nothing was changed: ${parsed.error}.` };
  const written = await applySettings(parsed.settings);
  if (written.length === 0) return { kind: 'ok', text: `${file.name} holds no settings: nothing was changed.` };
  return { kind: 'ok', text: `✓ Imported ${written.length} ${written.length === 1 ? 'setting' : 'settings'} from ${file.name}: ${written.map((k) => NAMES[k]).join(', ')}.` };
}

export function ImportExportSection() {
  const [exported, setExported] = useState<Outcome>(null);
  const [imported, setImported] = useState<Outcome>(null);
  const fail = (error: unknown): Outcome => ({ kind: 'error', text: error instanceof Error ? error.message : String(error) });

  const onExport = () => {
    exportSettings().then(
      (file) => {
        const name = `liqlens-settings-${file.exportedAt.slice(0, 10)}.json`;
        download(name, serializeSettingsFile(file));
        setExported({ kind: 'ok', text: `✓ Saved every setting to ${name}.` });
      },
      (error: unknown) => setExported(fail(error)),
    );
  };
  const onImport = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setImported(null);
    importFile(file).then(setImported, (error: unknown) => setImported(fail(error))).finally(() => {
      input.value = ''; // the same file can be chosen again
    });
  };

  return (
    <Section id="import-export" title="Import / export"
      intro="Move your settings to another browser, or keep a copy. Notification mutes are not included.">
      <div class="field">
        <span class="label">Export</span>
        <div class="control">
          <button type="button" class="button" onClick={onExport} aria-describedby="export-hint">Export settings</button>
        </div>
        <p id="export-hint" class="hint">Downloads a JSON file with every setting on this page and the popup.</p>
        {exported && <p role={exported.kind === 'ok' ? 'status' : 'alert'} class={exported.kind === 'ok' ? 'note ok' : 'field-error'}>{exported.text}</p>}
      </div>
      <div class="field">
        <label for="import-file">Import settings from a file</label>
        <div class="control">
          <input id="import-file" type="file" accept=".json,application/json" aria-describedby="import-hint"
            onChange={(e) => onImport(e.currentTarget)} />
        </div>
        <p id="import-hint" class="hint">A file exported by LiqLens. It is checked first: if anything in it is wrong, nothing changes.</p>
        {imported && <p role={imported.kind === 'ok' ? 'status' : 'alert'} class={imported.kind === 'ok' ? 'note ok' : 'field-error'}>{imported.text}</p>}
      </div>
    </Section>
  );
}
