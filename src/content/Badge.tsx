/** The overlay badge: exchange, symbol, timeframe and the state of the data, in a shadow root. */
import type { BadgeModel } from './badgeModel';

const STATE_COLOUR: Record<BadgeModel['state'], string> = {
  loading: '#848e9c',
  replay: '#f0b90b',
  live: '#0ecb81',
  'no data': '#f6465d',
  'unsupported page': '#848e9c',
};

export function Badge({ model }: { model: BadgeModel }) {
  return (
    <div class="liqlens-badge" data-state={model.state} role="status" aria-live="polite">
      <span class="brand">LiqLens</span>
      <span class="exchange">{model.exchange}</span>
      {model.symbol && <span class="symbol">{model.symbol}</span>}
      {model.timeframe && <span class="timeframe">{model.timeframe}</span>}
      <span class="state" style={{ color: STATE_COLOUR[model.state] }}>
        {model.state}
      </span>
      <span class="detail">{model.detail}</span>
      {model.structure && (
        <span class="structure" data-bars={model.structure.bars}>
          {model.structure.text}
        </span>
      )}
      {model.heatmap && (
        <span class="heatmap" data-estimator={model.heatmap.estimator}>
          {model.heatmap.text}
        </span>
      )}
      {model.heatmap && <span class="skill">{model.heatmap.skill}</span>}
      {model.heatmap?.aggregate && <span class="aggregate">{model.heatmap.aggregate}</span>}
      {model.heatmap?.magnet && <span class="magnet">{model.heatmap.magnet}</span>}
      {model.prints && (
        <span class="prints" data-stream={model.prints.stream} data-last-hour={model.prints.lastHour} data-gaps={model.prints.gaps}>
          {model.prints.text}
        </span>
      )}
    </div>
  );
}

export const BADGE_CSS = `
:host { all: initial; }
:host([hidden]) { display: none; }
.liqlens-badge {
  position: fixed; right: 12px; bottom: 12px; z-index: 2147483000;
  display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: baseline; max-width: 60vw;
  padding: 6px 10px; border-radius: 6px; border: 1px solid #2b3139;
  background: rgba(24, 26, 32, 0.92); color: #eaecef;
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.4); pointer-events: none;
}
.brand { font-weight: 700; color: #f0b90b; }
.symbol { font-weight: 600; }
.state { font-weight: 600; text-transform: uppercase; font-size: 11px; }
.detail { color: #848e9c; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.structure, .heatmap, .skill, .aggregate, .magnet, .prints { flex-basis: 100%; color: #b7bdc6; font-size: 11px; }
`;
