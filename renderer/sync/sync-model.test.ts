import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '@shared/contract/api';
import { answerIsCurrent, describeSync, progressPercent } from './sync-model';

const base: SyncStatus = {
  state: 'syncing',
  serverUrl: 'http://127.0.0.1:1',
  officer: null,
  scopeUnitIds: [],
  pending: 2,
  notices: 1,
  lastSyncAt: 1_000,
  progress: { done: 250, total: 1_000 },
  lastError: null,
  offlineSignIn: false,
};

describe('progressPercent', () => {
  it('is a whole percentage, clamped, and unknown without a total', () => {
    expect(progressPercent(250, 1_000)).toBe(25);
    expect(progressPercent(999, 1_000)).toBe(99);
    expect(progressPercent(1_200, 1_000)).toBe(100);
    expect(progressPercent(5, 0)).toBeNull();
  });
});

describe('describeSync', () => {
  it('shows the initial sync’s progress and what waits to be sent', () => {
    expect(describeSync(base)).toEqual({
      state: 'syncing',
      pending: 2,
      notices: 1,
      lastSyncAt: 1_000,
      progress: { done: 250, total: 1_000, percent: 25 },
      lastError: null,
      canSyncNow: true,
    });
  });

  it('has no bar once the cache is complete and no "sync now" when signed out', () => {
    const view = describeSync({ ...base, state: 'signed_out', progress: null });
    expect(view.progress).toBeNull();
    expect(view.canSyncNow).toBe(false);
  });
});

describe('answerIsCurrent', () => {
  it('never lets an answer to an older call roll back a newer event', () => {
    expect(answerIsCurrent(10, 9)).toBe(false);
    expect(answerIsCurrent(10, 10)).toBe(true);
    expect(answerIsCurrent(null, 0)).toBe(true);
  });
});
