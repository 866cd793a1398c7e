/**
 * The settings every context watches. One typed storage item each (WXT storage), so a change
 * made in the popup reaches every tab's content script at once through storage events.
 */
import { storage } from '#imports';
import type { DataSource } from './dataSource';
import { LIVE } from './dataSource';
import { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from './notificationRules';
import { ALL_LAYERS_ON, type LayerToggles } from './switches';
import { DEFAULT_HEATMAP_PARAMS, type HeatmapParams } from '../core/heatmap';
import type { ExchangeId } from '../exchanges';

/** Master switch: the overlay on every tab. */
export const overlayEnabled = storage.defineItem<boolean>('local:overlayEnabled', { fallback: true });

/** Live exchanges (default) or a replay exchange URL. */
export const dataSource = storage.defineItem<DataSource>('local:dataSource', { fallback: LIVE });

/** Stored candles, open interest and prints older than this many days are deleted. */
export const retentionDays = storage.defineItem<number>('local:retentionDays', { fallback: 30 });

/** How many days of candles (and open interest) are fetched into the store when a chart is first shown. */
export const backfillDays = storage.defineItem<number>('local:backfillDays', { fallback: 3 });

/** Which overlay layers are drawn (the popup's switches; each change repaints every tab). */
export const overlayLayers = storage.defineItem<LayerToggles>('local:overlayLayers', { fallback: { ...ALL_LAYERS_ON } });

/** Whose liquidation model the heatmap bands show: the page's exchange, either exchange, or both aggregated. */
export type HeatmapSource = 'page' | ExchangeId | 'aggregate';
export const heatmapSource = storage.defineItem<HeatmapSource>('local:heatmapSource', { fallback: 'page' });

/** The heatmap model's parameters a trader may change (options page); the rest keep their defaults. */
export type ModelSettings = Pick<HeatmapParams, 'leverage' | 'fadeHalfLife' | 'volumeLookback'>;
export const modelSettings = storage.defineItem<ModelSettings>('local:modelSettings', {
  fallback: { leverage: DEFAULT_HEATMAP_PARAMS.leverage.map((t) => ({ ...t })), fadeHalfLife: DEFAULT_HEATMAP_PARAMS.fadeHalfLife, volumeLookback: DEFAULT_HEATMAP_PARAMS.volumeLookback },
});

export { DEFAULT_NOTIFICATION_RULES, type NotificationRules } from './notificationRules';
export const notificationRules = storage.defineItem<NotificationRules>('local:notificationRules', { fallback: { ...DEFAULT_NOTIFICATION_RULES } });

/** Symbols muted from a notification's button: `exchange:symbol` → muted until (epoch ms). */
export const notificationMutes = storage.defineItem<Record<string, number>>('local:notificationMutes', { fallback: {} });

/**
 * Where the trader dragged the badge and the side panel, per site (`www.binance.com|badge`): an
 * offset in CSS px from their anchor (the chart pane's top-left, or the page's where there is no pane).
 */
export type FloatingOffsets = Record<string, { x: number; y: number }>;
export const floatingOffsets = storage.defineItem<FloatingOffsets>('local:floatingOffsets', { fallback: {} });
