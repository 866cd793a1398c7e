/**
 * Candles for the demo pages, read through the demo site's same-origin proxy to the replay
 * exchange (an https page cannot fetch http://127.0.0.1 directly), in each exchange's format.
 */
import type { ExchangeId } from '../../../src/exchanges';

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

/** OKX's bar names: minutes as `m`, hours and days upper case, UTC boundaries from 6h up. */
function okxBar(timeframe: string): string {
  const match = /^(\d+)([mhdw])$/.exec(timeframe);
  if (!match) throw new Error(`unknown timeframe ${timeframe}`);
  const n = Number(match[1]);
  if (match[2] === 'm') return `${n}m`;
  const unit = match[2]!.toUpperCase();
  return match[2] === 'h' && n < 6 ? `${n}${unit}` : `${n}${unit}utc`;
}

/** OKX swap candles (newest first on the wire, at most 300): served from Binance's recordings converted. */
export async function okxBars(symbol: string, timeframe: string, limit = 300): Promise<Bar[]> {
  const instId = `${symbol.replace(/USDT$/, '')}-USDT-SWAP`;
  const res = await fetch(`${API}/api/v5/market/candles?instId=${encodeURIComponent(instId)}&bar=${okxBar(timeframe)}&limit=${Math.min(limit, 300)}`);
  if (!res.ok) throw new Error(`candles: HTTP ${res.status}`);
  const body = (await res.json()) as { code: string; msg: string; data?: string[][] };
  if (body.code !== '0') throw new Error(body.msg);
  return (body.data ?? []).map(([t, o, h, l, c]) => ({ time: Number(t) / 1000, open: +o!, high: +h!, low: +l!, close: +c! })).reverse();
}

/** Each exchange's candles, in its own format (the chart frame's `exchange` query picks one). */
export const BARS: Record<ExchangeId, (symbol: string, timeframe: string, limit?: number) => Promise<Bar[]>> = { binance: binanceBars, bybit: bybitBars, okx: okxBars };
