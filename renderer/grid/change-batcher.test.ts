import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChangeBatcher } from './change-batcher';

describe('createChangeBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('merges a burst of events into one flush after a quiet period', () => {
    const flush = vi.fn();
    const batcher = createChangeBatcher(flush, { quietMs: 250 });
    batcher.add(['a', 'b']);
    vi.advanceTimersByTime(100);
    batcher.add(['b', 'c']);
    vi.advanceTimersByTime(249);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);
    expect([...(flush.mock.calls[0]?.[0] as Set<string>)]).toEqual(['a', 'b', 'c']);
  });

  it('still flushes during a steady stream, at least every maxWaitMs', () => {
    const flush = vi.fn();
    const batcher = createChangeBatcher(flush, { quietMs: 250, maxWaitMs: 1_000 });
    for (let t = 0; t < 1_200; t += 100) {
      batcher.add([`id${t}`]);
      vi.advanceTimersByTime(100);
    }
    expect(flush).toHaveBeenCalled();
  });

  it('ignores empty events and forgets everything on dispose', () => {
    const flush = vi.fn();
    const batcher = createChangeBatcher(flush);
    batcher.add([]);
    batcher.add(['a']);
    batcher.dispose();
    vi.advanceTimersByTime(5_000);
    expect(flush).not.toHaveBeenCalled();
  });
});
