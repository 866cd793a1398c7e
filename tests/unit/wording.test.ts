import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, formatR, formatSigned, formatSignedPct, formatUtcStamp } from '../../src/wording/format';
import { hitRateText } from '../../src/wording/heatmap';

describe('the shared wording', () => {
  it('writes signed figures with a true minus sign, and nothing that rounds to 0 as negative', () => {
    expect([formatSigned(0.0612, 2), formatSigned(-0.031, 2), formatSigned(-0.004, 2), formatSigned(0, 2), formatSigned(0.02, 2, false), formatSigned(-0.03, 2, false)])
      .toEqual(['+0.06', '−0.03', '+0.00', '+0.00', '0.02', '−0.03']);
    expect([formatSignedPct(-2.14), formatSignedPct(3.12), formatSignedPct(-0.04)]).toEqual(['−2.1%', '+3.1%', '+0.0%']);
    expect([formatR(1.5), formatR(-1)]).toEqual(['+1.50 R', '−1.00 R']);
  });

  it('writes whole percentages, counts and a full UTC instant', () => {
    expect([formatPercent(0.207), formatPercent(0), formatPercent(1)]).toEqual(['21%', '0%', '100%']);
    expect(formatCount(1_259)).toBe('1,259');
    expect(formatUtcStamp(Date.UTC(2026, 10, 28, 6, 30, 59))).toBe('2026-11-28 06:30 UTC');
  });

  it('gives the hit rate only with its sample and chance level', () => {
    expect(hitRateText({ prints: 1_259, hitRate: 0.207, chance: 0.161, late: 2 })).toBe('hit rate 21% of 1,259 prints (chance 16%)');
    expect(hitRateText({ prints: 0, hitRate: null, chance: null, late: 0 })).toBeNull();
  });
});
