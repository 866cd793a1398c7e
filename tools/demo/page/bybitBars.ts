/** Bybit's linear klines on the demo pages (newest first on the wire), through the demo site's proxy to the replay. */
import { API, type Bar } from './replayCandles';

/** Bybit's interval names: minutes, then D and W. */
export function bybitInterval(timeframe: string): string {
  const match = /^(\d+)([mhdw])$/.exec(timeframe);
  if (!match) throw new Error(`unknown timeframe ${timeframe}`);
  const n = Number(match[1]);
  if (match[2] === 'd') return 'D';
  if (match[2] === 'w') return 'W';
  return String(match[2] === 'h' ? n * 60 : n);
}

export async function bars(symbol: string, timeframe: string, limit = 1000): Promise<Bar[]> {
  const res = await fetch(`${API}/v5/market/kline?category=linear&symbol=${encodeURIComponent(symbol)}&interval=${bybitInterval(timeframe)}&limit=${limit}`);
  if (!res.ok) throw new Error(`kline: HTTP ${res.status}`);
  const body = (await res.json()) as { retCode: number; retMsg: string; result: { list?: string[][] } };
  if (body.retCode !== 0) throw new Error(body.retMsg);
  return (body.result.list ?? [])
    .map(([t, o, h, l, c]) => ({ time: Number(t) / 1000, open: +o!, high: +h!, low: +l!, close: +c! }))
    .reverse();
}
