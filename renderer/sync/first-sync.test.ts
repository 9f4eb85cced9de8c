import { describe, expect, it } from 'vitest';
import { addSample, countsReady, timeLeftMs, timeLeftWords } from './first-sync';

describe('the first sync’s time left', () => {
  it('follows the pace of the records stored so far', () => {
    let samples = addSample([], { at: 0, done: 0 });
    expect(timeLeftMs(samples, 10_000)).toBeNull();
    samples = addSample(samples, { at: 10_000, done: 2_000 });
    // 2,000 records in 10 s: 8,000 more take 40 s.
    expect(timeLeftMs(samples, 10_000)).toBe(40_000);
    expect(timeLeftWords(40_000)).toEqual({ key: 'sync.initialUnderMinute' });
    expect(timeLeftWords(130_000)).toEqual({ key: 'sync.initialMinutes', count: 3 });
  });

  it('has no estimate without a total or without progress, and starts over with a new load', () => {
    const still = addSample(addSample([], { at: 0, done: 500 }), { at: 5_000, done: 500 });
    expect(timeLeftMs(still, 1_000)).toBeNull();
    const unknown = addSample(addSample([], { at: 0, done: 0 }), { at: 5_000, done: 100 });
    expect(timeLeftMs(unknown, 0)).toBeNull();
    expect(addSample(unknown, { at: 6_000, done: 10 })).toEqual([{ at: 6_000, done: 10 }]);
  });

  it('keeps only the recent pace', () => {
    let samples = addSample([], { at: 0, done: 0 });
    for (let s = 1; s <= 60; s++) samples = addSample(samples, { at: s * 1_000, done: s * 100 });
    expect(samples[0]!.at).toBe(30_000);
  });
});

describe('queue counts during the first sync', () => {
  it('are shown only once the first sync has finished', () => {
    expect(countsReady({ done: 341, total: 725 })).toBe(false);
    expect(countsReady({ done: 0, total: 0 })).toBe(false);
    expect(countsReady(null)).toBe(true);
  });
});
