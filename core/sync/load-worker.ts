import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/db';
import { createWriter } from '../store/writer';
import { SyncCache } from './cache';
import { CentralError, createCentralClient } from './central-client';
import { bulkLoad } from './bulk-load';
import type { LoadWorkerData, LoadWorkerMessage } from './load-worker-host';

/**
 * The initial sync's thread (started by load-worker-host.ts): its own connection to the store,
 * its own HTTP client, and nothing else on its event loop. It reports every stored page and
 * ends with `done` or `failed`; the host's thread only forwards progress to the officer.
 */
const data = workerData as LoadWorkerData;
const port = parentPort;
if (!port) throw new Error('load-worker.ts runs as a worker thread');
const post = (message: LoadWorkerMessage) => port.postMessage(message);

async function main(): Promise<void> {
  const db = openStore(
    data.storePath,
    data.nativeBinding ? { nativeBinding: data.nativeBinding } : {},
  );
  try {
    const cache = new SyncCache(db, createWriter(db));
    const client = createCentralClient({
      baseUrl: data.serverUrl,
      token: () => data.token,
      timeoutMs: data.timeoutMs,
    });
    await bulkLoad({
      db,
      cache,
      client,
      pageSize: data.pageSize,
      onPage: (effect, done, total) => post({ type: 'page', effect, done, total }),
    });
    post({ type: 'done' });
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  post({
    type: 'failed',
    kind: error instanceof CentralError ? error.kind : 'server',
    message: error instanceof Error ? error.message : String(error),
    ...(error instanceof CentralError && error.status !== undefined
      ? { status: error.status }
      : {}),
  });
});
