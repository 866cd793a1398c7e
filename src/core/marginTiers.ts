/**
 * Maintenance-margin tiers: the rate an exchange charges rises with the position's notional.
 * The liquidation price of a position depends on it (DESIGN.md §2).
 */
export interface MarginTier {
  /** Upper bound of the tier's position notional, in USDT (the lower bound is the previous tier's). */
  maxNotional: number;
  maintenanceMarginRate: number;
  maxLeverage: number;
}

/**
 * Binance's brackets need a signed request, so LiqLens ships a default: the USDⓈ-M BTCUSDT
 * table as Binance's "Leverage & Margin" page published it (2024), typed in and not fetched.
 * Other symbols use it too until the options page edits it; their real rates are higher.
 */
export const DEFAULT_BINANCE_TIERS: readonly MarginTier[] = Object.freeze([
  { maxNotional: 50_000, maintenanceMarginRate: 0.004, maxLeverage: 125 },
  { maxNotional: 600_000, maintenanceMarginRate: 0.005, maxLeverage: 100 },
  { maxNotional: 3_000_000, maintenanceMarginRate: 0.0065, maxLeverage: 75 },
  { maxNotional: 12_000_000, maintenanceMarginRate: 0.01, maxLeverage: 50 },
  { maxNotional: 70_000_000, maintenanceMarginRate: 0.02, maxLeverage: 25 },
  { maxNotional: 100_000_000, maintenanceMarginRate: 0.025, maxLeverage: 20 },
  { maxNotional: 230_000_000, maintenanceMarginRate: 0.05, maxLeverage: 10 },
  { maxNotional: 480_000_000, maintenanceMarginRate: 0.1, maxLeverage: 5 },
  { maxNotional: 600_000_000, maintenanceMarginRate: 0.125, maxLeverage: 4 },
  { maxNotional: 800_000_000, maintenanceMarginRate: 0.15, maxLeverage: 3 },
  { maxNotional: 1_200_000_000, maintenanceMarginRate: 0.25, maxLeverage: 2 },
  { maxNotional: 1_800_000_000, maintenanceMarginRate: 0.5, maxLeverage: 1 },
].map((t) => Object.freeze(t)));

/** The maintenance margin rate for a position of `notional`: the tier that holds it (the last one beyond). */
export function maintenanceMarginRate(tiers: readonly MarginTier[], notional: number): number {
  for (const tier of tiers) if (notional <= tier.maxNotional) return tier.maintenanceMarginRate;
  return tiers.at(-1)?.maintenanceMarginRate ?? 0;
}

/**
 * First-tier maintenance rates of Binance symbols whose rate differs from BTCUSDT's, typed in from
 * its "Leverage & Margin" page like the table above. Nearly every individual position sits in the
 * first tier, and that tier is all the model and the scorer read; the higher tiers stay BTCUSDT's.
 */
const BINANCE_FIRST_TIER_RATE: Readonly<Record<string, number>> = Object.freeze({ ETHUSDT: 0.005 });

/** Binance's default table for `symbol`: BTCUSDT's, with the symbol's own first-tier rate where known. */
export function defaultBinanceTiers(symbol: string): readonly MarginTier[] {
  const rate = BINANCE_FIRST_TIER_RATE[symbol.toUpperCase()];
  if (rate === undefined) return DEFAULT_BINANCE_TIERS;
  return Object.freeze([Object.freeze({ ...DEFAULT_BINANCE_TIERS[0]!, maintenanceMarginRate: rate }), ...DEFAULT_BINANCE_TIERS.slice(1)]);
}
