/**
 * The settings file: what the options page exports and imports. Every setting a trader sets
 * (not the notification mutes, which are a moment's state), in one versioned JSON object.
 *
 * An imported file is checked completely before anything is written: a bad file names what is
 * wrong and changes nothing. A setting missing from a file is left as it is.
 *
 * Pure (it runs in Node too: tests, tools); reading and writing the settings is transfer.ts.
 */
import { ALL_LAYERS_ON, type LayerToggles } from './switches';
import { resolveHeatmapParams, type LeverageTier } from '../core/heatmap/params';
import { parseDataSource, type DataSource } from './dataSource';
import type { HeatmapSource, ModelSettings, NotificationRules } from './items';
import { EXCHANGE_IDS } from '../exchanges';

export const SETTINGS_FORMAT = 'liqlens-settings';
export const SETTINGS_VERSION = 1;
/** Larger files are refused before parsing (a settings file is a few kilobytes). */
export const MAX_SETTINGS_FILE_CHARS = 1_000_000;

/** The settings a file carries, one per storage item in items.ts. */
export interface SettingsValues {
  overlayEnabled: boolean;
  overlayLayers: LayerToggles;
  heatmapSource: HeatmapSource;
  dataSource: DataSource;
  retentionDays: number;
  backfillDays: number;
  modelSettings: ModelSettings;
  notificationRules: NotificationRules;
}

export interface SettingsFile {
  format: typeof SETTINGS_FORMAT;
  version: typeof SETTINGS_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  settings: SettingsValues;
}

export type ParsedSettings = { ok: true; settings: Partial<SettingsValues> } | { ok: false; error: string };

/** The bounds the options page and the parser share. */
export const LIMITS = {
  retentionDays: { min: 1, max: 365 },
  backfillDays: { min: 1, max: 30 },
  cooldownMinutes: { min: 1, max: 1440 },
  leverageTiers: { max: 20 },
} as const;

/** Every heatmap source: the chart's exchange, each exchange of the registry, or all aggregated. */
export const HEATMAP_SOURCES: readonly HeatmapSource[] = ['page', ...EXCHANGE_IDS, 'aggregate'];

const LAYER_KEYS = Object.keys(ALL_LAYERS_ON) as (keyof LayerToggles)[];
const RULE_FLAGS = { clusterSwept: true, confirmedOnly: true, onlyWithEdge: true, setupFormed: true, magnetReached: true } satisfies Partial<Record<keyof NotificationRules, true>>;
const RULE_KEYS: Record<keyof NotificationRules, true> = { ...RULE_FLAGS, minClusterNotional: true, cooldownMinutes: true };
const MODEL_KEYS: Record<keyof ModelSettings, true> = { leverage: true, fadeHalfLife: true, volumeLookback: true };
const TIER_KEYS: Record<keyof LeverageTier, true> = { leverage: true, weight: true };
export const SETTING_KEYS: Record<keyof SettingsValues, true> = {
  overlayEnabled: true, overlayLayers: true, heatmapSource: true, dataSource: true,
  retentionDays: true, backfillDays: true, modelSettings: true, notificationRules: true,
};
const FILE_KEYS = { format: true, version: true, exportedAt: true, settings: true };

type Field<T> = { value: T } | { error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

/** "unknown key" errors for keys of `value` outside `known`, or null. */
function unknownKeys(value: Record<string, unknown>, known: object, where: string): string | null {
  const extra = Object.keys(value).filter((k) => !Object.hasOwn(known, k));
  if (extra.length === 0) return null;
  return `${where} has unknown ${extra.length === 1 ? 'key' : 'keys'} ${extra.map((k) => JSON.stringify(k)).join(', ')}`;
}

/** An object with exactly the keys of `known` (none missing, none extra). */
function exactObject(value: unknown, known: object, where: string): Field<Record<string, unknown>> {
  if (!isRecord(value)) return { error: `${where} must be an object, got ${show(value)}` };
  const extra = unknownKeys(value, known, where);
  if (extra) return { error: extra };
  const missing = Object.keys(known).filter((k) => !Object.hasOwn(value, k));
  if (missing.length > 0) return { error: `${where} is missing ${missing.map((k) => JSON.stringify(k)).join(', ')}` };
  return { value };
}

function wholeNumber(value: unknown, where: string, min: number, max: number, unit: string): Field<number> {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return { value };
  return { error: `${where} must be a whole number of ${unit} from ${min} to ${max}, got ${show(value)}` };
}

function finiteNumber(value: unknown, where: string): Field<number> {
  if (typeof value === 'number' && Number.isFinite(value)) return { value };
  return { error: `${where} must be a number, got ${show(value)}` };
}

function flag(value: unknown, where: string): Field<boolean> {
  return typeof value === 'boolean' ? { value } : { error: `${where} must be true or false, got ${show(value)}` };
}

export function parseRetentionDays(value: unknown): Field<number> {
  return wholeNumber(value, 'retentionDays', LIMITS.retentionDays.min, LIMITS.retentionDays.max, 'days');
}

export function parseBackfillDays(value: unknown): Field<number> {
  return wholeNumber(value, 'backfillDays', LIMITS.backfillDays.min, LIMITS.backfillDays.max, 'days');
}

export function parseStrictDataSource(value: unknown): Field<DataSource> {
  if (!isRecord(value)) return { error: `dataSource must be an object, got ${show(value)}` };
  const known = value.kind === 'replay' ? { kind: true, url: true } : { kind: true };
  const extra = unknownKeys(value, known, 'dataSource');
  if (extra) return { error: extra };
  const parsed = parseDataSource(value);
  if (parsed.error) return { error: `dataSource: ${parsed.error}` };
  return { value: parsed.source };
}

function parseLayers(value: unknown): Field<LayerToggles> {
  const obj = exactObject(value, ALL_LAYERS_ON, 'overlayLayers');
  if ('error' in obj) return obj;
  const layers = { ...ALL_LAYERS_ON };
  for (const key of LAYER_KEYS) {
    const f = flag(obj.value[key], `overlayLayers.${key}`);
    if ('error' in f) return f;
    layers[key] = f.value;
  }
  return { value: layers };
}

function parseHeatmapSource(value: unknown): Field<HeatmapSource> {
  if (typeof value === 'string' && (HEATMAP_SOURCES as readonly string[]).includes(value)) return { value: value as HeatmapSource };
  return { error: `heatmapSource must be one of ${HEATMAP_SOURCES.map((s) => JSON.stringify(s)).join(', ')}, got ${show(value)}` };
}

/** The model's parameters, typed field by field, then checked by the model itself (its RangeError's message). */
export function parseModelSettings(value: unknown): Field<ModelSettings> {
  const obj = exactObject(value, MODEL_KEYS, 'modelSettings');
  if ('error' in obj) return obj;
  const { leverage, fadeHalfLife, volumeLookback } = obj.value;
  if (!Array.isArray(leverage)) return { error: `modelSettings.leverage must be a list of tiers, got ${show(leverage)}` };
  if (leverage.length > LIMITS.leverageTiers.max) return { error: `modelSettings.leverage has ${leverage.length} tiers; at most ${LIMITS.leverageTiers.max} are allowed` };
  const tiers: LeverageTier[] = [];
  for (const [i, raw] of leverage.entries()) {
    const where = `modelSettings.leverage[${i}]`;
    const tier = exactObject(raw, TIER_KEYS, where);
    if ('error' in tier) return tier;
    const lev = finiteNumber(tier.value.leverage, `${where}.leverage`);
    if ('error' in lev) return lev;
    const weight = finiteNumber(tier.value.weight, `${where}.weight`);
    if ('error' in weight) return weight;
    tiers.push({ leverage: lev.value, weight: weight.value });
  }
  const half = finiteNumber(fadeHalfLife, 'modelSettings.fadeHalfLife');
  if ('error' in half) return half;
  const lookback = finiteNumber(volumeLookback, 'modelSettings.volumeLookback');
  if ('error' in lookback) return lookback;
  const settings: ModelSettings = { leverage: tiers, fadeHalfLife: half.value, volumeLookback: lookback.value };
  try {
    resolveHeatmapParams(settings);
  } catch (error) {
    if (error instanceof RangeError) return { error: `modelSettings: ${error.message}` };
    throw error;
  }
  return { value: settings };
}

export function parseMinClusterNotional(value: unknown): Field<number> {
  const n = finiteNumber(value, 'notificationRules.minClusterNotional');
  if ('error' in n) return n;
  return n.value >= 0 ? n : { error: `notificationRules.minClusterNotional must be 0 or more (USDT), got ${n.value}` };
}

export function parseCooldownMinutes(value: unknown): Field<number> {
  return wholeNumber(value, 'notificationRules.cooldownMinutes', LIMITS.cooldownMinutes.min, LIMITS.cooldownMinutes.max, 'minutes');
}

function parseNotificationRules(value: unknown): Field<NotificationRules> {
  // Files written before the "only while clusters show an edge" rule lack it: it is off there, as it was.
  const obj = exactObject(isRecord(value) ? { onlyWithEdge: false, ...value } : value, RULE_KEYS, 'notificationRules');
  if ('error' in obj) return obj;
  const flags: Partial<NotificationRules> = {};
  for (const key of Object.keys(RULE_FLAGS) as (keyof typeof RULE_FLAGS)[]) {
    const f = flag(obj.value[key], `notificationRules.${key}`);
    if ('error' in f) return f;
    flags[key] = f.value;
  }
  const min = parseMinClusterNotional(obj.value.minClusterNotional);
  if ('error' in min) return min;
  const cooldown = parseCooldownMinutes(obj.value.cooldownMinutes);
  if ('error' in cooldown) return cooldown;
  return { value: { ...(flags as Pick<NotificationRules, keyof typeof RULE_FLAGS>), minClusterNotional: min.value, cooldownMinutes: cooldown.value } };
}

const PARSERS: { [K in keyof SettingsValues]: (value: unknown) => Field<SettingsValues[K]> } = {
  overlayEnabled: (v) => flag(v, 'overlayEnabled'),
  overlayLayers: parseLayers,
  heatmapSource: parseHeatmapSource,
  dataSource: parseStrictDataSource,
  retentionDays: parseRetentionDays,
  backfillDays: parseBackfillDays,
  modelSettings: parseModelSettings,
  notificationRules: parseNotificationRules,
};

/**
 * Reads a settings file's text. Every setting present is checked; all the problems found are
 * named in `error`, so one attempt shows everything to fix.
 */
export function parseSettingsFile(text: string): ParsedSettings {
  if (text.length > MAX_SETTINGS_FILE_CHARS) return { ok: false, error: `the file is too large for a settings file (${text.length} characters; at most ${MAX_SETTINGS_FILE_CHARS})` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `the file is not valid JSON: ${describeJsonError(error, text)}` };
  }
  if (!isRecord(json)) return { ok: false, error: `not a LiqLens settings file: expected a JSON object, got ${Array.isArray(json) ? 'a list' : show(json)}` };
  if (json.format !== SETTINGS_FORMAT) return { ok: false, error: `not a LiqLens settings file: "format" is ${show(json.format)}, expected "${SETTINGS_FORMAT}"` };
  if (json.version !== SETTINGS_VERSION) {
    return { ok: false, error: `settings file version ${show(json.version)} is not supported: this version of LiqLens reads version ${SETTINGS_VERSION}` };
  }
  const extra = unknownKeys(json, FILE_KEYS, 'the file');
  if (extra) return { ok: false, error: extra };
  if (json.exportedAt !== undefined && typeof json.exportedAt !== 'string') return { ok: false, error: `"exportedAt" must be a date string, got ${show(json.exportedAt)}` };
  if (!isRecord(json.settings)) return { ok: false, error: `"settings" must be an object, got ${show(json.settings)}` };

  const raw = json.settings;
  const errors: string[] = [];
  const unknown = unknownKeys(raw, SETTING_KEYS, 'settings');
  if (unknown) errors.push(unknown);
  const settings: Partial<SettingsValues> = {};
  for (const key of Object.keys(SETTING_KEYS) as (keyof SettingsValues)[]) {
    if (!Object.hasOwn(raw, key)) continue;
    const field = PARSERS[key](raw[key]);
    if ('error' in field) errors.push(field.error);
    else (settings as Record<string, unknown>)[key] = field.value;
  }
  return errors.length > 0 ? { ok: false, error: errors.join('; ') } : { ok: true, settings };
}

/** JSON.parse's message, with the line and column where it gives only a position. */
function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(message);
  if (!at || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

/** The file's text for `exportSettings()`'s result, as the download holds it. */
export function serializeSettingsFile(file: SettingsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
