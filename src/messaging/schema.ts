/**
 * The building blocks of the message schemas (validate.ts, validateLayers.ts, validateBridge.ts),
 * and the one way a message is checked. Each message shape is written once, as a valibot schema:
 * its TypeScript type is inferred from it (`v.InferOutput`) and its run-time check is it, so the
 * two cannot drift apart. Parsing copies out only the listed fields: anything extra a message
 * carries is dropped, never passed on.
 */
import * as v from 'valibot';
import { NOTIONAL_MAX } from '../core/bounds';
import { TIMEFRAMES } from '../core/timeframes';
import { EXCHANGE_IDS } from '../exchanges';

/** Any finite number. */
export const finite = v.pipe(v.number(), v.finite());
/** A finite number ≥ 0: times (epoch ms), prices that may be 0, notionals, durations. */
export const amount = v.pipe(v.number(), v.finite(), v.minValue(0));
/** A whole number ≥ 0. */
export const count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** A finite number > 0: prices and lengths that cannot be 0. */
export const positive = v.pipe(v.number(), v.finite(), v.gtValue(0));
/** A number in [lo, hi]. */
export const within = (lo: number, hi: number) => v.pipe(v.number(), v.minValue(lo), v.maxValue(hi));
/** A share or a rate, 0..1. */
export const unit = within(0, 1);
/** A print's notional within the stream parser's cap (src/core/bounds.ts). */
export const printNotional = v.pipe(amount, v.ltValue(NOTIONAL_MAX));
/**
 * A list of at most `max` items. Its length is checked before any item is read, so a huge list
 * is refused at no cost: no message can make a receiver work or allocate without bound.
 */
export const list = <S extends v.GenericSchema>(item: S, max: number) =>
  v.pipe(v.custom<unknown[]>((x) => Array.isArray(x) && x.length <= max, `Invalid list: expected at most ${max} items`), v.array(item));
/** Text of at most `max` characters. */
export const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const side = v.picklist(['long', 'short']);
/** A mark's direction: 1 bullish, −1 bearish. */
export const dir = v.picklist([1, -1]);
/** A trend: 1 up, −1 down, 0 not yet known. */
export const trend = v.picklist([1, -1, 0]);
/** An exchange of the registry (src/exchanges): the list is read from it, never written here. */
export const exchangeId = v.picklist(EXCHANGE_IDS);
export const timeframe = v.picklist(TIMEFRAMES);
/** A list of exchanges: at least `min`, at most as many as the registry lists, less `leaveOut`. */
export const exchangeList = (min: number, leaveOut = 0) => v.pipe(list(exchangeId, EXCHANGE_IDS.length - leaveOut), v.minLength(min));

/** The value when it fits the schema, else the reason it was refused (the first problem found, with its path). */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const MAX_REASON = 200;

/** Checks `value` against `schema`; never throws. */
export function check<S extends v.GenericSchema>(schema: S, value: unknown): Checked<v.InferOutput<S>> {
  let result: v.SafeParseResult<S>;
  try {
    result = v.safeParse(schema, value);
  } catch {
    // Plain data cannot throw while read; a message that does is refused like any other.
    return { ok: false, reason: 'unreadable message' };
  }
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.');
  const reason = path ? `${path}: ${issue.message}` : issue.message;
  return { ok: false, reason: reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON - 1)}…` : reason };
}

/**
 * Says in the console why messages were refused, once per reason and at most 20 reasons (a
 * broken sender repeats itself on every update). The message itself is dropped: the receiver
 * keeps what it had.
 */
export function refusalLog(what: string): (reason: string) => void {
  const seen = new Set<string>();
  return (reason) => {
    if (seen.has(reason) || seen.size >= 20) return;
    seen.add(reason);
    console.warn(`LiqLens: ${what} refused: ${reason}`);
  };
}

/** The value when it fits the schema, else null. */
export function parse<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> | null {
  const checked = check(schema, value);
  return checked.ok ? checked.value : null;
}
