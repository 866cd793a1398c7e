/**
 * The heatmap's measured skill and hit rate in words: the one wording the badge, the popup, the
 * overlay's legend and the notifications share (core/heatmap/skill and score measure them).
 */
import type { SkillSummary } from '../core/heatmap';
import type { HitRate } from '../messaging/validate';
import { formatCount, formatPercent, formatSigned } from './format';

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
