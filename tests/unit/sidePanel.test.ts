import { describe, expect, it } from 'vitest';
import { withSymbolCheck } from '../../src/content/chartMode';
import { sidePanelModel } from '../../src/content/sidePanelModel';
import type { OverlayScene } from '../../src/overlay/layers';
import { NO_LAYERS } from '../../src/messaging/validateLayers';

const scene: OverlayScene = {
  exchange: 'bybit', symbol: 'BTCUSDT', ...NO_LAYERS, prints: [],
  clusters: [
    { side: 'short', price: 103_000, low: 102_700, high: 103_300, notional: 12_400_000, share: 0.3, since: 0, exchanges: ['bybit', 'binance'], forecast: null },
    { side: 'long', price: 99_000, low: 98_700, high: 99_300, notional: null, share: 0.18, since: 0, exchanges: ['bybit'], forecast: { expected: 2_100_000, low80: 400_000, high80: 7_900_000, lr: 2.3 } },
    { side: 'long', price: 90_000, low: 89_700, high: 90_300, notional: null, share: 0.4, since: 0, exchanges: ['bybit'], forecast: null },
  ],
  skill: 'no better than distance alone (+0.01, −0.03 to 0.05, 812 liquidations)',
  calibration: '80% intervals held 80% (76–84%) of 21,783 reached levels',
  dollarsBasis: ['Dollars liquidated within 15 min of price first reaching a level, as Bybit\'s stream reports them', 'learned from 1,234 reached levels on this market'],
  marks: [
    { kind: 'break', scope: 'swing', label: 'BOS', dir: 1, price: 100_500, fromTime: 0, confirmTime: Date.UTC(2026, 10, 25, 3, 15), provisional: false },
    { kind: 'fvg', dir: 1, top: 2, bottom: 1, fromTime: 0, confirmTime: 1, endTime: null, provisional: false },
    { kind: 'sweep', dir: -1, price: 101_250.5, fromTime: 0, confirmTime: Date.UTC(2026, 10, 25, 4, 0), displacement: 2, provisional: false },
  ],
};

describe('side panel', () => {
  it('lists the nearest clusters first, marks the confirmed one, and the latest structure newest first (prices to six significant digits, as the badge writes them)', () => {
    const model = sidePanelModel('bybit', 'no-api', scene, 100_000);
    expect(model.clusters).toEqual([
      'Longs 99,000 (−1.0%) · 18% of longs · if price reaches 99,000: about $2.1M of longs liquidated (80%: $400k–$7.9M)',
      'Shorts 103,000 (+3.0%) · $12.4M · confirmed by 2',
      'Longs 90,000 (−10.0%) · 40% of longs',
    ]);
    // The heatmap's skill, the calibration of its dollars and their basis, as the legend says them.
    expect(model.heatmap).toEqual([scene.skill, scene.calibration, ...scene.dollarsBasis!]);
    expect(model.structure).toEqual(['Sweep of 101,251 (highs) at 04:00 UTC', 'Swing BOS up through 100,500 at 03:15 UTC']);
    expect(model.hint).toMatch(/TradingView chart view/);
  });

  it('says how to switch on Binance, and why it lists instead of drawing for each reason', () => {
    expect(sidePanelModel('binance', 'no-api', null, null).hint).toMatch(/choose “TradingView” above the chart/);
    expect(sidePanelModel('binance', 'unsupported-resolution', null, null).hint).toMatch(/interval/);
    expect(sidePanelModel('binance', 'no-bridge', null, null)).toMatchObject({ clusters: [], structure: [], title: 'LiqLens · Binance' });
  });
});

describe('the chart\'s symbol against the page\'s', () => {
  const geometry = { symbol: 'BTCUSDT', resolution: '15', mount: 1, pane: { left: 0, top: 0, width: 800, height: 600 }, time: { anchorTime: 0, anchorX: 0, barSpacing: 6, barMs: 900_000 }, price: { top: 2, bottom: 1, log: false } };
  const chart = (symbol: string, known: boolean) => ({ kind: 'chart' as const, geometry: { ...geometry, symbol }, chartSymbol: known ? `${symbol}@PRICETYPE=LAST` : symbol, symbolKnown: known });

  it('paints where they agree', () => {
    const state = chart('BTCUSDT', true);
    expect(withSymbolCheck({ kind: 'chart', geometry: state.geometry }, state, 'BTCUSDT', null, 0).mode.kind).toBe('chart');
  });

  it('a symbol the registry cannot map gets the side panel at once, naming what the chart shows and what LiqLens expected', () => {
    const state = chart('BTCUSD_PERP', false);
    const { mode } = withSymbolCheck({ kind: 'chart', geometry: state.geometry }, state, 'BTCUSDT', null, 0);
    expect(mode).toEqual({ kind: 'list', reason: 'other-symbol', symbols: { chart: 'BTCUSD_PERP', expected: 'BTCUSDT' } });
    const hint = sidePanelModel('binance', 'other-symbol', null, null, mode.kind === 'list' ? mode.symbols : undefined).hint;
    expect(hint).toContain('The chart shows BTCUSD_PERP; LiqLens expected BTCUSDT');
  });

  it('another market\'s symbol is given 3 s to catch up with a navigation, then the side panel', () => {
    const state = chart('ETHUSDT', true);
    const first = withSymbolCheck({ kind: 'chart', geometry: state.geometry }, state, 'BTCUSDT', null, 1_000);
    expect(first).toEqual({ mode: { kind: 'chart', geometry: state.geometry }, mismatchSince: 1_000 });
    expect(withSymbolCheck({ kind: 'chart', geometry: state.geometry }, state, 'BTCUSDT', 1_000, 4_500).mode).toMatchObject({ kind: 'list', reason: 'other-symbol' });
  });
});
