import type { Db } from '../store/db';
import { deferIndexes, restoreDeferredIndexes } from '../store/bulk';
import type { CentralClient } from './central-client';
import type { PageEffect, SyncCache } from './cache';

/** The tables an initial sync fills from empty: loaded first, indexed after. */
export const SYNCED_TABLES = [
  'dossiers',
  'dossier_history',
  'complaints',
  'complaint_history',
] as const;

export interface BulkLoadOptions {
  db: Db;
  cache: SyncCache;
  client: CentralClient;
  pageSize: number;
  /** After each stored page: rows stored so far, and the total the central API announced. */
  onPage(effect: PageEffect, done: number, total: number): void;
}

/**
 * The initial sync's bulk path, run on a thread of its own (load-worker.ts): no other work shares
 * this event loop, so each feed page is one transaction (the page and its cursor land together:
 * a restart continues from the last stored page) and the indexes are rebuilt in one go at the
 * end, however long that takes. The next page is fetched while this one is stored, so the
 * central API prepares it meanwhile.
 */
export async function bulkLoad(options: BulkLoadOptions): Promise<void> {
  const { db, cache, client } = options;
  if (cache.initialDone) return;
  deferIndexes(db, SYNCED_TABLES);
  try {
    let done = 0;
    let total = 0;
    const fetchPage = (since: string, count: boolean) => {
      const request = client.changes({
        since,
        limit: options.pageSize,
        count: count ? '1' : '0',
      });
      // Awaited later; until then a failure must not count as unhandled.
      request.catch(() => undefined);
      return request;
    };
    let calendar: ReturnType<SyncCache['replayContext']>['calendar'] | null = null;
    let next = fetchPage(cache.cursor, true);
    for (let page = 0; page < 10_000_000; page++) {
      const feed = await next;
      if (feed.hasMore) next = fetchPage(feed.cursor, false);
      if (feed.remaining !== undefined) total = feed.remaining;
      const effect = cache.applyPage(feed, () => {
        const context = cache.replayContext(calendar);
        calendar = context.calendar;
        return context;
      });
      if (effect.referenceChanged) calendar = null;
      done += effect.rows;
      options.onPage(effect, done, Math.max(total, done));
      if (!feed.hasMore) break;
    }
    restoreDeferredIndexes(db);
    cache.markInitialDone();
  } finally {
    // After a failure too: the officer keeps working from what was loaded, at full speed.
    restoreDeferredIndexes(db);
  }
}
