/**
 * Reads a timeframe from the label of an exchange's interval button: `15m`, `1H`, `4h`, `1D`,
 * `1W`, TradingView resolutions (`15`, `60`, `D`), or words (`15 min`, `4 hours`, `1 day`).
 * Upper-case `M` is a month on the exchanges, so `1M` is not a minute.
 */
import { isTimeframe, timeframeFromResolution, type Timeframe } from '../core/timeframes';

const WORD_UNITS: Record<string, string> = {
  min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  hour: 'h', hours: 'h', hr: 'h', hrs: 'h',
  day: 'd', days: 'd',
  week: 'w', weeks: 'w',
};

export function timeframeFromLabel(label: string): Timeframe | null {
  const text = label.trim();
  if (/^\d+$/.test(text) || /^1?[DW]$/.test(text)) return timeframeFromResolution(text);
  const short = /^(\d+)\s*([mhHdDwW])$/.exec(text);
  if (short) {
    const unit = short[2]!;
    const tf = `${Number(short[1])}${unit === 'm' ? 'm' : unit.toLowerCase()}`;
    return isTimeframe(tf) ? tf : null;
  }
  const words = /^(\d+)\s*([A-Za-z]+)$/.exec(text);
  if (words) {
    const unit = WORD_UNITS[words[2]!.toLowerCase()];
    const tf = unit ? `${Number(words[1])}${unit}` : '';
    return isTimeframe(tf) ? tf : null;
  }
  return null;
}
