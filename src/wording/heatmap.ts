/**
 * The heatmap's measured skill, hit rate and dollars in words: the one wording the badge, the
 * popup, the side panel, the overlay's legend and hover, and the notifications share
 * (core/heatmap/skill and score measure them; core/heatmap/forecast prices the levels).
 */
import type { Side, SkillSummary } from '../core/heatmap';
import { exchange as exchangeDef, EXCHANGE_IDS, type ExchangeId } from '../exchanges';
import type { ForecastBasisSummary, HitRate } from '../messaging/validate';
import type { LevelForecastSummary } from '../messaging/validateLayers';
import { exchangeName, formatCount, formatPercent, formatPrice, formatSigned, formatUsd } from './format';

/** Whether the clusters have shown skill beyond distance from price: the edge's 95 % interval lies above 0. */
export function showsEdge(skill: SkillSummary | null): boolean {
  return skill !== null && skill.edgeCi95 !== null && skill.edgeCi95[0] > 0;
}

/** 0.0612 → "0.06", −0.031 → "−0.03" (a true minus sign); `signed` adds "+" to 0 and above. */
function score(x: number, signed = false): string {
  return formatSigned(x, 2, signed);
}

/**
 * "clusters placed the last 812 liquidations better than distance alone: +0.06 (0.02 to 0.10)"
 * only where the interval's low end is above 0; "no better than distance alone (+0.01, −0.03 to
 * 0.05, 812 liquidations)" otherwise; and before any is scored, that there are not enough yet.
 */
export function skillText(skill: SkillSummary | null): string {
  if (skill === null || skill.prints === 0) return 'not enough liquidations scored yet';
  const n = `${formatCount(skill.prints)} liquidation${skill.prints === 1 ? '' : 's'}`;
  const ci = skill.edgeCi95;
  if (ci === null) {
    // One independent day gives no interval: the estimate alone proves nothing yet.
    return `not shown better than distance alone yet (${score(skill.edge, true)} over ${skill.days} day${skill.days === 1 ? '' : 's'}, too few days for an interval; ${n})`;
  }
  const interval = `${score(ci[0])} to ${score(ci[1])}`;
  if (showsEdge(skill)) return `clusters placed the last ${n} better than distance alone: ${score(skill.edge, true)} (${interval})`;
  return `no better than distance alone (${score(skill.edge, true)}, ${interval}, ${n})`;
}

/** "hit rate 21% of 1,259 prints (chance 16%)": only with the sample behind it and the chance level beside it; null before. */
export function hitRateText({ prints, hitRate, chance }: HitRate): string | null {
  if (!(prints > 0) || hitRate === null || chance === null) return null;
  return `hit rate ${formatPercent(hitRate)} of ${formatCount(prints)} prints (chance ${formatPercent(chance)})`;
}

// ── the map in dollars ──────────────────────────────────────────────────────────────────────

/** A side's traders, plural: longs · shorts. */
const sides = (side: Side) => `${side}s`;

/** "$400k–$7.9M": a dollar interval. */
function dollarRange(f: LevelForecastSummary): string {
  return `${formatUsd(f.low80)}–${formatUsd(f.high80)}`;
}

/** "about $2.1M of longs liquidated (80%: $400k–$7.9M)": what the map expects at a level, with its interval. */
export function dollarsText(side: Side, f: LevelForecastSummary): string {
  return `about ${formatUsd(f.expected)} of ${sides(side)} liquidated (80%: ${dollarRange(f)})`;
}

/** "if price reaches 36,500: about $2.1M of longs liquidated (80%: $400k–$7.9M)": the trader's sentence for a level. */
export function levelForecastText(side: Side, price: number, f: LevelForecastSummary): string {
  return `if price reaches ${formatPrice(price)}: ${dollarsText(side, f)}`;
}

/** "2.3× the usual at this distance": the model's likelihood ratio at a level (1 = an ordinary level at its distance). */
export function likelihoodText(lr: number): string {
  return `${lr >= 10 ? Math.round(lr) : lr.toFixed(1)}× the usual at this distance`;
}

/** The exchange the prior's recorded days come from, read off its source ("Bybit BTCUSDT liquidation stream, …"). */
function priorExchange(source: string): string {
  return EXCHANGE_IDS.map(exchangeName).find((name) => source.startsWith(name)) ?? 'an exchange\'s';
}

/**
 * Where the dollars come from, as two lines: what they count ("Dollars liquidated within 15 min of
 * price first reaching a level, as Binance's stream reports them (at most one print a second)")
 * and whose law they are ("learned from 1,234 reached levels on this market", or the prior's
 * words); where the map has none, why (one line).
 */
export function forecastBasisLines(basis: ForecastBasisSummary | null, exchange: ExchangeId): string[] {
  if (basis === null) return ['No dollars at levels on candles longer than 1 h (the map learns from hourly snapshots)'];
  const stream = `Dollars liquidated within 15 min of price first reaching a level, as ${exchangeName(exchange)}'s stream reports them${exchangeDef(exchange).throttledPrints ? ' (at most one print a second)' : ''}`;
  const law = basis.kind === 'market'
    ? `learned from ${formatCount(basis.levels)} reached levels on this market`
    : `from recorded ${priorExchange(basis.source)} days, scaled by this market's turnover, until this market has taught it (${formatCount(basis.levels)} levels so far)`;
  return [stream, law];
}

/** The same in one line. */
export function forecastBasisText(basis: ForecastBasisSummary | null, exchange: ExchangeId): string {
  return forecastBasisLines(basis, exchange).join('; ');
}

/**
 * "80% intervals held 80% (76–84%) of 21,783 reached levels": the calibration of the dollars on
 * the stored prints (the tracker keeps a week); before any reached level is judged, that too.
 */
export function calibrationText(skill: SkillSummary | null): string {
  const c = skill?.calibration ?? null;
  if (c === null) return '80% intervals: no reached level judged yet';
  const ci = c.coverage80Ci95 ? ` (${Math.round(c.coverage80Ci95[0] * 100)}–${formatPercent(c.coverage80Ci95[1])})` : '';
  return `80% intervals held ${formatPercent(c.coverage80)}${ci} of ${formatCount(c.levels)} reached level${c.levels === 1 ? '' : 's'}`;
}

/**
 * A swept cluster's dollars: "the map expected about $2.1M of shorts liquidated (80%: $400k–$7.9M);
 * $350k so far in the sweeping candle", or what is missing.
 */
export function sweptDollarsText(side: Side, forecast: LevelForecastSummary | null, realized: number | null): string {
  const expected = forecast ? `the map expected ${dollarsText(side, forecast)}` : 'the map had no dollars for this level';
  const so = realized === null ? 'no prints scored to compare' : `${formatUsd(realized)} of ${sides(side)} liquidated there so far in the sweeping candle`;
  return `${expected}; ${so}`;
}
