import { parentPort, workerData } from 'node:worker_threads';
import type { FeedPage } from '@shared/sync/protocol';
import type { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { CentralError, readFeedBody } from './central-client';
import { openStore } from '../store/db';
import { deferIndexes, restoreDeferredIndexes, SYNCED_TABLES } from '../store/bulk';
import { createWriter } from '../store/writer';
import { SyncCache } from './cache';
import type { LoadWorkerData, ToHost, ToLoader } from './load-worker-host';

/**
 * The initial sync's store thread (started by load-worker-host.ts). The host's thread fetches the
 * feed pages and hands their bodies over as bytes; this thread parses and validates each one
 * (a page that breaks the protocol stops the load, nothing of it stored) and stores it with its
 * cursor in one transaction, into tables whose indexes are dropped until the end. So the host's
 * thread stays free for the officer, and no page is copied between threads as objects (which
 * cost as much as parsing it again).
 */
const data = workerData as LoadWorkerData;
const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread');
const post = (message: ToHost) => port.postMessage(message);

const options = {
  ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
  ...(data.key ? { key: Buffer.from(data.key) } : {}),
};
const db = openStore(data.storePath, options);
const cache = new SyncCache(db, createWriter(db));
let calendar: WorkingCalendar | null = null;
// The loader appends and reads little back: a 16 MB page cache loads as fast as the store's
// usual 64 MB, and on a plain store the index builds at the end (on this connection) no longer
// fill a second large cache in the same process.
db.pragma('cache_size = -16384');
deferIndexes(db, SYNCED_TABLES);

function store(page: FeedPage): void {
  const effect = cache.applyPage(page, () => {
    const context = cache.replayContext(calendar);
    calendar = context.calendar;
    return context;
  });
  if (effect.referenceChanged) calendar = null;
  post({ type: 'stored', effect });
}

/**
 * Rebuilds the indexes (after a failure too: the officer works on at full speed) and ends. On an
 * encrypted store they are built on a connection of their own that does not check the HMAC of
 * the pages it reads back (OpenStoreOptions.verifyPages), the pages this thread wrote moments
 * ago; this thread's connection, which checks them, then copies the new index pages from the
 * log into the file. The initial sync is marked done first: a crash during the builds leaves
 * them deferred, and the next open of the store restores them (bulk.ts), as it does after any
 * interrupted load.
 */
function finish(complete: boolean): void {
  if (complete) cache.markInitialDone();
  if (data.key) {
    // This connection's page cache is not needed while the other one builds.
    db.pragma('shrink_memory');
    openStore(data.storePath, { ...options, verifyPages: false }).close();
    db.pragma('wal_checkpoint(PASSIVE)');
  } else {
    restoreDeferredIndexes(db);
  }
  db.close();
  post({ type: 'done' });
  port?.close();
}

port.on('message', (message: ToLoader) => {
  try {
    if (message.type === 'page') {
      const page = readFeedBody(message.body);
      store(page);
      if (!page.hasMore) finish(true);
    } else finish(false);
  } catch (error) {
    post({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      protocol: error instanceof CentralError,
    });
    try {
      finish(false);
    } catch {
      // The store is unusable; the host restores the indexes when it next opens it.
    }
  }
});
