/**
 * How large or small a market number may be before LiqLens calls it absurd and refuses the row,
 * print or frame that carries it. One home for the limits the CSV readers and the stream parsers
 * both apply. They are far outside anything real (BTC trades near 1e5 USDT, the smallest listed
 * prices near 1e-8, the largest single liquidation on record is a few hundred million USDT), so
 * they never refuse real data, yet keep every product and sum the engines form finite.
 */

/** Prices (quote currency per unit): positive, from 1e-12 up to 1e9. */
export const PRICE_MIN = 1e-12;
export const PRICE_MAX = 1e9;
/** Amounts in base units (quantities, volumes, open interest): at most 1e15. */
export const AMOUNT_MAX = 1e15;
/** One liquidation print's notional (price × quantity), in quote currency: below 1e10 (ten billion). */
export const NOTIONAL_MAX = 1e10;

/** A limit as people write it: 1e9, 1e-12. */
const sci = (n: number) => n.toExponential().replace('e+', 'e');

/** Why `value` is not a usable price, or null. */
export function priceProblem(name: string, value: number): string | null {
  if (!Number.isFinite(value)) return `${name} ${value} is not a finite number`;
  if (value <= 0) return `${name} ${Object.is(value, -0) ? '-0' : value} is not positive`;
  if (value < PRICE_MIN || value > PRICE_MAX) return `${name} ${value} is out of range (${sci(PRICE_MIN)} to ${sci(PRICE_MAX)})`;
  return null;
}

/** Why `value` is not a usable amount (zero allowed where `zeroOk`, e.g. a bar with no trades), or null. */
export function amountProblem(name: string, value: number, zeroOk: boolean): string | null {
  if (!Number.isFinite(value)) return `${name} ${value} is not a finite number`;
  if (value < 0 || (!zeroOk && value === 0)) return `${name} ${Object.is(value, -0) ? '-0' : value} is ${value < 0 ? 'negative' : 'not positive'}`;
  if (value > AMOUNT_MAX) return `${name} ${value} is out of range (above ${sci(AMOUNT_MAX)})`;
  return null;
}

/** Why a print's notional is not believable, or null. */
export function notionalProblem(notional: number): string | null {
  if (!Number.isFinite(notional) || notional >= NOTIONAL_MAX) return `notional ${notional} is out of range (the cap is ${sci(NOTIONAL_MAX)})`;
  return null;
}
