/**
 * The settings file: what the options page exports and imports. Every setting a trader sets
 * (not the notification mutes, which are a moment's state), in one versioned JSON object.
 *
 * An imported file is checked completely before anything is written: a bad file names what is
 * wrong and changes nothing. A setting missing from a file is left as it is.
 *
 * Checked with valibot, the idiom of every message schema (src/messaging/schema.ts). Pure (it
 * runs in Node too: tests, tools); reading and writing the settings is transfer.ts.
 */
import * as v from 'valibot';
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));
const quoted = (keys: readonly string[]) => keys.map((k) => JSON.stringify(k)).join(', ');

/*
 * Each setting is a valibot schema, as every message is (src/messaging/schema.ts). Their messages
 * are the rest of a sentence whose subject is the issue's path ("overlayLayers.heatmap" + " must
 * be true or false, got 1"); a message that starts with ':' passes on another check's reason
 * ("modelSettings" + ": heatmap: …"). The first issue of a setting is its error.
 */
type Message = (issue: v.BaseIssue<unknown>) => string;
const got = (rule: string): Message => (issue) => `${rule}, got ${show(issue.input)}`;

const flag = v.boolean(got('must be true or false'));
const finiteNumber = v.pipe(v.number(got('must be a number')), v.finite(got('must be a number')));
const wholeNumber = ({ min, max }: { min: number; max: number }, unit: string) => {
  const message = got(`must be a whole number of ${unit} from ${min} to ${max}`);
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
};

/** An object with exactly the keys of `entries`: unknown keys are named first, then every missing one, then each field's problem. */
function exactObject<E extends v.ObjectEntries>(entries: E) {
  const known = Object.keys(entries);
  return v.pipe(
    v.custom<Record<string, unknown>>(isRecord, got('must be an object')),
    v.check((o) => Object.keys(o).every((k) => known.includes(k)), (issue) => {
      const extra = Object.keys(issue.input as object).filter((k) => !known.includes(k));
      return `has unknown ${extra.length === 1 ? 'key' : 'keys'} ${quoted(extra)}`;
    }),
    v.check((o) => known.every((k) => Object.hasOwn(o, k)), (issue) => `is missing ${quoted(known.filter((k) => !Object.hasOwn(issue.input as object, k)))}`),
    v.object(entries),
  );
}

const layersSchema = exactObject(Object.fromEntries(Object.keys(ALL_LAYERS_ON).map((k) => [k, flag])) as Record<keyof LayerToggles, typeof flag>);

const heatmapSourceSchema = v.picklist(HEATMAP_SOURCES, (issue) => `must be one of ${quoted(HEATMAP_SOURCES)}, got ${show(issue.input)}`);

/** The data source, with the keys its kind has, and parseDataSource's reason where it refuses one. */
const dataSourceSchema = v.pipe(
  v.custom<Record<string, unknown>>(isRecord, got('must be an object')),
  v.check((o) => unknownDataSourceKeys(o).length === 0, (issue) => {
    const extra = unknownDataSourceKeys(issue.input as Record<string, unknown>);
    return `has unknown ${extra.length === 1 ? 'key' : 'keys'} ${quoted(extra)}`;
  }),
  v.check((o) => parseDataSource(o).error === undefined, (issue) => `: ${parseDataSource(issue.input).error}`),
  v.transform((o): DataSource => parseDataSource(o).source),
);
function unknownDataSourceKeys(o: Record<string, unknown>): string[] {
  const known = o.kind === 'replay' ? ['kind', 'url'] : ['kind'];
  return Object.keys(o).filter((k) => !known.includes(k));
}

const tierSchema = exactObject({ leverage: finiteNumber, weight: finiteNumber } satisfies Record<keyof LeverageTier, unknown>);

/**
 * The model's parameters, typed field by field, then checked by the model itself (its
 * RangeError's message): among its rules, weights whose sum is not a finite positive number
 * (all zero, or each finite but summing to Infinity) are refused.
 */
const modelSettingsSchema = v.pipe(
  exactObject({
    leverage: v.pipe(
      v.custom<unknown[]>(Array.isArray, got('must be a list of tiers')),
      v.check((tiers) => tiers.length <= LIMITS.leverageTiers.max, (issue) => `has ${(issue.input as unknown[]).length} tiers; at most ${LIMITS.leverageTiers.max} are allowed`),
      v.array(tierSchema),
    ),
    fadeHalfLife: finiteNumber,
    volumeLookback: finiteNumber,
  } satisfies Record<keyof ModelSettings, unknown>),
  v.check((settings) => modelRefusal(settings) === null, (issue) => `: ${modelRefusal(issue.input as ModelSettings)}`),
);
function modelRefusal(settings: ModelSettings): string | null {
  try {
    resolveHeatmapParams(settings);
    return null;
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    throw error;
  }
}

const ruleFlags = { clusterSwept: flag, confirmedOnly: flag, onlyWithEdge: flag, setupFormed: flag, magnetReached: flag };
const notificationRulesSchema = v.pipe(
  v.unknown(),
  // Files written before the "only while clusters show an edge" rule lack it: it is off there, as it was.
  v.transform((value) => (isRecord(value) ? { onlyWithEdge: false, ...value } : value)),
  exactObject({
    ...ruleFlags,
    minClusterNotional: v.pipe(finiteNumber, v.minValue(0, (issue) => `must be 0 or more (USDT), got ${String(issue.input)}`)),
    cooldownMinutes: wholeNumber(LIMITS.cooldownMinutes, 'minutes'),
  } satisfies Record<keyof NotificationRules, unknown>),
);

const SCHEMAS: { [K in keyof SettingsValues]: v.GenericSchema<unknown, SettingsValues[K]> } = {
  overlayEnabled: flag,
  overlayLayers: layersSchema,
  heatmapSource: heatmapSourceSchema,
  dataSource: dataSourceSchema,
  retentionDays: wholeNumber(LIMITS.retentionDays, 'days'),
  backfillDays: wholeNumber(LIMITS.backfillDays, 'days'),
  modelSettings: modelSettingsSchema,
  notificationRules: notificationRulesSchema,
};
export const SETTING_KEYS = Object.fromEntries(Object.keys(SCHEMAS).map((k) => [k, true])) as Record<keyof SettingsValues, true>;

/** The file around the settings: its format, version and keys, each refused with a sentence of its own. */
const FILE_KEYS = ['format', 'version', 'exportedAt', 'settings'];
const fileSchema = v.pipe(
  v.custom<Record<string, unknown>>(isRecord, (issue) => `not a LiqLens settings file: expected a JSON object, got ${Array.isArray(issue.input) ? 'a list' : show(issue.input)}`),
  v.check((f) => f.format === SETTINGS_FORMAT, (issue) => `not a LiqLens settings file: "format" is ${show((issue.input as Record<string, unknown>).format)}, expected "${SETTINGS_FORMAT}"`),
  v.check((f) => f.version === SETTINGS_VERSION, (issue) => `settings file version ${show((issue.input as Record<string, unknown>).version)} is not supported: this version of LiqLens reads version ${SETTINGS_VERSION}`),
  v.check((f) => Object.keys(f).every((k) => FILE_KEYS.includes(k)), (issue) => {
    const extra = Object.keys(issue.input as object).filter((k) => !FILE_KEYS.includes(k));
    return `the file has unknown ${extra.length === 1 ? 'key' : 'keys'} ${quoted(extra)}`;
  }),
  v.check((f) => f.exportedAt === undefined || typeof f.exportedAt === 'string', (issue) => `"exportedAt" must be a date string, got ${show((issue.input as Record<string, unknown>).exportedAt)}`),
  v.check((f) => isRecord(f.settings), (issue) => `"settings" must be an object, got ${show((issue.input as Record<string, unknown>).settings)}`),
);

/** The first problem `schema` finds in `value`, as a sentence whose subject is `subject` and the issue's path; null where there is none. */
function firstProblem(schema: v.GenericSchema, value: unknown, subject = ''): { error: string } | { value: unknown } {
  const result = v.safeParse(schema, value, { abortPipeEarly: true });
  if (result.success) return { value: result.output };
  const issue = result.issues[0];
  let where = subject;
  for (const { key } of issue.path ?? []) where += typeof key === 'number' ? `[${key}]` : `${where ? '.' : ''}${String(key)}`;
  if (!where) return { error: issue.message };
  return { error: issue.message.startsWith(':') ? `${where}${issue.message}` : `${where} ${issue.message}` };
}

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
  const envelope = firstProblem(fileSchema, json);
  if ('error' in envelope) return { ok: false, error: envelope.error };

  const raw = (json as { settings: Record<string, unknown> }).settings;
  const errors: string[] = [];
  const unknown = Object.keys(raw).filter((k) => !Object.hasOwn(SETTING_KEYS, k));
  if (unknown.length > 0) errors.push(`settings has unknown ${unknown.length === 1 ? 'key' : 'keys'} ${quoted(unknown)}`);
  const settings: Partial<SettingsValues> = {};
  for (const key of Object.keys(SCHEMAS) as (keyof SettingsValues)[]) {
    if (!Object.hasOwn(raw, key)) continue;
    const field = firstProblem(SCHEMAS[key], raw[key], key);
    if ('error' in field) errors.push(field.error);
    else (settings as Record<string, unknown>)[key] = field.value;
  }
  return errors.length > 0 ? { ok: false, error: errors.join('; ') } : { ok: true, settings };
}

/*
 * Where the trader dragged the badge and the side panel (items.ts's floatingOffsets): not part of
 * the file, but stored, and a stored value must not hide the badge off the page.
 */
/** How far (CSS px) a floating part may sit from its anchor, either way. */
export const MAX_OFFSET_PX = 10_000;
const clampPx = (n: number) => Math.min(Math.max(n, -(MAX_OFFSET_PX - 1)), MAX_OFFSET_PX - 1);
const offsetSchema = v.pipe(
  v.object({ x: finiteNumber, y: finiteNumber }),
  v.transform(({ x, y }) => ({ x: clampPx(x), y: clampPx(y) })),
);

/** A stored offset, clamped to MAX_OFFSET_PX; null where the value is no offset (then the part takes its default place). */
export function readOffset(value: unknown): { x: number; y: number } | null {
  const result = v.safeParse(offsetSchema, value);
  return result.success ? result.output : null;
}

/** An offset to store: a dragged one, clamped as it is read back (not a number: 0). */
export function clampOffset(o: { x: number; y: number }): { x: number; y: number } {
  return readOffset({ x: Number.isFinite(o.x) ? o.x : 0, y: Number.isFinite(o.y) ? o.y : 0 })!;
}

/** JSON.parse's message, with the line and column where it gives only a position. */
function describeJsonError(error: unknown, text: string): string {
  // Engines word the location differently (V8 before 12.x: "at position 31"; later V8 adds
  // "(line 1 column 32)"; Firefox: "at line 1 column 32 of the JSON data"), so the location is
  // taken out of the engine's message and said once, in our own words.
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  let where = '';
  if (position) {
    const before = text.slice(0, Number(position[1]));
    where = ` (line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')})`;
  } else if (lineColumn) {
    where = ` (line ${lineColumn[1]}, column ${lineColumn[2]})`;
  }
  const what = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*at (position \d+|line \d+ column \d+)( of the JSON data)?/, '')
    .replace(/^JSON\.parse:\s*/, '')
    .trim();
  return `${what || 'unreadable'}${where}`;
}

/** The file's text for `exportSettings()`'s result, as the download holds it. */
export function serializeSettingsFile(file: SettingsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
