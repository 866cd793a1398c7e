/**
 * Candles for the demo pages, read through the demo site's same-origin proxy to the replay
 * exchange (an https page cannot fetch http://127.0.0.1 directly), in each exchange's format:
 * `<id>Bars.ts` beside this file reads exchange <id>'s (its registry id), exporting `bars`.
 */
export interface Bar {
  time: number; // unix seconds, as lightweight-charts and TradingView use
  open: number;
  high: number;
  low: number;
  close: number;
}

export const API = '/__liqlens_demo/api';

export type BarsOf = (symbol: string, timeframe: string, limit?: number) => Promise<Bar[]>;

/** Exchange `id`'s candle reader, `./<id>Bars.js` (found by id, so a new exchange adds its file and no line here). */
export async function barsOf(id: string): Promise<BarsOf> {
  if (!/^[a-z0-9]{1,24}$/.test(id)) throw new Error(`no such exchange: ${id.slice(0, 30)}`);
  return ((await import(`./${id}Bars.js`)) as { bars: BarsOf }).bars;
}
