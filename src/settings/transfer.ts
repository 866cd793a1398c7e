/**
 * Reading every setting into a settings file, and writing a checked file's settings: the part of
 * the settings file that needs WXT's storage (schema.ts parses and checks, without it).
 */
import { storage } from '#imports';
import * as items from './items';
import { SETTING_KEYS, SETTINGS_FORMAT, SETTINGS_VERSION, type SettingsFile, type SettingsValues } from './schema';

/** Every setting a trader sets, as a settings file. */
export async function exportSettings(): Promise<SettingsFile> {
  const [overlayEnabled, overlayLayers, heatmapSource, dataSource, retentionDays, backfillDays, modelSettings, notificationRules] = await Promise.all([
    items.overlayEnabled.getValue(), items.overlayLayers.getValue(), items.heatmapSource.getValue(), items.dataSource.getValue(),
    items.retentionDays.getValue(), items.backfillDays.getValue(), items.modelSettings.getValue(), items.notificationRules.getValue(),
  ]);
  const settings: SettingsValues = { overlayEnabled, overlayLayers, heatmapSource, dataSource, retentionDays, backfillDays, modelSettings, notificationRules };
  return { format: SETTINGS_FORMAT, version: SETTINGS_VERSION, exportedAt: new Date().toISOString(), settings };
}

/** Writes the given settings, and only those, in one storage write. Returns the keys written. */
export async function applySettings(settings: Partial<SettingsValues>): Promise<(keyof SettingsValues)[]> {
  const keys = (Object.keys(SETTING_KEYS) as (keyof SettingsValues)[]).filter((k) => settings[k] !== undefined);
  if (keys.length === 0) return [];
  await storage.setItems(keys.map((key) => ({ item: items[key], value: settings[key] })));
  return keys;
}
