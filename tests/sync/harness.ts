import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncStatus } from '@shared/contract/api';
import { createCore, type Core } from '../../core/app';
import { memoryTokenStore, type TokenStore } from '../../core/sync/engine';
import { startCentral, type RunningCentral } from '../../central/index';
import type { StorageConfig } from '../../central/store/store';
import { TEST_PASSWORD_COST } from '../central/helpers';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';

/** Moment the synthetic world describes: now, so that the state machines' clock checks agree. */
export const WORLD_END = Math.floor(Date.now() / 60_000) * 60_000;

export async function startSyntheticCentral(
  storage: StorageConfig,
  size = { dossiers: 1200, complaints: 200 },
): Promise<RunningCentral> {
  return startCentral({
    storage,
    seed: {
      kind: 'generated',
      options: {
        seed: 11,
        dossiers: size.dossiers,
        complaints: size.complaints,
        end: WORLD_END,
        // Ten days of filings: plenty of dossiers still open (status 1, 2, 4…) for actions.
        days: 10,
        communes: 2,
      },
    },
    passwordCost: TEST_PASSWORD_COST,
    seedPasswordCost: TEST_PASSWORD_COST,
    log: () => undefined,
  });
}

export interface Client {
  core: Core;
  dataDir: string;
  tokens: TokenStore;
  statuses: SyncStatus[];
  restart(): Client;
  close(): void;
}

/** A client core on its own data directory, with fast retries so outages heal within a test. */
export function startClient(
  dataDir = mkdtempSync(join(tmpdir(), 'wb-sync-')),
  tokens: TokenStore = memoryTokenStore(),
  /** The smallest initial sync that goes to the loader thread (0: every one). */
  workerAbove?: number,
): Client {
  const core = createCore({
    dataDir,
    host: 'browser',
    tokenStore: tokens,
    log: () => undefined,
    sync: {
      retry: { baseMs: 50, maxMs: 400 },
      pageSize: 250,
      requestTimeoutMs: 5000,
      ...(workerAbove === undefined ? {} : { workerAbove }),
    },
  });
  const statuses: SyncStatus[] = [];
  core.events.onAny((event, payload) => {
    if (event === 'sync.status') statuses.push(payload as SyncStatus);
  });
  const client: Client = {
    core,
    dataDir,
    tokens,
    statuses,
    restart: () => {
      core.close();
      return startClient(dataDir, tokens, workerAbove);
    },
    close: () => core.close(),
  };
  return client;
}

export function removeClient(client: Client): void {
  client.close();
  rmSync(client.dataDir, { recursive: true, force: true });
}

export async function signIn(
  client: Client,
  serverUrl: string,
  username: string,
  password = 'demo',
): Promise<SyncStatus> {
  const result = await client.core.dispatch('session.login', { serverUrl, username, password });
  if (!result.ok) throw new Error(`sign-in of ${username} failed: ${result.error.message}`);
  return result.value as SyncStatus;
}

/** Polls `check` until it holds, for at most `ms` (bounded, so a broken test ends by itself). */
export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 15_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

export async function settled(client: Client): Promise<void> {
  await until(
    () => {
      const s = client.core.sync.status();
      return s.state === 'online' && s.pending === 0 && s.progress === null;
    },
    30_000,
    'the client to be online with nothing pending',
  ).catch((error: Error) => {
    throw new Error(`${error.message}; status: ${JSON.stringify(client.core.sync.status())}`);
  });
}

export function count(client: Client, sql: string, ...params: unknown[]): number {
  return (client.core.db.prepare(sql).get(...params) as { n: number }).n;
}

export { startFaultProxy, type FaultProxy };
