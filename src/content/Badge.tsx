/**
 * The overlay badge, in a shadow root: a small pill (symbol, timeframe, state of the data) inside
 * the chart pane's top-left that expands on click to the rest (see Floating for placement).
 */
import type { BadgeModel } from './badgeModel';
import { Floating, FLOATING_CSS, type Point } from './Floating';

const STATE_COLOUR: Record<BadgeModel['state'], string> = {
  loading: '#848e9c',
  replay: '#f0b90b',
  live: '#0ecb81',
  'no data': '#f6465d',
  'unsupported page': '#848e9c',
};

export interface Placement {
  anchor: { left: number; top: number };
  offset: Point;
  onMoved: (offset: Point) => void;
}

export function Badge({ model, placement }: { model: BadgeModel; placement: Placement }) {
  return (
    <Floating
      class="liqlens-badge"
      label={`LiqLens ${model.symbol} ${model.timeframe} ${model.state}`}
      data={{ 'data-state': model.state }}
      {...placement}
      pill={
        <>
          <span class="brand">LiqLens</span>
          <span class="exchange">{model.exchange}</span>
          {model.symbol && <span class="symbol">{model.symbol}</span>}
          {model.timeframe && <span class="timeframe">{model.timeframe}</span>}
          <span class="state" style={{ color: STATE_COLOUR[model.state] }}>
            {model.state}
          </span>
        </>
      }
    >
      <div role="status" aria-live="polite" class="lines">
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
        {model.heatmap && <span class="dollars">{model.heatmap.dollars}</span>}
        {model.heatmap?.aggregate && <span class="aggregate">{model.heatmap.aggregate}</span>}
        {model.heatmap?.magnet && <span class="magnet">{model.heatmap.magnet}</span>}
        {model.prints && (
          <span class="prints" data-stream={model.prints.stream} data-last-hour={model.prints.lastHour} data-gaps={model.prints.gaps}>
            {model.prints.text}
          </span>
        )}
      </div>
    </Floating>
  );
}

export const BADGE_CSS = `
:host { all: initial; }
:host([hidden]) { display: none; }
${FLOATING_CSS}
.liqlens-badge .brand { font-weight: 700; color: #f0b90b; }
.liqlens-badge .exchange { color: #848e9c; }
.liqlens-badge .symbol { font-weight: 600; }
.liqlens-badge .state { font-weight: 600; text-transform: uppercase; font-size: 11px; }
.liqlens-badge .lines { display: flex; flex-direction: column; gap: 2px; }
.liqlens-badge .detail { color: #848e9c; }
.liqlens-badge .structure, .liqlens-badge .heatmap, .liqlens-badge .skill, .liqlens-badge .dollars, .liqlens-badge .aggregate, .liqlens-badge .magnet, .liqlens-badge .prints { color: #b7bdc6; font-size: 11px; }
`;
