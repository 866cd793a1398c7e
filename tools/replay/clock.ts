/**
 * Replay time. The recordings are years old; a chart that shows 2023 on a live page looks
 * broken, so each market's recording is shifted so that its replay cursor is "now", and the
 * cursor then advances at `speed` × real time. Served times are recorded time + offset.
 */
export class ReplayClock {
  /** Served time when the replay started: the wall clock, or the first instant from it of a fixed phase (see below). */
  readonly start: number;
  /** Wall time the clock was held at, or null while it runs. */
  private heldAt: number | null = null;
  /** Wall time spent held so far. */
  private heldMs = 0;

  constructor(
    readonly speed: number,
    readonly startWall: number = Date.now(),
    private readonly wallNow: () => number = Date.now,
    phaseMs?: number,
    /** Start held (see hold()) at `startWall` itself: holding a moment later lets a fast replay move on meanwhile. */
    held = false,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`replay speed must be a positive number, not ${speed}`);
    if (phaseMs !== undefined && !(phaseMs >= 0 && phaseMs < OFFSET_STEP_MS)) throw new Error(`replay phase must be within [0, 4 h), not ${phaseMs} ms`);
    this.start = phaseMs === undefined ? startWall : firstOfPhaseFrom(startWall, phaseMs);
    if (held) this.heldAt = startWall;
  }

  /** The served "now": starts at `start` and runs `speed` times faster than the wall clock, except while held. */
  now(): number {
    const wall = this.heldAt ?? this.wallNow();
    return this.start + (wall - this.startWall - this.heldMs) * this.speed;
  }

  /**
   * Stops replay time until release(): a test whose outcome depends on what the market does
   * next holds it while the browser starts and the page loads, which take as long as the
   * machine's load makes them, so that the market does not move on meanwhile.
   */
  hold(): void {
    this.heldAt ??= this.wallNow();
  }

  release(): void {
    if (this.heldAt === null) return;
    this.heldMs += this.wallNow() - this.heldAt;
    this.heldAt = null;
  }
}

/** Offsets are whole multiples of 4 h so that bars up to 4h keep their recorded boundaries. */
export const OFFSET_STEP_MS = 4 * 3_600_000;

/**
 * The first instant at or after `time` whose remainder modulo 4 h is `phaseMs`. Starting the
 * served clock there puts every recording's cursor at the same recorded instant on every run,
 * whatever the time of day: tests whose outcome depends on what the market does next need that.
 * Never before `time`: the extension reads the browser's own clock (prints of "the last hour",
 * ages), and a served clock behind it by more than an hour made fresh prints look old. Ahead
 * of it is what every replay faster than real time already is a moment after it starts.
 */
export function firstOfPhaseFrom(time: number, phaseMs: number): number {
  const base = Math.floor(time / OFFSET_STEP_MS) * OFFSET_STEP_MS + phaseMs;
  return base >= time ? base : base + OFFSET_STEP_MS;
}

/**
 * The offset that puts the recording's cursor (a fraction of the way into it, so there is
 * history behind and data ahead) at `start`.
 */
export function replayOffset(firstTime: number, lastTime: number, start: number, historyFraction: number): number {
  const cursor = firstTime + (lastTime - firstTime) * historyFraction;
  return Math.round((start - cursor) / OFFSET_STEP_MS) * OFFSET_STEP_MS;
}
