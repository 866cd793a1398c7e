/** The list view of the overlay, for pages without a chart API (see sidePanelModel). */
import type { SidePanelModel } from './sidePanelModel';

export function SidePanel({ model }: { model: SidePanelModel }) {
  return (
    <aside class="liqlens-panel" aria-label="LiqLens levels">
      <h2>{model.title}</h2>
      <p class="hint">{model.hint}</p>
      <h3>Nearest liquidation clusters</h3>
      {model.clusters.length > 0 ? (
        <ul class="clusters">{model.clusters.map((line) => <li key={line}>{line}</li>)}</ul>
      ) : (
        <p class="empty">None yet.</p>
      )}
      <h3>Latest structure</h3>
      {model.structure.length > 0 ? (
        <ul class="structure-list">{model.structure.map((line) => <li key={line}>{line}</li>)}</ul>
      ) : (
        <p class="empty">None yet.</p>
      )}
    </aside>
  );
}

export const SIDE_PANEL_CSS = `
.liqlens-panel {
  position: fixed; right: 12px; top: 120px; z-index: 2147483000; width: 300px; max-height: 60vh; overflow: auto;
  padding: 8px 12px; border-radius: 6px; border: 1px solid #2b3139; background: rgba(24, 26, 32, 0.95); color: #eaecef;
  font: 12px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.4);
}
.liqlens-panel h2 { margin: 0 0 4px; font-size: 13px; color: #f0b90b; }
.liqlens-panel h3 { margin: 8px 0 2px; font-size: 11px; text-transform: uppercase; color: #848e9c; }
.liqlens-panel ul { margin: 0; padding-left: 16px; }
.liqlens-panel .hint { margin: 0; color: #b7bdc6; }
.liqlens-panel .empty { margin: 0; color: #848e9c; }
`;
