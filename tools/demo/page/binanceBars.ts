/** Binance's klines on the demo pages, through the demo site's proxy to the replay. */
import { API, type Bar } from './replayCandles';

export async function bars(symbol: string, interval: string, limit = 1000): Promise<Bar[]> {
  const res = await fetch(`${API}/fapi/v1/klines?symbol=${encodeURIComponent(symbol)}&interval=${encodeURIComponent(interval)}&limit=${limit}`);
  if (!res.ok) throw new Error(`klines: HTTP ${res.status}`);
  const rows = (await res.json()) as [number, string, string, string, string][];
  return rows.map(([t, o, h, l, c]) => ({ time: t / 1000, open: +o, high: +h, low: +l, close: +c }));
}
