import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '@shared/contract/api';
import type { Result } from '../api/result';
import {
  createLatestSearch,
  groupHits,
  highlightSegments,
  isSearchable,
  type SearchState,
} from './search-model';

const hit = (entity: 'dossier' | 'complaint', id: string): SearchHit =>
  ({
    entity,
    id,
    number: id,
    title: 'Nguyễn Văn Đức',
    subtitle: '',
    receivedAt: null,
    status: entity === 'dossier' ? 4 : 'processing',
    highlights: { number: [], title: [], subtitle: [] },
    detail: null,
  }) as SearchHit;

describe('highlightSegments', () => {
  it('marks the matched parts of the original Vietnamese text', () => {
    expect(
      highlightSegments('Nguyễn Văn Đức', [
        [0, 6],
        [11, 14],
      ]),
    ).toEqual([
      { text: 'Nguyễn', hit: true },
      { text: ' Văn ', hit: false },
      { text: 'Đức', hit: true },
    ]);
  });

  it('merges overlapping and unsorted ranges and clamps those past the end', () => {
    expect(
      highlightSegments('0123456789', [
        [6, 20],
        [2, 4],
        [3, 5],
      ]),
    ).toEqual([
      { text: '01', hit: false },
      { text: '234', hit: true },
      { text: '5', hit: false },
      { text: '6789', hit: true },
    ]);
  });

  it('ignores empty and inverted ranges', () => {
    expect(
      highlightSegments('abc', [
        [2, 2],
        [2, 1],
      ]),
    ).toEqual([{ text: 'abc', hit: false }]);
    expect(highlightSegments('', [[0, 3]])).toEqual([{ text: '', hit: false }]);
  });

  it('never splits a surrogate pair', () => {
    const text = 'a😀b';
    expect(highlightSegments(text, [[2, 3]])).toEqual([
      { text: 'a', hit: false },
      { text: '😀', hit: true },
      { text: 'b', hit: false },
    ]);
  });
});

describe('groupHits', () => {
  it('groups by kind and keeps the ranking within each group', () => {
    const grouped = groupHits([hit('complaint', 'c1'), hit('dossier', 'd1'), hit('dossier', 'd2')]);
    expect(grouped.dossiers.map((h) => h.id)).toEqual(['d1', 'd2']);
    expect(grouped.complaints.map((h) => h.id)).toEqual(['c1']);
    expect(grouped.flat.map((h) => h.id)).toEqual(['d1', 'd2', 'c1']);
  });
});

describe('isSearchable', () => {
  it('waits for two letters, or any digit', () => {
    expect(isSearchable('n')).toBe(false);
    expect(isSearchable(' ng ')).toBe(true);
    expect(isSearchable('7')).toBe(true);
  });
});

describe('createLatestSearch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function deferred() {
    const calls: { text: string; resolve: (r: Result<string>) => void }[] = [];
    const run = (text: string) =>
      new Promise<Result<string>>((resolve) => {
        calls.push({ text, resolve });
      });
    return { calls, run };
  }

  it('asks once after the officer pauses', () => {
    const { calls, run } = deferred();
    const search = createLatestSearch(run, () => undefined, { debounceMs: 120 });
    search.input('ng');
    vi.advanceTimersByTime(60);
    search.input('ngu');
    vi.advanceTimersByTime(60);
    search.input('nguyen');
    vi.advanceTimersByTime(119);
    expect(calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(calls.map((c) => c.text)).toEqual(['nguyen']);
  });

  it('drops an older answer that arrives after a newer question', async () => {
    const { calls, run } = deferred();
    const states: SearchState<string>[] = [];
    const search = createLatestSearch(run, (s) => states.push(s), { debounceMs: 10 });
    search.input('ng');
    vi.advanceTimersByTime(10);
    search.input('nguyen');
    vi.advanceTimersByTime(10);
    calls[1]?.resolve({ ok: true, value: 'answer for nguyen' });
    await vi.runAllTimersAsync();
    calls[0]?.resolve({ ok: true, value: 'answer for ng' });
    await vi.runAllTimersAsync();
    const done = states.filter((s) => s.phase === 'done');
    expect(done).toEqual([
      { phase: 'done', text: 'nguyen', result: { ok: true, value: 'answer for nguyen' } },
    ]);
  });

  it('keeps the previous answer on screen while the next is awaited', async () => {
    const { calls, run } = deferred();
    const states: SearchState<string>[] = [];
    const search = createLatestSearch(run, (s) => states.push(s), { debounceMs: 10 });
    search.input('ng');
    vi.advanceTimersByTime(10);
    calls[0]?.resolve({ ok: true, value: 'first' });
    await vi.runAllTimersAsync();
    search.input('ngu');
    expect(states[states.length - 1]).toEqual({
      phase: 'searching',
      text: 'ngu',
      previous: { ok: true, value: 'first' },
    });
  });

  it('goes idle for a too-short text and forgets answers still on their way', async () => {
    const { calls, run } = deferred();
    const states: SearchState<string>[] = [];
    const search = createLatestSearch(run, (s) => states.push(s), { debounceMs: 10 });
    search.input('ng');
    vi.advanceTimersByTime(10);
    search.input('n');
    calls[0]?.resolve({ ok: true, value: 'late' });
    await vi.runAllTimersAsync();
    expect(states[states.length - 1]).toEqual({ phase: 'idle' });
  });

  it('asks at once on flush, and nothing after dispose', () => {
    const { calls, run } = deferred();
    const search = createLatestSearch(run, () => undefined, { debounceMs: 1_000 });
    search.input('duc');
    search.flush();
    expect(calls.map((c) => c.text)).toEqual(['duc']);
    search.input('duc2');
    search.dispose();
    vi.advanceTimersByTime(5_000);
    expect(calls).toHaveLength(1);
  });
});
