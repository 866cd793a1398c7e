/** Words several layers' hover read-outs share; numbers and times are src/wording/format.ts's. */
import { formatPrice } from '../../wording/format';

export const dirWord = (dir: 1 | -1) => (dir === 1 ? 'bullish' : 'bearish');
export const scopeWord = (scope: 'swing' | 'internal') => (scope === 'swing' ? 'Swing' : 'Internal');
export const range = (low: number, high: number) => `${formatPrice(Math.min(low, high))} – ${formatPrice(Math.max(low, high))}`;
export const sideWord = (side: 'long' | 'short') => (side === 'long' ? 'longs' : 'shorts');
