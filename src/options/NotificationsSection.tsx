/** Which desktop notifications fire, for which clusters, and how often at most. */
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_NOTIFICATION_RULES, notificationRules, type NotificationRules } from '../settings/items';
import { LIMITS } from '../settings/schema';
import { NumberField, parseNumberInput } from './NumberField';
import { Section } from './Section';
import { Switch } from './Switch';
import { useSaver } from './useSaver';
import { useStoredValue } from './useStoredValue';

/** Changes some rules on top of the latest stored ones (a waiting change must not undo a switch flipped since). */
async function update(patch: Partial<NotificationRules>): Promise<void> {
  await notificationRules.setValue({ ...(await notificationRules.getValue()), ...patch });
}

const parseMinNotional = (raw: string) => parseNumberInput(raw, { min: 0, unit: 'USDT' });
const parseCooldown = (raw: string) => parseNumberInput(raw, { ...LIMITS.cooldownMinutes, whole: true, unit: 'minutes' });

const KINDS: { key: 'clusterSwept' | 'setupFormed' | 'magnetReached'; label: string; hint: string }[] = [
  { key: 'clusterSwept', label: 'Cluster swept', hint: 'Price ran through a liquidation cluster.' },
  { key: 'setupFormed', label: 'Sweep + CHoCH setup formed', hint: 'A liquidation sweep followed by a change of character, with its entry zone and stop.' },
  { key: 'magnetReached', label: 'Magnet zone reached', hint: 'Price reached the zone the liquidations pull it towards.' },
];

export function NotificationsSection() {
  const saver = useSaver();
  const stored = useStoredValue(notificationRules);
  // A switch shows its new state at once, before the write lands (else a re-render in between
  // would flip it back for a moment); each key is dropped once the store has caught up with it.
  const [pending, setPending] = useState<Partial<NotificationRules>>({});
  useEffect(() => {
    if (stored) setPending((p) => Object.fromEntries(Object.entries(p).filter(([k, v]) => stored[k as keyof NotificationRules] !== v)));
  }, [stored]);
  // Over the defaults: rules stored before a rule existed lack it.
  const rules = stored && { ...DEFAULT_NOTIFICATION_RULES, ...stored, ...pending };
  const set = (patch: Partial<NotificationRules>) => {
    setPending((p) => ({ ...p, ...patch }));
    saver.save(() => update(patch));
  };
  return (
    <Section id="notifications" title="Notifications" status={saver.state} intro="Desktop notifications for the charts you have open.">
      <fieldset class="switches">
        <legend>Notify me when</legend>
        {KINDS.map(({ key, label, hint }) => (
          <Switch key={key} id={`notify-${key}`} label={label} hint={hint} checked={rules?.[key] ?? null} onChange={(on) => set({ [key]: on })} />
        ))}
      </fieldset>
      <Switch id="notify-confirmedOnly" label="Only clusters another exchange shows too" hint="Off: every cluster of the chart's own exchange notifies."
        checked={rules?.confirmedOnly ?? null} disabled={rules?.clusterSwept === false} onChange={(on) => set({ confirmedOnly: on })} />
      <Switch id="notify-onlyWithEdge" label="Only while clusters show an edge"
        hint="Swept clusters and magnet zones notify only while the heatmap has placed the liquidations scored so far better than distance from price alone (its 95 % interval above 0). Off: they notify, and say when it has not."
        checked={rules?.onlyWithEdge ?? null} disabled={rules?.clusterSwept === false && rules.magnetReached === false} onChange={(on) => set({ onlyWithEdge: on })} />
      <NumberField id="min-cluster-notional" label="Minimum cluster size" unit="USDT" min={0} step="any" saver={saver}
        hint="Smaller clusters never notify; 0 notifies every size."
        value={rules?.minClusterNotional ?? null} parse={parseMinNotional} commit={(n) => update({ minClusterNotional: n })} />
      <NumberField id="cooldown-minutes" label="Cooldown" unit="minutes" min={LIMITS.cooldownMinutes.min} max={LIMITS.cooldownMinutes.max} step={1} saver={saver}
        hint="The same cluster notifies again only after this long."
        value={rules?.cooldownMinutes ?? null} parse={parseCooldown} commit={(n) => update({ cooldownMinutes: n })} />
    </Section>
  );
}
