/**
 * Rules of the settings schema (src/settings/schema.ts, valibot) that settingsSchema.test.ts
 * leaves implicit: the model's weights, the tier list's bounds and shapes, the order problems are
 * named in, the file's envelope, and stored badge and panel offsets clamped on read.
 */
import { describe, expect, it } from 'vitest';
import { clampOffset, MAX_OFFSET_PX, parseSettingsFile, readOffset } from '../../src/settings/schema';

const model = { leverage: [{ leverage: 10, weight: 2 }, { leverage: 50, weight: 1 }], fadeHalfLife: 144, volumeLookback: 20 };
const file = (settings: unknown, top: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'liqlens-settings', version: 1, settings, ...top });
const errorOf = (settings: unknown, top?: Record<string, unknown>) => {
  const result = parseSettingsFile(file(settings, top));
  if (result.ok) throw new Error(`expected ${JSON.stringify(settings)} to be refused`);
  return result.error;
};

describe('settings rules', () => {
  it('refuses leverage weights whose sum is not a finite positive number, and a negative weight', () => {
    expect(errorOf({ modelSettings: { ...model, leverage: [{ leverage: 10, weight: -1 }, { leverage: 25, weight: 1 }] } })).toBe('modelSettings: heatmap: weight -1 of 10x is negative or not a number');
    expect(errorOf({ modelSettings: { ...model, leverage: [{ leverage: 10, weight: 0 }] } })).toBe('modelSettings: heatmap: the leverage weights sum to 0, not a finite positive number');
    expect(errorOf({ modelSettings: { ...model, leverage: [{ leverage: 10, weight: 1.7e308 }, { leverage: 20, weight: 1.7e308 }] } })).toContain('sum to Infinity');
    expect(parseSettingsFile(file({ modelSettings: { ...model, leverage: [{ leverage: 10, weight: 1e-9 }] } })).ok).toBe(true);
  });

  it('bounds the tier list and names a tier by its place', () => {
    const tiers = Array.from({ length: 21 }, (_, i) => ({ leverage: i + 1, weight: 1 }));
    expect(errorOf({ modelSettings: { ...model, leverage: tiers } })).toBe('modelSettings.leverage has 21 tiers; at most 20 are allowed');
    expect(parseSettingsFile(file({ modelSettings: { ...model, leverage: tiers.slice(0, 20) } })).ok).toBe(true);
    expect(errorOf({ modelSettings: { ...model, leverage: { 0: model.leverage[0] } } })).toBe('modelSettings.leverage must be a list of tiers, got {"0":{"leverage":10,"weight":2}}');
    expect(errorOf({ modelSettings: { ...model, leverage: [model.leverage[0], 5] } })).toBe('modelSettings.leverage[1] must be an object, got 5');
    expect(errorOf({ modelSettings: { ...model, leverage: [{ leverage: 10 }] } })).toBe('modelSettings.leverage[0] is missing "weight"');
  });

  it('names unknown keys before missing ones, every missing key at once, and the first field at fault', () => {
    expect(errorOf({ modelSettings: { fadeHalfLife: 1, colour: 'red' } })).toBe('modelSettings has unknown key "colour"');
    expect(errorOf({ modelSettings: { fadeHalfLife: 1 } })).toBe('modelSettings is missing "leverage", "volumeLookback"');
    expect(errorOf({ modelSettings: { ...model, fadeHalfLife: 'x', volumeLookback: 'y' } })).toBe('modelSettings.fadeHalfLife must be a number, got "x"');
    expect(errorOf({ notificationRules: 'on' })).toBe('notificationRules must be an object, got "on"');
    expect(errorOf({ dataSource: { kind: 'replay', url: 'http://127.0.0.1:1', port: 1, host: 'x' } })).toBe('dataSource has unknown keys "port", "host"');
  });

  it('checks the file around the settings, one sentence each', () => {
    expect(errorOf({}, { exportedAt: 5 })).toBe('"exportedAt" must be a date string, got 5');
    expect(errorOf([], {})).toBe('"settings" must be an object, got []');
    expect(parseSettingsFile(JSON.stringify({ format: 'liqlens-settings', version: 1 }))).toEqual({ ok: false, error: '"settings" must be an object, got nothing' });
    expect(parseSettingsFile('null')).toEqual({ ok: false, error: 'not a LiqLens settings file: expected a JSON object, got null' });
    expect(errorOf({}, { a: 1, b: 2 })).toBe('the file has unknown keys "a", "b"');
  });
});

describe('stored badge and panel offsets', () => {
  it('are clamped on read, and anything that is no offset gives the default place', () => {
    expect(readOffset({ x: 12.5, y: -40 })).toEqual({ x: 12.5, y: -40 });
    expect(readOffset({ x: 50_000, y: -1e12 })).toEqual({ x: MAX_OFFSET_PX - 1, y: -(MAX_OFFSET_PX - 1) });
    for (const bad of [null, undefined, 5, 'x', { x: 1 }, { x: '1', y: 2 }, { x: Number.NaN, y: 0 }, { x: Number.POSITIVE_INFINITY, y: 0 }]) {
      expect(readOffset(bad)).toBeNull();
    }
  });

  it('are clamped on write the same way (a broken drag stores 0)', () => {
    expect(clampOffset({ x: -20_000, y: 3 })).toEqual({ x: -(MAX_OFFSET_PX - 1), y: 3 });
    expect(clampOffset({ x: Number.NaN, y: Number.NEGATIVE_INFINITY })).toEqual({ x: 0, y: 0 });
    expect(readOffset(clampOffset({ x: 1e9, y: -1e9 }))).toEqual(clampOffset({ x: 1e9, y: -1e9 }));
  });
});
