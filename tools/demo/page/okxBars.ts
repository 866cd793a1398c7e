/** OKX's swap candles on the demo pages, through the demo site's proxy to the replay. */
import { API, type Bar } from './replayCandles';

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
export async function bars(symbol: string, timeframe: string, limit = 300): Promise<Bar[]> {
  const instId = `${symbol.replace(/USDT$/, '')}-USDT-SWAP`;
  const res = await fetch(`${API}/api/v5/market/candles?instId=${encodeURIComponent(instId)}&bar=${okxBar(timeframe)}&limit=${Math.min(limit, 300)}`);
  if (!res.ok) throw new Error(`candles: HTTP ${res.status}`);
  const body = (await res.json()) as { code: string; msg: string; data?: string[][] };
  if (body.code !== '0') throw new Error(body.msg);
  return (body.data ?? []).map(([t, o, h, l, c]) => ({ time: Number(t) / 1000, open: +o!, high: +h!, low: +l!, close: +c! })).reverse();
}
