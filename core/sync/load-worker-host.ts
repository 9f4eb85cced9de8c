import { Worker } from 'node:worker_threads';
import type { PageEffect } from './cache';
import { CentralError, type CentralErrorKind } from './central-client';

/** What the initial sync's thread needs: where the store is and how to reach the central API. */
export interface LoadWorkerData {
  storePath: string;
  nativeBinding?: string;
  serverUrl: string;
  token: string;
  pageSize: number;
  timeoutMs: number;
}

export type LoadWorkerMessage =
  | { type: 'page'; effect: PageEffect; done: number; total: number }
  | { type: 'done' }
  | { type: 'failed'; kind: CentralErrorKind; message: string; status?: number };

export interface LoadWorkerRun {
  /** Resolves when the load is complete; rejects with a CentralError the engine classifies. */
  readonly finished: Promise<void>;
  /** Stops the thread: its open transaction rolls back, the stored pages and cursor remain. */
  stop(): Promise<void>;
}

/**
 * Starts the initial sync on a worker thread. Bundled with the desktop shell, the worker is
 * `sync-worker.cjs` beside the main bundle (build/build.ts); run from the sources (tests, the
 * browser host under tsx), the thread first registers tsx so that it can load TypeScript, since a
 * worker does not inherit the loader hooks of its parent on Node 20.
 */
export function startLoadWorker(
  data: LoadWorkerData,
  onPage: (effect: PageEffect, done: number, total: number) => void,
): LoadWorkerRun {
  const worker = createWorker(data);
  let settled = false;
  const finished = new Promise<void>((resolve, reject) => {
    const fail = (error: CentralError) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    worker.on('message', (message: LoadWorkerMessage) => {
      if (settled) return;
      if (message.type === 'page') onPage(message.effect, message.done, message.total);
      else if (message.type === 'done') {
        settled = true;
        resolve();
      } else fail(new CentralError(message.kind, message.message, message.status));
    });
    worker.on('error', (error) =>
      fail(new CentralError('server', `the initial sync stopped: ${error.message}`)),
    );
    worker.on('exit', (code) =>
      fail(new CentralError('server', `the initial sync's thread ended early (exit code ${code})`)),
    );
  });
  // The engine awaits `finished`; a stop() before that must not count as unhandled.
  finished.catch(() => undefined);
  return {
    finished,
    stop: async () => {
      await worker.terminate();
    },
  };
}

function createWorker(data: LoadWorkerData): Worker {
  const here = import.meta.url;
  const options = { workerData: data, execArgv: [] as string[] };
  if (here.endsWith('.cjs')) return new Worker(new URL('./sync-worker.cjs', here), options);
  const entry = new URL('./load-worker.ts', here).href;
  const tsx = resolveTsx();
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { ...options, eval: true },
  );
}

function resolveTsx(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    return 'tsx/esm/api';
  }
}
