/**
 * Runtime checks for the overlay's layers (bands, clusters, magnet, marks, prints) as they
 * reach the tab. Everything is numbers and a few fixed words; each list has a ceiling, so a
 * corrupted or hostile message cannot make the tab allocate or paint without bound.
 */
import type { AnalysisEvent, SetupSummary } from '../analysis/api';
import type { AnalysisLayers } from '../analysis/overlayLayers';
import { NOTIONAL_MAX } from '../core/bounds';
import type { HeatmapBands, OverlayCluster, OverlayMagnet, OverlayMark, OverlayPrint, OverlaySetup } from '../overlay/layers';
import { EXCHANGE_IDS, isExchangeId } from '../exchanges';

export const LAYER_LIMITS = { columns: 1_000, rows: 400, clusters: 50, marks: 1_000, prints: 2_000, events: 100, setups: 50 } as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPositive = (v: unknown): v is number => isFiniteNumber(v) && v > 0;
const isTime = (v: unknown): v is number => isFiniteNumber(v) && v >= 0;
/** A print's notional within the stream parser's cap (src/core/bounds.ts). */
export const isPrintNotional = (v: unknown): v is number => isTime(v) && v < NOTIONAL_MAX;
const isDir = (v: unknown): v is 1 | -1 => v === 1 || v === -1;
const isSide = (v: unknown): v is 'long' | 'short' => v === 'long' || v === 'short';
const isExchange = isExchangeId;
const isScope = (v: unknown): v is 'swing' | 'internal' => v === 'swing' || v === 'internal';

function parseBands(v: unknown): HeatmapBands | null | undefined {
  if (v === null) return null;
  if (!isRecord(v)) return undefined;
  const { estimator, source, times, candleMs, edges, long, short, maxLong, maxShort } = v;
  if ((estimator !== 'oi' && estimator !== 'volume') || !(isExchange(source) || source === 'aggregate')) return undefined;
  if (!isPositive(candleMs) || !isTime(maxLong) || !isTime(maxShort)) return undefined;
  if (!Array.isArray(times) || times.length > LAYER_LIMITS.columns || !times.every(isTime)) return undefined;
  if (!Array.isArray(edges) || edges.length < 2 || edges.length > LAYER_LIMITS.rows + 1 || !edges.every(isPositive)) return undefined;
  if (!edges.every((e: number, i) => i === 0 || e > (edges[i - 1] as number))) return undefined;
  const cells = times.length * (edges.length - 1);
  const isLevel = (x: unknown) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 255;
  if (!Array.isArray(long) || !Array.isArray(short) || long.length !== cells || short.length !== cells) return undefined;
  if (!long.every(isLevel) || !short.every(isLevel)) return undefined;
  return { estimator, source, times, candleMs, edges, long, short, maxLong, maxShort };
}

function parseCluster(v: unknown): OverlayCluster | null {
  if (!isRecord(v)) return null;
  const { side, price, low, high, notional, share, since, exchanges } = v;
  if (!isSide(side) || !isPositive(price) || !isPositive(low) || !isPositive(high) || !(low <= price && price <= high)) return null;
  if (!(notional === null || isTime(notional)) || !isFiniteNumber(share) || share < 0 || share > 1 || !isTime(since)) return null;
  if (!Array.isArray(exchanges) || exchanges.length < 1 || exchanges.length > EXCHANGE_IDS.length || !exchanges.every(isExchange)) return null;
  return { side, price, low, high, notional, share, since, exchanges: [...exchanges] };
}

function parseMagnet(v: unknown): OverlayMagnet | null | undefined {
  if (v === null) return null;
  if (!isRecord(v) || !isSide(v.side) || !isPositive(v.price) || !isTime(v.openedTime) || !isTime(v.expiresTime)) return undefined;
  return { side: v.side, price: v.price, openedTime: v.openedTime, expiresTime: v.expiresTime };
}

function parseMark(v: unknown): OverlayMark | null {
  if (!isRecord(v) || !isTime(v.fromTime) || !isTime(v.confirmTime) || typeof v.provisional !== 'boolean') return null;
  const { fromTime, confirmTime, provisional } = v;
  switch (v.kind) {
    case 'break':
      if (!isScope(v.scope) || (v.label !== 'BOS' && v.label !== 'CHoCH') || !isDir(v.dir) || !isPositive(v.price)) return null;
      return { kind: 'break', scope: v.scope, label: v.label, dir: v.dir, price: v.price, fromTime, confirmTime, provisional };
    case 'orderBlock':
      if (!isScope(v.scope) || !isDir(v.dir) || !isPositive(v.top) || !isPositive(v.bottom) || v.bottom > v.top) return null;
      if (!(v.endTime === null || isTime(v.endTime)) || typeof v.breaker !== 'boolean') return null;
      return { kind: 'orderBlock', scope: v.scope, dir: v.dir, top: v.top, bottom: v.bottom, fromTime, confirmTime, endTime: v.endTime, breaker: v.breaker, provisional };
    case 'fvg':
      if (!isDir(v.dir) || !isPositive(v.top) || !isPositive(v.bottom) || v.bottom > v.top || !(v.endTime === null || isTime(v.endTime))) return null;
      return { kind: 'fvg', dir: v.dir, top: v.top, bottom: v.bottom, fromTime, confirmTime, endTime: v.endTime, provisional };
    case 'equal':
      if ((v.label !== 'EQH' && v.label !== 'EQL') || !isPositive(v.price)) return null;
      return { kind: 'equal', label: v.label, price: v.price, fromTime, confirmTime, provisional };
    case 'sweep':
      if (!isDir(v.dir) || !isPositive(v.price) || !isTime(v.displacement)) return null;
      return { kind: 'sweep', dir: v.dir, price: v.price, fromTime, confirmTime, displacement: v.displacement, provisional };
    default:
      return null;
  }
}

export function parsePrints(v: unknown): OverlayPrint[] | null {
  if (!Array.isArray(v) || v.length > LAYER_LIMITS.prints) return null;
  const out: OverlayPrint[] = [];
  for (const p of v) {
    if (!isRecord(p) || !isTime(p.time) || !isPositive(p.price) || !isSide(p.side) || !isPrintNotional(p.notional)) return null;
    out.push({ time: p.time, price: p.price, side: p.side, notional: p.notional });
  }
  return out;
}

const SETUP_STATUS = new Set(['waiting', 'expired', 'open', 'closed']);
const isGrade = (v: unknown): v is 'A' | 'B' | 'C' => v === 'A' || v === 'B' || v === 'C';
const isSetupKind = (v: unknown): v is 'sweep-choch' | 'magnet' => v === 'sweep-choch' || v === 'magnet';

/** A setup's levels and words; its status where it travels as a layer. */
function parseSetupSummary(v: unknown): SetupSummary | null {
  if (!isRecord(v) || typeof v.id !== 'string' || v.id.length > 120 || !isSetupKind(v.kind) || !isDir(v.dir) || !isGrade(v.grade)) return null;
  if (!isPositive(v.entry) || !isPositive(v.stop) || !isPositive(v.target) || !isTime(v.confirmTime)) return null;
  if (!Array.isArray(v.confluence) || v.confluence.length > 8 || !v.confluence.every((c) => typeof c === 'string' && c.length <= 120)) return null;
  return { id: v.id, kind: v.kind, dir: v.dir, entry: v.entry, stop: v.stop, target: v.target, confirmTime: v.confirmTime, grade: v.grade, confluence: [...v.confluence] };
}

function parseSetup(v: unknown): OverlaySetup | null {
  const summary = parseSetupSummary(v);
  if (!summary || !isRecord(v) || !SETUP_STATUS.has(v.status as string) || !(v.r === null || isFiniteNumber(v.r))) return null;
  return { ...summary, status: v.status as OverlaySetup['status'], r: v.r };
}

/** Null when anything is malformed: a layer half-believed would be painted wrong. */
export function parseLayers(v: unknown): AnalysisLayers | null {
  if (!isRecord(v)) return null;
  const heatmap = parseBands(v.heatmap);
  const magnet = parseMagnet(v.magnet);
  if (heatmap === undefined || magnet === undefined) return null;
  if (!Array.isArray(v.clusters) || v.clusters.length > LAYER_LIMITS.clusters) return null;
  if (!Array.isArray(v.marks) || v.marks.length > LAYER_LIMITS.marks) return null;
  if (!Array.isArray(v.setups) || v.setups.length > LAYER_LIMITS.setups) return null;
  const clusters = v.clusters.map(parseCluster);
  const marks = v.marks.map(parseMark);
  const setups = v.setups.map(parseSetup);
  if (clusters.some((c) => c === null) || marks.some((m) => m === null) || setups.some((x) => x === null)) return null;
  return { heatmap, clusters: clusters as OverlayCluster[], magnet, marks: marks as OverlayMark[], setups: setups as OverlaySetup[] };
}

/** The Worker's events (they travel with the analysis): a malformed one drops the whole list. */
export function parseEvents(v: unknown): AnalysisEvent[] | null {
  if (!Array.isArray(v) || v.length > LAYER_LIMITS.events) return null;
  const out: AnalysisEvent[] = [];
  for (const e of v) {
    if (isRecord(e) && e.kind === 'setupFormed') {
      const setup = parseSetupSummary(e.setup);
      if (!setup) return null;
      out.push({ kind: 'setupFormed', setup });
      continue;
    }
    if (isRecord(e) && e.kind === 'setupClosed') {
      if (typeof e.id !== 'string' || e.id.length > 120 || !isSetupKind(e.setupKind) || !isFiniteNumber(e.r) || !isTime(e.time)) return null;
      if (e.exitReason !== 'target' && e.exitReason !== 'stop' && e.exitReason !== 'time') return null;
      out.push({ kind: 'setupClosed', id: e.id, setupKind: e.setupKind, r: e.r, exitReason: e.exitReason, time: e.time });
      continue;
    }
    if (!isRecord(e) || !isSide(e.side) || !isPositive(e.price) || !isTime(e.time)) return null;
    if (e.kind === 'clusterSwept') {
      if (!(e.notional === null || isTime(e.notional)) || !isFiniteNumber(e.share) || e.share < 0 || e.share > 1) return null;
      if (!Array.isArray(e.exchanges) || e.exchanges.length < 1 || e.exchanges.length > EXCHANGE_IDS.length || !e.exchanges.every(isExchange)) return null;
      out.push({ kind: 'clusterSwept', side: e.side, price: e.price, notional: e.notional, share: e.share, exchanges: [...e.exchanges], time: e.time });
    } else if (e.kind === 'magnetReached' && isTime(e.openedTime)) {
      out.push({ kind: 'magnetReached', side: e.side, price: e.price, openedTime: e.openedTime, time: e.time });
    } else return null;
  }
  return out;
}
