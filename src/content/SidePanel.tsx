/**
 * The list view of the overlay, for pages without a chart API (see sidePanelModel): a pill
 * placed, expanded, dragged and kept as the badge is (Floating), its hint in the pill's tooltip.
 */
import type { Placement } from './Badge';
import { Floating } from './Floating';
import type { SidePanelModel } from './sidePanelModel';

export function SidePanel({ model, placement }: { model: SidePanelModel; placement: Placement }) {
  return (
    <Floating class="liqlens-panel" label={`${model.title} levels`} {...placement} pill={<span class="title">{model.title} · levels</span>}>
      <aside aria-label="LiqLens levels">
        <p class="hint">{model.hint}</p>
        <h3>Nearest liquidation clusters</h3>
        {model.clusters.length > 0 ? (
          <ul class="clusters">{model.clusters.map((line) => <li key={line}>{line}</li>)}</ul>
        ) : (
          <p class="empty">None yet.</p>
        )}
        {model.heatmap.map((line) => <p class="dollars" key={line}>{line}</p>)}
        <h3>Latest structure</h3>
        {model.structure.length > 0 ? (
          <ul class="structure-list">{model.structure.map((line) => <li key={line}>{line}</li>)}</ul>
        ) : (
          <p class="empty">None yet.</p>
        )}
      </aside>
    </Floating>
  );
}

export const SIDE_PANEL_CSS = `
.liqlens-panel.expanded { width: 300px; }
.liqlens-panel .details { max-height: 60vh; overflow: auto; }
.liqlens-panel .title { font-weight: 700; color: #f0b90b; }
.liqlens-panel h3 { margin: 8px 0 2px; font-size: 11px; text-transform: uppercase; color: #848e9c; }
.liqlens-panel ul { margin: 0; padding-left: 16px; }
.liqlens-panel .hint { margin: 0; color: #b7bdc6; }
.liqlens-panel .empty { margin: 0; color: #848e9c; }
.liqlens-panel .dollars { margin: 2px 0 0; color: #848e9c; font-size: 11px; }
`;
