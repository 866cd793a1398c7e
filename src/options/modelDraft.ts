/**
 * The heatmap model's fields as typed (strings, so a half-typed number stays as it is), and
 * their check: each a number, then the model's own validation (resolveHeatmapParams).
 */
import { DEFAULT_HEATMAP_PARAMS, resolveHeatmapParams } from '../core/heatmap/params';
import type { ModelSettings } from '../settings/items';

export interface TierDraft {
  /** Stable per row, for Preact's keys and focus. */
  id: number;
  leverage: string;
  weight: string;
}

export interface ModelDraft {
  tiers: TierDraft[];
  fadeHalfLife: string;
  volumeLookback: string;
}

export type ModelCheck =
  | { ok: true; settings: ModelSettings }
  /** `field`: the input to mark, where one is to blame. */
  | { ok: false; error: string; field?: string };

let nextId = 1;
export const newTierId = () => nextId++;

export const DEFAULT_MODEL: ModelSettings = {
  leverage: DEFAULT_HEATMAP_PARAMS.leverage.map((t) => ({ ...t })),
  fadeHalfLife: DEFAULT_HEATMAP_PARAMS.fadeHalfLife,
  volumeLookback: DEFAULT_HEATMAP_PARAMS.volumeLookback,
};

export function draftOf(settings: ModelSettings): ModelDraft {
  return {
    tiers: settings.leverage.map((t) => ({ id: newTierId(), leverage: String(t.leverage), weight: String(t.weight) })),
    fadeHalfLife: String(settings.fadeHalfLife),
    volumeLookback: String(settings.volumeLookback),
  };
}

const numberOf = (text: string) => (text.trim() === '' ? NaN : Number(text));

export function checkModel(draft: ModelDraft): ModelCheck {
  const leverage = [];
  for (const [i, tier] of draft.tiers.entries()) {
    const lev = numberOf(tier.leverage);
    if (!Number.isFinite(lev)) return { ok: false, error: `Tier ${i + 1}: enter a leverage from 1 to 200.`, field: `tier-${tier.id}-leverage` };
    const weight = numberOf(tier.weight);
    if (!Number.isFinite(weight)) return { ok: false, error: `Tier ${i + 1}: enter a weight (0 or more).`, field: `tier-${tier.id}-weight` };
    leverage.push({ leverage: lev, weight });
  }
  const fadeHalfLife = numberOf(draft.fadeHalfLife);
  if (!Number.isFinite(fadeHalfLife)) return { ok: false, error: 'Enter the fade half-life in candles.', field: 'fade-half-life' };
  const volumeLookback = numberOf(draft.volumeLookback);
  if (!Number.isFinite(volumeLookback)) return { ok: false, error: 'Enter the volume lookback in candles.', field: 'volume-lookback' };
  const settings: ModelSettings = { leverage, fadeHalfLife, volumeLookback };
  try {
    resolveHeatmapParams(settings);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, error: error.message };
    throw error;
  }
  return { ok: true, settings };
}

/** Each tier's share of new positions, as the model normalizes the weights; null where they do not add up. */
export function shares(draft: ModelDraft): (number | null)[] {
  const weights = draft.tiers.map((t) => numberOf(t.weight));
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => (Number.isFinite(total) && total > 0 && w >= 0 ? w / total : null));
}

export function sameModel(a: ModelSettings, b: ModelSettings): boolean {
  return a.fadeHalfLife === b.fadeHalfLife && a.volumeLookback === b.volumeLookback && a.leverage.length === b.leverage.length &&
    a.leverage.every((t, i) => t.leverage === b.leverage[i]!.leverage && t.weight === b.leverage[i]!.weight);
}
