/**
 * The settings file: a valid file round-trips, each class of bad input is refused with a
 * message naming what is wrong, and export / apply go through WXT's storage (on the fake
 * browser WXT ships for tests) writing only what a file holds.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EXCHANGE_IDS } from '../../src/core/exchangeIds';
import { DEFAULT_HEATMAP_PARAMS } from '../../src/core/heatmap/params';
import { ALL_LAYERS_ON } from '../../src/settings/switches';
import { parseSettingsFile, serializeSettingsFile, type SettingsValues } from '../../src/settings/schema';

// items.ts imports WXT's storage through its virtual '#imports'; outside a WXT build it is the package's own.
vi.mock('#imports', () => import('wxt/utils/storage'));
// WXT's `browser` is `globalThis.chrome` when first imported, so transfer.ts (storage) is imported after this.
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;
const { applySettings, exportSettings } = await import('../../src/settings/transfer');

const SETTINGS: SettingsValues = {
  overlayEnabled: false,
  overlayLayers: { ...ALL_LAYERS_ON, fvgs: false, sweeps: false },
  heatmapSource: 'aggregate',
  dataSource: { kind: 'replay', url: 'http://127.0.0.1:8787' },
  retentionDays: 90,
  backfillDays: 7,
  modelSettings: { leverage: [{ leverage: 10, weight: 2 }, { leverage: 50, weight: 1 }], fadeHalfLife: 144, volumeLookback: 20 },
  notificationRules: { clusterSwept: true, confirmedOnly: false, onlyWithEdge: true, setupFormed: false, magnetReached: true, minClusterNotional: 250_000, cooldownMinutes: 30 },
};

const file = (settings: unknown, top: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'liqlens-settings', version: 1, exportedAt: '2025-01-01T00:00:00.000Z', settings, ...top });

/** The error for a file whose settings are SETTINGS with `patch` over them. */
function errorOf(patch: Record<string, unknown>): string {
  const result = parseSettingsFile(file({ ...SETTINGS, ...patch }));
  if (result.ok) throw new Error(`expected ${JSON.stringify(patch)} to be refused`);
  return result.error;
}

describe('parseSettingsFile', () => {
  it('reads back every setting of a valid file unchanged', () => {
    const result = parseSettingsFile(file(SETTINGS));
    expect(result).toEqual({ ok: true, settings: SETTINGS });
  });

  it('accepts a file with only some settings, and reports only those', () => {
    expect(parseSettingsFile(file({ retentionDays: 5 }))).toEqual({ ok: true, settings: { retentionDays: 5 } });
    expect(parseSettingsFile(file({}))).toEqual({ ok: true, settings: {} });
    expect(parseSettingsFile(file({ dataSource: { kind: 'live' } }))).toEqual({ ok: true, settings: { dataSource: { kind: 'live' } } });
  });

  it('says a file that is not JSON is not JSON, and where', () => {
    const result = parseSettingsFile('{"format": "liqlens-settings", version: 1}');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^the file is not valid JSON: .+ \(line 1, column 32\)$/);
    expect(parseSettingsFile('{\n  "format": "liqlens-settings",\n  version: 1\n}')).toMatchObject({ ok: false, error: expect.stringMatching(/\(line 3, column 3\)$/) });
    expect(parseSettingsFile('')).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
  });

  it('refuses another format, or none', () => {
    expect(parseSettingsFile(file(SETTINGS, { format: 'tradingview-layout' }))).toEqual({
      ok: false, error: 'not a LiqLens settings file: "format" is "tradingview-layout", expected "liqlens-settings"',
    });
    expect(parseSettingsFile('[1, 2]')).toEqual({ ok: false, error: 'not a LiqLens settings file: expected a JSON object, got a list' });
    expect(parseSettingsFile('42')).toMatchObject({ ok: false, error: expect.stringContaining('not a LiqLens settings file') });
  });

  it('refuses a version it does not read', () => {
    expect(parseSettingsFile(file(SETTINGS, { version: 2 }))).toEqual({
      ok: false, error: 'settings file version 2 is not supported: this version of LiqLens reads version 1',
    });
    expect(parseSettingsFile(file(SETTINGS, { version: '1' }))).toMatchObject({ ok: false, error: expect.stringContaining('version "1" is not supported') });
  });

  it('names unknown keys, at every level', () => {
    expect(errorOf({ colour: 'red', notificationMutes: {} })).toBe('settings has unknown keys "colour", "notificationMutes"');
    expect(parseSettingsFile(file(SETTINGS, { comment: 'mine' }))).toEqual({ ok: false, error: 'the file has unknown key "comment"' });
    expect(errorOf({ overlayLayers: { ...ALL_LAYERS_ON, volumeProfile: true } })).toBe('overlayLayers has unknown key "volumeProfile"');
    expect(errorOf({ modelSettings: { ...SETTINGS.modelSettings, bucketBps: 20 } })).toBe('modelSettings has unknown key "bucketBps"');
    expect(errorOf({ notificationRules: { ...SETTINGS.notificationRules, sound: true } })).toBe('notificationRules has unknown key "sound"');
    expect(errorOf({ dataSource: { kind: 'live', url: 'http://127.0.0.1:1' } })).toBe('dataSource has unknown key "url"');
  });

  it('checks the stored-data days', () => {
    expect(errorOf({ retentionDays: 0 })).toBe('retentionDays must be a whole number of days from 1 to 365, got 0');
    expect(errorOf({ retentionDays: 366 })).toContain('retentionDays must be a whole number of days from 1 to 365, got 366');
    expect(errorOf({ retentionDays: 2.5 })).toContain('got 2.5');
    expect(errorOf({ retentionDays: '30' })).toContain('got "30"');
    expect(errorOf({ backfillDays: 31 })).toBe('backfillDays must be a whole number of days from 1 to 30, got 31');
    expect(errorOf({ backfillDays: 0 })).toContain('backfillDays');
    expect(parseSettingsFile(file({ retentionDays: 365, backfillDays: 1 }))).toEqual({ ok: true, settings: { retentionDays: 365, backfillDays: 1 } });
  });

  it('refuses a replay URL off this machine, with parseDataSource\'s reason', () => {
    expect(errorOf({ dataSource: { kind: 'replay', url: 'http://evil.example' } })).toBe(
      'dataSource: replay URL must be http(s) on this machine, got "http://evil.example"',
    );
    expect(errorOf({ dataSource: { kind: 'remote' } })).toBe('dataSource: unknown data source setting');
    expect(errorOf({ dataSource: null })).toBe('dataSource must be an object, got null');
    expect(errorOf({ dataSource: { kind: 'replay', url: 'file:///etc/passwd' } })).toContain('replay URL must be http(s) on this machine');
  });

  it('checks the model with the model\'s own validation, and its message', () => {
    const zero = { ...SETTINGS.modelSettings, leverage: [{ leverage: 10, weight: 0 }, { leverage: 25, weight: 0 }] };
    expect(errorOf({ modelSettings: zero })).toBe('modelSettings: heatmap: the leverage weights sum to 0, not a finite positive number');
    // Each weight is finite, their sum is not: every tier's share would be 0 and the heatmap silently empty (issue 20).
    const overflow = { ...SETTINGS.modelSettings, leverage: [{ leverage: 10, weight: 1e308 }, { leverage: 25, weight: 1e308 }] };
    expect(errorOf({ modelSettings: overflow })).toBe('modelSettings: heatmap: the leverage weights sum to Infinity, not a finite positive number');
    expect(errorOf({ modelSettings: { ...SETTINGS.modelSettings, leverage: [{ leverage: 500, weight: 1 }] } })).toBe('modelSettings: heatmap: leverage 500 is not between 1 and 200');
    expect(errorOf({ modelSettings: { ...SETTINGS.modelSettings, leverage: [] } })).toBe('modelSettings: heatmap: at least one leverage tier is needed');
    expect(errorOf({ modelSettings: { ...SETTINGS.modelSettings, volumeLookback: 2.5 } })).toBe('modelSettings: heatmap: volumeLookback 2.5 must be a whole number ≥ 1');
    expect(errorOf({ modelSettings: { ...SETTINGS.modelSettings, fadeHalfLife: 0 } })).toBe('modelSettings: heatmap: fadeHalfLife 0 must be positive');
    // Types are checked first: a string would pass the model's comparisons.
    expect(errorOf({ modelSettings: { ...SETTINGS.modelSettings, leverage: [{ leverage: '10', weight: 1 }] } })).toBe('modelSettings.leverage[0].leverage must be a number, got "10"');
    expect(errorOf({ modelSettings: { leverage: SETTINGS.modelSettings.leverage, fadeHalfLife: 10 } })).toBe('modelSettings is missing "volumeLookback"');
    // JSON's 1e999 is Infinity.
    const infinite = parseSettingsFile(file({ modelSettings: SETTINGS.modelSettings }).replace('"fadeHalfLife":144', '"fadeHalfLife":1e999'));
    expect(infinite).toEqual({ ok: false, error: 'modelSettings.fadeHalfLife must be a number, got null' });
    // Weights need not sum to 1: they are kept as the trader typed them (the model normalizes).
    expect(parseSettingsFile(file({ modelSettings: SETTINGS.modelSettings }))).toEqual({ ok: true, settings: { modelSettings: SETTINGS.modelSettings } });
  });

  it('checks the notification rules', () => {
    const rules = SETTINGS.notificationRules;
    expect(errorOf({ notificationRules: { ...rules, clusterSwept: 'yes' } })).toBe('notificationRules.clusterSwept must be true or false, got "yes"');
    expect(errorOf({ notificationRules: { ...rules, minClusterNotional: -1 } })).toBe('notificationRules.minClusterNotional must be 0 or more (USDT), got -1');
    expect(errorOf({ notificationRules: { ...rules, cooldownMinutes: 0 } })).toBe('notificationRules.cooldownMinutes must be a whole number of minutes from 1 to 1440, got 0');
    expect(errorOf({ notificationRules: { ...rules, cooldownMinutes: 1441 } })).toContain('from 1 to 1440, got 1441');
    const { confirmedOnly: _c, ...withoutOne } = rules;
    expect(errorOf({ notificationRules: withoutOne })).toBe('notificationRules is missing "confirmedOnly"');
    expect(errorOf({ notificationRules: { ...rules, onlyWithEdge: 1 } })).toBe('notificationRules.onlyWithEdge must be true or false, got 1');
    // A file from before the "only while clusters show an edge" rule has it off, as it was then.
    const { onlyWithEdge: _e, ...older } = rules;
    expect(parseSettingsFile(file({ notificationRules: older }))).toEqual({ ok: true, settings: { notificationRules: { ...older, onlyWithEdge: false } } });
  });

  it('checks the layer switches and the heatmap source', () => {
    expect(errorOf({ overlayLayers: { ...ALL_LAYERS_ON, heatmap: 1 } })).toBe('overlayLayers.heatmap must be true or false, got 1');
    const { magnets: _m, ...missing } = ALL_LAYERS_ON;
    expect(errorOf({ overlayLayers: missing })).toBe('overlayLayers is missing "magnets"');
    expect(errorOf({ heatmapSource: 'mtgox' })).toBe(`heatmapSource must be one of ${['page', ...EXCHANGE_IDS, 'aggregate'].map((s) => JSON.stringify(s)).join(', ')}, got "mtgox"`);
    expect(errorOf({ overlayEnabled: 'true' })).toBe('overlayEnabled must be true or false, got "true"');
  });

  it('names every problem of a file at once', () => {
    expect(errorOf({ retentionDays: 0, backfillDays: 99, extra: 1 })).toBe(
      'settings has unknown key "extra"; retentionDays must be a whole number of days from 1 to 365, got 0; backfillDays must be a whole number of days from 1 to 30, got 99',
    );
  });

  it('refuses a file far larger than any settings file', () => {
    expect(parseSettingsFile(' '.repeat(1_000_001))).toMatchObject({ ok: false, error: expect.stringContaining('too large') });
  });
});

describe('exportSettings and applySettings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('exports every setting (defaults where unset, never the mutes) as a file that parses back', async () => {
    await fakeBrowser.storage.local.set({ retentionDays: 12, notificationMutes: { 'binance:BTCUSDT': 1 } });
    const exported = await exportSettings();
    expect(exported).toMatchObject({ format: 'liqlens-settings', version: 1 });
    expect(Date.parse(exported.exportedAt)).toBeGreaterThan(0);
    expect(Object.keys(exported.settings).sort()).toEqual(['backfillDays', 'dataSource', 'heatmapSource', 'modelSettings', 'notificationRules', 'overlayEnabled', 'overlayLayers', 'retentionDays']);
    expect(exported.settings.retentionDays).toBe(12);
    expect(exported.settings.modelSettings.leverage).toEqual(DEFAULT_HEATMAP_PARAMS.leverage);
    const text = serializeSettingsFile(exported);
    expect(parseSettingsFile(text)).toEqual({ ok: true, settings: exported.settings });
  });

  it('writes exactly the settings given, and a full export re-applied restores them', async () => {
    await fakeBrowser.storage.local.set({ backfillDays: 9, notificationMutes: { 'bybit:ETHUSDT': 5 } });
    expect(await applySettings({ retentionDays: 60, dataSource: { kind: 'live' } })).toEqual(['dataSource', 'retentionDays']);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      backfillDays: 9, notificationMutes: { 'bybit:ETHUSDT': 5 }, retentionDays: 60, dataSource: { kind: 'live' },
    });

    const parsed = parseSettingsFile(file(SETTINGS));
    if (!parsed.ok) throw new Error(parsed.error);
    await applySettings(parsed.settings);
    const after = await exportSettings();
    expect(after.settings).toEqual(SETTINGS);
    expect((await fakeBrowser.storage.local.get('notificationMutes')).notificationMutes).toEqual({ 'bybit:ETHUSDT': 5 });
  });
});
