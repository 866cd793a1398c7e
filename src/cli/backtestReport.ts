/**
 * `liqlens backtest --report FILE.html`: one self-contained page (inline SVG, no script, no
 * external file) with the equity curve in R and the trades drawn on the closing prices. Every
 * text is escaped; the numbers are the backtest's.
 */
import type { Trade, TradeStats } from '../core/backtest';
import type { CandleSeries } from '../core/candles';

const W = 1100;
const H = 320;

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(x: number | null, digits = 2): string {
  return x === null ? '–' : x.toFixed(digits);
}

function polyline(points: [number, number][], colour: string, width = 1): string {
  return `<polyline fill="none" stroke="${colour}" stroke-width="${width}" points="${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>`;
}

function priceChart(candles: CandleSeries, trades: readonly Trade[]): string {
  const step = Math.max(1, Math.floor(candles.length / 2_000));
  // A loop, not Math.min(...lows): spreading a year of 1m candles overflows the stack.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < candles.length; i++) {
    const c = candles.at(i)!;
    lo = Math.min(lo, c.low);
    hi = Math.max(hi, c.high);
  }
  const x = (i: number) => (i / Math.max(1, candles.length - 1)) * W;
  const y = (p: number) => H - ((p - lo) / (hi - lo || 1)) * H;
  const closes: [number, number][] = [];
  for (let i = 0; i < candles.length; i += step) closes.push([x(i), y(candles.at(i)!.close)]);
  const marks = trades.map((t) => {
    const colour = t.r > 0 ? '#0ecb81' : '#f6465d';
    return `<line x1="${x(t.entryIndex).toFixed(1)}" y1="${y(t.entry).toFixed(1)}" x2="${x(t.exitIndex).toFixed(1)}" y2="${y(t.exit).toFixed(1)}" stroke="${colour}" stroke-width="2"/>` +
      `<circle cx="${x(t.entryIndex).toFixed(1)}" cy="${y(t.entry).toFixed(1)}" r="3" fill="${t.dir === 1 ? '#0ecb81' : '#f6465d'}"><title>${esc(`${t.dir === 1 ? 'long' : 'short'} ${t.entry} → ${t.exit} (${t.exitReason}), ${t.r.toFixed(2)} R`)}</title></circle>`;
  });
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Closing prices with the trades">${polyline(closes, '#b7bdc6')}${marks.join('')}</svg>`;
}

function equityChart(trades: readonly Trade[]): string {
  let equity = 0;
  const curve = [0, ...trades.map((t) => (equity += t.r))];
  const lo = Math.min(0, ...curve);
  const hi = Math.max(0, ...curve);
  const x = (i: number) => (i / Math.max(1, curve.length - 1)) * W;
  const y = (r: number) => H - ((r - lo) / (hi - lo || 1)) * H;
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Equity curve in R"><line x1="0" x2="${W}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#474d57"/>${polyline(curve.map((r, i) => [x(i), y(r)]), '#f0b90b', 2)}</svg>`;
}

export function backtestReport(title: string, notes: string[], candles: CandleSeries, trades: readonly Trade[], rows: { label: string; stats: TradeStats }[]): string {
  const table = rows.map(({ label, stats: s }) =>
    `<tr><th>${esc(label)}</th><td>${s.trades}</td><td>${s.winRate === null ? '–' : `${(s.winRate * 100).toFixed(1)}%`}</td><td>${s.winRate95 ? `${(s.winRate95[0] * 100).toFixed(1)}–${(s.winRate95[1] * 100).toFixed(1)}%` : '–'}</td><td>${fmt(s.avgR)}</td><td>${fmt(s.profitFactor)}</td><td>${fmt(s.maxDrawdownR)}</td><td>${s.longestLosingRun}</td></tr>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{margin:24px;background:#0b0e11;color:#eaecef;font:14px system-ui,sans-serif}h1{font-size:18px;color:#f0b90b}
table{border-collapse:collapse;margin:12px 0}td,th{padding:4px 10px;border-bottom:1px solid #2b3139;text-align:right}th{text-align:left}
svg{width:100%;height:auto;background:#161a1e;margin:8px 0;border:1px solid #2b3139}p{color:#b7bdc6}
</style></head><body><h1>${esc(title)}</h1>${notes.map((n) => `<p>${esc(n)}</p>`).join('')}
<table><tr><th></th><th>trades</th><th>win rate</th><th>95% (Wilson)</th><th>avg R</th><th>profit factor</th><th>max DD (R)</th><th>longest losing run</th></tr>${table}</table>
<h2>Equity (R, after costs)</h2>${equityChart(trades)}<h2>Trades on the price</h2>${priceChart(candles, trades)}</body></html>`;
}
