/**
 * One cross-context call (a one-off message and its answer), written once: the request's schema
 * and the reply's, in one file under src/messaging that both sides import. The sender asks with
 * `ask` and gets the reply checked against its schema; the receiver recognises its request with
 * `accepts`. No casts and no hand-written guards: both checks are the schemas (schema.ts).
 */
import type * as v from 'valibot';
import { check, parse, type Checked } from './schema';

export interface Contract<Req extends v.GenericSchema, Rep extends v.GenericSchema> {
  readonly request: Req;
  readonly reply: Rep;
}

export type RequestOf<C> = C extends Contract<infer Req, v.GenericSchema> ? v.InferOutput<Req> : never;
export type ReplyOf<C> = C extends Contract<v.GenericSchema, infer Rep> ? v.InferOutput<Rep> : never;

export function contract<Req extends v.GenericSchema, Rep extends v.GenericSchema>(request: Req, reply: Rep): Contract<Req, Rep> {
  return Object.freeze({ request, reply });
}

/**
 * The sender's side: sends `request` with `send` (runtime.sendMessage, tabs.sendMessage) and
 * checks the answer. A failed send rejects as `send` does; an answer that is not a reply is
 * refused with the reason.
 */
export async function ask<Req extends v.GenericSchema, Rep extends v.GenericSchema>(
  c: Contract<Req, Rep>, request: v.InferOutput<Req>, send: (message: unknown) => Promise<unknown>,
): Promise<Checked<v.InferOutput<Rep>>> {
  return check(c.reply, await send(request));
}

/** The receiver's side: the request when `message` is this contract's, else null (one channel carries several). */
export function accepts<Req extends v.GenericSchema, Rep extends v.GenericSchema>(c: Contract<Req, Rep>, message: unknown): v.InferOutput<Req> | null {
  return parse(c.request, message);
}
