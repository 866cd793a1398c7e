/**
 * Where market data comes from: the real exchanges, or a replay exchange that speaks their
 * wire formats (the bundled replay of recorded data, used offline and by the tests).
 */
export type DataSource = { kind: 'live' } | { kind: 'replay'; url: string };

export const LIVE: DataSource = { kind: 'live' };

/** Validates a stored or imported value; anything malformed falls back to live with a reason. */
export function parseDataSource(value: unknown): { source: DataSource; error?: string } {
  if (value === undefined || value === null) return { source: LIVE };
  if (typeof value === 'object' && (value as { kind?: unknown }).kind === 'live') return { source: LIVE };
  if (typeof value === 'object' && (value as { kind?: unknown }).kind === 'replay') {
    const url = (value as { url?: unknown }).url;
    if (typeof url === 'string' && isLoopbackHttpUrl(url)) {
      return { source: { kind: 'replay', url: url.replace(/\/+$/, '') } };
    }
    return { source: LIVE, error: `replay URL must be http(s) on this machine, got ${JSON.stringify(url)}` };
  }
  return { source: LIVE, error: 'unknown data source setting' };
}

/** A replay exchange runs on this machine: only loopback hosts are accepted (no remote endpoints by setting). */
export function isLoopbackHttpUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') &&
      (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]');
  } catch {
    return false;
  }
}
