import type { SearchHit, TextRange } from '@shared/contract/api';
import { KINDS } from '@shared/kinds';
import { perKind, type Plural } from '../kinds/contract';
import type { Result } from '../api/result';

/**
 * The search box's logic: ask as the officer types (debounced, and only the latest answer is
 * shown, however the answers race), group the ranked hits by kind, and cut a field into runs
 * around the core's highlight ranges, which point into the original Vietnamese text.
 */

/**
 * Long enough to skip the keystrokes of a word typed at speed, short enough that the results
 * seem to follow the typing (the core's answer takes far less than the wait).
 */
export const SEARCH_DEBOUNCE_MS = 60;
export const SEARCH_LIMIT = 30;

export interface Segment {
  readonly text: string;
  readonly hit: boolean;
}

/**
 * Runs of `text` with the ranges marked. Ranges may come unsorted, overlapping or past the end
 * (the text can be an excerpt); they are clamped and merged, never trusted to be tidy. Offsets
 * are UTF-16 units, like the core's; a range that would split a surrogate pair is widened.
 */
export function highlightSegments(text: string, ranges: readonly TextRange[]): Segment[] {
  const clamp = (n: number) => Math.max(0, Math.min(text.length, Math.floor(n)));
  const sorted = ranges
    .map(([start, end]) => [clamp(start), clamp(end)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  const isLow = (i: number) => {
    const code = text.charCodeAt(i);
    return code >= 0xdc00 && code <= 0xdfff;
  };
  const segments: Segment[] = [];
  let at = 0;
  for (const range of merged) {
    let [start, end] = range;
    if (start > 0 && isLow(start)) start -= 1;
    if (end < text.length && isLow(end)) end += 1;
    start = Math.max(start, at);
    if (start > at) segments.push({ text: text.slice(at, start), hit: false });
    if (end > start) segments.push({ text: text.slice(start, end), hit: true });
    at = Math.max(at, end);
  }
  if (at < text.length) segments.push({ text: text.slice(at), hit: false });
  return segments.length > 0 ? segments : [{ text, hit: false }];
}

/** Hits by kind (its plural: `dossiers`, `complaints`), in rank order within each. */
export type GroupedHits = Readonly<Record<Plural, readonly SearchHit[]>> & {
  /** Every group in the order of the kinds: the order ↑ ↓ walk. */
  readonly flat: readonly SearchHit[];
};

export function groupHits(hits: readonly SearchHit[]): GroupedHits {
  const groups = perKind((kind) => hits.filter((hit) => hit.entity === kind.name));
  return { ...groups, flat: KINDS.flatMap((kind) => groups[kind.plural]) };
}

/** Whether the box holds something worth asking about (a lone letter matches half the store). */
export function isSearchable(text: string): boolean {
  return text.trim().length >= 2 || /\d/.test(text.trim());
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type SearchState<T> =
  | { readonly phase: 'idle' }
  | { readonly phase: 'searching'; readonly text: string; readonly previous: Result<T> | null }
  | { readonly phase: 'done'; readonly text: string; readonly result: Result<T> };

/**
 * Debounced, latest-wins querying. Each keystroke supersedes the one before; an answer that
 * arrives after a newer question was asked is dropped, so a slow answer for "ng" can never
 * overwrite the answer for "nguyen". While a new answer is awaited the previous one stays
 * (`previous`), so the list does not flash empty between keystrokes.
 */
export function createLatestSearch<T>(
  run: (text: string) => Promise<Result<T>>,
  onState: (state: SearchState<T>) => void,
  options: { debounceMs?: number; timers?: Timers } = {},
): { input(text: string): void; flush(): void; dispose(): void } {
  const debounceMs = options.debounceMs ?? SEARCH_DEBOUNCE_MS;
  const timers = options.timers ?? defaultTimers;
  let seq = 0;
  let timer: unknown = null;
  let pendingText: string | null = null;
  let last: Result<T> | null = null;
  let disposed = false;

  const ask = (text: string, mine: number) => {
    void run(text).then((result) => {
      if (disposed || mine !== seq) return;
      last = result;
      onState({ phase: 'done', text, result });
    });
  };

  const fire = () => {
    timer = null;
    const text = pendingText;
    pendingText = null;
    if (text !== null) ask(text, seq);
  };

  return {
    input(text) {
      if (disposed) return;
      seq += 1;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      if (!isSearchable(text)) {
        pendingText = null;
        last = null;
        onState({ phase: 'idle' });
        return;
      }
      pendingText = text;
      onState({ phase: 'searching', text, previous: last });
      timer = timers.setTimeout(fire, debounceMs);
    },
    /** Asks now (Enter pressed before the pause ended). */
    flush() {
      if (timer !== null) {
        timers.clearTimeout(timer);
        fire();
      }
    },
    dispose() {
      disposed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
