/**
 * The chart bridge's own cost per animation frame, in Node on a widget that answers as the
 * library documents (tests/unit/tvWidgetModel.ts): one read of the geometry (with
 * coordinateToTime's bisection, and without it), and the search for handles on a page with four
 * same-origin frames. The page's own calls cost what they cost on the page; this is LiqLens's part.
 */
import { findCandidates } from '../src/bridge/discover';
import { readWidget } from '../src/bridge/readGeometry';
import { timeScale, widget } from '../tests/unit/tvWidgetModel';
import { median, quantile } from './stats';

const RUNS = 20_000;

function perCallUs(fn: () => void): { median: number; p99: number } {
  for (let i = 0; i < 1_000; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  return { median: median(times), p99: quantile(times, 0.99) };
}

export function benchBridge(): void {
  const withTime = widget();
  const ts = timeScale(1200, 7.3, 3.4, 500, 1_700_000_000, 900);
  const { coordinateToTime: _, ...noTime } = ts;
  const withoutTime = widget({ getTimeScale: () => ({ ...noTime, rightOffset: () => 3.4 }), getVisibleRange: () => ({ from: 1_700_000_000, to: 1_700_000_000 + 499 * 900 }) });
  if (!readWidget(withTime).ok || !readWidget(withoutTime).ok) throw new Error('bench widget unreadable');
  const frames = [0, 1, 2, 3].map((index) => ({ index, el: {} as HTMLIFrameElement, id: `f${index}`, origin: 'https://www.binance.com', doc: { defaultView: index === 2 ? { tradingViewApi: withTime } : {} } as unknown as Document }));
  const win = { tvWidget: { id: 'not a widget' } } as unknown as Window;
  const read = perCallUs(() => void readWidget(withTime));
  const fallback = perCallUs(() => void readWidget(withoutTime));
  const search = perCallUs(() => void findCandidates(win, frames, null));
  const fmt = (r: { median: number; p99: number }) => `median ${r.median.toFixed(1)} µs, p99 ${r.p99.toFixed(1)} µs`;
  console.log(`\n## Chart bridge, per animation frame (Node ${process.version}, n=${RUNS})`);
  console.log(`read geometry with coordinateToTime (bisection): ${fmt(read)}`);
  console.log(`read geometry without coordinateToTime (visible range): ${fmt(fallback)}`);
  console.log(`find handles on the page and 4 same-origin frames: ${fmt(search)}`);
  console.log(`SUMMARY bridge: read ${read.median.toFixed(1)} µs/frame (${fallback.median.toFixed(1)} µs without coordinateToTime), handle search ${search.median.toFixed(1)} µs/frame`);
}
