/**
 * Liquidation price of an isolated USDT-margined linear position with entry E, leverage L and
 * maintenance margin rate m (DESIGN.md §2): long E(1 − 1/L)/(1 − m), short E(1 + 1/L)/(1 + m).
 * It is Binance's documented formula for one isolated position whose wallet balance is its
 * initial margin, in the first tier (maintenance amount 0).
 */
import type { PositionSide } from '../types';

export function liquidationPrice(side: PositionSide, entry: number, leverage: number, maintenanceMarginRate: number): number {
  return side === 'long'
    ? (entry * (1 - 1 / leverage)) / (1 - maintenanceMarginRate)
    : (entry * (1 + 1 / leverage)) / (1 + maintenanceMarginRate);
}
