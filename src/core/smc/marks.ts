/**
 * How an SMC object is drawn, as plain JSON for the tab (a mark). Each kind declares its mark's
 * fields once, in this small vocabulary (kinds.ts); the mark's type is derived here and its wire
 * schema in src/messaging/validateLayers.ts, from the same declaration, so the two cannot drift.
 */
import type { Direction, Scope } from './types';

/**
 * A mark field's value: a price (> 0), an amount (≥ 0), an epoch-ms time (or null where not
 * yet), a direction, a scope, a flag, or one of a few fixed words.
 */
export type MarkField = 'price' | 'amount' | 'time' | 'time|null' | 'dir' | 'scope' | 'flag' | readonly [string, ...string[]];
export type MarkFields = { readonly [name: string]: MarkField };

export type FieldValue<F extends MarkField> = F extends 'price' | 'amount' | 'time'
  ? number
  : F extends 'time|null'
    ? number | null
    : F extends 'dir'
      ? Direction
      : F extends 'scope'
        ? Scope
        : F extends 'flag'
          ? boolean
          : F extends readonly (infer W)[]
            ? W
            : never;

/** What every mark has: the candle times the engine anchored and confirmed it at; provisional ones come from the forming candle. */
export interface Anchored {
  fromTime: number;
  confirmTime: number;
  provisional: boolean;
}
export const ANCHORED_FIELDS = { fromTime: 'time', confirmTime: 'time', provisional: 'flag' } as const satisfies MarkFields;

/** The mark of kind `K` with fields `F` (flattened, so an editor shows it whole). */
export type MarkOf<K extends string, F extends MarkFields> = Flat<{ kind: K } & { -readonly [P in keyof F]: FieldValue<F[P]> } & Anchored>;
type Flat<T> = { [P in keyof T]: T[P] };
