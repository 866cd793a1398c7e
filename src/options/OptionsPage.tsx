/** The options page: every setting of LiqLens, by section, each saved as it changes. */
import { browser } from 'wxt/browser';
import { DataSourceSection } from './DataSourceSection';
import { HeatmapModelSection } from './HeatmapModelSection';
import { ImportExportSection } from './ImportExportSection';
import { NotificationsSection } from './NotificationsSection';
import { StoredDataSection } from './StoredDataSection';

export function OptionsPage() {
  const version = browser.runtime.getManifest().version;
  return (
    <>
      <header class="page-head">
        <h1><span class="brand">LiqLens</span> settings</h1>
        <p class="muted">Version {version}. Changes are saved as you make them and reach every open chart at once.</p>
      </header>
      <main>
        <DataSourceSection />
        <HeatmapModelSection />
        <NotificationsSection />
        <StoredDataSection />
        <ImportExportSection />
      </main>
    </>
  );
}
