/** What LiqLens keeps in the browser: how long, how much history to fetch, and clearing it. */
import { backfillDays, retentionDays } from '../settings/items';
import { LIMITS } from '../settings/schema';
import { ClearDataControl } from './ClearDataControl';
import { NumberField, parseNumberInput } from './NumberField';
import { Section } from './Section';
import { useSaver } from './useSaver';
import { useStoredValue } from './useStoredValue';

const parseRetention = (raw: string) => parseNumberInput(raw, { ...LIMITS.retentionDays, whole: true, unit: 'days' });
const parseBackfill = (raw: string) => parseNumberInput(raw, { ...LIMITS.backfillDays, whole: true, unit: 'days' });

export function StoredDataSection() {
  const saver = useSaver();
  const retention = useStoredValue(retentionDays);
  const backfill = useStoredValue(backfillDays);
  return (
    <Section id="stored-data" title="Stored data" status={saver.state}
      intro="Candles, open interest and liquidation prints are kept in this browser, so charts open with history and the heatmap has data.">
      <NumberField id="retention-days" label="Keep data for" unit="days" min={LIMITS.retentionDays.min} max={LIMITS.retentionDays.max} step={1} saver={saver}
        hint="Older candles, open interest and prints are deleted when LiqLens starts."
        value={retention} parse={parseRetention} commit={(n) => retentionDays.setValue(n)} />
      <NumberField id="backfill-days" label="History to fetch" unit="days" min={LIMITS.backfillDays.min} max={LIMITS.backfillDays.max} step={1} saver={saver}
        hint="Days of candles and open interest fetched when a chart is first shown."
        value={backfill} parse={parseBackfill} commit={(n) => backfillDays.setValue(n)} />
      <ClearDataControl />
    </Section>
  );
}
