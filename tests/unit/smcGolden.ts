/**
 * The SMC engine's output on the real recordings, digested per list of kinds: a digest covers
 * the lists it names (and what is not a list: bars, zones, trend), so a detector added later
 * leaves every digest taken before it byte for byte as it was, and may pin its own list's output
 * with the same two functions (smc.golden.test.ts holds the digests of the first six lists).
 * Ids number every object in emission order, so another list's objects shift them: a digest
 * numbers its own lists' objects as if they were alone (an id less the other lists' ids below
 * it), which is each id itself when every list is covered.
 */
import { createHash } from 'node:crypto';
import { runSmc, SmcEngine, type SmcEvent, type SmcSettings } from '../../src/core/smc';
import { SMC_KINDS } from '../../src/core/smc/kinds';
import type { SmcListName, SmcObject } from '../../src/core/smc/types';
import { realCandles } from './smcFixtures';

export const GOLDEN_SETTINGS: Record<string, Partial<SmcSettings>> = {
  defaults: {},
  peer: { swingLength: 5 },
  other: { swingLength: 20, internalLength: 3, equalLength: 5, orderBlockMitigation: 'wick', fvgThreshold: 'auto', fvgJoinConsecutive: true },
};

/** How many of the ascending ids are below `id`. */
function countBelow(ids: readonly number[], id: number): number {
  let [lo, hi] = [0, ids.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** JSON with every object id (`id`, `breakId`, `sourceId`) less the uncovered ids below it (each list ascending). */
function json(value: unknown, ...uncovered: (readonly number[])[]): string {
  if (uncovered.every((ids) => ids.length === 0)) return JSON.stringify(value);
  return JSON.stringify(value, (key, v: unknown) =>
    (key === 'id' || key.endsWith('Id')) && typeof v === 'number' ? uncovered.reduce((id, ids) => id - countBelow(ids, v), v) : v);
}
const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const LIST_OF_TYPE = new Map<SmcObject['type'], SmcListName>(SMC_KINDS.map((k) => [k.type, k.list]));
const LISTS = new Set<string>(LIST_OF_TYPE.values());

/** The value without the lists it does not cover (key order kept, so covering every list changes nothing). */
function covering<T extends object>(value: T, lists: readonly SmcListName[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !LISTS.has(key) || lists.includes(key as SmcListName))) as Partial<T>;
}

/** Digest of runSmc's JSON on a recording, over the given lists. */
export function batchDigest(file: string, settings: string, lists: readonly SmcListName[]): string {
  const snapshot = runSmc(realCandles(file), GOLDEN_SETTINGS[settings]);
  const uncovered = SMC_KINDS.filter((k) => !lists.includes(k.list)).flatMap((k) => snapshot[k.list].map((o) => o.id)).sort((a, b) => a - b);
  return sha(json(covering(snapshot, lists), uncovered));
}

/**
 * Digest of every append's events, a preview of each 7th candle, an external level now and then
 * and the last snapshot on a recording, over the given lists (an event counts where its object's
 * list is covered).
 */
export function streamDigest(file: string, settings: string, lists: readonly SmcListName[]): string {
  const candles = realCandles(file);
  const engine = new SmcEngine(GOLDEN_SETTINGS[settings]);
  const hash = createHash('sha256');
  const listOfId = new Map<number, SmcListName>();
  // The other lists' ids: those appended for good, and those of the preview being digested (a preview's ids are given again later).
  const uncovered: number[] = [];
  const digest = (events: readonly SmcEvent[], preview: boolean) => {
    const fresh: number[] = [];
    const mine = events.filter((e) => {
      if (e.kind === 'created') {
        listOfId.set(e.object.id, LIST_OF_TYPE.get(e.object.type)!);
        if (!lists.includes(listOfId.get(e.object.id)!)) fresh.push(e.object.id);
      }
      return lists.includes(listOfId.get(e.kind === 'created' ? e.object.id : e.id)!);
    });
    // Ids only grow within a step: the fresh ones are above every id before them.
    hash.update(json(mine, uncovered, fresh));
    if (!preview) for (const id of fresh) uncovered.push(id);
  };
  candles.forEach((candle, j) => {
    // An external level near price now and then, removed later: sweeps of outside levels too.
    if (j % 500 === 250) engine.addExternalLevel({ id: `x${j}`, price: candle.close * (j % 1000 === 250 ? 1.004 : 0.996) });
    if (j % 500 === 0 && j > 0) engine.removeExternalLevel(`x${j - 750}`);
    if (j % 7 === 0) digest(engine.preview(candle), true);
    digest(engine.append(candle), false);
  });
  hash.update(json(covering(engine.snapshot(), lists), uncovered));
  return hash.digest('hex').slice(0, 16);
}
