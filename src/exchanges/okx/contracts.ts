/**
 * OKX swap ids and contract values. OKX's liquidation pushes count `sz` in contracts, and a
 * contract is worth `ctVal` of the base coin (BTC-USDT-SWAP 0.01 BTC, ETH-USDT-SWAP 0.1 ETH).
 * The two LiqLens is most used on are shipped here, so prints read before any REST answer; every
 * other swap's value is learnt from `/api/v5/public/instruments` when the REST side loads the
 * markets (rest.ts), which history does before a tab's stream is wanted. A print of a swap whose
 * value is still unknown is rejected by name, never guessed.
 */
import { splitSymbol } from '../shared/exchange';

const SHIPPED: Readonly<Record<string, number>> = { BTCUSDT: 0.01, ETHUSDT: 0.1 };
const learnt = new Map<string, number>();

/** LiqLens's BTCUSDT → OKX's BTC-USDT-SWAP; null where the symbol is not a USDT pair. */
export function okxInstId(symbol: string): string | null {
  const pair = splitSymbol(symbol, ['USDT']);
  return pair ? `${pair[0]}-${pair[1]}-SWAP` : null;
}

/** OKX's BTC-USDT-SWAP (any case) → BTCUSDT; null for anything but a USDT-margined swap id. */
export function symbolOfInstId(instId: string): string | null {
  const match = /^([A-Z0-9]{1,16})-USDT-SWAP$/.exec(instId.toUpperCase());
  return match ? `${match[1]}USDT` : null;
}

/** Base coin per contract of `symbol` (BTCUSDT), or undefined while unknown. */
export function contractValue(symbol: string): number | undefined {
  return learnt.get(symbol) ?? SHIPPED[symbol];
}

/** Records the contract values of loaded markets (ccxt's `contractSize` is OKX's `ctVal`). */
export function learnContractValues(markets: Iterable<{ id?: string; swap?: boolean; linear?: boolean; contractSize?: number }>): void {
  for (const m of markets) {
    const symbol = m.swap && m.linear && m.id ? symbolOfInstId(m.id) : null;
    if (symbol && typeof m.contractSize === 'number' && Number.isFinite(m.contractSize) && m.contractSize > 0) learnt.set(symbol, m.contractSize);
  }
}
