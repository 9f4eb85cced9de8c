import { Worker } from 'node:worker_threads';
import type { PageEffect } from './cache';
import { CentralError, type FeedBody } from './central-client';

/** Where the store is: the loader thread opens its own connection to it. */
export interface LoadWorkerData {
  storePath: string;
  nativeBinding?: string;
  /** The store's key (a worker's data is copied, never shared: it stays in this process). */
  key?: Uint8Array;
}

/**
 * Host → loader: a page's body to check, parse and store (the one without `hasMore` ends the
 * load), or stop early.
 */
export type ToLoader = { type: 'page'; body: FeedBody } | { type: 'end' };
/**
 * Loader → host: a page is stored; the load is over; storing failed (`protocol`: because the
 * central API's answer broke the protocol, not because of the store).
 */
export type ToHost =
  | { type: 'stored'; effect: PageEffect }
  | { type: 'done' }
  | { type: 'failed'; message: string; protocol: boolean };

export interface LoadWorker {
  /**
   * Hands a page's body over (its bytes move to the loader thread: the caller must not use them
   * again); resolves once fewer than `ahead` pages wait to be stored.
   */
  store(body: FeedBody, ahead: number): Promise<void>;
  /** Ends the load early: the loader rebuilds the indexes and stops, the cursor stays. */
  end(): void;
  /** Resolves when the loader is done; rejects if storing failed or the thread died. */
  readonly finished: Promise<void>;
  /** Stops the thread at once (sign-out, shutdown): its open transaction rolls back. */
  stop(): Promise<void>;
}

/**
 * Starts the initial sync's store thread. Bundled with the desktop shell, it is `sync-worker.cjs`
 * beside the main bundle (build/build.ts); run from the sources (tests, the browser host under
 * tsx), the thread first registers tsx so that it can load TypeScript, since on Node 20 a worker
 * does not inherit its parent's loader hooks.
 */
export function startLoadWorker(
  data: LoadWorkerData,
  onStored: (effect: PageEffect) => void,
): LoadWorker {
  const worker = createWorker(data);
  let waiting = 0;
  let room: (() => void) | null = null;
  let settled = false;
  let failure: Error | null = null;
  const finished = new Promise<void>((resolve, reject) => {
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      room?.();
      if (error) reject(error);
      else resolve();
    };
    worker.on('message', (message: ToHost) => {
      if (message.type === 'stored') {
        waiting--;
        onStored(message.effect);
        room?.();
        room = null;
      } else if (message.type === 'failed') {
        failure = message.protocol
          ? new CentralError('server', message.message)
          : new Error(`storing the initial sync failed: ${message.message}`);
      } else settle(failure);
    });
    worker.on('error', (error) => settle(new Error(`the initial sync stopped: ${error.message}`)));
    worker.on('exit', (code) =>
      settle(failure ?? new Error(`the initial sync's thread ended early (exit code ${code})`)),
    );
  });
  // The engine awaits `finished` only at the end; meanwhile a failure must not count as unhandled.
  finished.catch(() => undefined);
  return {
    async store(body, ahead) {
      if (settled) throw failure ?? new Error("the initial sync's thread has ended");
      // Moved, not copied: the bytes are the page's only copy and nobody here reads them again.
      worker.postMessage({ type: 'page', body } satisfies ToLoader, [
        body.bytes.buffer as ArrayBuffer,
      ]);
      waiting++;
      while (waiting >= ahead && !settled) await new Promise<void>((resolve) => (room = resolve));
      if (settled && failure) throw failure;
    },
    end() {
      if (!settled) worker.postMessage({ type: 'end' } satisfies ToLoader);
    },
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
  return new Worker(
    `import(${JSON.stringify(resolveTsx())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
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
