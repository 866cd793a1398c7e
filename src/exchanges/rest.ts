/** The REST side of the registry (ccxt; background and Node only): one entry per exchange of ./index.ts. */
import type { ExchangeId } from '.';
import { binanceRest } from './binance/rest';
import { bybitRest } from './bybit/rest';
import { okxRest } from './okx/rest';
import type { ExchangeRest } from './shared/restTypes';

export const EXCHANGE_REST: Record<ExchangeId, ExchangeRest> = { binance: binanceRest, bybit: bybitRest, okx: okxRest };

export type { BudgetDef, ExchangeRest, RestCalls, TakerVolume } from './shared/restTypes';
