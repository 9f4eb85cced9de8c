import type { SyncState, SyncStatus } from '@shared/contract/api';

/**
 * What the always-visible sync indicator shows: the state, changes waiting to be sent, the last
 * sync, and during the first (initial) sync a real progress bar from the engine's rows done /
 * rows to come.
 */

export interface SyncView {
  readonly state: SyncState;
  readonly pending: number;
  readonly notices: number;
  readonly lastSyncAt: number | null;
  /** Initial sync only; null once the cache is complete. */
  readonly progress: {
    readonly done: number;
    readonly total: number;
    /** 0–100, whole; null when the total is not known yet (indeterminate bar). */
    readonly percent: number | null;
  } | null;
  readonly lastError: string | null;
  /** "Sync now" makes sense only with a session to sync. */
  readonly canSyncNow: boolean;
}

export function progressPercent(done: number, total: number): number | null {
  if (!(total > 0)) return null;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

export function describeSync(status: SyncStatus): SyncView {
  return {
    state: status.state,
    pending: status.pending,
    notices: status.notices,
    lastSyncAt: status.lastSyncAt,
    progress: status.progress
      ? {
          done: status.progress.done,
          total: status.progress.total,
          percent: progressPercent(status.progress.done, status.progress.total),
        }
      : null,
    lastError: status.lastError,
    canSyncNow: status.state !== 'signed_out',
  };
}

/**
 * Status pushed by the 'sync.status' event and answers to calls (sync.now, session.login) race.
 * Statuses carry no sequence number, so an answer is applied only if no event arrived after its
 * call was made: an older answer must never roll back a newer event. `at` values are a local
 * counter, not clocks.
 */
export function answerIsCurrent(lastEventAt: number | null, askedAt: number): boolean {
  return lastEventAt === null || askedAt >= lastEventAt;
}
