/**
 * The replay's clock: served time runs `speed` times the wall clock, a fixed phase puts every
 * recording's cursor on the same recorded minute whatever the time of day, and a held clock
 * stands still. Wall time is driven by hand.
 */
import { describe, expect, it } from 'vitest';
import { firstOfPhaseFrom, OFFSET_STEP_MS, ReplayClock, replayOffset } from '../../tools/replay/clock';

const H = 3_600_000;
const DAY = Date.UTC(2026, 10, 29);

describe('ReplayClock', () => {
  it('runs speed times faster than the wall clock, from the wall clock', () => {
    let wall = DAY + 13 * H + 7 * 60_000;
    const clock = new ReplayClock(60, wall, () => wall);
    expect(clock.now()).toBe(wall);
    wall += 1_000;
    expect(clock.now()).toBe(clock.start + 60_000);
  });

  it('with a phase, starts at the first instant of that phase from the wall clock, so the recorded cursor is the same at any time of day', () => {
    const first = Date.UTC(2023, 10, 27, 6, 15);
    const last = Date.UTC(2023, 10, 29, 6, 15);
    const cursors = new Set<number>();
    for (let minute = 0; minute < 24 * 60; minute += 7) {
      const wall = DAY + minute * 60_000;
      const clock = new ReplayClock(1200, wall, () => wall, 2 * H);
      // Never behind the wall clock: the browser reads "the last hour" of prints from its own.
      expect(clock.start - wall).toBeGreaterThanOrEqual(0);
      expect(clock.start - wall).toBeLessThan(OFFSET_STEP_MS);
      expect(((clock.start % OFFSET_STEP_MS) + OFFSET_STEP_MS) % OFFSET_STEP_MS).toBe(2 * H);
      cursors.add(clock.start - replayOffset(first, last, clock.start, 0.7));
    }
    expect([...cursors].map((t) => new Date(t).toISOString())).toEqual(['2023-11-28T14:00:00.000Z']);
  });

  it('without a phase the cursor follows the time of day', () => {
    const first = Date.UTC(2023, 10, 27, 6, 15);
    const last = Date.UTC(2023, 10, 29, 6, 15);
    const cursorAt = (wall: number) => wall - replayOffset(first, last, wall, 0.7);
    expect(cursorAt(DAY + 13 * H)).not.toBe(cursorAt(DAY + 15 * H));
  });

  it('stands still while held and goes on from there when released', () => {
    let wall = DAY;
    const clock = new ReplayClock(100, wall, () => wall);
    clock.hold();
    wall += 30_000;
    expect(clock.now()).toBe(DAY);
    clock.hold(); // holding twice changes nothing
    clock.release();
    expect(clock.now()).toBe(DAY);
    wall += 1_000;
    expect(clock.now()).toBe(DAY + 100_000);
    clock.release(); // releasing a running clock changes nothing
    expect(clock.now()).toBe(DAY + 100_000);
  });

  it('started held, stands at its start however late it is first read', () => {
    let wall = DAY;
    const clock = new ReplayClock(1200, DAY, () => wall, undefined, true);
    wall += 5; // a few milliseconds are six replay seconds at 1200×
    expect(clock.now()).toBe(DAY);
    clock.release();
    wall += 1;
    expect(clock.now()).toBe(DAY + 1200);
  });

  it('refuses a phase outside one 4 h step', () => {
    expect(() => new ReplayClock(1, DAY, () => DAY, 4 * H)).toThrow(/within \[0, 4 h\)/);
    expect(() => new ReplayClock(1, DAY, () => DAY, -1)).toThrow(/within/);
  });

  it('firstOfPhaseFrom picks the first instant of the phase not before the wall clock', () => {
    expect(firstOfPhaseFrom(DAY + 3 * H, 0)).toBe(DAY + 4 * H);
    expect(firstOfPhaseFrom(DAY + H, 0)).toBe(DAY + 4 * H);
    expect(firstOfPhaseFrom(DAY + H, 2 * H)).toBe(DAY + 2 * H);
    expect(firstOfPhaseFrom(DAY + 2 * H, 2 * H)).toBe(DAY + 2 * H);
  });
});
