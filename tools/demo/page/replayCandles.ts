/**
 * Candles for the demo pages, read through the demo site's same-origin proxy to the replay
 * exchange (an https page cannot fetch http://127.0.0.1 directly), in each exchange's format.
 */
export interface Bar {
  time: number; // unix seconds, as lightweight-charts and TradingView use
  open: number;
  high: number;
  low: number;
  close: number;
}

const API = '/__liqlens_demo/api';

export async function binanceBars(symbol: string, interval: string, limit = 1000): Promise<Bar[]> {
  const res = await fetch(`${API}/fapi/v1/klines?symbol=${encodeURIComponent(symbol)}&interval=${encodeURIComponent(interval)}&limit=${limit}`);
  if (!res.ok) throw new Error(`klines: HTTP ${res.status}`);
  const rows = (await res.json()) as [number, string, string, string, string][];
  return rows.map(([t, o, h, l, c]) => ({ time: t / 1000, open: +o, high: +h, low: +l, close: +c }));
}

/** Bybit's interval names: minutes, then D and W. */
export function bybitInterval(timeframe: string): string {
  const match = /^(\d+)([mhdw])$/.exec(timeframe);
  if (!match) throw new Error(`unknown timeframe ${timeframe}`);
  const n = Number(match[1]);
  if (match[2] === 'd') return 'D';
  if (match[2] === 'w') return 'W';
  return String(match[2] === 'h' ? n * 60 : n);
}

export async function bybitBars(symbol: string, timeframe: string, limit = 1000): Promise<Bar[]> {
  const res = await fetch(`${API}/v5/market/kline?category=linear&symbol=${encodeURIComponent(symbol)}&interval=${bybitInterval(timeframe)}&limit=${limit}`);
  if (!res.ok) throw new Error(`kline: HTTP ${res.status}`);
  const body = (await res.json()) as { retCode: number; retMsg: string; result: { list?: string[][] } };
  if (body.retCode !== 0) throw new Error(body.retMsg);
  return (body.result.list ?? [])
    .map(([t, o, h, l, c]) => ({ time: Number(t) / 1000, open: +o!, high: +h!, low: +l!, close: +c! }))
    .reverse();
}
