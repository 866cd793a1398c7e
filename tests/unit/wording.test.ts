import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, formatR, formatSigned, formatSignedPct, formatUtcStamp } from '../../src/wording/format';
import type { SkillSummary } from '../../src/core/heatmap';
import { calibrationText, forecastBasisText, hitRateText, levelForecastText, likelihoodText, skillText, sweptDollarsText } from '../../src/wording/heatmap';

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

  it('says a level\'s dollars as the trader reads them, with the interval, and the model\'s lift at that distance', () => {
    const f = { expected: 2_080_000, low80: 412_000, high80: 7_940_000, lr: 2.31 };
    expect(levelForecastText('long', 36_500, f)).toBe('if price reaches 36,500: about $2.1M of longs liquidated (80%: $412k–$7.9M)');
    expect(levelForecastText('short', 97_812.5, { ...f, low80: 0 })).toBe('if price reaches 97,812.5: about $2.1M of shorts liquidated (80%: $0–$7.9M)');
    expect([likelihoodText(2.31), likelihoodText(0.42), likelihoodText(1), likelihoodText(14.6)])
      .toEqual(['2.3× the usual at this distance', '0.4× the usual at this distance', '1.0× the usual at this distance', '15× the usual at this distance']);
  });

  it('says where the dollars come from: the stream (and its throttle), and this market\'s law or the prior until it has one', () => {
    expect(forecastBasisText({ kind: 'market', levels: 1_234, alpha: 0.3 }, 'binance'))
      .toBe('Dollars liquidated within 15 min of price first reaching a level, as Binance\'s stream reports them (at most one print a second); learned from 1,234 reached levels on this market');
    expect(forecastBasisText({ kind: 'prior', levels: 17, alpha: 0, source: 'Bybit liquidation stream, BTCUSDT 44 days (2024-02-12 → 2024-03-30)' }, 'bybit'))
      .toBe('Dollars liquidated within 15 min of price first reaching a level, as Bybit\'s stream reports them; from recorded Bybit days, scaled by this market\'s turnover, until this market has taught it (17 levels so far)');
    expect(forecastBasisText(null, 'okx')).toBe('No dollars at levels on candles longer than 1 h (the map learns from hourly snapshots)');
  });

  const skill: SkillSummary = {
    model: 0.55, raw: 0.54, alpha: 0, baseline: 0.574, baselineKind: 'market-distance', edge: -0.024, edgeCi95: [-0.061, 0.006], prints: 9_512, snapshots: 480, days: 20, priceBasis: 'order-to-trigger',
    calibration: { coverage80: 0.8, coverage80Ci95: [0.76, 0.84], levels: 21_783, priorLevels: 0, levelsWithPrints: 7_000, coverageWithPrints: 0.7, noPrintCoverage80: 0.85, logBias: 0.1, forecastOverRealized: 1.1, days: 20 },
  };

  it('says the calibration beside the edge, and "no better than distance alone" where the edge\'s interval includes 0', () => {
    expect(calibrationText(skill)).toBe('80% intervals held 80% (76–84%) of 21,783 reached levels');
    expect(calibrationText({ ...skill, calibration: { ...skill.calibration!, coverage80Ci95: null, levels: 1 } })).toBe('80% intervals held 80% of 1 reached level');
    expect(calibrationText(null)).toBe('80% intervals: no reached level judged yet');
    expect(skillText(skill)).toBe('no better than distance alone (−0.02, −0.06 to 0.01, 9,512 liquidations)');
  });

  it('says a swept level\'s expected and realized dollars, or what is missing', () => {
    const f = { expected: 2_100_000, low80: 400_000, high80: 7_900_000, lr: 1 };
    expect(sweptDollarsText('short', f, 350_000)).toBe('the map expected about $2.1M of shorts liquidated (80%: $400k–$7.9M); $350k of shorts liquidated there so far in the sweeping candle');
    expect(sweptDollarsText('long', null, null)).toBe('the map had no dollars for this level; no prints scored to compare');
  });
});
