/**
 * Collects ids from change events and hands them over once things calm down: a sync applying
 * thousands of changes emits many events, and the grid should refetch once, not per event.
 * A steady stream still flushes at least every `maxWaitMs`, so rows never look frozen.
 */
export interface ChangeBatcher {
  add(ids: readonly string[]): void;
  dispose(): void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  // Quiet periods are durations: the monotonic timer, which a moved clock does not disturb.
  now: () => performance.now(),
};

export function createChangeBatcher(
  flush: (ids: ReadonlySet<string>) => void,
  options: { quietMs?: number; maxWaitMs?: number; timers?: Timers } = {},
): ChangeBatcher {
  const quietMs = options.quietMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 1_000;
  const timers = options.timers ?? defaultTimers;
  let pending = new Set<string>();
  let timer: unknown = null;
  let firstAt = 0;

  const fire = () => {
    timer = null;
    const ids = pending;
    pending = new Set();
    if (ids.size > 0) flush(ids);
  };

  return {
    add(ids) {
      if (ids.length === 0) return;
      if (pending.size === 0) firstAt = timers.now();
      for (const id of ids) pending.add(id);
      if (timer !== null) timers.clearTimeout(timer);
      const waited = timers.now() - firstAt;
      timer = timers.setTimeout(fire, Math.max(0, Math.min(quietMs, maxWaitMs - waited)));
    },
    dispose() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      pending = new Set();
    },
  };
}
