/**
 * The one clock (ARCHITECTURE.md, convention 15). Every reading of "now" in the core, the
 * central API, the renderer and the workers goes through a `Clock` handed to it, so that tests,
 * deadlines and the trainers' sandbox can move time. This module is the only place that reads
 * the system's time: `build/lint/clock.js` refuses `Date.now()` and `new Date()` anywhere else,
 * and `tests/lint/clock.test.ts` runs that rule over the whole tree.
 *
 * Durations (timeouts, a rate, how long a step took) are not "now": they are measured with
 * `performance.now()`, which a moved clock must not disturb.
 */

/** Milliseconds since the Unix epoch, as `Date.now()` gives them. */
export type Clock = () => number;

/** The computer's own time. */
export const systemClock: Clock = () => Date.now();

/** A clock stopped at one moment (tests, tools that must not drift). */
export function fixedClock(at: number): Clock {
  return () => at;
}

/**
 * A clock that runs at the system's pace from a moment that can be moved: the sandbox's "now"
 * (moved by the presenter), the renderer's copy of the core's clock (set from what the core
 * says). Moving it tells its listeners, so screens redraw with the new time at once.
 */
export interface MovableClock {
  readonly now: Clock;
  /** How far this clock runs ahead of the one it follows (negative: behind). */
  offset(): number;
  /** From now on the clock reads `at`, and runs on from there. */
  set(at: number): void;
  advance(ms: number): void;
  /** Whether it runs between moves; a stopped clock reads the same moment until moved. */
  running(): boolean;
  setRunning(running: boolean): void;
  /** Called after every move with the new time; returns the unsubscribe. */
  subscribe(listener: (now: number) => void): () => void;
}

export function movableClock(
  options: { base?: Clock; at?: number; running?: boolean } = {},
): MovableClock {
  const followed = options.base ?? systemClock;
  /** The followed clock's reading when this one stopped; null while it runs. */
  let stoppedAt: number | null = options.running === false ? followed() : null;
  const base = () => stoppedAt ?? followed();
  let offset = options.at === undefined ? 0 : options.at - base();
  const listeners = new Set<(now: number) => void>();
  const now: Clock = () => base() + offset;
  const moved = () => {
    const at = now();
    for (const listener of [...listeners]) listener(at);
  };
  return {
    now,
    offset: () => offset,
    set: (at) => {
      if (!Number.isFinite(at)) throw new RangeError(`not a moment: ${String(at)}`);
      offset = at - base();
      moved();
    },
    advance: (ms) => {
      if (!Number.isFinite(ms)) throw new RangeError(`not a duration: ${String(ms)}`);
      offset += ms;
      moved();
    },
    running: () => stoppedAt === null,
    setRunning: (running) => {
      const at = now();
      stoppedAt = running ? null : followed();
      offset = at - base();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
