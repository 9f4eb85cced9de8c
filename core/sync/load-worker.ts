import { parentPort, workerData } from 'node:worker_threads';
import type { FeedPage } from '@shared/sync/protocol';
import type { WorkingCalendar } from '@shared/domain/calendar/working-calendar';
import { openStore } from '../store/db';
import { deferIndexes, restoreDeferredIndexes, SYNCED_TABLES } from '../store/bulk';
import { createWriter } from '../store/writer';
import { SyncCache } from './cache';
import type { LoadWorkerData, ToHost, ToLoader } from './load-worker-host';

/**
 * The initial sync's store thread (started by load-worker-host.ts). The host's thread fetches and
 * validates the feed pages and hands them over; this thread only stores them, each page with
 * its cursor in one transaction, into tables whose indexes are dropped until the end. So the
 * two halves of the work run on two cores, and the long index builds hold up no officer.
 */
const data = workerData as LoadWorkerData;
const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread');
const post = (message: ToHost) => port.postMessage(message);

const db = openStore(
  data.storePath,
  data.nativeBinding ? { nativeBinding: data.nativeBinding } : {},
);
const cache = new SyncCache(db, createWriter(db));
let calendar: WorkingCalendar | null = null;
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

/** Rebuilds the indexes (after a failure too: the officer works on at full speed) and ends. */
function finish(complete: boolean): void {
  restoreDeferredIndexes(db);
  if (complete) cache.markInitialDone();
  db.close();
  post({ type: 'done' });
  port?.close();
}

port.on('message', (message: ToLoader) => {
  try {
    if (message.type === 'page') {
      store(message.page);
      if (!message.page.hasMore) finish(true);
    } else finish(false);
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    try {
      finish(false);
    } catch {
      // The store is unusable; the host restores the indexes when it next opens it.
    }
  }
});
