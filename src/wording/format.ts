/**
 * The wording LiqLens's pages, badge, overlay and notifications share: prices, notionals, shares,
 * signed figures, counts, ages and times, and exchange names (from the registry). One home, so
 * each reads the same everywhere. The heatmap's hit rate and edge in words are in ./heatmap.ts.
 */
import { exchangeName, type ExchangeId } from '../exchanges';

export { exchangeName, exchangeNamesText } from '../exchanges';

/** Whose heatmap the bands show, as the popup and the options page word it: `page` is the chart's own exchange. */
export function heatmapSourceLabel(source: 'page' | ExchangeId | 'aggregate', page: string): string {
  if (source === 'page') return page;
  return source === 'aggregate' ? 'All exchanges, aggregated' : exchangeName(source);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const PRICE = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
/** toLocaleString builds a formatter on every call (the badge formats counts each second): one, made once. */
const COUNT = new Intl.NumberFormat('en-US');

/** A price in quote currency, six significant digits: 43,210.5 · 2,345.67 · 0.0012345. */
export function formatPrice(price: number): string {
  return PRICE.format(price);
}

const USD_UNITS = ['', 'k', 'M', 'B', 'T'];

/** A USDT notional, short: $840 · $12.5k · $950k · $12.3M · $1.2B. */
export function formatUsd(value: number): string {
  let v = Math.abs(value);
  let unit = 0;
  // Move up a unit while the rounded figure would read 1000 or more.
  while (unit < USD_UNITS.length - 1 && v >= (unit === 0 ? 999.5 : 999.95)) {
    v /= 1000;
    unit++;
  }
  const digits = unit === 0 || v >= 100 ? 0 : 1;
  return `${value < 0 ? '-' : ''}$${v.toFixed(digits)}${USD_UNITS[unit]}`;
}

/** A share 0..1 as a percentage: 4.2% · 37%. */
export function formatShare(share: number): string {
  const pct = share * 100;
  return `${pct.toFixed(pct < 10 ? 1 : 0)}%`;
}

/** A share 0..1 as a whole percentage: 0% · 14% · 100%. */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * A signed figure with a true minus sign: +0.06 · −1.25. `plus: false` leaves out the plus
 * (interval ends: 0.02 to 0.10). A figure that rounds to 0 is never negative.
 */
export function formatSigned(x: number, digits: number, plus = true): string {
  const text = Math.abs(x).toFixed(digits);
  if (x < 0 && Number(text) !== 0) return `−${text}`;
  return plus ? `+${text}` : text;
}

/** A signed percentage, one decimal: a distance from price (+3.1% · −2.1%). */
export function formatSignedPct(pct: number): string {
  return `${formatSigned(pct, 1)}%`;
}

/** A result in R (risk units): +1.50 R · −1.00 R. */
export function formatR(r: number): string {
  return `${formatSigned(r, 2)} R`;
}

/** A count with thousands separators: 1,259. */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** A length of time: <1 min · 12 min · 3 h 20 min · 2 d 4 h. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return '<1 min';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) {
    const h = Math.floor(ms / HOUR);
    const m = Math.floor((ms % HOUR) / MINUTE);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** "3 h 20 min ago", or "in 40 min" for a time still ahead. */
export function formatAge(time: number, now: number): string {
  return time <= now ? `${formatDuration(now - time)} ago` : `in ${formatDuration(time - now)}`;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** "14:30 UTC", with the day ("Mar 6 14:30 UTC") when it is not the same UTC day as `now`. */
export function formatUtc(time: number, now: number): string {
  const d = new Date(time);
  const hhmm = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} UTC`;
  return Math.floor(time / DAY) === Math.floor(now / DAY) ? hhmm : `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${hhmm}`;
}

/** An instant in full, for a line read later: 2026-11-28 06:30 UTC. */
export function formatUtcStamp(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A short age for live status lines: 0s · 59s · 1m · 3h · 3d. */
export function formatShortAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h` : `${Math.floor(h / 24)}d`;
}
