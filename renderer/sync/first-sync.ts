/**
 * The first sync as the officer sees it where the rows will be: records so far out of the total,
 * and an estimate of the time left from the pace so far. Counts of the queues are not shown
 * while it runs: they count a store still filling up.
 */

export interface ProgressSample {
  /** When the engine reported it (the renderer's clock). */
  readonly at: number;
  readonly done: number;
}

/** Samples older than this are dropped: the pace of the last half minute predicts best. */
const WINDOW_MS = 30_000;

/** Keeps the samples of the last half minute (and at least the two latest). */
export function addSample(
  samples: readonly ProgressSample[],
  sample: ProgressSample,
): ProgressSample[] {
  const last = samples.at(-1);
  // A new load (done went back) starts over.
  const kept = last && sample.done < last.done ? [] : [...samples];
  kept.push(sample);
  while (kept.length > 2 && sample.at - kept[0]!.at > WINDOW_MS) kept.shift();
  return kept;
}

/**
 * Milliseconds left at the pace of the samples, or null while there is no pace yet (fewer than
 * two samples, nothing moved, or the total is not known).
 */
export function timeLeftMs(samples: readonly ProgressSample[], total: number): number | null {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.at <= first.at || total <= 0) return null;
  const rate = (last.done - first.done) / (last.at - first.at);
  if (!(rate > 0)) return null;
  return Math.max(0, Math.round((total - last.done) / rate));
}

export type TimeLeftWords =
  | { readonly key: 'sync.initialUnderMinute' }
  | { readonly key: 'sync.initialMinutes'; readonly count: number };

/** Time left in whole minutes, rounded up; under a minute said as such. */
export function timeLeftWords(ms: number): TimeLeftWords {
  if (ms < 60_000) return { key: 'sync.initialUnderMinute' };
  return { key: 'sync.initialMinutes', count: Math.ceil(ms / 60_000) };
}

/** Whether the queues' counts are true: not while the first sync is still filling the store. */
export function countsReady(progress: { done: number; total: number } | null): boolean {
  return progress === null;
}
