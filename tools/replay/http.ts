/** The shape every replay REST handler returns: a status and a JSON body. */
export interface JsonReply {
  status: number;
  body: unknown;
}

export function json(body: unknown, status = 200): JsonReply {
  return { status, body };
}

/** A query parameter as an integer, undefined when absent; NaN marks a malformed value. */
export function intParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
}

/** Numbers on the wire as the exchanges send them: decimal strings without exponent noise. */
export function decimal(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}
