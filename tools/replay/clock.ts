/**
 * Replay time. The recordings are years old; a chart that shows 2023 on a live page looks
 * broken, so each market's recording is shifted so that its replay cursor is "now", and the
 * cursor then advances at `speed` × real time. Served times are recorded time + offset.
 */
export class ReplayClock {
  constructor(
    readonly speed: number,
    readonly startWall: number = Date.now(),
    private readonly wallNow: () => number = Date.now,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`replay speed must be a positive number, not ${speed}`);
  }

  /** The served "now": starts at the wall clock and runs `speed` times faster. */
  now(): number {
    return this.startWall + (this.wallNow() - this.startWall) * this.speed;
  }
}

/** Offsets are whole multiples of 4 h so that bars up to 4h keep their recorded boundaries. */
export const OFFSET_STEP_MS = 4 * 3_600_000;

/**
 * The offset that puts the recording's cursor (a fraction of the way into it, so there is
 * history behind and data ahead) at `startWall`.
 */
export function replayOffset(firstTime: number, lastTime: number, startWall: number, historyFraction: number): number {
  const cursor = firstTime + (lastTime - firstTime) * historyFraction;
  return Math.round((startWall - cursor) / OFFSET_STEP_MS) * OFFSET_STEP_MS;
}
