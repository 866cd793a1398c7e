/** The leverage tiers: leverage × and weight per row, the share each gets, rows added and removed. */
import { LIMITS } from '../settings/schema';
import { formatShare } from '../wording/format';
import type { TierDraft } from './modelDraft';

const percent = (share: number | null) => (share === null ? '—' : formatShare(share));

export function LeverageTable({ tiers, shares, invalidField, onEdit, onAdd, onRemove, onLeave }: {
  tiers: TierDraft[];
  shares: (number | null)[];
  invalidField: string | undefined;
  onEdit: (id: number, field: 'leverage' | 'weight', value: string) => void;
  onAdd: () => void;
  onRemove: (id: number) => void;
  onLeave: () => void;
}) {
  return (
    <div class="tiers">
      <h3 id="tiers-title">Leverage tiers</h3>
      <p class="hint" id="tiers-hint">How traders spread new positions over leverage. Weights are relative: each tier's share is its weight over the total.</p>
      <table aria-labelledby="tiers-title" aria-describedby="tiers-hint">
        <thead>
          <tr>
            <th scope="col">Leverage (×)</th>
            <th scope="col">Weight</th>
            <th scope="col">Share</th>
            <th scope="col"><span class="visually-hidden">Remove</span></th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier, i) => {
            const levId = `tier-${tier.id}-leverage`;
            const weightId = `tier-${tier.id}-weight`;
            return (
              <tr key={tier.id}>
                <td>
                  <input
                    id={levId} type="number" inputMode="decimal" min={1} max={200} step="any" value={tier.leverage}
                    aria-label={`Leverage of tier ${i + 1}`} aria-invalid={invalidField === levId ? 'true' : undefined}
                    onInput={(e) => onEdit(tier.id, 'leverage', e.currentTarget.value)} onBlur={onLeave}
                    onKeyDown={(e) => e.key === 'Enter' && onLeave()}
                  />
                </td>
                <td>
                  <input
                    id={weightId} type="number" inputMode="decimal" min={0} step="any" value={tier.weight}
                    aria-label={`Weight of tier ${i + 1}`} aria-invalid={invalidField === weightId ? 'true' : undefined}
                    onInput={(e) => onEdit(tier.id, 'weight', e.currentTarget.value)} onBlur={onLeave}
                    onKeyDown={(e) => e.key === 'Enter' && onLeave()}
                  />
                </td>
                <td class="share">{percent(shares[i] ?? null)}</td>
                <td>
                  <button type="button" class="button small" disabled={tiers.length <= 1} onClick={() => onRemove(tier.id)}
                    aria-label={`Remove tier ${i + 1}${tier.leverage ? ` (${tier.leverage}×)` : ''}`}>
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" class="button" onClick={onAdd} disabled={tiers.length >= LIMITS.leverageTiers.max}>
        Add a leverage tier
      </button>
    </div>
  );
}
